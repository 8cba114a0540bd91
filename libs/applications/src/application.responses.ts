import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEGAL_FORMS, LegalForm } from '@grants/organisations';
import { BUDGET_CATEGORIES, BudgetCategory, FUNDING_STATUSES, FundingStatus } from './application-answers';
import { APPLICATION_STATUSES, ApplicationStatus } from './application-status';

/**
 * Response shapes, for the OpenAPI document only: they mirror the services' views. The examples are one
 * Neighbourhood Watch application in Malvern Hills (E07000235), from draft to submission.
 */

const APPLICATION_ID = '8e2f6a14-3b7c-4d9e-a1f5-6c0b2d7e9f43';
const ORGANISATION_ID = '5d1f3c2a-8b4e-4f6a-9c7d-2e1b0a9f8c31';
const ROUND_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const PLAN_VERSION_ID = 'c4b1e8d2-5f3a-4a7b-9e6c-0d2f1a3b5c79';
const OWNER_ID = '4b7c1f0e-2d53-4e8a-9a51-0f6c2e1d9b11';
const REFERENCE = 'CSF-2026-000123';
const TITLE = 'No Cold Calling zones and video doorbells for older residents in Malvern Link';

export class ActivityResponse {
  @ApiProperty({ example: 'Fit video doorbells for 40 older residents referred by West Mercia Police' })
  description!: string;
}

export class ObjectiveAnswerResponse {
  @ApiProperty({ format: 'uuid', example: '9b2d7b8e-3c1a-4e5f-9a6b-1c2d3e4f5a6b' }) objectiveId!: string;
  @ApiProperty({ example: 'Fewer older people in Malvern Link targeted by doorstep and rogue-trader crime' })
  contribution!: string;
}

export class MeasureAnswerResponse {
  @ApiProperty({ format: 'uuid', example: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }) measureId!: string;
  @ApiProperty({ type: Number, example: 40, description: 'The figure the project aims to reach' })
  target!: number;
  @ApiProperty({ type: Number, nullable: true, example: 0, description: 'Where it starts from, if known' })
  baseline!: number | null;
}

export class BudgetLineResponse {
  @ApiProperty({ example: 'Video doorbells, fitted (40 households)' }) description!: string;
  @ApiProperty({ enum: BUDGET_CATEGORIES, example: 'equipment' }) category!: BudgetCategory;
  @ApiProperty({ type: 'integer', example: 480000, description: 'Integer pence' }) amountPence!: number;
}

export class OtherFundingResponse {
  @ApiProperty({ example: 'Malvern Hills District Council ward grant' }) funderName!: string;
  @ApiProperty({ type: 'integer', example: 75000, description: 'Integer pence' }) amountPence!: number;
  @ApiProperty({ enum: FUNDING_STATUSES, example: 'secured' }) status!: FundingStatus;
}

export class SafeguardingResponse {
  @ApiProperty({ example: true, description: 'A safeguarding policy is in place' }) confirmed!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Policy reviewed March 2026; volunteers visiting homes are DBS checked and go in pairs',
  })
  policyNotes!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    example: false,
    description: 'Whether children or adults at risk are involved; null until answered',
  })
  involvesChildrenOrAdultsAtRisk!: boolean | null;
}

export class GroupChecklistResponse {
  @ApiProperty({ type: Boolean, nullable: true, example: true }) constitutionHasDissolutionClause!:
    boolean | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 4 }) unrelatedCommitteeMembers!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, example: true }) bankAccountInGroupName!: boolean | null;
}

export class DeclarationsResponse {
  @ApiProperty({ example: true, description: 'The information given is true and complete' })
  informationTrue!: boolean;
  @ApiProperty({ example: true, description: 'A grant is one-off, with no commitment to renew it' })
  oneOffUnderstood!: boolean;
  @ApiProperty({ example: true, description: 'Grants are subject to conditions' })
  conditionsUnderstood!: boolean;
  @ApiProperty({ example: true, description: 'Consent to the processing and publication of grant data' })
  dataProtection!: boolean;
}

/** Everything the applicant answers; a draft may hold any of it incomplete (null or empty). */
export class ApplicationAnswersResponse {
  @ApiProperty({ type: String, nullable: true, example: TITLE }) title!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example:
      'Malvern Hills Neighbourhood Watch will set up three No Cold Calling zones in Malvern Link and fit video ' +
      'doorbells for older residents who have been targeted by doorstep callers.',
  })
  summary!: string | null;
  @ApiProperty({ type: [ActivityResponse] }) activities!: ActivityResponse[];
  @ApiProperty({ type: [ObjectiveAnswerResponse] }) objectives!: ObjectiveAnswerResponse[];
  @ApiProperty({ type: [MeasureAnswerResponse] }) successMeasures!: MeasureAnswerResponse[];
  @ApiProperty({ type: [String], example: ['E07000235'], description: 'Area codes (see GET /areas)' })
  beneficiaryAreas!: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-07-01' }) startDate!:
    string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-03-31' }) endDate!:
    string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 500000, description: 'Integer pence' })
  amountRequestedPence!: number | null;
  @ApiProperty({ type: [BudgetLineResponse] }) budgetLines!: BudgetLineResponse[];
  @ApiProperty({ type: [OtherFundingResponse] }) otherFunding!: OtherFundingResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    example:
      'The doorbells stay with the households; Malvern Hills District Council will maintain the zone signs.',
  })
  exitPlan!: string | null;
  @ApiProperty({ type: SafeguardingResponse }) safeguarding!: SafeguardingResponse;
  @ApiProperty({
    type: GroupChecklistResponse,
    description: 'The proportionate checklist for a constituted community group (null fields: not answered)',
  })
  groupChecklist!: GroupChecklistResponse;
  @ApiProperty({ type: DeclarationsResponse }) declarations!: DeclarationsResponse;
}

