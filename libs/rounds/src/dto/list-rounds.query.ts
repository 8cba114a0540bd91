import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@grants/common';

export const ROUND_LIST_STATUSES = ['open', 'upcoming', 'closed'] as const;

export class ListRoundsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'open', enum: ROUND_LIST_STATUSES })
  @IsOptional()
  @IsIn(ROUND_LIST_STATUSES, { message: `status must be one of ${ROUND_LIST_STATUSES.join(', ')}` })
  status?: (typeof ROUND_LIST_STATUSES)[number];
}
