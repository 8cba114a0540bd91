import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { FUNDING_SOURCE_KINDS, FundingSourceKind } from '../funding-source.entity';

export class CreateFundingSourceDto {
  @ApiProperty({ example: 'Home Office community safety grant', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ example: 'grant', enum: FUNDING_SOURCE_KINDS })
  @IsIn(FUNDING_SOURCE_KINDS as FundingSourceKind[], {
    message: `kind must be one of ${FUNDING_SOURCE_KINDS.join(', ')}`,
  })
  kind!: FundingSourceKind;

  @ApiProperty({ example: 99_000_000, description: 'In pence' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountPence!: number;
}
