import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NotBlank } from '@grants/common';

export class SpendLineDto {
  @ApiProperty({ type: 'integer', example: 0, description: "The application's budget line (its position)" })
  @IsInt()
  @Min(0)
  @Max(1000)
  budgetLinePosition!: number;

  @ApiProperty({ type: 'integer', example: 125_000, description: 'Spent to date, in pence' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountPence!: number;
}

export class FigureDto {
  @ApiProperty({ format: 'uuid', description: 'A success measure the application committed to' })
  @IsUUID('all', { message: 'measureId must be a UUID' })
  measureId!: string;

  @ApiProperty({ example: 12 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(-1e12)
  @Max(1e12)
  value!: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

export class CaseStudyDto {
  @ApiProperty({ example: 'A street that looks out for each other', maxLength: 200 })
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ maxLength: 10000, description: 'The story as it happened; never published' })
  @NotBlank()
  @MaxLength(10000)
  story!: string;

  @ApiProperty({ description: 'Whether the people in it agreed to its publication (anonymised)' })
  @IsBoolean()
  consentToPublish!: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 10000,
    description: 'Required when consentToPublish: the only version that may ever be published',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  anonymisedStory?: string | null;
}

/** Save and return: send any part; what is left out stays as it was. Lists replace the saved list. */
export class SaveReportDto {
  @ApiPropertyOptional({ type: [SpendLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SpendLineDto)
  spend?: SpendLineDto[];

  @ApiPropertyOptional({ type: [FigureDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FigureDto)
  figures?: FigureDto[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  progress?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000, description: 'Problems and changes' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  problems?: string | null;

  @ApiPropertyOptional({ type: [CaseStudyDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CaseStudyDto)
  caseStudies?: CaseStudyDto[];

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'Final report only: paid and not spent',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  unspentPence?: number | null;
}

export class ReviewReportDto {
  @ApiProperty({ enum: ['accept', 'request_changes'] })
  @IsIn(['accept', 'request_changes'], { message: 'outcome must be accept or request_changes' })
  outcome!: 'accept' | 'request_changes';

  @ApiPropertyOptional({
    maxLength: 5000,
    description: 'Required when asking for changes; the group reads it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comments?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RescheduleReportDto {
  @ApiPropertyOptional({ format: 'date', example: '2027-05-31' })
  @IsOptional()
  @Matches(DATE, { message: 'dueOn must be a date, YYYY-MM-DD' })
  dueOn?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(DATE, { message: 'periodStart must be a date, YYYY-MM-DD' })
  periodStart?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(DATE, { message: 'periodEnd must be a date, YYYY-MM-DD' })
  periodEnd?: string;

  @ApiProperty({ example: 'The project was extended by three months', maxLength: 2000 })
  @NotBlank()
  @MaxLength(2000)
  reason!: string;
}
