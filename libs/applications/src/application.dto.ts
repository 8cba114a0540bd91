import { PageQuery } from '@grants/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BUDGET_CATEGORIES, BudgetCategory, FUNDING_STATUSES, FundingStatus } from './application-answers';
import { APPLICATION_STATUSES, ApplicationStatus } from './application-status';

/** £1bn in pence: far above any round's limit, far below where sums of lines could lose precision. */
export const MAX_PENCE = 100_000_000_000;
const MAX_FIGURE = 1_000_000_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const present = (_: object, v: unknown): boolean => v !== undefined;

export class CreateApplicationDto {
  @ApiProperty({ example: '0f8fad5b-d9cb-469f-a165-70867728950e' })
  @IsUUID()
  organisationId!: string;

  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  @IsUUID()
  roundId!: string;

  @ApiPropertyOptional({ example: 'Malvern Street Pastors' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;
}

export class ActivityDto {
  @ApiProperty({ example: 'Friday and Saturday night patrols in Great Malvern town centre' })
  @IsString()
  @MaxLength(2000)
  description!: string;
}

export class ObjectiveAnswerDto {
  @ApiProperty({ example: '9b2d7b8e-3c1a-4e5f-9a6b-1c2d3e4f5a6b' })
  @IsUUID()
  objectiveId!: string;

  @ApiProperty({ example: 'Fewer alcohol-related assaults in the night-time economy' })
  @IsString()
  @MaxLength(2000)
  contribution!: string;
}

export class MeasureAnswerDto {
  @ApiProperty({ example: '3fa85f64-5717-4562-b3fc-2c963f66afa6' })
  @IsUUID()
  measureId!: string;

  @ApiProperty({ example: 40, description: 'The figure the project aims to reach' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(-MAX_FIGURE)
  @Max(MAX_FIGURE)
  target!: number;

  @ApiPropertyOptional({
    type: Number,
    example: 25,
    nullable: true,
    description: 'Where it stands today, if known',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(-MAX_FIGURE)
  @Max(MAX_FIGURE)
  baseline?: number | null;
}

export class BudgetLineDto {
  @ApiProperty({ example: 'Hand-held radios (6)' })
  @IsString()
  @MaxLength(500)
  description!: string;

  @ApiProperty({ enum: BUDGET_CATEGORIES, example: 'equipment' })
  @IsIn(BUDGET_CATEGORIES)
  category!: BudgetCategory;

  @ApiProperty({ type: 'integer', example: 180000 })
  @IsInt()
  @Min(0)
  @Max(MAX_PENCE)
  amountPence!: number;
}

export class OtherFundingDto {
  @ApiProperty({ example: 'Malvern Town Council' })
  @IsString()
  @MaxLength(200)
  funderName!: string;

  @ApiProperty({ type: 'integer', example: 250000 })
  @IsInt()
  @Min(0)
  @Max(MAX_PENCE)
  amountPence!: number;

  @ApiProperty({ enum: FUNDING_STATUSES, example: 'secured' })
  @IsIn(FUNDING_STATUSES)
  status!: FundingStatus;
}

export class SafeguardingDto {
  @ApiPropertyOptional({
    example: true,
    description: 'The organisation has safeguarding arrangements in place',
  })
  @ValidateIf(present)
  @IsBoolean()
  confirmed?: boolean;

  @ApiPropertyOptional({
    type: String,
    example: 'Policy reviewed March 2026; all volunteers DBS checked',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  policyNotes?: string | null;

  @ApiPropertyOptional({
    type: Boolean,
    example: false,
    nullable: true,
    description: 'The project involves children or adults at risk (a safeguarding policy is then required)',
  })
  @IsOptional()
  @IsBoolean()
  involvesChildrenOrAdultsAtRisk?: boolean | null;
}

/** For a constituted community group or unregistered group: proportionate checks instead of registry numbers. */
export class GroupChecklistDto {
  @ApiPropertyOptional({
    type: Boolean,
    example: true,
    nullable: true,
    description: 'The constitution says what happens to assets if the group dissolves',
  })
  @IsOptional()
  @IsBoolean()
  constitutionHasDissolutionClause?: boolean | null;

  @ApiPropertyOptional({
    type: 'integer',
    example: 4,
    nullable: true,
    description: 'Committee members not related to one another (at least 3 are needed)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  unrelatedCommitteeMembers?: number | null;

  @ApiPropertyOptional({
    type: Boolean,
    example: true,
    nullable: true,
    description: 'The group has a bank account in its own name',
  })
  @IsOptional()
  @IsBoolean()
  bankAccountInGroupName?: boolean | null;
}

export class DeclarationsDto {
  @ApiPropertyOptional({ example: true, description: 'The information given is true and complete' })
  @ValidateIf(present)
  @IsBoolean()
  informationTrue?: boolean;

  @ApiPropertyOptional({ example: true, description: 'A grant is one-off, with no commitment to renew it' })
  @ValidateIf(present)
  @IsBoolean()
  oneOffUnderstood?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Grants are subject to conditions' })
  @ValidateIf(present)
  @IsBoolean()
  conditionsUnderstood?: boolean;

  @ApiPropertyOptional({
    example: true,
    description: 'Consent to the processing and publication of grant data',
  })
  @ValidateIf(present)
  @IsBoolean()
  dataProtection?: boolean;
}

/** Partial: absent fields are unchanged, null clears a value, a list replaces the whole list. */
export class UpdateApplicationDto {
  @ApiPropertyOptional({ type: String, example: 'Malvern Street Pastors', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'Trained volunteers on the streets at night…',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string | null;

  @ApiPropertyOptional({ type: [ActivityDto] })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ActivityDto)
  activities?: ActivityDto[];

  @ApiPropertyOptional({ type: [ObjectiveAnswerDto] })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ObjectiveAnswerDto)
  objectives?: ObjectiveAnswerDto[];

  @ApiPropertyOptional({ type: [MeasureAnswerDto] })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MeasureAnswerDto)
  successMeasures?: MeasureAnswerDto[];

  @ApiPropertyOptional({ type: [String], example: ['E07000235', 'E07000237'] })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  beneficiaryAreas?: string[];

  @ApiPropertyOptional({ type: String, example: '2026-04-01', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  startDate?: string | null;

  @ApiPropertyOptional({ type: String, example: '2027-03-31', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'endDate must be a date YYYY-MM-DD' })
  endDate?: string | null;

  @ApiPropertyOptional({ type: 'integer', example: 1200000, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PENCE)
  amountRequestedPence?: number | null;

  @ApiPropertyOptional({ type: [BudgetLineDto] })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  budgetLines?: BudgetLineDto[];

  @ApiPropertyOptional({ type: [OtherFundingDto] })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OtherFundingDto)
  otherFunding?: OtherFundingDto[];

  @ApiPropertyOptional({
    type: String,
    example: 'Malvern Town Council will fund the scheme from April 2027.',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  exitPlan?: string | null;

  @ApiPropertyOptional({ type: SafeguardingDto })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => SafeguardingDto)
  safeguarding?: SafeguardingDto;

  @ApiPropertyOptional({ type: GroupChecklistDto })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => GroupChecklistDto)
  groupChecklist?: GroupChecklistDto;

  @ApiPropertyOptional({ type: DeclarationsDto })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarationsDto)
  declarations?: DeclarationsDto;
}

export class WithdrawApplicationDto {
  @ApiPropertyOptional({ example: 'We found funding elsewhere' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ListApplicationsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES, example: 'submitted' })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  @IsOptional()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ example: '0f8fad5b-d9cb-469f-a165-70867728950e' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}
