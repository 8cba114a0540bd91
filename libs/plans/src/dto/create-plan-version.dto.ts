import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreatePlanVersionDto {
  @ApiPropertyOptional({ example: 'Revised plan after the Police and Crime Panel report', maxLength: 300 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  label?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'Objectives reduced to 11 and renumbered.',
    maxLength: 5000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}
