import { instantDate } from '../register-pages/presenters';

/**
 * An instant as the date and clock time it was in the funder's time zone, "3 May 2026 at 2:05pm", the
 * GOV.UK style. Pages that show it say which zone, as every other date on them is that zone's too.
 */
export function instantTime(instant: unknown, timeZone = 'Europe/London'): string {
  const date = instantDate(instant, timeZone);
  if (!date || !(instant instanceof Date || typeof instant === 'string')) return date;
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return date;
  const parts = new Map(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const hour = parts.get('hour') === '0' ? '12' : parts.get('hour');
  return `${date} at ${hour}:${parts.get('minute')}${(parts.get('dayPeriod') ?? '').toLowerCase().replace(/\s|\./g, '')}`;
}
