import { addDays, instantAt } from '@grants/common';
import { JobPayloads, jobId, ReminderKind, ReminderSubjectType } from '@grants/jobs';

/** Reminders and deadlines are Europe/London days: a volunteer's "7 days before" is their calendar's. */
export const REMINDER_TIME_ZONE = 'Europe/London';
/** Reminders go out at the start of a working morning, not at midnight. */
const SEND_HOUR = 9;

export type PlannedJob =
  | {
      name: 'reminders.send';
      jobId: string;
      fireAt: Date;
      /** Of the due reminders in one group, only the latest is sent (a late 7-day reminder beside a 1-day one is noise). */
      group: string;
      payload: JobPayloads['reminders.send'];
    }
  | {
      name: 'reminders.lapse-offer';
      jobId: string;
      fireAt: Date;
      payload: JobPayloads['reminders.lapse-offer'];
    };

export interface OfferFacts {
  awardId: string;
  status: string;
  acceptanceDeadline: string;
  offeredAt: Date;
}

export interface RoundFacts {
  roundId: string;
  publishedAt: Date | null;
  closesAt: Date;
}

export interface MonitoringReportFacts {
  reportId: string;
  /** Still owed by the group: not yet submitted, or sent back for changes. */
  outstanding: boolean;
  dueOn: string;
  createdAt: Date;
}

function send(
  kind: ReminderKind,
  subjectType: ReminderSubjectType,
  subjectId: string,
  dueOn: string,
  fireAt: Date,
  group: string,
): PlannedJob {
  return {
    name: 'reminders.send',
    jobId: jobId(kind, subjectId, dueOn),
    fireAt,
    group,
    payload: { kind, subjectType, subjectId, dueOn },
  };
}

/** 7 and 1 days before the acceptance deadline, then the lapse as the deadline day ends. */
export function offerSchedule(offer: OfferFacts): PlannedJob[] {
  if (offer.status !== 'offered') return [];
  const deadline = offer.acceptanceDeadline;
  const at = (days: number, hour: number): Date =>
    instantAt(addDays(deadline, days), hour, 0, REMINDER_TIME_ZONE);
  const reminders = [
    send('offer-7-days', 'offer', offer.awardId, deadline, at(-7, SEND_HOUR), 'offer'),
    send('offer-1-day', 'offer', offer.awardId, deadline, at(-1, SEND_HOUR), 'offer'),
  ].filter((r) => r.fireAt >= offer.offeredAt); // an offer made 5 days out gets no "7 days left" email
  return [
    ...reminders,
    {
      name: 'reminders.lapse-offer',
      jobId: jobId('lapse-offer', offer.awardId, deadline),
      fireAt: at(1, 0),
      payload: { awardId: offer.awardId, deadline },
    },
  ];
}

const DAY_MS = 86_400_000;

/** 3 days before a published round closes, to groups with a draft in it. */
export function roundSchedule(round: RoundFacts): PlannedJob[] {
  if (!round.publishedAt) return [];
  const fireAt = new Date(round.closesAt.getTime() - 3 * DAY_MS);
  if (fireAt < round.publishedAt) return [];
  const closesOn = round.closesAt.toISOString().slice(0, 10);
  return [send('round-closing', 'round', round.roundId, closesOn, fireAt, 'round')];
}

/**
 * 14 days before due, on the due date, then weekly while overdue; with the second overdue reminder the
 * officer is told too. Overdue reminders are listed up to a week past `now`: the daily sweep extends them.
 */
export function monitoringSchedule(report: MonitoringReportFacts, now: Date): PlannedJob[] {
  if (!report.outstanding) return [];
  const at = (date: string): Date => instantAt(date, SEND_HOUR, 0, REMINDER_TIME_ZONE);
  const id = report.reportId;
  const jobs: PlannedJob[] = [
    send(
      'monitoring-upcoming',
      'monitoring-report',
      id,
      report.dueOn,
      at(addDays(report.dueOn, -14)),
      'group',
    ),
    send('monitoring-due', 'monitoring-report', id, report.dueOn, at(report.dueOn), 'group'),
  ];
  for (let week = 1; ; week++) {
    const on = addDays(report.dueOn, 7 * week);
    const fireAt = at(on);
    if (fireAt.getTime() > now.getTime() + 7 * DAY_MS) break;
    jobs.push(send('monitoring-overdue', 'monitoring-report', id, on, fireAt, 'group'));
    if (week === 2) jobs.push(send('monitoring-escalation', 'monitoring-report', id, on, fireAt, 'officer'));
  }
  return jobs.filter((j) => j.fireAt >= report.createdAt);
}

/**
 * What is owed now: everything whose time has come, less reminders superseded by a later one in their
 * group. Deadlines (lapses) are never superseded.
 */
export function dueNow(jobs: PlannedJob[], now: Date): PlannedJob[] {
  const due = jobs.filter((j) => j.fireAt <= now);
  const latest = new Map<string, number>();
  for (const j of due) {
    if (j.name === 'reminders.send')
      latest.set(j.group, Math.max(latest.get(j.group) ?? 0, j.fireAt.getTime()));
  }
  return due.filter((j) => j.name !== 'reminders.send' || j.fireAt.getTime() === latest.get(j.group));
}
