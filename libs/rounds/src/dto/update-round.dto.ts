import { Type } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
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
import { INSTANT_RE } from './create-round.dto';

/** Once a round has opened only title, description and a later closesAt may change (409 otherwise). */
export class UpdateRoundDto {
  @ApiPropertyOptional({ example: '0b7c9a52-5a55-4b8e-9f39-1a2b3c4d5e6f' })
  @IsOptional()
  @IsUUID('all')
  fundYearId?: string;

  @ApiPropertyOptional({ example: '4c0e6a1d-2b3c-4d5e-8f70-8192a3b4c5d6' })
  @IsOptional()
  @IsUUID('all')
  planVersionId?: string;

  @ApiPropertyOptional({ example: 'Community Safety Fund 2013/14: small grants', maxLength: 300 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: 'Updated guidance for applicants.', maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ example: '2013-06-01T09:00:00+01:00' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT_RE, { message: 'opensAt must be an ISO 8601 instant with an offset' })
  opensAt?: string;

  @ApiPropertyOptional({ example: '2013-08-31T17:00:00+01:00' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT_RE, { message: 'closesAt must be an ISO 8601 instant with an offset' })
  closesAt?: string;

  @ApiPropertyOptional({ example: 50_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  minAwardPence?: number;

  @ApiPropertyOptional({ example: 2_500_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  maxAwardPence?: number;

  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PROJECT_MONTHS)
  maxProjectMonths?: number;

  @ApiPropertyOptional({ example: 28 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ACCEPTANCE_WINDOW_DAYS)
  acceptanceWindowDays?: number;

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

  @ApiPropertyOptional({ example: ['9d2f0c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  objectiveIds?: string[];

  @ApiPropertyOptional({
    enum: LEGAL_FORMS,
    isArray: true,
    example: ['registered_charity', 'cio', 'constituted_community_group'],
    description: 'Legal forms the round accepts applications from; frozen once the round opens',
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
      'surrounding spaces; frozen once the round opens',
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
      'The weighted criteria assessors score 0–5, in the order they see them (replaces the whole list); frozen once the ' +
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
      'The conditions every award in the round carries (replaces the whole list); an award may add special ones. ' +
      'Frozen once the round opens',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CONDITIONS)
  @ValidateNested({ each: true })
  @Type(() => ConditionDto)
  standardConditions?: ConditionDto[];
}
