import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'secretary@bromsgrove-watch.org.uk', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  email!: string;
}