export class ApplicationResponse extends ApplicationAnswersResponse {
  @ApiProperty({ format: 'uuid', example: APPLICATION_ID }) id!: string;
  @ApiProperty({ example: REFERENCE, description: 'CSF-<year created>-<sequence>' }) reference!: string;
  @ApiProperty({ format: 'uuid', example: ORGANISATION_ID }) organisationId!: string;
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) roundId!: string;
  @ApiProperty({ format: 'uuid', example: PLAN_VERSION_ID }) planVersionId!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES, example: 'submitted' }) status!: ApplicationStatus;
  @ApiProperty({ type: 'integer', example: 575000, description: 'Sum of the budget lines, integer pence' })
  budgetTotalPence!: number;
  @ApiProperty({ type: 'integer', example: 75000, description: 'Sum of the other funding, integer pence' })
  otherFundingTotalPence!: number;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-04T19:20:11.482Z' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-12T20:41:07.930Z' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-05-12T20:41:07.930Z' })
  submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  withdrawnAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) withdrawalReason!: string | null;
}

export class ApplicationSummaryResponse {
  @ApiProperty({ format: 'uuid', example: APPLICATION_ID }) id!: string;
  @ApiProperty({ example: REFERENCE }) reference!: string;
  @ApiProperty({ format: 'uuid', example: ORGANISATION_ID }) organisationId!: string;
  @ApiProperty({ example: 'Malvern Hills Neighbourhood Watch Association' }) organisationName!: string;
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) roundId!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES, example: 'submitted' }) status!: ApplicationStatus;
  @ApiProperty({ type: String, nullable: true, example: TITLE }) title!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 500000, description: 'Integer pence' })
  amountRequestedPence!: number | null;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-04T19:20:11.482Z' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-12T20:41:07.930Z' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-05-12T20:41:07.930Z' })
  submittedAt!: string | null;
}

export class ApplicationPageResponse {
  @ApiProperty({ type: [ApplicationSummaryResponse], description: 'Newest first' })
  items!: ApplicationSummaryResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

export class TimelineActorResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: OWNER_ID,
    description: 'null for the system',
  })
  userId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Janet Hughes' }) displayName!: string | null;
  @ApiProperty({ example: 'applicant', description: 'The role they acted in' }) role!: string;
}

export class TimelineEntryResponse {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-12T20:41:07.930Z' }) at!: string;
  @ApiProperty({ example: 'application.submitted' }) action!: string;
  @ApiProperty({ type: TimelineActorResponse }) actor!: TimelineActorResponse;
  @ApiProperty({ type: String, nullable: true, example: 'draft' }) fromStatus!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'submitted' }) toStatus!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) reason!: string | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { submissionId: 'e1d7c3a9-2b4f-4e6d-8a0c-5f9b7d3e1a26', version: 1 },
    description: "The audit entry's recorded details: officers only, absent for applicants",
  })
  data?: Record<string, unknown>;
}

export class TimelineResponse {
  @ApiProperty({ type: [TimelineEntryResponse], description: 'Oldest first' })
  items!: TimelineEntryResponse[];
}

export class SubmittedRoundResponse {
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) id!: string;
  @ApiProperty({ example: 'Safer Neighbourhoods small grants 2026/27' }) title!: string;
  @ApiProperty({ format: 'uuid', example: PLAN_VERSION_ID }) planVersionId!: string;
}

export class SubmittedOrganisationResponse {
  @ApiProperty({ format: 'uuid', example: ORGANISATION_ID }) id!: string;
  @ApiProperty({ example: 'Malvern Hills Neighbourhood Watch Association' }) name!: string;
  @ApiProperty({ enum: LEGAL_FORMS, example: LegalForm.ConstitutedCommunityGroup }) legalForm!: LegalForm;
  @ApiProperty({ type: String, nullable: true, example: null }) charityNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) companyNumber!: string | null;
  @ApiProperty({ example: '12 Church Street' }) addressLine1!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Great Malvern' }) addressLine2!: string | null;
  @ApiProperty({ example: 'Malvern' }) town!: string;
  @ApiProperty({ example: 'WR14 2AY' }) postcode!: string;
  @ApiProperty({ example: 'E07000235' }) localAuthorityCode!: string;
}

/** The answers as submitted, with the round and the organisation's details as they were at the time. */
export class SubmittedAnswersResponse extends ApplicationAnswersResponse {
  @ApiProperty({ example: REFERENCE }) reference!: string;
  @ApiProperty({ type: SubmittedRoundResponse }) round!: SubmittedRoundResponse;
  @ApiProperty({ type: SubmittedOrganisationResponse }) organisation!: SubmittedOrganisationResponse;
}

export class ApplicationSubmissionResponse {
  @ApiProperty({ format: 'uuid', example: 'e1d7c3a9-2b4f-4e6d-8a0c-5f9b7d3e1a26' }) id!: string;
  @ApiProperty({ format: 'uuid', example: APPLICATION_ID }) applicationId!: string;
  @ApiProperty({
    type: 'integer',
    example: 1,
    description: '1 for the first submission; later ones answer information requests',
  })
  version!: number;
  @ApiProperty({ format: 'uuid', example: PLAN_VERSION_ID }) planVersionId!: string;
  @ApiProperty({ type: SubmittedAnswersResponse }) answers!: SubmittedAnswersResponse;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-12T20:41:07.930Z' })
  submittedAt!: string;
  @ApiProperty({ format: 'uuid', example: OWNER_ID }) submittedBy!: string;
}

export class ApplicationSubmissionListResponse {
  @ApiProperty({ type: [ApplicationSubmissionResponse], description: 'By version, first submission first' })
  items!: ApplicationSubmissionResponse[];
}
