import { ApiProperty } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document only. */
export class LiveResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status!: 'ok';
}

export class ReadinessChecksResponse {
  @ApiProperty({ enum: ['up', 'down'], example: 'up', description: 'PostgreSQL answers SELECT 1' })
  database!: string;
  @ApiProperty({ enum: ['up', 'down'], example: 'up', description: 'Redis answers PING' }) redis!: string;
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ok', 'degraded'], example: 'ok', description: 'ok only when every check is up' })
  status!: string;
  @ApiProperty({ type: ReadinessChecksResponse }) checks!: ReadinessChecksResponse;
}
