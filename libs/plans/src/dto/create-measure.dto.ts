import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MEASURE_UNITS, MeasureUnit } from '../success-measure.entity';

export class CreateMeasureDto {
  @ApiProperty({ example: '8.8', maxLength: 20 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  code!: string;

  @ApiProperty({ example: 'Number of new Neighbourhood Watch schemes', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  description!: string;

  @ApiProperty({ example: 'count', enum: MEASURE_UNITS })
  @IsIn(MEASURE_UNITS as MeasureUnit[], { message: `unit must be one of ${MEASURE_UNITS.join(', ')}` })
  unit!: MeasureUnit;
}
