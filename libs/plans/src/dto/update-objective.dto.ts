import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class UpdateObjectiveDto {
  @ApiPropertyOptional({
    example: '7f1d3c2e-8a4b-4c1d-9e2f-3a4b5c6d7e8f',
    description: 'Move to another aim of the same version',
  })
  @IsOptional()
  @IsUUID('all')
  aimId?: string;

  @ApiPropertyOptional({
    example: 8,
    minimum: 1,
    maximum: 1000,
    description: 'Renumber (must be free in this version)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  number?: number;

  @ApiPropertyOptional({ example: 'To reduce the volume of anti social behaviour incidents', maxLength: 500 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ example: 'Revised description.', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}
