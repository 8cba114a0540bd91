import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class CreateObjectiveDto {
  @ApiProperty({
    example: '7f1d3c2e-8a4b-4c1d-9e2f-3a4b5c6d7e8f',
    description: 'An aim of the same plan version',
  })
  @IsUUID('all')
  aimId!: string;

  @ApiProperty({ example: 7, minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  number!: number;

  @ApiProperty({ example: 'To implement the domestic abuse and sexual violence strategy', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({
    example: 'Working with partners to commission services for victims.',
    maxLength: 5000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}
