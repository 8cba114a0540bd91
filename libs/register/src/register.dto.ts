import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { NotBlank, PageQuery } from '@grants/common';

/** The public register's filters. Every one is optional; together they narrow the list. */
export class RegisterListQuery {
  @ApiPropertyOptional({ example: '2026/27', description: 'The fund year, as its label' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  fundYear?: string;

  @ApiPropertyOptional({
    example: 'E07000235',
    description: "An ONS area code: the recipient's area or an area that benefits",
  })
  @IsOptional()
  @Matches(/^[EWSNKLM][0-9]{8}$/, { message: 'area must be an ONS area code like E07000235' })
  area?: string;

  @ApiPropertyOptional({ type: 'integer', example: 8, description: "The plan objective's number" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999)
  objective?: number;

  @ApiPropertyOptional({ example: 'A2', description: "The plan aim's code" })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  aim?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The round (grant programme)' })
  @IsOptional()
  @IsUUID('all', { message: 'round must be a UUID' })
  round?: string;

  @ApiPropertyOptional({ example: 'GB-CHC-1234567', description: "The recipient's organisation identifier" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  recipient?: string;

  @ApiPropertyOptional({ type: 'integer', example: 100_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minAmountPence?: number;

  @ApiPropertyOptional({ type: 'integer', example: 1_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  maxAmountPence?: number;

  @ApiPropertyOptional({
    example: 'neighbourhood watch',
    description: 'Words in the title, description or recipient',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ type: 'integer', example: 50, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** Published decisions take only paging. */
export class RegisterDecisionsQuery extends PageQuery {}

export class ApprovePublicationDto {
  @ApiProperty({ example: 'Malvern Hills Neighbourhood Watch: new street schemes', maxLength: 200 })
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @ApiProperty({
    example: 'Twelve new street watch schemes with training and signage in the Malvern Hills district.',
    maxLength: 5000,
  })
  @NotBlank()
  @MaxLength(5000)
  description!: string;
}

export class WithdrawPublicationDto {
  @ApiProperty({
    example: 'Published in error: this grant was recorded against the wrong organisation.',
    maxLength: 2000,
    description: 'Shown to the public on the withdrawn entry',
  })
  @NotBlank()
  @MaxLength(2000)
  reason!: string;
}

export class RegisterOutcomesQuery {
  @ApiPropertyOptional({ example: '2026/27', description: 'One fund year only' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  fundYear?: string;
}
