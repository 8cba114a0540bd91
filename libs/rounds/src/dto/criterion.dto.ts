import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_CRITERION_WEIGHT } from '../assessment-criteria';

export class CriterionDto {
  @ApiProperty({ example: 'Evidence of need', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({
    example: 'Local evidence that the problem exists where the money would be spent.',
    maxLength: 4000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  guidance?: string;

  @ApiProperty({
    type: 'integer',
    example: 20,
    minimum: 1,
    maximum: MAX_CRITERION_WEIGHT,
    description: "Relative weight in the round's weighted score",
  })
  @IsInt()
  @Min(1)
  @Max(MAX_CRITERION_WEIGHT)
  weight!: number;
}
