import { Controller, Get, Param, Query, Res, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Role } from '@grants/accounts';
import {
  csvFilename,
  FundYearReport,
  FundYearReportResponse,
  FundYearReportsService,
  fundYearReportCsv,
  MeasuresReport,
  MeasuresReportQuery,
  MeasuresReportResponse,
  MeasuresReportService,
  measuresReportCsv,
  PlanPeriodReport,
  PlanPeriodReportQuery,
  PlanPeriodReportResponse,
  planPeriodReportCsv,
  ReportFormatQuery,
} from '@grants/reporting';
import { FastifyReply } from 'fastify';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

/** The report as JSON, or with `?format=csv` the same figures as a CSV download: both documented. */
function jsonOrCsv(type: Type<unknown>): MethodDecorator {
  return ApiOkResponse({
    description:
      'The report as JSON; with `?format=csv`, an RFC 4180 CSV download (UTF-8) of the same figures',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(type) } },
      'text/csv': { schema: { type: 'string', format: 'binary' } },
    },
  });
}

const STAFF = [Role.Officer, Role.Approver, Role.Finance, Role.Admin];

/**
 * The officers' reports: everything is added up by PostgreSQL; see docs/reporting.md for exactly how each
 * figure is computed and what the CSV holds.
 */
@ApiTags('reporting')
@ApiExtraModels(FundYearReportResponse, MeasuresReportResponse, PlanPeriodReportResponse)
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly fundYears: FundYearReportsService,
    private readonly measures: MeasuresReportService,
  ) {}

  @Get('fund-years/:id')
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      "A fund year's position and its awards by area, partnership, objective, aim, round and legal form",
    description:
      'Money (committed = commitments − releases, paid, returned) comes from the ledger for every award of the ' +
      'year; `awards` counts only awards offered, accepted, completed or revoked (declined and lapsed offers ' +
      'net to nothing and are not counted). An award serving two objectives counts under both in byObjective ' +
      '(and under both aims in byAim, once per aim), so those two breakdowns may add up to more than the ' +
      "year's totals; the others add up exactly. An area in no partnership is under key null, " +
      '"No partnership". A row appears only when it has a counted award or money. `?format=csv` for CSV.',
  })
  @jsonOrCsv(FundYearReportResponse)
  async fundYear(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ReportFormatQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FundYearReport | string> {
    const report = await this.fundYears.fundYear(id);
    if (query.format !== 'csv') return report;
    return csv(
      reply,
      csvFilename('fund-year', report.fundYear.fundName, report.fundYear.label),
      fundYearReportCsv(report),
    );
  }

  @Get('measures')
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      "Outcomes against the plan's success measures: grants, targets, accepted figures and case studies",
    description:
      'Give fundYearId, planId or both (400 naming them otherwise). For each success measure: the counted ' +
      'awards in scope whose application committed to it, their targets added up, and the reported total: ' +
      "each such award's figure from its latest accepted report that gives one (figures are cumulative, so " +
      'only the latest counts; reports not yet accepted never count), added up. Case studies: every one in ' +
      "an accepted report of an award in scope serving the measure's objective, unredacted (officers see " +
      'all). `?format=csv` for CSV (one row per measure, case studies counted).',
  })
  @jsonOrCsv(MeasuresReportResponse)
  async measuresReport(
    @Query() query: MeasuresReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeasuresReport | string> {
    const report = await this.measures.report({ fundYearId: query.fundYearId, planId: query.planId });
    if (query.format !== 'csv') return report;
    const name = [report.scope.plan?.key, report.scope.fundYear?.label].filter((s): s is string => !!s);
    return csv(reply, csvFilename('measures', ...name), measuresReportCsv(report));
  }

  @Get('plan-period')
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      "The plan's life: each fund year starting within its period side by side, by area, partnership and objective",
    description:
      'fundYears are the columns, in start order, each with its position and totals; each breakdown row has ' +
      'one cell per fund year in the same order (zeros where it had none) and its total across them. Figures ' +
      'as in GET /reports/fund-years/:id (an award serving two objectives counts under both). ' +
      '`?format=csv` for CSV (one row per breakdown row and year).',
  })
  @jsonOrCsv(PlanPeriodReportResponse)
  async planPeriod(
    @Query() query: PlanPeriodReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanPeriodReport | string> {
    const report = await this.fundYears.planPeriod(query.planId);
    if (query.format !== 'csv') return report;
    return csv(reply, csvFilename('plan-period', report.plan.key), planPeriodReportCsv(report));
  }
}

function csv(reply: FastifyReply, filename: string, body: string): string {
  void reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`);
  return body;
}
