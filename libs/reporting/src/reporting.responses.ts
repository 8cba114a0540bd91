import { ApiProperty, OmitType } from '@nestjs/swagger';
import { FundYearPositionResponse } from '@grants/funds';
import { COUNTED_AWARD_STATUSES } from './reports';

/** Response shapes, for the OpenAPI document only: they mirror the interfaces in reports.ts. */

const FUND_YEAR_ID = '0b7c9a52-5a55-4b8e-9f39-1a2b3c4d5e6f';
const FUND_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const PLAN_ID = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const AWARD_ID = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

const COUNTED = {
  description:
    'The award statuses counted in `awards` (and `grants`): declined and lapsed offers are not counted; ' +
    'the money columns come from the ledger whatever the status (a declined offer nets to 0)',
  enum: COUNTED_AWARD_STATUSES,
  isArray: true,
  example: COUNTED_AWARD_STATUSES,
};

export class ReportFundYearResponse {
  @ApiProperty({ format: 'uuid', example: FUND_YEAR_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: FUND_ID }) fundId!: string;
  @ApiProperty({ example: 'Community Safety Fund' }) fundName!: string;
  @ApiProperty({ example: '2013/14' }) label!: string;
  @ApiProperty({ type: String, format: 'date', example: '2013-04-01' }) startsOn!: string;
  @ApiProperty({ type: String, format: 'date', example: '2014-03-31' }) endsOn!: string;
}

/** The fund year's position as the funds lib reports it, without the year (given beside it) or its sources. */
export class ReportPositionResponse extends OmitType(FundYearPositionResponse, [
  'fundYear',
  'sources',
  'sourcesTotalPence',
] as const) {}

export class AwardFiguresResponse {
  @ApiProperty({
    type: 'integer',
    example: 3,
    description: 'Awards in a counted status (see countedStatuses)',
  })
  awards!: number;
  @ApiProperty({
    type: 'integer',
    example: 1_500_000,
    description: 'Commitments less releases, from the ledger',
  })
  committedPence!: number;
  @ApiProperty({ type: 'integer', example: 900_000, description: 'Payments, from the ledger' })
  paidPence!: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'Returns, from the ledger' })
  returnedPence!: number;
}

export class BreakdownRowResponse extends AwardFiguresResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'E07000235',
    description:
      'Area: ONS code; partnership: its key; objective, aim, round: id; legal form: its code. ' +
      'Null for awards with none ("No partnership", "No objective", "No aim")',
  })
  key!: string | null;
  @ApiProperty({ example: 'Malvern Hills' }) label!: string;
}

export class FundYearReportResponse {
  @ApiProperty({ type: ReportFundYearResponse }) fundYear!: ReportFundYearResponse;
  @ApiProperty({
    type: ReportPositionResponse,
    description: 'The same figures as GET /fund-years/:id/position',
  })
  position!: ReportPositionResponse;
  @ApiProperty({
    type: AwardFiguresResponse,
    description:
      "Every award of the year once: the money equals the position's net committed, paid, returned",
  })
  totals!: AwardFiguresResponse;
  @ApiProperty(COUNTED) countedStatuses!: string[];
  @ApiProperty({
    type: [BreakdownRowResponse],
    description: "By the recipient organisation's local authority area",
  })
  byArea!: BreakdownRowResponse[];
  @ApiProperty({
    type: [BreakdownRowResponse],
    description: 'By the Community Safety Partnership covering that area; key null: "No partnership"',
  })
  byPartnership!: BreakdownRowResponse[];
  @ApiProperty({
    type: [BreakdownRowResponse],
    description:
      'By plan objective served: an award serving two objectives counts in both, so totals may exceed the year',
  })
  byObjective!: BreakdownRowResponse[];
  @ApiProperty({
    type: [BreakdownRowResponse],
    description: 'By plan aim served: once per aim, but an award serving two aims counts in both',
  })
  byAim!: BreakdownRowResponse[];
  @ApiProperty({ type: [BreakdownRowResponse] }) byRound!: BreakdownRowResponse[];
  @ApiProperty({ type: [BreakdownRowResponse], description: "By the recipient's legal form" })
  byLegalForm!: BreakdownRowResponse[];
}

export class ReportPlanResponse {
  @ApiProperty({ format: 'uuid', example: PLAN_ID }) id!: string;
  @ApiProperty({ example: 'forward-together' }) key!: string;
  @ApiProperty({ example: 'Forward Together: Police and Crime Plan for West Mercia' }) title!: string;
  @ApiProperty({ type: String, format: 'date', example: '2013-04-01' }) periodStart!: string;
  @ApiProperty({ type: String, format: 'date', example: '2017-03-31' }) periodEnd!: string;
}

