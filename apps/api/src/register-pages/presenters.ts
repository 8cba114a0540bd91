import { calendarDateIn, formatPence } from '@grants/common';

/**
 * How the pages write money, dates and roles, in the GOV.UK style ("£1,250.00", "1 April 2026"). These
 * become Nunjucks filters; each takes what the register stores and never throws on odd input, because a
 * page that fails to format one field should still show the rest.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Integer pence as pounds and pence: 125050 → "£1,250.50". */
export function money(pence: unknown): string {
  return typeof pence === 'number' && Number.isFinite(pence) ? formatPence(pence) : '';
}

/** A calendar date (YYYY-MM-DD) as "1 April 2026"; anything else is shown as it is. */
export function longDate(date: unknown): string {
  if (typeof date !== 'string') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

/**
 * An instant (ISO 8601, or a Date as the services hand them to the portal's pages) as the calendar date
 * it was in the funder's time zone, "1 November 2026".
 */
export function instantDate(instant: unknown, timeZone = 'Europe/London'): string {
  if (typeof instant !== 'string' && !(instant instanceof Date)) return '';
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return typeof instant === 'string' ? instant : '';
  try {
    return longDate(calendarDateIn(at, timeZone));
  } catch {
    return longDate(at.toISOString().slice(0, 10));
  }
}

/** A month (YYYY-MM) as "November 2026". */
export function monthName(month: unknown): string {
  if (typeof month !== 'string') return '';
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : month;
}

const ROLES: Record<string, string> = {
  approver: 'Grants approver',
  officer: 'Grants officer',
  finance: 'Finance officer',
  admin: 'Administrator',
};

/** Who in the office decided, as a reader would say it, not as the system stores it. */
export function roleName(role: unknown): string {
  if (typeof role !== 'string' || role === '') return '';
  return ROLES[role] ?? role.charAt(0).toUpperCase() + role.slice(1).replace(/_/g, ' ');
}

/** Free text as paragraphs: officers write descriptions with line breaks, and HTML would run them together. */
export function paragraphs(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(/\r?\n(?:\s*\r?\n)*/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** "1 grant", "2 grants". */
export function plural(count: unknown, one: string, many = `${one}s`): string {
  return `${String(count)} ${count === 1 ? one : many}`;
}

export const PRESENTERS = { money, longDate, instantDate, monthName, roleName, paragraphs, plural } as const;
