/** Calendar dates (YYYY-MM-DD) are kept as strings: a date has no time zone, an instant does. */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Whole days from a to b (b - a), both calendar dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Adds months to a calendar date, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant as seen in a time zone (Europe/London for the fund's year boundary). */
export function calendarDateIn(instant: Date, timeZone: string): string {
  // Building a DateTimeFormat costs far more than using one, and this runs on every decision.
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/** A calendar date some days later (or earlier, for negative days). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone's clocks are ahead of UTC at an instant (60 in London's summer). */
function zoneOffsetMinutes(instant: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((local - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The instant a wall-clock time happens on a calendar date in a time zone ("09:00 in London on 1 March"). */
export function instantAt(date: string, hour: number, minute: number, timeZone: string): Date {
  // Reminder schedules ask for the same few instants again and again (every job re-derives its schedule).
  const key = `${date} ${hour}:${minute} ${timeZone}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  if (instants.size > 10_000) instants.clear();
  const at = computeInstantAt(date, hour, minute, timeZone);
  instants.set(key, at.getTime());
  return at;
}

const instants = new Map<string, number>();

function computeInstantAt(date: string, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  const first = wall - zoneOffsetMinutes(wall, timeZone) * 60_000;
  // Near a clock change the offset at the guess can differ from the offset at the answer.
  return new Date(wall - zoneOffsetMinutes(first, timeZone) * 60_000);
}
