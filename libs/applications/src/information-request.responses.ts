import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INFORMATION_REQUEST_STATUSES, InformationRequestStatus } from './information-request.entity';
import { REQUESTABLE_ANSWERS, RequestableAnswer } from './requestable-answers';

/** Response shapes, for the OpenAPI document only: they mirror InformationRequestView. */
export class InformationRequestResponse {
  @ApiProperty({ format: 'uuid', example: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '8e2f6a14-3b7c-4d9e-a1f5-6c0b2d7e9f43' }) applicationId!: string;
  @ApiProperty({ enum: INFORMATION_REQUEST_STATUSES, example: 'open' }) status!: InformationRequestStatus;

  @ApiProperty({ enum: REQUESTABLE_ANSWERS, isArray: true, example: ['budgetLines', 'documents'] })
  answers!: RequestableAnswer[];

  @ApiProperty({ example: 'Please split the staffing line into the hours and rates of each role.' })
  message!: string;

  @ApiProperty({
    enum: ['submitted', 'in_assessment'],
    example: 'submitted',
    description: 'Where the application returns once the applicant responds',
  })
  returnStatus!: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-02T10:00:00.000Z' })
  requestedAt!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b',
    description: 'Officers only: the officer who asked',
  })
  requestedBy?: string;

  @ApiProperty({ type: String, nullable: true, example: null }) response!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) respondedAt!:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) respondedBy!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'When it was answered, or cancelled because the application was withdrawn',
  })
  closedAt!: string | null;
}

export class InformationRequestListResponse {
  @ApiProperty({ type: [InformationRequestResponse], description: 'Oldest first' })
  items!: InformationRequestResponse[];
}
