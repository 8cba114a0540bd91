import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class CreateFundYearDto {
  @ApiProperty({ example: '2017/18', maxLength: 20 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  label!: string;

  @ApiProperty({ example: '2017-04-01', description: 'YYYY-MM-DD' })
  @IsString()
  @MaxLength(10)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startsOn must be a date YYYY-MM-DD' })
  startsOn!: string;

  @ApiProperty({ example: '2018-03-31', description: 'YYYY-MM-DD' })
  @IsString()
  @MaxLength(10)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endsOn must be a date YYYY-MM-DD' })
  endsOn!: string;

  @ApiProperty({ example: 100_000_000, description: 'The most that may be committed in the year, in pence' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  capPence!: number;

  @ApiPropertyOptional({
    example: 0,
    description: 'How far commitments may exceed the cap, in pence (default 0)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  overAllocationTolerancePence?: number;
}