export class FundYearColumnResponse {
  @ApiProperty({ type: ReportFundYearResponse }) fundYear!: ReportFundYearResponse;
  @ApiProperty({ type: ReportPositionResponse }) position!: ReportPositionResponse;
  @ApiProperty({ type: AwardFiguresResponse }) totals!: AwardFiguresResponse;
}

export class PlanPeriodCellResponse extends AwardFiguresResponse {
  @ApiProperty({ format: 'uuid', example: FUND_YEAR_ID }) fundYearId!: string;
}

export class PlanPeriodRowResponse {
  @ApiProperty({ type: String, nullable: true, example: 'south-worcestershire' }) key!: string | null;
  @ApiProperty({ example: 'South Worcestershire Community Safety Partnership' }) label!: string;
  @ApiProperty({
    type: [PlanPeriodCellResponse],
    description: 'One cell per fund year, in the order of fundYears (zeros where the year had none)',
  })
  years!: PlanPeriodCellResponse[];
  @ApiProperty({ type: AwardFiguresResponse, description: 'The cells added up' })
  total!: AwardFiguresResponse;
}

export class PlanPeriodReportResponse {
  @ApiProperty({ type: ReportPlanResponse }) plan!: ReportPlanResponse;
  @ApiProperty(COUNTED) countedStatuses!: string[];
  @ApiProperty({
    type: [FundYearColumnResponse],
    description: "The columns: every fund year starting within the plan's period, in start order",
  })
  fundYears!: FundYearColumnResponse[];
  @ApiProperty({ type: [PlanPeriodRowResponse] }) byArea!: PlanPeriodRowResponse[];
  @ApiProperty({ type: [PlanPeriodRowResponse] }) byPartnership!: PlanPeriodRowResponse[];
  @ApiProperty({
    type: [PlanPeriodRowResponse],
    description: 'An award serving two objectives counts in both',
  })
  byObjective!: PlanPeriodRowResponse[];
}

export class ReportCaseStudyResponse {
  @ApiProperty({ format: 'uuid', example: '6f5e4d3c-2b1a-4098-8765-43210fedcba9' }) id!: string;
  @ApiProperty({ format: 'uuid', example: AWARD_ID }) awardId!: string;
  @ApiProperty({ example: 'CSF-2013-000123' }) awardReference!: string;
  @ApiProperty({ format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }) reportId!: string;
  @ApiProperty({ enum: ['interim', 'final'], example: 'final' }) reportKind!: string;
  @ApiProperty({ example: 'A safer walk home' }) title!: string;
  @ApiProperty({ example: 'Jo, 19, used the night bus scheme every weekend…' }) story!: string;
  @ApiProperty({ example: true }) consentToPublish!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'A young woman used the scheme every weekend…' })
  anonymisedStory!: string | null;
}

export class MeasureReportRowResponse {
  @ApiProperty({ format: 'uuid', example: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' }) measureId!: string;
  @ApiProperty({ type: 'integer', example: 1 }) planVersionNumber!: number;
  @ApiProperty({ type: 'integer', example: 3 }) objectiveNumber!: number;
  @ApiProperty({ example: 'To reduce the volume of violent crime…' }) objectiveTitle!: string;
  @ApiProperty({ example: '3.1' }) measureCode!: string;
  @ApiProperty({ example: 'Reduction in the volume of violent crime with injury' }) description!: string;
  @ApiProperty({ enum: ['count', 'percent', 'pounds', 'text', 'rate'], example: 'count' }) unit!: string;
  @ApiProperty({
    type: 'integer',
    example: 4,
    description: 'Counted awards in scope that committed to the measure',
  })
  grants!: number;
  @ApiProperty({ example: 120, description: 'Their targets added up' }) targetTotal!: number;
  @ApiProperty({ type: 'integer', example: 2, description: 'Of those, the awards with an accepted figure' })
  grantsReporting!: number;
  @ApiProperty({
    example: 75,
    description:
      "Each award's figure from its latest accepted report that gives one (figures are cumulative), added up",
  })
  reportedTotal!: number;
  @ApiProperty({
    type: [ReportCaseStudyResponse],
    description:
      "Case studies (the first 10 by award reference) in accepted reports of awards in scope serving the measure's objective",
  })
  caseStudies!: ReportCaseStudyResponse[];
  @ApiProperty({ type: 'integer', description: 'How many case studies there are in all' })
  caseStudyCount!: number;
}

export class MeasuresReportScopeResponse {
  @ApiProperty({ type: ReportFundYearResponse, nullable: true }) fundYear!: ReportFundYearResponse | null;
  @ApiProperty({ type: ReportPlanResponse, nullable: true }) plan!: ReportPlanResponse | null;
}

export class MeasuresReportResponse {
  @ApiProperty({ type: MeasuresReportScopeResponse }) scope!: MeasuresReportScopeResponse;
  @ApiProperty(COUNTED) countedStatuses!: string[];
  @ApiProperty({ type: [MeasureReportRowResponse] }) measures!: MeasureReportRowResponse[];
}
