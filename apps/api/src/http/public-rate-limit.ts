import { DomainError, ErrorCode } from '@grants/common';
import { FastifyInstance } from 'fastify';
import { toProblem } from './problem.filter';

const WINDOW_MS = 60_000;
/**
 * Paths the public reaches without signing in, and so the ones a scraper or a flood would hit. The pages'
 * static assets are left out: one page view fetches several, and they are cached for a year.
 */
const PUBLIC_PATHS = /^\/(api\/v1\/)?register(?!\/assets\/)(\/|\.|\?|$)/;

/**
 * A fixed one-minute window per client address over the public register. Counting is in this process:
 * the register is a cache-friendly read, and a shared counter would cost a Redis round trip on every
 * request; with N replicas behind a balancer a client gets at most N times the limit (decision 0011).
 */
export class FixedWindowLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the caller may try again, or 0 when this request is allowed. */
  take(key: string): number {
    const now = this.now();
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now - (now % WINDOW_MS);
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count > this.limit ? Math.ceil((this.windowStart + WINDOW_MS - now) / 1000) : 0;
  }
}

export function registerPublicRateLimit(fastify: FastifyInstance, limitPerMinute: number): void {
  const limiter = new FixedWindowLimiter(limitPerMinute);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!PUBLIC_PATHS.test(request.url)) return done();
    const wait = limiter.take(request.ip);
    if (wait === 0) return done();
    const problem = toProblem(
      new DomainError(ErrorCode.Throttled, `Too many requests to the register; try again in ${wait} seconds`),
      String(request.id),
    );
    void reply
      .status(429)
      .header('retry-after', String(wait))
      .type('application/problem+json')
      .send(JSON.stringify(problem));
  });
}
