import { describe, expect, it } from 'vitest';
import {
  instantDateTime,
  instantOn,
  parseTimeOfDay,
  timeOfDayText,
  wallClock,
  instantTime,
} from './wall-clock';

describe('times on the funder’s clocks', () => {
  it('reads the times people type, in either clock', () => {
    expect(parseTimeOfDay('9am')).toEqual({ hour: 9, minute: 0 });
    expect(parseTimeOfDay(' 5:30 PM ')).toEqual({ hour: 17, minute: 30 });
    expect(parseTimeOfDay('12pm')).toEqual({ hour: 12, minute: 0 });
    expect(parseTimeOfDay('12am')).toEqual({ hour: 0, minute: 0 });
    expect(parseTimeOfDay('17:30')).toEqual({ hour: 17, minute: 30 });
    expect(parseTimeOfDay('09.05')).toEqual({ hour: 9, minute: 5 });
    expect(parseTimeOfDay('midday')).toEqual({ hour: 12, minute: 0 });
    expect(parseTimeOfDay('Midnight')).toEqual({ hour: 0, minute: 0 });
    for (const bad of ['', '17', '13pm', '0am', '24:00', '9:60', '9:5', 'soon', '9am tomorrow']) {
      expect(parseTimeOfDay(bad), bad).toBeNull();
    }
  });

  it('writes times as GOV.UK does', () => {
    expect(timeOfDayText({ hour: 9, minute: 0 })).toBe('9am');
    expect(timeOfDayText({ hour: 17, minute: 30 })).toBe('5:30pm');
    expect(timeOfDayText({ hour: 12, minute: 0 })).toBe('midday');
    expect(timeOfDayText({ hour: 0, minute: 0 })).toBe('midnight');
    expect(timeOfDayText({ hour: 0, minute: 15 })).toBe('12:15am');
    expect(timeOfDayText({ hour: 12, minute: 5 })).toBe('12:05pm');
  });

  it('turns a London date and time into the instant, summer and winter', () => {
    expect(instantOn('2027-06-01', { hour: 9, minute: 0 }, 'Europe/London')).toBe('2027-06-01T08:00:00.000Z');
    expect(instantOn('2027-01-15', { hour: 17, minute: 0 }, 'Europe/London')).toBe(
      '2027-01-15T17:00:00.000Z',
    );
    expect(wallClock(new Date('2027-06-01T08:00:00Z'), 'Europe/London')).toEqual({
      date: '2027-06-01',
      hour: 9,
      minute: 0,
    });
    expect(wallClock(new Date('2027-03-31T23:30:00Z'), 'Europe/London')).toEqual({
      date: '2027-04-01',
      hour: 0,
      minute: 30,
    });
  });

  it('shows a deadline with its time, and never throws on what is not an instant', () => {
    expect(instantDateTime(new Date('2027-07-31T16:00:00Z'))).toBe('5pm on 31 July 2027');
    expect(instantDateTime('2027-12-01T00:00:00Z', 'Europe/London')).toBe('midnight on 1 December 2027');
    expect(instantDateTime('not a time')).toBe('not a time');
    expect(instantDateTime(undefined)).toBe('');
    expect(instantDateTime(42)).toBe('');
  });

  it('shows when something happened as the date and time it was on the funder’s clocks', () => {
    // British Summer Time: an hour ahead of UTC, and past midnight already on 1 June.
    expect(instantTime(new Date('2026-05-03T13:05:00Z'))).toBe('3 May 2026 at 2:05pm');
    expect(instantTime('2026-05-31T23:30:00Z')).toBe('1 June 2026 at 12:30am');
    expect(instantTime(new Date('2026-01-03T12:00:00Z'))).toBe('3 January 2026 at midday');
    expect(instantTime(new Date('2026-01-03T09:07:00Z'), 'UTC')).toBe('3 January 2026 at 9:07am');
    expect(instantTime(undefined)).toBe('');
    expect(instantTime(new Date(Number.NaN))).toBe('');
  });
});
