import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ELIGIBILITY_OUTCOMES, ELIGIBILITY_RULES } from '@grants/eligibility';
import { RECOMMENDATION_OUTCOMES } from './assessment-rules';
import { SCREENING_OUTCOMES } from './screening-rules';

/** Response shapes, for the OpenAPI document only: they mirror the assessment lib's views. */

const APPLICATION_ID = '8e2f6a14-3b7c-4d9e-a1f5-6c0b2d7e9f43';
const OFFICER_ID = '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b';
const CRITERION_ID = '6e8a0c2e-4f6b-4d8a-9c0e-2f4a6c8e0a2c';
const OBJECTIVE_ID = '9d2f0c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const AT = '2026-05-04T10:00:00.000Z';

export class ScreenedRuleResponse {
  @ApiProperty({ enum: ELIGIBILITY_RULES, example: 'one_off' }) rule!: string;
  @ApiProperty({ enum: ELIGIBILITY_OUTCOMES, example: 'needs_review' }) automaticOutcome!: string;
  @ApiProperty({
    example: 'An earlier award from this fund, CSF-2025-000041, may be for a similar activity.',
  })
  automaticReason!: string;
  @ApiProperty({ enum: ELIGIBILITY_OUTCOMES, example: 'pass', description: 'The rule as screened' })
  outcome!: string;
  @ApiProperty({ example: true }) overridden!: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'The earlier award paid for a different scheme in another town.',
    description: 'Officers only',
  })
  overrideReason?: string | null;
}

export class ScreeningResponse {
  @ApiProperty({ format: 'uuid', example: '0a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f' }) id!: string;
  @ApiProperty({ format: 'uuid', example: APPLICATION_ID }) applicationId!: string;
  @ApiProperty({ enum: SCREENING_OUTCOMES, example: 'eligible' }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'For the applicant to read' })
  reasons!: string | null;
  @ApiProperty({ type: String, format: 'date-time', example: AT }) screenedAt!: string;
  @ApiProperty({ type: [ScreenedRuleResponse] }) rules!: ScreenedRuleResponse[];
  @ApiPropertyOptional({
    format: 'uuid',
    example: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
    description: 'Officers only',
  })
  eligibilityResultId?: string;
  @ApiPropertyOptional({ format: 'uuid', example: OFFICER_ID, description: 'Officers only' })
  screenedBy?: string;
}

export class ConflictDeclarationResponse {
  @ApiProperty({ format: 'uuid', example: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f' }) id!: string;
  @ApiProperty({ format: 'uuid', example: APPLICATION_ID }) applicationId!: string;
  @ApiProperty({ format: 'uuid', example: OFFICER_ID }) userId!: string;
  @ApiProperty({ example: false }) hasConflict!: boolean;
  @ApiProperty({ type: String, nullable: true, example: null }) details!: string | null;
  @ApiProperty({ type: String, format: 'date-time', example: AT }) declaredAt!: string;
}

export class ConflictDeclarationListResponse {
  @ApiProperty({ type: [ConflictDeclarationResponse], description: 'Oldest first' })
  items!: ConflictDeclarationResponse[];
}

export class AssignmentResponse {
  @ApiProperty({ format: 'uuid', example: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a' }) id!: string;
  @ApiProperty({ format: 'uuid', example: OFFICER_ID }) assessorId!: string;
  @ApiProperty({ example: 'Priya Officer' }) assessorName!: string;
  @ApiProperty({ type: String, format: 'date-time', example: AT }) assignedAt!: string;
  @ApiProperty({ format: 'uuid', example: OFFICER_ID }) assignedBy!: string;
  @ApiProperty({
    enum: ['no_declaration', 'conflict', 'scoring', 'submitted'],
    example: 'scoring',
    description: 'no_declaration: has not declared on conflicts yet; conflict: removed from scoring',
  })
  state!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) submittedAt!:
    string | null;
}

export class AssignmentListResponse {
  @ApiProperty({ type: [AssignmentResponse] }) items!: AssignmentResponse[];
}

export class CriterionScoreResponse {
  @ApiProperty({ format: 'uuid', example: CRITERION_ID }) criterionId!: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 4 }) score!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'Clear police data on repeat burglary in the ward.' })
  comment!: string | null;
}

