import { ApiProperty } from '@nestjs/swagger';
import { IsIn, MaxLength } from 'class-validator';
import { NotBlank } from '@grants/common';
import { CONDITION_TIMINGS, ConditionTiming } from '../standard-conditions';

export class ConditionDto {
  @ApiProperty({
    example: 'Provide bank details in the organisation’s name before the first payment.',
    maxLength: 2000,
  })
  @NotBlank()
  @MaxLength(2000)
  text!: string;

  @ApiProperty({
    enum: CONDITION_TIMINGS,
    example: 'before_payment',
    description: 'before_payment: met or waived before any money moves; ongoing: for the life of the grant',
  })
  @IsIn(CONDITION_TIMINGS, { message: `timing must be one of ${CONDITION_TIMINGS.join(', ')}` })
  timing!: ConditionTiming;
}
