import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, NotBlank, PageQuery } from '@grants/common';
import { ConditionDto, MAX_CONDITIONS } from '@grants/rounds';
import { CONDITION_STATUSES, ConditionStatus } from './award-condition.entity';
import { AWARD_STATUSES, AwardStatus } from './award-status';
import { DECISION_OUTCOMES, DecisionOutcome } from './decision.entity';

export class DecisionDto {
  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'award' })
  @IsIn(DECISION_OUTCOMES, { message: `outcome must be one of ${DECISION_OUTCOMES.join(', ')}` })
  outcome!: DecisionOutcome;

  @ApiPropertyOptional({
    type: 'integer',
    example: 800_000,
    description:
      "Award only, in pence: at most the amount requested and the round's maximum (default: the recommended amount)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountPence?: number;

  @ApiProperty({
    example:
      'The scheme serves objective 8 in an area of rising burglary; the panel’s reduction is accepted.',
    maxLength: 10000,
    description: 'Published with the decision',
  })
  @NotBlank()
  @MaxLength(10000)
  reasons!: string;

  @ApiPropertyOptional({
    type: [ConditionDto],
    description: "Award only: conditions beyond the round's standard ones",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CONDITIONS)
  @ValidateNested({ each: true })
  @Type(() => ConditionDto)
  specialConditions?: ConditionDto[];

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-12-29',
    description: "Award only: the last day to accept (default: today plus the round's acceptance window)",
  })
  @IsOptional()
  @IsCalendarDate()
  acceptanceDeadline?: string;
}

export class AcceptOfferDto {
  @ApiProperty({
    type: 'integer',
    example: 800_000,
    description: 'The amount of the offer being accepted, in pence: it must be the offer as it stands now',
  })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountPence!: number;

  @ApiProperty({ example: 'Margaret Okafor', maxLength: 200 })
  @NotBlank()
  @MaxLength(200)
  signatoryName!: string;

  @ApiProperty({ example: 'Chair of trustees', maxLength: 200 })
  @NotBlank()
  @MaxLength(200)
  signatoryPosition!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    example: ['1e3a5c7e-9a1b-4c3d-8e5f-7a9b1c3d5e7f'],
    description: 'Every condition of the offer, each confirmed explicitly',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  acceptedConditionIds!: string[];
}

export class ReasonDto {
  @ApiProperty({ example: 'The project has been funded by the town council instead.', maxLength: 4000 })
  @NotBlank()
  @MaxLength(4000)
  reason!: string;
}

export class ConditionStatusDto {
  @ApiProperty({ enum: CONDITION_STATUSES, example: 'met' })
  @IsIn(CONDITION_STATUSES, { message: `status must be one of ${CONDITION_STATUSES.join(', ')}` })
  status!: ConditionStatus;

  @ApiProperty({
    example: 'Bank statement in the organisation’s name seen on 3 May.',
    maxLength: 4000,
    description: 'The evidence it is met, or why it is waived or reopened',
  })
  @NotBlank()
  @MaxLength(4000)
  note!: string;
}

export class MoneyMovementDto {
  @ApiProperty({ type: 'integer', example: 400_000, description: 'In pence' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountPence!: number;

  @ApiProperty({ type: String, format: 'date', example: '2026-05-10', description: 'When the money moved' })
  @IsCalendarDate()
  on!: string;

  @ApiProperty({ example: 'BACS 000123', maxLength: 200, description: 'The bank or remittance reference' })
  @NotBlank()
  @MaxLength(200)
  reference!: string;

  @ApiPropertyOptional({ example: 'First instalment', maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class VariationDto {
  @ApiPropertyOptional({
    type: 'integer',
    example: 700_000,
    description: 'A reduced amount in pence (never an increase); the difference is released',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountPence?: number;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2027-06-30' })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;

  @ApiProperty({ example: 'One of the three venues withdrew.', maxLength: 4000 })
  @NotBlank()
  @MaxLength(4000)
  reason!: string;
}

export class RevocationDto {
  @ApiProperty({ example: 'The grant was spent on items outside the activities described.', maxLength: 4000 })
  @NotBlank()
  @MaxLength(4000)
  reason!: string;

  @ApiPropertyOptional({ type: 'integer', example: 150_000, description: 'In pence; at most what was paid' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  repaymentDuePence?: number;
}

export class ListAwardsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AWARD_STATUSES })
  @IsOptional()
  @IsIn(AWARD_STATUSES)
  status?: AwardStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  fundYearId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;
}
