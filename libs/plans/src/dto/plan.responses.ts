import { ApiProperty } from '@nestjs/swagger';
import { PLAN_VERSION_STATUSES, PlanVersionStatus } from '../plan-version-status';
import { MEASURE_UNITS, MeasureUnit } from '../success-measure.entity';

/** Response shapes, for the OpenAPI document only: they mirror what PlansService returns. */

const PLAN_ID = 'e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9';
const VERSION_ID = '4c0e6a1d-2b3c-4d5e-8f70-8192a3b4c5d6';
const AIM_ID = '7f3e2d1c-0b9a-4876-9543-21fedcba9876';
const OBJECTIVE_ID = '9d2f0c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';

export class SuccessMeasureResponse {
  @ApiProperty({ format: 'uuid', example: '2c4e6a8b-0d1f-4e3a-9b5c-7d9e1f3a5b7c' }) id!: string;
  @ApiProperty({ format: 'uuid', example: OBJECTIVE_ID }) objectiveId!: string;
  @ApiProperty({ example: '5.1' }) code!: string;
  @ApiProperty({ example: 'Reduction in the volume of ASB incidents as measured by the police' })
  description!: string;
  @ApiProperty({ enum: MEASURE_UNITS, example: 'count' }) unit!: MeasureUnit;
}

export class ObjectiveWithMeasuresResponse {
  @ApiProperty({ format: 'uuid', example: OBJECTIVE_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: VERSION_ID }) planVersionId!: string;
  @ApiProperty({ format: 'uuid', example: AIM_ID }) aimId!: string;
  @ApiProperty({ type: 'integer', example: 5, description: 'Numbered within its version' }) number!: number;
  @ApiProperty({ example: 'To reduce the volume of anti social behaviour incidents' }) title!: string;

  @ApiProperty({
    example:
      'Anti-social behaviour can have a detrimental impact on the quality of life within communities, and ' +
      'communities across West Mercia have frequently raised it as one of their highest crime related concerns.',
  })
  description!: string;

  @ApiProperty({ type: [SuccessMeasureResponse], description: 'In code order' })
  measures!: SuccessMeasureResponse[];
}

export class AimResponse {
  @ApiProperty({ format: 'uuid', example: AIM_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: VERSION_ID }) planVersionId!: string;
  @ApiProperty({ example: 'A2' }) code!: string;
  @ApiProperty({ example: 'To reduce crime and disorder' }) title!: string;
  @ApiProperty({ type: 'integer', example: 2 }) position!: number;
}

export class AimWithObjectivesResponse extends AimResponse {
  @ApiProperty({ type: [ObjectiveWithMeasuresResponse], description: 'In number order' })
  objectives!: ObjectiveWithMeasuresResponse[];
}

export class PlanVersionResponse {
  @ApiProperty({ format: 'uuid', example: VERSION_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: PLAN_ID }) planId!: string;
  @ApiProperty({ type: 'integer', example: 1 }) number!: number;
  @ApiProperty({ example: 'Draft plan, public consultation version issued 8 January 2013' }) label!: string;
  @ApiProperty({ enum: PLAN_VERSION_STATUSES, example: 'published' }) status!: PlanVersionStatus;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2013-04-01' })
  effectiveFrom!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Draft plan for consultation: 4 strategic aims and 13 objectives, not in order of importance.',
  })
  notes!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-05-01T09:00:00.000Z',
    description: 'Null while a draft',
  })
  publishedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-01T09:00:00.000Z' }) createdAt!: string;
}

export class PlanVersionTreeResponse {
  @ApiProperty({ type: PlanVersionResponse }) version!: PlanVersionResponse;

  @ApiProperty({ type: [AimWithObjectivesResponse], description: 'Aims → objectives → success measures' })
  aims!: AimWithObjectivesResponse[];
}

export class PlanSummaryResponse {
  @ApiProperty({ format: 'uuid', example: PLAN_ID }) id!: string;
  @ApiProperty({ example: 'forward-together' }) key!: string;
  @ApiProperty({ example: 'Forward Together: Police and Crime Plan for West Mercia' }) title!: string;
  @ApiProperty({ type: String, format: 'date', example: '2013-04-01' }) periodStart!: string;
  @ApiProperty({ type: String, format: 'date', example: '2017-03-31' }) periodEnd!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-01T09:00:00.000Z' }) createdAt!: string;

  @ApiProperty({
    type: [PlanVersionResponse],
    description: 'In number order; draft versions only for officers',
  })
  versions!: PlanVersionResponse[];
}

export class PlanDetailResponse extends PlanSummaryResponse {
  @ApiProperty({
    type: PlanVersionTreeResponse,
    nullable: true,
    description: 'The version asked for, or the latest published one (null when none is published)',
  })
  current!: PlanVersionTreeResponse | null;
}

export class PlanListResponse {
  @ApiProperty({ type: [PlanSummaryResponse] }) items!: PlanSummaryResponse[];
}
