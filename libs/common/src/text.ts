/**
 * Optional free text as stored: surrounding whitespace dropped and a blank answer kept as null, so "not
 * answered" has one representation. `undefined` (the field was not sent) passes through untouched.
 */
export function trimToNull(value: string | null): string | null;
export function trimToNull(value: string | null | undefined): string | null | undefined;
export function trimToNull(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
