import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter } from './public-rate-limit';

describe('the public register rate limit', () => {
  it('allows the limit per address per minute, then says how long to wait, and starts again next minute', () => {
    let now = 120_000 + 15_000;
    const limiter = new FixedWindowLimiter(3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(45);
    expect(limiter.take('b')).toBe(0);
    now = 180_000;
    expect(limiter.take('a')).toBe(0);
  });
});
