import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEDGER_KINDS } from '@grants/funds';
import { CONDITION_STATUSES } from './award-condition.entity';
import { AWARD_STATUSES } from './award-status';
import { DECISION_OUTCOMES } from './decision.entity';

/** Response shapes, for the OpenAPI document only: they mirror AwardView, AwardSummary and DecisionView. */

const AWARD_ID = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const APPLICATION_ID = '8e2f6a14-3b7c-4d9e-a1f5-6c0b2d7e9f43';
const ORGANISATION_ID = '5d1f3c2a-8b4e-4f6a-9c7d-2e1b0a9f8c31';
const ROUND_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const FUND_YEAR_ID = '0b7c9a52-5a55-4b8e-9f39-1a2b3c4d5e6f';
const AT = '2026-06-01T10:00:00.000Z';

export class AwardConditionResponse {
  @ApiProperty({ format: 'uuid', example: '1e3a5c7e-9a1b-4c3d-8e5f-7a9b1c3d5e7f' }) id!: string;
  @ApiProperty({ type: 'integer', example: 6 }) position!: number;
  @ApiProperty({ enum: ['standard', 'special'], example: 'standard' }) kind!: string;
  @ApiProperty({ enum: ['before_payment', 'ongoing'], example: 'before_payment' }) timing!: string;
  @ApiProperty({ example: 'Provide bank details in the organisation’s name before the first payment.' })
  text!: string;
  @ApiProperty({ enum: CONDITION_STATUSES, example: 'pending' }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) statusNote!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) statusChangedAt!:
    string | null;
}

export class AwardLedgerEntryResponse {
  @ApiProperty({ enum: LEDGER_KINDS, example: 'commitment' }) kind!: string;
  @ApiProperty({ type: 'integer', example: 800_000 }) amountPence!: number;
  @ApiProperty({ example: 'award' }) cause!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) reference!: string | null;
  @ApiProperty({ type: String, format: 'date', example: '2026-06-01' }) occurredOn!: string;
  @ApiProperty({ type: String, format: 'date-time', example: AT }) recordedAt!: string;
}

export class AwardSummaryResponse {
  @ApiProperty({ format: 'uuid', example: AWARD_ID }) id!: string;
  @ApiProperty({ example: 'CSF-2026-000123' }) reference!: string;
  @ApiProperty({ format: 'uuid', example: APPLICATION_ID }) applicationId!: string;
  @ApiProperty({ format: 'uuid', example: ORGANISATION_ID }) organisationId!: string;
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) roundId!: string;
  @ApiProperty({ format: 'uuid', example: FUND_YEAR_ID }) fundYearId!: string;
  @ApiProperty({ enum: AWARD_STATUSES, example: 'offered' }) status!: string;
  @ApiProperty({ type: 'integer', example: 800_000 }) amountPence!: number;
  @ApiProperty({ type: 'integer', example: 0 }) paidPence!: number;
  @ApiProperty({ type: 'integer', example: 0 }) returnedPence!: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-06-29' }) acceptanceDeadline!: string;
  @ApiProperty({ type: String, format: 'date-time', example: AT }) offeredAt!: string;
  @ApiProperty({ type: String, format: 'date-time', example: AT }) createdAt!: string;
}

export class AwardPageResponse {
  @ApiProperty({ type: [AwardSummaryResponse] }) items!: AwardSummaryResponse[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor!: string | null;
}

export class AwardResponse extends AwardSummaryResponse {
  @ApiProperty({ type: 'integer', example: 800_000 }) offeredAmountPence!: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'Paid less returned' }) netSpendPence!: number;
  @ApiProperty({ type: 'integer', example: 800_000, description: 'Still to pay while the award is open' })
  remainingPence!: number;
  @ApiProperty({ type: 'integer', example: 0 }) repaymentDuePence!: number;
  @ApiProperty({ type: String, format: 'date', example: '2027-05-31' }) endDate!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) acceptedAt!:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) signatoryName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) signatoryPosition!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) declinedAt!:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) declineReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) lapsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) revokedAt!:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) revocationReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) completedAt!:
    string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: null,
    description: 'Declared in the accepted final report: paid and not spent, so due back',
  })
  unspentPence!: number | null;
  @ApiProperty({ type: [AwardConditionResponse] }) conditions!: AwardConditionResponse[];
  @ApiPropertyOptional({ type: [AwardLedgerEntryResponse], description: 'Officers only' })
  ledger?: AwardLedgerEntryResponse[];
}

export class DecidedConditionResponse {
  @ApiProperty({ enum: ['standard', 'special'], example: 'special' }) kind!: string;
  @ApiProperty({ enum: ['before_payment', 'ongoing'], example: 'before_payment' }) timing!: string;
  @ApiProperty({ example: 'Confirm the venue booking before the first payment.' }) text!: string;
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid', example: '2b4d6f8a-0c2e-4a6b-8d0f-2a4c6e8a0b2d' }) id!: string;
  @ApiProperty({ format: 'uuid', example: APPLICATION_ID }) applicationId!: string;
  @ApiProperty({ format: 'uuid', example: '6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c' }) recommendationId!: string;
  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'award' }) outcome!: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 800_000 }) amountPence!: number | null;
  @ApiProperty({ example: 'The scheme serves objective 8 in an area of rising burglary.' }) reasons!: string;
  @ApiProperty({ type: [DecidedConditionResponse] }) conditions!: DecidedConditionResponse[];
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-06-29' })
  acceptanceDeadline!: string | null;
  @ApiProperty({ format: 'uuid', example: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b' }) decidedBy!: string;
  @ApiProperty({ example: 'approver' }) decidedRole!: string;
  @ApiProperty({ type: String, format: 'date-time', example: AT }) decidedAt!: string;
  @ApiProperty({ type: AwardResponse, nullable: true }) award!: AwardResponse | null;
}
