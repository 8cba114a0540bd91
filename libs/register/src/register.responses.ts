import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const GRANT_ID = '360G-wmpcc-9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
const AT = '2026-07-01T09:12:31.204Z';

export class PublicAreaResponse {
  @ApiProperty({ example: 'E07000235' }) code!: string;
  @ApiProperty({ example: 'Malvern Hills' }) name!: string;
  @ApiProperty({ example: 'NMD', description: '360Giving geoCodeType' }) type!: string;
}

class AddressResponse {
  @ApiProperty({ example: '12 Church Street' }) streetAddress!: string;
  @ApiProperty({ example: 'Malvern' }) town!: string;
  @ApiProperty({ example: 'WR14 2AY' }) postcode!: string;
}

export class PublicRecipientResponse {
  @ApiProperty({ enum: ['organisation', 'individual'] }) kind!: string;
  @ApiProperty({ example: 'GB-CHC-1234567' }) identifier!: string;
  @ApiProperty({
    example: 'Malvern Hills Neighbourhood Watch',
    description: '"Individual recipient" for a person',
  })
  name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'registered_charity' }) legalForm!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Registered charity' }) legalFormLabel!:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: '1234567' }) charityNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) companyNumber!: string | null;
  @ApiProperty({
    type: AddressResponse,
    nullable: true,
    description: 'Null for an individual and for an organisation published by area only',
  })
  address!: AddressResponse | null;
  @ApiProperty({ type: PublicAreaResponse }) area!: PublicAreaResponse;
}

class NamedRef {
  @ApiProperty({ example: 'csf' }) key!: string;
  @ApiProperty({ example: 'Community Safety Fund' }) name!: string;
}
class RoundRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Community Safety Fund 2026/27, round 1' }) title!: string;
}
class AimRef {
  @ApiProperty({ example: 'A2' }) code!: string;
  @ApiProperty({ example: 'Reduce crime and disorder' }) title!: string;
}
class ObjectiveRef {
  @ApiProperty({ type: 'integer', example: 8 }) number!: number;
  @ApiProperty({ example: 'Empower local communities to prevent crime and disorder' }) title!: string;
  @ApiProperty({ example: 'A2' }) aimCode!: string;
}
class ReasonsResponse {
  @ApiProperty({ description: "The assessors' recommendation" }) recommendation!: string;
  @ApiProperty({ description: "The decision maker's reasons" }) decision!: string;
}
class CoFunderResponse {
  @ApiProperty({ example: 'Malvern Hills District Council' }) name!: string;
  @ApiProperty({ type: 'integer', example: 250_000 }) amountPence!: number;
}

export class RegisterEntryResponse {
  @ApiProperty({ example: GRANT_ID, description: 'Stable forever' }) id!: string;
  @ApiProperty({ enum: ['published', 'withdrawn'] }) status!: string;
  @ApiProperty({ type: 'integer', example: 1 }) version!: number;
  @ApiPropertyOptional({ description: 'Absent once withdrawn' }) title?: string;
  @ApiPropertyOptional({ description: 'The purpose, as an officer approved it' }) description?: string;
  @ApiPropertyOptional({ type: PublicRecipientResponse }) recipient?: PublicRecipientResponse;
  @ApiPropertyOptional({ type: 'integer', example: 800_000 }) amountAwardedPence?: number;
  @ApiPropertyOptional({ type: 'integer', example: 950_000 }) amountAppliedForPence?: number;
  @ApiPropertyOptional({ type: 'integer', example: 400_000 }) amountPaidPence?: number;
  @ApiPropertyOptional({ type: 'integer', example: 0 }) amountReturnedPence?: number;
  @ApiPropertyOptional({ format: 'date', example: '2026-06-01' }) awardDate?: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) plannedStartDate?: string | null;
  @ApiPropertyOptional({ format: 'date' }) plannedEndDate?: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, example: 12 }) plannedDurationMonths?:
    number | null;
  @ApiPropertyOptional({ type: NamedRef }) fund?: NamedRef;
  @ApiPropertyOptional({ example: '2026/27' }) fundYear?: string;
  @ApiPropertyOptional({ type: RoundRef }) round?: RoundRef;
  @ApiPropertyOptional({ example: true }) fromOpenCall?: boolean;
  @ApiPropertyOptional({ type: [AimRef] }) aims?: AimRef[];
  @ApiPropertyOptional({ type: [ObjectiveRef] }) objectives?: ObjectiveRef[];
  @ApiPropertyOptional({ type: [String] }) conditions?: string[];
  @ApiPropertyOptional({ type: ReasonsResponse }) reasons?: ReasonsResponse;
  @ApiPropertyOptional({ type: [PublicAreaResponse] }) beneficiaryAreas?: PublicAreaResponse[];
  @ApiPropertyOptional({ type: [CoFunderResponse] }) coFunders?: CoFunderResponse[];
  @ApiProperty({ format: 'date-time', example: AT }) firstPublishedAt!: string;
  @ApiProperty({ format: 'date-time', example: AT }) dateModified!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) withdrawnAt!:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) withdrawalReason!: string | null;
}

export class RegisterEntryVersionResponse {
  @ApiProperty({ type: 'integer', example: 1 }) version!: number;
  @ApiProperty({ enum: ['published', 'corrected', 'withdrawn'] }) change!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time', example: AT }) recordedAt!: string;
}

