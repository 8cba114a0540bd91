import { Injectable } from '@nestjs/common';
import { DomainError } from '@grants/common';
import { DataSource } from 'typeorm';
import { ReportQueries } from './report-queries';
import { COUNTED_AWARD_STATUSES, MeasuresReport } from './reports';
import { inSnapshot } from './snapshot';

/** Outcomes against the plan's success measures, for a fund year, a plan, or a plan's awards in one year. */
@Injectable()
export class MeasuresReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: ReportQueries,
  ) {}

  async report(scope: { fundYearId?: string; planId?: string }): Promise<MeasuresReport> {
    if (scope.fundYearId === undefined && scope.planId === undefined) {
      const message = 'give fundYearId or planId (or both) to say which awards the report covers';
      throw DomainError.invalid([
        { field: 'fundYearId', message },
        { field: 'planId', message },
      ]);
    }
    return inSnapshot(this.dataSource, async (em) => {
      const fundYear =
        scope.fundYearId === undefined ? null : await this.queries.fundYearSummary(em, scope.fundYearId);
      if (scope.fundYearId !== undefined && !fundYear) throw DomainError.notFound('The fund year');
      const plan = scope.planId === undefined ? null : await this.queries.plan(em, scope.planId);
      if (scope.planId !== undefined && !plan) throw DomainError.notFound('The plan');
      const measures = await this.queries.measures(em, {
        fundYearId: scope.fundYearId ?? null,
        planId: scope.planId ?? null,
      });
      return { scope: { fundYear, plan }, countedStatuses: COUNTED_AWARD_STATUSES, measures };
    });
  }
}
