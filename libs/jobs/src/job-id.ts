/**
 * A job id from its domain key. BullMQ reserves `:` (its key separator), and an id that is the same
 * every time the same thing is asked for is what lets Redis refuse a duplicate.
 */
export function jobId(...parts: Array<string | number>): string {
  const id = parts.map(String).join('.');
  if (!id || id.includes(':') || id.length > 200) throw new Error(`not a usable job id: "${id}"`);
  return id;
}
