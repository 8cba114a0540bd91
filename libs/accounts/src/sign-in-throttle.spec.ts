import { describe, expect, it } from 'vitest';
import { combineVerdicts, throttleVerdict } from './sign-in-throttle';

const MIN = 60_000;
const now = new Date('2026-05-01T12:00:00Z');
const ago = (ms: number): Date => new Date(now.getTime() - ms);

describe('sign-in throttle window', () => {
  it('allows while fewer failures than the limit lie in the window', () => {
    expect(throttleVerdict([ago(1 * MIN), ago(2 * MIN)], 3, 15 * MIN, now)).toEqual({
      allowed: true,
      retryAfterSeconds: 0,
    });
  });

  it('ignores failures older than the window', () => {
    const failures = [ago(16 * MIN), ago(20 * MIN), ago(1 * MIN), ago(2 * MIN)];
    expect(throttleVerdict(failures, 3, 15 * MIN, now).allowed).toBe(true);
  });

  it('refuses at the limit until the oldest counted failure ages out', () => {
    const failures = [ago(10 * MIN), ago(5 * MIN), ago(1 * MIN)];
    expect(throttleVerdict(failures, 3, 15 * MIN, now)).toEqual({
      allowed: false,
      retryAfterSeconds: 5 * 60,
    });
  });

  it('over the limit, waits for enough failures to leave so one more try fits', () => {
    const failures = [ago(14 * MIN), ago(10 * MIN), ago(5 * MIN), ago(1 * MIN)];
    // limit 3: the window must drop to 2 failures, so the 10-minute-old one must leave: 5 minutes.
    expect(throttleVerdict(failures, 3, 15 * MIN, now).retryAfterSeconds).toBe(5 * 60);
  });

  it('rounds the wait up to a whole second and never says zero', () => {
    const failures = [ago(15 * MIN - 300)];
    expect(throttleVerdict(failures, 1, 15 * MIN, now)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    const edge = [ago(15 * MIN - 1500)];
    expect(throttleVerdict(edge, 1, 15 * MIN, now).retryAfterSeconds).toBe(2);
  });

  it('does not count failures dated after now (clock skew)', () => {
    expect(throttleVerdict([new Date(now.getTime() + MIN)], 1, 15 * MIN, now).allowed).toBe(true);
  });

  it('combines verdicts by taking the longest wait', () => {
    const ok = { allowed: true, retryAfterSeconds: 0 };
    expect(combineVerdicts(ok, ok)).toEqual(ok);
    expect(
      combineVerdicts(
        ok,
        { allowed: false, retryAfterSeconds: 30 },
        { allowed: false, retryAfterSeconds: 90 },
      ),
    ).toEqual({ allowed: false, retryAfterSeconds: 90 });
  });
});
