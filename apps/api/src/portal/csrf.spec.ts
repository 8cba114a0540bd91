import { describe, expect, it } from 'vitest';
import { csrfMatches, newCsrfToken, usableCsrfToken } from './csrf';

describe('form tokens', () => {
  it('are 32 random bytes, different every time', () => {
    const a = newCsrfToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCsrfToken()).not.toBe(a);
  });

  it('match only the same token, present in both the cookie and the form', () => {
    const token = newCsrfToken();
    expect(csrfMatches(token, token)).toBe(true);
    expect(csrfMatches(token, newCsrfToken())).toBe(false);
    expect(csrfMatches(token, '')).toBe(false);
    expect(csrfMatches(undefined, token)).toBe(false);
    expect(csrfMatches('', '')).toBe(false);
    expect(csrfMatches(token, token.slice(1))).toBe(false);
  });

  it('refuse a cookie this service could not have issued', () => {
    expect(usableCsrfToken('short')).toBeUndefined();
    expect(usableCsrfToken(`${'a'.repeat(42)}=`)).toBeUndefined();
    expect(csrfMatches('x'.repeat(43).replace(/^x/, '!'), '!'.padEnd(43, 'x'))).toBe(false);
  });
});
