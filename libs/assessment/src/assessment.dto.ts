import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
import { NotBlank } from '@grants/common';
import { ELIGIBILITY_RULES, EligibilityRule } from '@grants/eligibility';
import { MAX_CRITERIA } from '@grants/rounds';
import { RECOMMENDATION_OUTCOMES, RecommendationOutcome, SCORE_MAX, SCORE_MIN } from './assessment-rules';
import { SCREENING_OUTCOMES, ScreeningOutcome } from './screening-rules';

const CRITERION_ID = '6e8a0c2e-4f6b-4d8a-9c0e-2f4a6c8e0a2c';
const OBJECTIVE_ID = '9d2f0c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';

export class RuleOverrideDto {
  @ApiProperty({ enum: ELIGIBILITY_RULES, example: 'one_off' })
  @IsIn(ELIGIBILITY_RULES, { message: `rule must be one of ${ELIGIBILITY_RULES.join(', ')}` })
  rule!: EligibilityRule;

  @ApiProperty({ enum: ['pass', 'fail'], example: 'pass', description: 'The officer’s verdict on the rule' })
  @IsIn(['pass', 'fail'], { message: 'outcome must be pass or fail' })
  outcome!: 'pass' | 'fail';

  @ApiProperty({
    example: 'The earlier award paid for a different scheme in another town; this is a new activity.',
    maxLength: 4000,
  })
  @NotBlank()
  @MaxLength(4000)
  reason!: string;
}

export class ScreeningDto {
  @ApiProperty({
    enum: SCREENING_OUTCOMES,
    example: 'eligible',
    description:
      'eligible: into assessment (every rule must stand at pass); ineligible: refused, with reasons',
  })
  @IsIn(SCREENING_OUTCOMES, { message: `outcome must be one of ${SCREENING_OUTCOMES.join(', ')}` })
  outcome!: ScreeningOutcome;

  @ApiPropertyOptional({
    example: 'The project benefits people in Gloucestershire, outside the area this fund serves.',
    maxLength: 10000,
    description: 'For the applicant to read; required when ineligible',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  reasons?: string;

  @ApiPropertyOptional({
    type: [RuleOverrideDto],
    description: 'Rules whose automatic result the officer replaces',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ELIGIBILITY_RULES.length)
  @ValidateNested({ each: true })
  @Type(() => RuleOverrideDto)
  overrides?: RuleOverrideDto[];
}

export class AssignAssessorsDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    example: ['2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b'],
    description: 'Officers to assign (each must be an active officer with no declared conflict)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique((id: string) => (typeof id === 'string' ? id.toLowerCase() : id))
  @IsUUID('all', { each: true })
  assessorIds!: string[];
}

export class ConflictDeclarationDto {
  @ApiProperty({ example: false, description: 'Whether you have a conflict of interest in this application' })
  @IsBoolean()
  hasConflict!: boolean;

  @ApiPropertyOptional({
    example: 'I am a trustee of the applying charity.',
    maxLength: 4000,
    description: 'Required when declaring a conflict',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  details?: string;
}

export class CriterionScoreDto {
  @ApiProperty({ format: 'uuid', example: CRITERION_ID })
  @IsUUID('all')
  criterionId!: string;

  @ApiProperty({ type: 'integer', nullable: true, minimum: SCORE_MIN, maximum: SCORE_MAX, example: 4 })
  @IsOptional()
  @IsInt()
  @Min(SCORE_MIN)
  @Max(SCORE_MAX)
  score?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Clear police data on repeat burglary in the ward.',
    maxLength: 4000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string | null;
}

export class SaveAssessmentDto {
  @ApiProperty({
    type: [CriterionScoreDto],
    description: 'Scores to save; criteria left out keep what they had',
  })
  @IsArray()
  @ArrayMaxSize(MAX_CRITERIA)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores!: CriterionScoreDto[];

  @ApiPropertyOptional({
    example: false,
    description:
      'Submit the assessment: every criterion must have a score and a comment; it cannot change after',
  })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

export class ObjectiveReasonDto {
  @ApiProperty({ format: 'uuid', example: OBJECTIVE_ID, description: 'An objective the application serves' })
  @IsUUID('all')
  objectiveId!: string;

  @ApiProperty({
    example: 'Targets repeat burglary of older residents in Malvern Link, where reports rose by a third.',
    maxLength: 4000,
  })
  @NotBlank()
  @MaxLength(4000)
  reason!: string;
}

export class RecommendationDto {
  @ApiProperty({
    type: [CriterionScoreDto],
    description: 'The moderated score for every criterion of the round (0–5), with an optional comment',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CRITERIA)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  moderatedScores!: CriterionScoreDto[];

  @ApiProperty({ enum: RECOMMENDATION_OUTCOMES, example: 'fund_in_part' })
  @IsIn(RECOMMENDATION_OUTCOMES, { message: `outcome must be one of ${RECOMMENDATION_OUTCOMES.join(', ')}` })
  outcome!: RecommendationOutcome;

  @ApiPropertyOptional({
    type: 'integer',
    example: 800_000,
    description:
      'In pence. Required for fund_in_part (at least the round minimum, less than requested); ' +
      'fund_in_full takes the amount requested and refuse none',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountPence?: number;

  @ApiProperty({
    example: 'A well-evidenced scheme; the equipment line is reduced to the quotes provided.',
    maxLength: 10000,
  })
  @NotBlank()
  @MaxLength(10000)
  summary!: string;

  @ApiProperty({
    type: [ObjectiveReasonDto],
    description: 'Reasons tied to the objectives the application serves: the register publishes them',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ObjectiveReasonDto)
  reasons!: ObjectiveReasonDto[];
}
