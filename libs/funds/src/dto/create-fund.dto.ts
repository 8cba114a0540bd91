import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateFundDto {
  @ApiProperty({
    example: 'victims-fund',
    maxLength: 100,
    description: 'Lower-case letters, digits and hyphens',
  })
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'key must be lower-case letters, digits and hyphens' })
  key!: string;

  @ApiProperty({ example: 'Victims Services Fund', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ example: 'Commissioned services for victims and witnesses.', maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;
}
