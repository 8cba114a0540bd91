import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

export class CreateAimDto {
  @ApiProperty({ example: 'A4', maxLength: 20 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  code!: string;

  @ApiProperty({
    example: 'To provide a strong and powerful voice for the people and victims of crime',
    maxLength: 500,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiProperty({ example: 4, minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  position!: number;
}
