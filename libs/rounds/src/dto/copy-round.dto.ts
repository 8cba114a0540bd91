import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { INSTANT_RE } from './create-round.dto';

/** The next round from an earlier one: a new window; everything else is copied unless given here. */
export class CopyRoundDto {
  @ApiPropertyOptional({
    example: 'Community Safety Fund 2014/15: small grants',
    maxLength: 300,
    description: "Default: the earlier round's title",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiProperty({ example: '2014-06-01T09:00:00+01:00', description: 'ISO 8601 instant with offset' })
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT_RE, { message: 'opensAt must be an ISO 8601 instant with an offset' })
  opensAt!: string;

  @ApiProperty({ example: '2014-07-31T17:00:00+01:00', description: 'ISO 8601 instant with offset' })
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT_RE, { message: 'closesAt must be an ISO 8601 instant with an offset' })
  closesAt!: string;

  @ApiPropertyOptional({
    example: '0b7c9a52-5a55-4b8e-9f39-1a2b3c4d5e6f',
    description: "Default: the earlier round's fund year",
  })
  @IsOptional()
  @IsUUID('all')
  fundYearId?: string;
}
