import { describe, expect, it } from 'vitest';
import { monitoringScheduleFor } from './monitoring-schedule';

describe('the monitoring schedule of an award', () => {
  it('asks a year-long project for an interim report at half-way and a final report four weeks after the end', () => {
    expect(
      monitoringScheduleFor({
        startDate: '2026-04-01',
        endDate: '2027-03-31',
        interimReportOverMonths: 6,
        finalReportDueDays: 28,
      }),
    ).toEqual([
      {
        position: 1,
        kind: 'interim',
        periodStart: '2026-04-01',
        periodEnd: '2026-09-30',
        dueOn: '2026-09-30',
      },
      { position: 2, kind: 'final', periodStart: '2026-04-01', periodEnd: '2027-03-31', dueOn: '2027-04-28' },
    ]);
  });

  it('asks a project of six months or less for the final report only', () => {
    const six = monitoringScheduleFor({
      startDate: '2026-04-01',
      endDate: '2026-09-30',
      interimReportOverMonths: 6,
      finalReportDueDays: 28,
    });
    expect(six.map((r) => r.kind)).toEqual(['final']);
    const longer = monitoringScheduleFor({
      startDate: '2026-04-01',
      endDate: '2026-10-01',
      interimReportOverMonths: 6,
      finalReportDueDays: 28,
    });
    expect(longer.map((r) => r.kind)).toEqual(['interim', 'final']);
  });

  it('follows the round: no interim report at all, or a different final deadline', () => {
    const reports = monitoringScheduleFor({
      startDate: '2026-04-01',
      endDate: '2028-03-31',
      interimReportOverMonths: null,
      finalReportDueDays: 0,
    });
    expect(reports).toEqual([
      { position: 1, kind: 'final', periodStart: '2026-04-01', periodEnd: '2028-03-31', dueOn: '2028-03-31' },
    ]);
  });
});
