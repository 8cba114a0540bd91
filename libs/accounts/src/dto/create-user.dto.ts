import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';
import { OFFICER_ROLES, Role } from '../role';

export class CreateUserDto {
  @ApiProperty({ example: 'grants.officer@westmercia-pcc.gov.uk', maxLength: 254 })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Jo Evans', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ example: [Role.Officer], enum: OFFICER_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(OFFICER_ROLES as Role[], {
    each: true,
    message: `each role must be one of ${OFFICER_ROLES.join(', ')}`,
  })
  roles!: Role[];

  @ApiPropertyOptional({
    type: Number,
    example: 2_500_000,
    nullable: true,
    description: "An approver's delegated limit in pence; null or absent means no limit",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  approvalLimitPence?: number | null;

  @ApiPropertyOptional({
    example: 'a long initial passphrase',
    description: 'If absent, the user is emailed a link to choose one',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}
