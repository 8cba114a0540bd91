import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MEASURE_UNITS, MeasureUnit } from '../success-measure.entity';

export class UpdateMeasureDto {
  @ApiPropertyOptional({ example: '11.3', maxLength: 20 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  code?: string;

  @ApiPropertyOptional({ example: 'Number of watch schemes', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ example: 'count', enum: MEASURE_UNITS })
  @IsOptional()
  @IsIn(MEASURE_UNITS as MeasureUnit[], { message: `unit must be one of ${MEASURE_UNITS.join(', ')}` })
  unit?: MeasureUnit;

  @ApiPropertyOptional({
    example: '7f1d3c2e-8a4b-4c1d-9e2f-3a4b5c6d7e8f',
    description:
      'Move the measure to another objective of the same version (e.g. when objectives are merged)',
  })
  @IsOptional()
  @IsUUID('all')
  objectiveId?: string;
}
