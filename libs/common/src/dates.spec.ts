import { describe, expect, it } from 'vitest';
import { addDays, instantAt } from './dates';

describe('calendar dates and wall-clock instants', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('finds 09:00 in London in winter (GMT) and summer (BST)', () => {
    expect(instantAt('2027-01-15', 9, 0, 'Europe/London').toISOString()).toBe('2027-01-15T09:00:00.000Z');
    expect(instantAt('2027-07-15', 9, 0, 'Europe/London').toISOString()).toBe('2027-07-15T08:00:00.000Z');
  });

  it('gets midnight right on the days the clocks change', () => {
    expect(instantAt('2027-03-28', 0, 0, 'Europe/London').toISOString()).toBe('2027-03-28T00:00:00.000Z');
    expect(instantAt('2027-03-29', 0, 0, 'Europe/London').toISOString()).toBe('2027-03-28T23:00:00.000Z');
    expect(instantAt('2027-10-31', 9, 0, 'Europe/London').toISOString()).toBe('2027-10-31T09:00:00.000Z');
  });
});
