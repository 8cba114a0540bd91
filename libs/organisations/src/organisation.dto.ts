import { PageQuery } from '@grants/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { LEGAL_FORMS, LegalForm } from './legal-form';

const NOT_BLANK = /\S/;
const PHONE = /^[0-9+() -]{6,30}$/;

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Malvern Hills Neighbourhood Watch Association' })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ enum: LEGAL_FORMS, example: LegalForm.RegisteredCharity })
  @IsIn(LEGAL_FORMS)
  legalForm!: LegalForm;

  @ApiPropertyOptional({
    type: String,
    example: '1123456',
    nullable: true,
    description:
      'England and Wales 6–8 digits (optionally -N), Scotland SC + 6 digits, Northern Ireland NIC + 6 digits',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  charityNumber?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '01234567',
    nullable: true,
    description: '8 characters; pure digits are left-padded with zeros (1234567 → 01234567)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  companyNumber?: string | null;

  @ApiProperty({ example: '12 Church Street' })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'addressLine1 must not be blank' })
  addressLine1!: string;

  @ApiPropertyOptional({ type: String, example: 'Great Malvern', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  addressLine2?: string | null;

  @ApiProperty({ example: 'Malvern' })
  @IsString()
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: 'town must not be blank' })
  town!: string;

  @ApiProperty({ example: 'WR14 3AA', description: 'A UK postcode; stored uppercase with one space' })
  @IsString()
  @MaxLength(10)
  postcode!: string;

  @ApiProperty({ example: 'E07000235', description: 'The local authority area it works in (see GET /areas)' })
  @IsString()
  @MaxLength(20)
  localAuthorityCode!: string;

  @ApiPropertyOptional({ type: String, example: 'secretary@mhnwa.org.uk', nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, example: '01684 123456', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  @Matches(PHONE, { message: 'contactPhone must be a phone number (digits, spaces, + ( ) -)' })
  contactPhone?: string | null;

  @ApiPropertyOptional({
    example: false,
    description: 'Publish this organisation on the register with its area only, never its address',
  })
  @IsOptional()
  @IsBoolean()
  sensitive?: boolean;
}

const present = (_: object, v: unknown): boolean => v !== undefined;

/** Partial: absent fields stay as they are; null clears an optional field (required ones cannot be null). */
export class UpdateOrganisationDto {
  @ApiPropertyOptional({ example: 'Malvern Hills Neighbourhood Watch' })
  @ValidateIf(present)
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ enum: LEGAL_FORMS, example: LegalForm.Cio })
  @ValidateIf(present)
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;

  @ApiPropertyOptional({ type: String, example: 'SC012345', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  charityNumber?: string | null;

  @ApiPropertyOptional({ type: String, example: 'SC123456', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  companyNumber?: string | null;

  @ApiPropertyOptional({ example: '14 Church Street' })
  @ValidateIf(present)
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'addressLine1 must not be blank' })
  addressLine1?: string;

  @ApiPropertyOptional({ type: String, example: null, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  addressLine2?: string | null;

  @ApiPropertyOptional({ example: 'Malvern' })
  @ValidateIf(present)
  @IsString()
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: 'town must not be blank' })
  town?: string;

  @ApiPropertyOptional({ example: 'WR14 3AB' })
  @ValidateIf(present)
  @IsString()
  @MaxLength(10)
  postcode?: string;

  @ApiPropertyOptional({ example: 'E07000235' })
  @ValidateIf(present)
  @IsString()
  @MaxLength(20)
  localAuthorityCode?: string;

  @ApiPropertyOptional({ type: String, example: 'chair@mhnwa.org.uk', nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, example: null, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  @Matches(PHONE, { message: 'contactPhone must be a phone number (digits, spaces, + ( ) -)' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ example: false })
  @ValidateIf(present)
  @IsBoolean()
  sensitive?: boolean;
}

export class InviteMemberDto {
  @ApiProperty({ example: 'treasurer@mhnwa.org.uk' })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

/** Organisations' lists take only paging. */
export class ListQueryDto extends PageQuery {}
