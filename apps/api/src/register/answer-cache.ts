/** A register answer as sent: the body and its ETag. */
export interface CachedAnswer {
  body: string;
  etag: string;
}

/**
 * The register's JSON answers as last read (a grant by its identifier, a page by its URL), least recently
 * used dropped first once they pass the byte budget. The register changes only when a publication job
 * runs, and each change drops everything (see RegisterChangeListener), so an answer from here is the one
 * the database would give.
 *
 * Only trusted while the listener is connected ("live"): a notice missed during an outage would leave a
 * stale answer, so going down or coming back both empty it. A read that began before a change must not be
 * stored after it: `token()` is taken before the read and `set` refuses a token from an earlier generation.
 */
export class RegisterAnswerCache {
  private readonly answers = new Map<string, CachedAnswer>();
  private bytes = 0;
  private generation = 0;
  private live = false;

  constructor(readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get isLive(): boolean {
    return this.live;
  }

  get size(): number {
    return this.answers.size;
  }

  get(key: string): CachedAnswer | undefined {
    if (!this.live) return undefined;
    const answer = this.answers.get(key);
    if (answer) {
      // Map keeps insertion order: moving a hit to the end makes the first key the least recently used.
      this.answers.delete(key);
      this.answers.set(key, answer);
    }
    return answer;
  }

  /** Taken before reading the database; `set` stores the result only if nothing changed meanwhile. */
  token(): number {
    return this.generation;
  }

  set(key: string, answer: CachedAnswer, token: number): void {
    if (!this.live || token !== this.generation) return;
    const cost = weight(key, answer);
    if (cost > this.maxBytes) return;
    const previous = this.answers.get(key);
    if (previous) {
      this.bytes -= weight(key, previous);
      this.answers.delete(key);
    }
    this.answers.set(key, answer);
    this.bytes += cost;
    for (const [oldest, dropped] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(oldest);
      this.bytes -= weight(oldest, dropped);
    }
  }

  /** The register changed: nothing held is known to be current. */
  invalidate(): void {
    this.generation++;
    this.answers.clear();
    this.bytes = 0;
  }

  /** The change notices started or stopped arriving; either way what is held may have been missed. */
  setLive(live: boolean): void {
    this.live = live && this.enabled;
    this.invalidate();
  }
}

/** Counted at two bytes a character, the most a JavaScript string holds one in. */
function weight(key: string, answer: CachedAnswer): number {
  return 2 * (key.length + answer.body.length + answer.etag.length);
}
