import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

export class SetToleranceDto {
  @ApiProperty({
    type: 'integer',
    example: 10_000_000,
    description: 'How far commitments may run over the cap, in pence (e.g. 10% because some offers lapse)',
  })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  overAllocationTolerancePence!: number;

  @ApiProperty({
    example: 'About one offer in ten lapses; the Commissioner approved over-allocation of 10%.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}