export class AssessmentResponse extends AssignmentResponse {
  @ApiProperty({
    type: [CriterionScoreResponse],
    nullable: true,
    description: "Null while hidden: another assessor's scores before you have submitted yours",
  })
  scores!: CriterionScoreResponse[] | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3.85,
    description: 'Weighted, out of 5, once submitted',
  })
  weightedScore!: number | null;
}

export class AssessmentCriterionResponse {
  @ApiProperty({ format: 'uuid', example: CRITERION_ID }) id!: string;
  @ApiProperty({ type: 'integer', example: 2 }) position!: number;
  @ApiProperty({ example: 'Evidence of need' }) title!: string;
  @ApiProperty({ example: 'Local evidence that the problem exists where the money would be spent.' })
  guidance!: string;
  @ApiProperty({ type: 'integer', example: 20 }) weight!: number;
}

export class MeanScoreResponse {
  @ApiProperty({ format: 'uuid', example: CRITERION_ID }) criterionId!: string;
  @ApiProperty({ type: Number, nullable: true, example: 3.5 }) mean!: number | null;
}

export class AssessmentsOverviewResponse {
  @ApiProperty({ type: [AssessmentCriterionResponse] }) criteria!: AssessmentCriterionResponse[];
  @ApiProperty({ type: [AssessmentResponse] }) assessments!: AssessmentResponse[];
  @ApiProperty({
    type: [MeanScoreResponse],
    nullable: true,
    description: 'Mean submitted score per criterion; null while you are still scoring',
  })
  meanScores!: MeanScoreResponse[] | null;
}

export class ModeratedScoreResponse {
  @ApiProperty({ format: 'uuid', example: CRITERION_ID }) criterionId!: string;
  @ApiProperty({ example: 'Evidence of need' }) title!: string;
  @ApiProperty({ type: 'integer', example: 20 }) weight!: number;
  @ApiProperty({ type: 'integer', example: 4 }) score!: number;
  @ApiProperty({ type: String, nullable: true, example: null }) comment!: string | null;
}

export class ObjectiveReasonResponse {
  @ApiProperty({ format: 'uuid', example: OBJECTIVE_ID }) objectiveId!: string;
  @ApiProperty({ type: 'integer', example: 8 }) objectiveNumber!: number;
  @ApiProperty({ example: 'To empower local communities to prevent crime and disorder' })
  objectiveTitle!: string;
  @ApiProperty({ example: 'Sets up three new Neighbourhood Watch schemes in Malvern Link.' }) reason!: string;
}

export class EarlierAwardResponse {
  @ApiProperty({ format: 'uuid', example: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }) id!: string;
  @ApiProperty({ example: 'CSF-2025-000041' }) reference!: string;
  @ApiProperty({ example: 'Malvern Street Pastors' }) title!: string;
}

export class OneOffFlagResponse {
  @ApiProperty({ enum: ELIGIBILITY_OUTCOMES, example: 'needs_review' }) outcome!: string;
  @ApiProperty({ example: 'The organisation has an earlier award from this fund for a similar activity.' })
  reason!: string;
  @ApiProperty({ type: [EarlierAwardResponse] }) earlierAwards!: EarlierAwardResponse[];
  @ApiProperty({ type: String, nullable: true, example: 'A different scheme in another town' })
  overriddenAtScreening!: string | null;
}

