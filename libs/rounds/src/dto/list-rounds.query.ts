import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@grants/common';

export const ROUND_LIST_STATUSES = ['open', 'upcoming', 'closed'] as const;

export class ListRoundsQuery {
  @ApiPropertyOptional({ example: 'open', enum: ROUND_LIST_STATUSES })
  @IsOptional()
  @IsIn(ROUND_LIST_STATUSES, { message: `status must be one of ${ROUND_LIST_STATUSES.join(', ')}` })
  status?: (typeof ROUND_LIST_STATUSES)[number];

  @ApiPropertyOptional({ example: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ example: 'WyIyMDI2LTA1LTAxVDEyOjAwOjAwLjAwMFoiLCIuLi4iXQ', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
