import { Injectable } from '@nestjs/common';
import { DomainError } from '@grants/common';
import { DataSource } from 'typeorm';
import { BreakdownCellRow, cellFigures, ReportQueries, rowTotal } from './report-queries';
import {
  Breakdown,
  BreakdownRow,
  BREAKDOWNS,
  COUNTED_AWARD_STATUSES,
  FundYearReport,
  PLAN_PERIOD_BREAKDOWNS,
  PlanPeriodReport,
  PlanPeriodRow,
} from './reports';
import { inSnapshot } from './snapshot';

/** The fund-year report and the plan-period report: a year's money cut several ways, and years side by side. */
@Injectable()
export class FundYearReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: ReportQueries,
  ) {}

  async fundYear(fundYearId: string): Promise<FundYearReport> {
    return inSnapshot(this.dataSource, async (em) => {
      const column = await this.queries.fundYear(em, fundYearId);
      if (!column) throw DomainError.notFound('The fund year');
      const rows = await this.queries.breakdowns(em, [fundYearId], BREAKDOWNS);
      const by = (breakdown: Breakdown): BreakdownRow[] =>
        rows
          .filter((r) => r.breakdown === breakdown)
          .map((r) => ({ key: r.key, label: r.label, ...cellFigures(r) }));
      return {
        ...column,
        countedStatuses: COUNTED_AWARD_STATUSES,
        byArea: by('area'),
        byPartnership: by('partnership'),
        byObjective: by('objective'),
        byAim: by('aim'),
        byRound: by('round'),
        byLegalForm: by('legal_form'),
      };
    });
  }

  async planPeriod(planId: string): Promise<PlanPeriodReport> {
    return inSnapshot(this.dataSource, async (em) => {
      const plan = await this.queries.plan(em, planId);
      if (!plan) throw DomainError.notFound('The plan');
      const fundYears = await this.queries.fundYearsOfPlan(em, planId);
      const rows = await this.queries.breakdowns(
        em,
        fundYears.map((c) => c.fundYear.id),
        PLAN_PERIOD_BREAKDOWNS,
      );
      return {
        plan,
        countedStatuses: COUNTED_AWARD_STATUSES,
        fundYears,
        byArea: sideBySide(rows, 'area'),
        byPartnership: sideBySide(rows, 'partnership'),
        byObjective: sideBySide(rows, 'objective'),
      };
    });
  }
}

/** The query gives each row's years one after another, in column order: here they become one row. */
function sideBySide(rows: readonly BreakdownCellRow[], breakdown: Breakdown): PlanPeriodRow[] {
  const out: PlanPeriodRow[] = [];
  for (const r of rows) {
    if (r.breakdown !== breakdown) continue;
    let row = out.at(-1);
    if (!row || row.key !== r.key) {
      row = { key: r.key, label: r.label, years: [], total: rowTotal(r) };
      out.push(row);
    }
    row.years.push({ fundYearId: r.fund_year_id, ...cellFigures(r) });
  }
  return out;
}
