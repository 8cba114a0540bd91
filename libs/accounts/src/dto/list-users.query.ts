import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@grants/common';
import { Role } from '../role';

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ example: Role.Approver, enum: Object.values(Role) })
  @IsOptional()
  @IsIn(Object.values(Role))
  role?: Role;
}
