import { describe, expect, it } from 'vitest';
import { instantDate, longDate, money, monthName, paragraphs, plural, roleName } from './presenters';

describe('presenters', () => {
  it('writes money as pounds and pence', () => {
    expect(money(125_050)).toBe('£1,250.50');
    expect(money(0)).toBe('£0.00');
    expect(money(null)).toBe('');
    expect(money('12')).toBe('');
  });

  it('writes dates the GOV.UK way, in the funder’s time zone for instants', () => {
    expect(longDate('2026-04-01')).toBe('1 April 2026');
    expect(longDate('2026-13-01')).toBe('2026-13-01');
    expect(longDate(undefined)).toBe('');
    // 23:30 UTC on 31 May is 1 June in London (BST).
    expect(instantDate('2026-05-31T23:30:00Z', 'Europe/London')).toBe('1 June 2026');
    expect(instantDate('2026-05-31T23:30:00Z', 'UTC')).toBe('31 May 2026');
    expect(instantDate('not a date')).toBe('not a date');
    expect(instantDate(new Date('2026-05-31T23:30:00Z'), 'Europe/London')).toBe('1 June 2026');
    expect(instantDate(new Date(Number.NaN))).toBe('');
    expect(monthName('2026-11')).toBe('November 2026');
    expect(monthName('2026-00')).toBe('2026-00');
  });

  it('names roles as a reader would', () => {
    expect(roleName('approver')).toBe('Grants approver');
    expect(roleName('chief_executive')).toBe('Chief executive');
    expect(roleName(null)).toBe('');
  });

  it('splits free text into paragraphs at line breaks', () => {
    expect(paragraphs('One.\r\nTwo.\n\n\nThree. ')).toEqual(['One.', 'Two.', 'Three.']);
    expect(paragraphs('')).toEqual([]);
    expect(paragraphs(3)).toEqual([]);
  });

  it('counts', () => {
    expect(plural(1, 'grant')).toBe('1 grant');
    expect(plural(2, 'grant')).toBe('2 grants');
    expect(plural(0, 'month')).toBe('0 months');
  });
});
