import { ApiProperty } from '@nestjs/swagger';
import {
  ELIGIBILITY_OUTCOMES,
  ELIGIBILITY_RULES,
  EligibilityOutcome,
  EligibilityRule,
} from './eligibility-rules';

/** Response shapes, for the OpenAPI document only: they mirror RuleResult, EligibilityReport and EligibilityResult. */

export class RuleResultResponse {
  @ApiProperty({ enum: ELIGIBILITY_RULES, example: 'amount' }) rule!: EligibilityRule;
  @ApiProperty({ enum: ELIGIBILITY_OUTCOMES, example: 'pass' }) outcome!: EligibilityOutcome;
  @ApiProperty({ example: "The amount requested is within this round's limits of £500.00 to £25,000.00." })
  reason!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { amountRequestedPence: 1200000, minAwardPence: 50000, maxAwardPence: 2500000 },
    description: 'What the rule looked at',
  })
  evidence!: Record<string, unknown>;
}

export class EligibilityCheckResponse {
  @ApiProperty({
    enum: ELIGIBILITY_OUTCOMES,
    example: 'needs_review',
    description: 'fail if any rule fails, else needs_review if any rule needs review, else pass',
  })
  outcome!: EligibilityOutcome;
  @ApiProperty({ type: [RuleResultResponse], description: 'One per rule kind, in a fixed order' })
  results!: RuleResultResponse[];
}

export class EligibilityResultResponse extends EligibilityCheckResponse {
  @ApiProperty({ format: 'uuid', example: '6f1e2d3c-4b5a-4697-8877-665544332211' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '0e9d8c7b-6a59-4483-9271-605f4e3d2c1b' }) applicationId!: string;
  @ApiProperty({ format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }) submissionId!: string;
  @ApiProperty({ type: 'integer', example: 1 }) submissionVersion!: number;
  @ApiProperty({ format: 'uuid', example: '4c0e6a1d-2b3c-4d5e-8f70-8192a3b4c5d6' }) planVersionId!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-01T10:15:00.000Z' }) checkedAt!: string;
}

export class EligibilityResultListResponse {
  @ApiProperty({ type: [EligibilityResultResponse], description: 'One per submission, oldest first' })
  items!: EligibilityResultResponse[];
}
