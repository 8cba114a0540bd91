import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Role } from '../role';

const ALL_ROLES = Object.values(Role);

export class UpdateUserDto {
  @ApiPropertyOptional({ example: [Role.Officer, Role.Approver], enum: ALL_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsIn(ALL_ROLES, { each: true, message: `each role must be one of ${ALL_ROLES.join(', ')}` })
  roles?: Role[];

  @ApiPropertyOptional({ example: 'Jo Evans', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({
    type: Number,
    example: 2_500_000,
    nullable: true,
    description: 'null removes the limit',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  approvalLimitPence?: number | null;

  @ApiPropertyOptional({ example: true, description: 'Disabling signs the user out everywhere' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}
