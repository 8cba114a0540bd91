import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, MaxLength } from 'class-validator';
import { NotBlank } from '@grants/common';
import { REQUESTABLE_ANSWERS, RequestableAnswer } from './requestable-answers';

export class CreateInformationRequestDto {
  @ApiProperty({
    enum: REQUESTABLE_ANSWERS,
    isArray: true,
    example: ['budgetLines', 'documents'],
    description: 'The answers the applicant may change until they respond (documents: upload more)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(REQUESTABLE_ANSWERS.length)
  @ArrayUnique()
  @IsIn(REQUESTABLE_ANSWERS, {
    each: true,
    message: `each of answers must be one of ${REQUESTABLE_ANSWERS.join(', ')}`,
  })
  answers!: RequestableAnswer[];

  @ApiProperty({
    example:
      'Please split the £8,000 for "staff" into the hours and rates of each role, and add your latest bank statement.',
    maxLength: 10000,
    description: 'What the officer asks, as the applicant will read it',
  })
  @NotBlank()
  @MaxLength(10000)
  message!: string;
}

export class InformationResponseDto {
  @ApiProperty({
    example: 'We have split the staffing line and uploaded the March bank statement.',
    maxLength: 10000,
  })
  @NotBlank()
  @MaxLength(10000)
  response!: string;
}
