import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class EmailTokenDto {
  @ApiProperty({ example: 'q3Xb2m0d9fK4yJ8sW1eR7tY6uI5oP0aZcVbNm3lKj2h', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  token!: string;
}
