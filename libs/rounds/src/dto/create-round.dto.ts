import { Type } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  ValidateNested,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_CRITERIA } from '../assessment-criteria';
import { MAX_CONDITIONS } from '../standard-conditions';
import { ConditionDto } from './condition.dto';
import { CriterionDto } from './criterion.dto';
import { LEGAL_FORMS } from '@grants/organisations';
import { MAX_ACCEPTANCE_WINDOW_DAYS, MAX_PROJECT_MONTHS } from '../round-rules';

/** An instant with its offset, as the API contract requires. */
export const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class CreateRoundDto {
  @ApiProperty({ example: '0b7c9a52-5a55-4b8e-9f39-1a2b3c4d5e6f' })
  @IsUUID('all')
  fundYearId!: string;

  @ApiProperty({
    example: '4c0e6a1d-2b3c-4d5e-8f70-8192a3b4c5d6',
    description: 'Must be a published plan version',
  })
  @IsUUID('all')
  planVersionId!: string;

  @ApiProperty({ example: 'Community Safety Fund 2013/14: small grants', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({
    example: 'One-off grants for specific activities that reduce crime and disorder.',
    maxLength: 10000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiProperty({ example: '2013-06-01T09:00:00+01:00', description: 'ISO 8601 instant with offset' })
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT_RE, { message: 'opensAt must be an ISO 8601 instant with an offset' })
  opensAt!: string;

  @ApiProperty({ example: '2013-07-31T17:00:00+01:00', description: 'ISO 8601 instant with offset' })
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT_RE, { message: 'closesAt must be an ISO 8601 instant with an offset' })
  closesAt!: string;

  @ApiProperty({ example: 50_000, description: 'In pence' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  minAwardPence!: number;

  @ApiProperty({ example: 2_500_000, description: "In pence; at most the fund year's cap" })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  maxAwardPence!: number;

  @ApiProperty({ example: 12, minimum: 1, maximum: MAX_PROJECT_MONTHS })
  @IsInt()
  @Min(1)
  @Max(MAX_PROJECT_MONTHS)
  maxProjectMonths!: number;

  @ApiProperty({
    example: 28,
    minimum: 1,
    maximum: MAX_ACCEPTANCE_WINDOW_DAYS,
    description: 'Days an offer stays open',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_ACCEPTANCE_WINDOW_DAYS)
  acceptanceWindowDays!: number;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 6,
    description:
      'Awards longer than this many months also report at their half-way point (default 6); null: none',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PROJECT_MONTHS)
  interimReportOverMonths?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    example: 28,
    description: 'Days after the end date the final report is due',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(366)
  finalReportDueDays?: number;

  @ApiProperty({
    example: ['9d2f0c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'],
    description: 'Objectives of the plan version',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  objectiveIds!: string[];

  @ApiPropertyOptional({
    enum: LEGAL_FORMS,
    isArray: true,
    example: ['registered_charity', 'cio', 'constituted_community_group'],
    description:
      'Legal forms the round accepts applications from (default: all); frozen once the round opens',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LEGAL_FORMS.length)
  @ArrayUnique()
  @IsIn(LEGAL_FORMS, {
    each: true,
    message: `each of acceptedLegalForms must be one of ${LEGAL_FORMS.join(', ')}`,
  })
  acceptedLegalForms?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['ongoing core running costs', 'management_and_overheads'],
    description:
      "Cost categories the round does not fund, matched against budget lines' categories ignoring case and " +
      "surrounding spaces (default: the funder's profile's list); frozen once the round opens",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  disallowedCostCategories?: string[];

  @ApiPropertyOptional({
    type: [CriterionDto],
    description:
      'The weighted criteria assessors score 0–5, in the order they see them (default: the six standard criteria); frozen once the ' +
      'round opens',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CRITERIA)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria?: CriterionDto[];

  @ApiPropertyOptional({
    type: [ConditionDto],
    description:
      'The conditions every award in the round carries (default: the standard six); an award may add special ones. ' +
      'Frozen once the round opens',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CONDITIONS)
  @ValidateNested({ each: true })
  @Type(() => ConditionDto)
  standardConditions?: ConditionDto[];
}