export class RecommendationResponse {
  @ApiProperty({ format: 'uuid', example: '6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c' }) id!: string;
  @ApiProperty({ format: 'uuid', example: APPLICATION_ID }) applicationId!: string;
  @ApiProperty({ enum: RECOMMENDATION_OUTCOMES, example: 'fund_in_part' }) outcome!: string;
  @ApiProperty({ type: 'integer', example: 1_200_000 }) amountRequestedPence!: number;
  @ApiProperty({ type: 'integer', example: 800_000 }) amountPence!: number;
  @ApiProperty({ type: Number, example: 3.85, description: 'Weighted, out of 5' }) moderatedScore!: number;
  @ApiProperty({ type: 'integer', example: 385 }) weightedPoints!: number;
  @ApiProperty({ type: 'integer', example: 500 }) maxPoints!: number;
  @ApiProperty({ type: [ModeratedScoreResponse] }) moderatedScores!: ModeratedScoreResponse[];
  @ApiProperty({ type: [ObjectiveReasonResponse] }) reasons!: ObjectiveReasonResponse[];
  @ApiProperty({ example: 'A well-evidenced scheme; the equipment line is reduced to the quotes provided.' })
  summary!: string;
  @ApiProperty({ format: 'uuid', example: OFFICER_ID }) recordedBy!: string;
  @ApiProperty({ type: String, format: 'date-time', example: AT }) recordedAt!: string;
  @ApiPropertyOptional({
    type: OneOffFlagResponse,
    description: 'On reading: what the one-off rule said, with any earlier award it names',
  })
  oneOff?: OneOffFlagResponse;
}

export class RankingFundYearResponse {
  @ApiProperty({ format: 'uuid', example: '0b7c9a52-5a55-4b8e-9f39-1a2b3c4d5e6f' }) id!: string;
  @ApiProperty({ example: '2016/17' }) label!: string;
  @ApiProperty({ type: 'integer', example: 100_000_000 }) capPence!: number;
  @ApiProperty({ type: 'integer', example: 0 }) committedPence!: number;
  @ApiProperty({ type: 'integer', example: 100_000_000, description: 'Cap minus commitments' })
  availablePence!: number;
}

export class RankingItemResponse {
  @ApiProperty({ type: 'integer', example: 1 }) rank!: number;
  @ApiProperty({ format: 'uuid', example: APPLICATION_ID }) applicationId!: string;
  @ApiProperty({ example: 'CSF-2026-000123' }) reference!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Malvern Link Neighbourhood Watch' }) title!:
    string | null;
  @ApiProperty({ example: 'Malvern Hills Neighbourhood Watch Association' }) organisationName!: string;
  @ApiProperty({ example: 'recommended' }) status!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3.85,
    description: 'Null where you declared a conflict of interest',
  })
  moderatedScore!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 385 }) weightedPoints!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 500 }) maxPoints!: number | null;
  @ApiProperty({ enum: RECOMMENDATION_OUTCOMES, example: 'fund_in_part' }) outcome!: string;
  @ApiProperty({ type: 'integer', example: 1_200_000 }) amountRequestedPence!: number;
  @ApiProperty({ type: 'integer', example: 800_000 }) recommendedAmountPence!: number;
  @ApiProperty({
    type: 'integer',
    example: 800_000,
    description: 'Recommended amounts still awaiting a decision, from the top of the ranking down to here',
  })
  runningTotalPence!: number;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    example: true,
    description: 'Whether the running total still fits the available money; null once decided',
  })
  withinAvailable!: boolean | null;
}

export class RankingRoundResponse {
  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }) id!: string;
  @ApiProperty({ example: 'Safer Neighbourhoods small grants 2026/27' }) title!: string;
}

export class RankingResponse {
  @ApiProperty({ type: RankingRoundResponse }) round!: RankingRoundResponse;
  @ApiProperty({ type: RankingFundYearResponse }) fundYear!: RankingFundYearResponse;
  @ApiProperty({ type: [RankingItemResponse], description: 'Highest moderated score first' })
  items!: RankingItemResponse[];
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 1,
    description: 'The last rank whose running total fits the available money',
  })
  lastWithinAvailableRank!: number | null;
  @ApiProperty({ type: 'integer', example: 800_000 }) totalRecommendedPence!: number;
  @ApiProperty({ type: 'integer', example: 0 }) shortfallPence!: number;
}
