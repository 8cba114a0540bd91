import { addDays } from '@grants/common';

export interface MonitoringTerms {
  /** The project's start (the application's, else the day the offer was accepted) and the award's end. */
  startDate: string;
  endDate: string;
  /** Awards longer than this many months report at half-way too; null: final report only. */
  interimReportOverMonths: number | null;
  finalReportDueDays: number;
}

export interface ScheduledReport {
  position: number;
  kind: 'interim' | 'final';
  periodStart: string;
  periodEnd: string;
  dueOn: string;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True when the project runs longer than `months` whole months (1 April to 30 September is six, not longer). */
function longerThan(start: string, end: string, months: number): boolean {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const limit = new Date(Date.UTC(y, m - 1 + months, d - 1)).toISOString().slice(0, 10);
  return end > limit;
}

/**
 * The reports an award owes (the monitoring condition of every offer): an interim report at the half-way
 * point when the project is longer than the round's threshold, and a final report a set number of days after
 * the end date, covering the whole project. Pure: the same terms always give the same schedule.
 */
export function monitoringScheduleFor(terms: MonitoringTerms): ScheduledReport[] {
  const start = terms.startDate <= terms.endDate ? terms.startDate : terms.endDate;
  const reports: ScheduledReport[] = [];
  if (
    terms.interimReportOverMonths !== null &&
    longerThan(start, terms.endDate, terms.interimReportOverMonths)
  ) {
    const halfWay = addDays(start, Math.floor(daysBetween(start, terms.endDate) / 2));
    reports.push({ position: 1, kind: 'interim', periodStart: start, periodEnd: halfWay, dueOn: halfWay });
  }
  reports.push({
    position: reports.length + 1,
    kind: 'final',
    periodStart: start,
    periodEnd: terms.endDate,
    dueOn: addDays(terms.endDate, terms.finalReportDueDays),
  });
  return reports;
}
