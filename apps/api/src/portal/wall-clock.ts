import { instantAt } from '@grants/common';
import { longDate } from '../register-pages/presenters';

/** A time of day on the funder's clocks. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/**
 * A time of day as people type it: "9am", "5:30pm", "12pm", "17:30", "09:00", "9.30", "midday",
 * "midnight". The 24-hour clock needs its minutes (a bare "17" is not read as a time).
 */
export function parseTimeOfDay(text: string): TimeOfDay | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (t === 'midday' || t === 'noon') return { hour: 12, minute: 0 };
  if (t === 'midnight') return { hour: 0, minute: 0 };
  const twelve = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)$/.exec(t);
  if (twelve) {
    const hour = Number(twelve[1]);
    const minute = Number(twelve[2] ?? '0');
    if (hour < 1 || hour > 12 || minute > 59) return null;
    return { hour: (hour % 12) + (twelve[3] === 'pm' ? 12 : 0), minute };
  }
  const day = /^(\d{1,2})[:.](\d{2})$/.exec(t);
  if (day) {
    const hour = Number(day[1]);
    const minute = Number(day[2]);
    return hour <= 23 && minute <= 59 ? { hour, minute } : null;
  }
  return null;
}

/** A time as GOV.UK writes one: "9am", "5:30pm", "midday", "midnight". */
export function timeOfDayText({ hour, minute }: TimeOfDay): string {
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'midday';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? 'am' : 'pm';
  return minute === 0 ? `${twelve}${suffix}` : `${twelve}:${String(minute).padStart(2, '0')}${suffix}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date and the time of day an instant was on the clocks of a time zone. */
export function wallClock(instant: Date, timeZone: string): { date: string } & TimeOfDay {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/**
 * The instant a calendar date and a time of day name on the funder's clocks, as the API takes instants
 * (ISO 8601, UTC): "1 June 2027 at 9am" in London is 08:00Z, in January 09:00Z.
 */
export function instantOn(date: string, time: TimeOfDay, timeZone: string): string {
  return instantAt(date, time.hour, time.minute, timeZone).toISOString();
}

/** An instant on the funder's clocks, written by `write`; never throws, and shows what is not one as it is. */
function onTheClocks(
  instant: unknown,
  timeZone: string,
  write: (date: string, time: TimeOfDay) => string,
): string {
  if (typeof instant !== 'string' && !(instant instanceof Date)) return '';
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return typeof instant === 'string' ? instant : '';
  try {
    const { date, ...time } = wallClock(at, timeZone);
    return write(longDate(date), time);
  } catch {
    return at.toISOString();
  }
}

/** An instant as the pages write a deadline, on the funder's clocks: "5pm on 31 July 2027". */
export function instantDateTime(instant: unknown, timeZone = 'Europe/London'): string {
  return onTheClocks(instant, timeZone, (date, time) => `${timeOfDayText(time)} on ${date}`);
}

/** An instant as the pages write when something happened: "3 May 2026 at 2:05pm". */
export function instantTime(instant: unknown, timeZone = 'Europe/London'): string {
  return onTheClocks(instant, timeZone, (date, time) => `${date} at ${timeOfDayText(time)}`);
}
