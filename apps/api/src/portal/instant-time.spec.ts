import { describe, expect, it } from 'vitest';
import { instantTime } from './instant-time';

describe('instantTime', () => {
  it('writes an instant as the date and time it was in the funder’s zone', () => {
    // British Summer Time: an hour ahead of UTC, and past midnight already on 1 June.
    expect(instantTime(new Date('2026-05-03T13:05:00Z'))).toBe('3 May 2026 at 2:05pm');
    expect(instantTime('2026-05-31T23:30:00Z')).toBe('1 June 2026 at 12:30am');
    expect(instantTime(new Date('2026-01-03T12:00:00Z'))).toBe('3 January 2026 at 12:00pm');
    expect(instantTime(new Date('2026-01-03T09:07:00Z'), 'UTC')).toBe('3 January 2026 at 9:07am');
  });

  it('shows nothing for what is not an instant', () => {
    expect(instantTime(undefined)).toBe('');
    expect(instantTime(new Date(Number.NaN))).toBe('');
  });
});
