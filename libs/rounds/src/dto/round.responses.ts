import { ApiProperty } from '@nestjs/swagger';
import { LEGAL_FORMS } from '@grants/organisations';
import { MEASURE_UNITS, MeasureUnit } from '@grants/plans';
import { ROUND_PHASES, RoundPhase } from '../round-phase';

/** Response shapes, for the OpenAPI document only: they mirror RoundSummaryView and RoundDetailView. */

const OBJECTIVE_ID = '9d2f0c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';

export class RoundFundResponse {
  @ApiProperty({ format: 'uuid', example: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d' }) id!: string;
  @ApiProperty({ example: 'community-safety-fund' }) key!: string;
  @ApiProperty({ example: 'Community Safety Fund' }) name!: string;
}

export class RoundFundYearResponse {
  @ApiProperty({ format: 'uuid', example: '0b7c9a52-5a55-4b8e-9f39-1a2b3c4d5e6f' }) id!: string;
  @ApiProperty({ example: '2013/14' }) label!: string;
  @ApiProperty({ type: String, format: 'date', example: '2013-04-01' }) startsOn!: string;
  @ApiProperty({ type: String, format: 'date', example: '2014-03-31' }) endsOn!: string;
}

export class RoundPlanVersionResponse {
  @ApiProperty({ format: 'uuid', example: '4c0e6a1d-2b3c-4d5e-8f70-8192a3b4c5d6' }) id!: string;
  @ApiProperty({ format: 'uuid', example: 'e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9' }) planId!: string;
  @ApiProperty({ type: 'integer', example: 1 }) number!: number;
  @ApiProperty({ example: 'Draft plan, public consultation version issued 8 January 2013' }) label!: string;
}

export class RoundMeasureResponse {
  @ApiProperty({ format: 'uuid', example: '2c4e6a8b-0d1f-4e3a-9b5c-7d9e1f3a5b7c' }) id!: string;
  @ApiProperty({ example: '5.1' }) code!: string;
  @ApiProperty({ example: 'Reduction in the volume of ASB incidents as measured by the police' })
  description!: string;
  @ApiProperty({ enum: MEASURE_UNITS, example: 'count' }) unit!: MeasureUnit;
}

export class RoundObjectiveResponse {
  @ApiProperty({ format: 'uuid', example: OBJECTIVE_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: '7f3e2d1c-0b9a-4876-9543-21fedcba9876' }) aimId!: string;
  @ApiProperty({ type: 'integer', example: 5 }) number!: number;
  @ApiProperty({ example: 'To reduce the volume of anti social behaviour incidents' }) title!: string;

  @ApiProperty({
    example:
      'Anti-social behaviour can have a detrimental impact on the quality of life within communities, and ' +
      'communities across West Mercia have frequently raised it as one of their highest crime related concerns.',
  })
  description!: string;

  @ApiProperty({ type: [RoundMeasureResponse], description: 'In code order' })
  measures!: RoundMeasureResponse[];
}

export class RoundCriterionResponse {
  @ApiProperty({ format: 'uuid', example: '6e8a0c2e-4f6b-4d8a-9c0e-2f4a6c8e0a2c' }) id!: string;
  @ApiProperty({ type: 'integer', example: 2, description: '1-based order assessors see them in' })
  position!: number;
  @ApiProperty({ example: 'Evidence of need' }) title!: string;
  @ApiProperty({ example: 'Local evidence that the problem exists where the money would be spent.' })
  guidance!: string;
  @ApiProperty({ type: 'integer', example: 20, description: "Relative weight in the round's weighted score" })
  weight!: number;
}

export class RoundConditionResponse {
  @ApiProperty({ format: 'uuid', example: '1e3a5c7e-9a1b-4c3d-8e5f-7a9b1c3d5e7f' }) id!: string;
  @ApiProperty({ type: 'integer', example: 1 }) position!: number;
  @ApiProperty({ example: 'Spend the grant only on the activities described in the application.' })
  text!: string;
  @ApiProperty({ enum: ['before_payment', 'ongoing'], example: 'ongoing' }) timing!: string;
}

export class RoundSummaryResponse {
  @ApiProperty({ format: 'uuid', example: '3d5f7b9c-1e2a-4b4c-8d6e-0f1a2b3c4d5e' }) id!: string;
  @ApiProperty({ example: 'Community Safety Fund 2013/14: small grants' }) title!: string;
  @ApiProperty({ example: 'One-off grants for specific activities that reduce crime and disorder.' })
  description!: string;

  @ApiProperty({ enum: ROUND_PHASES, example: 'open', description: 'Where the round stands now' })
  phase!: RoundPhase;

  @ApiProperty({ type: String, format: 'date-time', example: '2013-06-01T08:00:00.000Z' }) opensAt!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2013-07-31T16:00:00.000Z' }) closesAt!: string;
  @ApiProperty({ type: 'integer', example: 50_000, description: 'In pence' }) minAwardPence!: number;
  @ApiProperty({ type: 'integer', example: 2_500_000, description: 'In pence' }) maxAwardPence!: number;
  @ApiProperty({ type: 'integer', example: 12 }) maxProjectMonths!: number;

  @ApiProperty({
    type: 'integer',
    example: 28,
    description: 'How many days an offer stays open for acceptance',
  })
  acceptanceWindowDays!: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 6,
    description:
      'Awards longer than this many months also report at their half-way point; null: final report only',
  })
  interimReportOverMonths!: number | null;

  @ApiProperty({
    type: 'integer',
    example: 28,
    description: 'Days after the end date the final report is due',
  })
  finalReportDueDays!: number;

  @ApiProperty({
    enum: LEGAL_FORMS,
    isArray: true,
    example: ['registered_charity', 'cio', 'constituted_community_group'],
    description: 'Legal forms the round accepts applications from',
  })
  acceptedLegalForms!: string[];

  @ApiProperty({
    type: [String],
    example: ['ongoing core running costs'],
    description: 'Cost categories the round does not fund',
  })
  disallowedCostCategories!: string[];

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2013-05-20T09:00:00.000Z',
    description: 'Null while the round is being set up',
  })
  publishedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2013-05-13T10:15:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2013-05-20T09:00:00.000Z' }) updatedAt!: string;
  @ApiProperty({ type: RoundFundResponse }) fund!: RoundFundResponse;
  @ApiProperty({ type: RoundFundYearResponse }) fundYear!: RoundFundYearResponse;
  @ApiProperty({ type: RoundPlanVersionResponse }) planVersion!: RoundPlanVersionResponse;

  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    example: [OBJECTIVE_ID],
    description: 'The objectives the round funds, in number order',
  })
  objectiveIds!: string[];
}

export class RoundDetailResponse extends RoundSummaryResponse {
  @ApiProperty({ type: [RoundObjectiveResponse], description: 'In number order' })
  objectives!: RoundObjectiveResponse[];

  @ApiProperty({
    type: [RoundCriterionResponse],
    description: 'The weighted criteria applications are assessed against, in order',
  })
  criteria!: RoundCriterionResponse[];

  @ApiProperty({
    type: [RoundConditionResponse],
    description: 'The conditions every award in the round carries, in order',
  })
  standardConditions!: RoundConditionResponse[];
}

export class RoundPageResponse {
  @ApiProperty({ type: [RoundSummaryResponse] }) items!: RoundSummaryResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Pass as `?cursor=` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