export class RegisterEntryDetailResponse extends RegisterEntryResponse {
  @ApiProperty({ type: [RegisterEntryVersionResponse] }) history!: RegisterEntryVersionResponse[];
}

export class RegisterPageResponse {
  @ApiProperty({ type: [RegisterEntryResponse] }) items!: RegisterEntryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class RegisterDecisionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['award', 'refuse'] }) outcome!: string;
  @ApiProperty({ format: 'date', example: '2026-06-01' }) decidedOn!: string;
  @ApiProperty({ example: 'approver' }) decisionMakerRole!: string;
  @ApiProperty({ type: 'integer', example: 950_000 }) amountRequestedPence!: number;
  @ApiProperty({ type: 'integer', nullable: true, example: 800_000 }) amountAwardedPence!: number | null;
  @ApiProperty() reasons!: string;
  @ApiProperty({ type: RoundRef }) round!: RoundRef;
  @ApiProperty({ example: '2026/27' }) fundYear!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: GRANT_ID,
    description: 'The grant, once it is on the register',
  })
  grantId!: string | null;
}

export class RegisterDecisionPageResponse {
  @ApiProperty({ type: [RegisterDecisionResponse] }) items!: RegisterDecisionResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

class MonthlyChangeResponse {
  @ApiProperty({ example: GRANT_ID }) id!: string;
  @ApiProperty({ enum: ['added', 'changed', 'withdrawn'] }) change!: string;
  @ApiPropertyOptional({ description: 'Why it was withdrawn' }) reason?: string;
}

export class RegisterPublicationResponse {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ format: 'date-time', example: AT }) publishedAt!: string;
  @ApiProperty({ type: 'integer' }) added!: number;
  @ApiProperty({ type: 'integer' }) changed!: number;
  @ApiProperty({ type: 'integer' }) withdrawn!: number;
  @ApiProperty({ type: [MonthlyChangeResponse] }) changes!: MonthlyChangeResponse[];
  @ApiProperty({ type: String, nullable: true, example: '/api/v1/register/publications/2026-11' })
  fileUrl!: string | null;
}

export class RegisterPublicationListResponse {
  @ApiProperty({ type: [RegisterPublicationResponse] }) items!: RegisterPublicationResponse[];
}

class ApprovedTextResponse {
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) approvedAt!: string;
}
class SuggestedTextResponse {
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
}
class CurrentEntryResponse {
  @ApiProperty({ enum: ['not-published', 'published', 'withdrawn'] }) status!: string;
  @ApiProperty({ type: RegisterEntryResponse, nullable: true }) entry!: RegisterEntryResponse | null;
}
class NextActionResponse {
  @ApiProperty({ enum: ['publish', 'withdraw', 'none'] }) action!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class PublicationPreviewResponse {
  @ApiProperty({ format: 'uuid' }) awardId!: string;
  @ApiProperty({ example: GRANT_ID }) registerId!: string;
  @ApiProperty({ type: CurrentEntryResponse }) current!: CurrentEntryResponse;
  @ApiProperty({ type: NextActionResponse }) next!: NextActionResponse;
  @ApiProperty({ type: ApprovedTextResponse, nullable: true }) approvedText!: ApprovedTextResponse | null;
  @ApiProperty({ type: SuggestedTextResponse }) suggested!: SuggestedTextResponse;
  @ApiProperty({
    type: RegisterEntryResponse,
    nullable: true,
    description: 'Exactly what would be published',
  })
  entry!: RegisterEntryResponse | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Its 360Giving grant',
  })
  giving360!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, description: 'Its row in grants.csv' }) csvRow!: string | null;
}

class OutcomeMeasureResponse {
  @ApiProperty({ example: '8.2' }) code!: string;
  @ApiProperty({ example: 'Number of new watch schemes' }) description!: string;
  @ApiProperty({ example: 'count' }) unit!: string;
  @ApiProperty({ type: 'integer', description: 'Published grants whose accepted reports give this figure' })
  grantsReporting!: number;
  @ApiProperty({ example: 44, description: "The sum of each grant's latest accepted figure" })
  reportedTotal!: number;
}

class OutcomeCaseStudyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: GRANT_ID }) grantId!: string;
  @ApiProperty() grantTitle!: string;
  @ApiProperty({ description: 'The anonymised version, published with the consent of the people in it' })
  story!: string;
}

class ObjectiveOutcomeResponse {
  @ApiProperty({ type: 'integer', example: 8 }) number!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'integer' }) grants!: number;
  @ApiProperty({ type: 'integer' }) amountAwardedPence!: number;
  @ApiProperty({ type: [OutcomeMeasureResponse] }) measures!: OutcomeMeasureResponse[];
  @ApiProperty({ type: [OutcomeCaseStudyResponse], description: 'The 20 newest published stories' })
  caseStudies!: OutcomeCaseStudyResponse[];
  @ApiProperty({ type: 'integer', description: 'How many stories are published for the objective in all' })
  caseStudiesTotal!: number;
}

export class PublicOutcomesResponse {
  @ApiProperty({ type: String, nullable: true, example: null }) fundYear!: string | null;
  @ApiProperty({ type: [ObjectiveOutcomeResponse] }) objectives!: ObjectiveOutcomeResponse[];
}
