import { ApiProperty } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document only. */
export class JobResponse {
  @ApiProperty({ example: 'notifications' }) queue!: string;
  @ApiProperty({ example: 'application-submitted.4b7c1f0e-2d53-4e8a-9a51-0f6c2e1d9b11.1' }) id!: string;
  @ApiProperty({ example: 'notifications.application-submitted' }) name!: string;
  @ApiProperty({ example: 'failed' }) state!: string;
  @ApiProperty({ example: 10 }) attemptsMade!: number;
  @ApiProperty({ example: '451 Try again later', nullable: true, type: String }) failedReason!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'When a delayed job is due' })
  runsAt!: string | null;
  @ApiProperty({ example: '2026-05-01T09:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-05-01T09:31:00.000Z', nullable: true, type: String }) finishedAt!:
    string | null;
  @ApiProperty({ example: 'c0ffee00-1234', nullable: true, type: String }) correlationId!: string | null;
  @ApiProperty({ example: { applicationId: '4b7c1f0e-2d53-4e8a-9a51-0f6c2e1d9b11', version: 1 } })
  data!: Record<string, unknown>;
}

export class QueueCountsResponse {
  @ApiProperty({ example: 0 }) waiting!: number;
  @ApiProperty({ example: 0 }) active!: number;
  @ApiProperty({ example: 12 }) delayed!: number;
  @ApiProperty({ example: 1 }) failed!: number;
}

export class QueueReportResponse {
  @ApiProperty({ example: 'reminders' }) queue!: string;
  @ApiProperty({ type: QueueCountsResponse }) counts!: QueueCountsResponse;
  @ApiProperty({ type: [JobResponse], description: 'Up to 100, newest first' }) failed!: JobResponse[];
  @ApiProperty({ type: [JobResponse], description: 'Up to 100, soonest first' }) delayed!: JobResponse[];
}

export class FailedEmailResponse {
  @ApiProperty({ example: '4b7c1f0e-2d53-4e8a-9a51-0f6c2e1d9b11' }) id!: string;
  @ApiProperty({ example: 'treasurer@example.org' }) recipient!: string;
  @ApiProperty({ example: 'offer-made' }) template!: string;
  @ApiProperty({ example: 'Your offer of a grant' }) subject!: string;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiProperty({ example: '550 No such user', nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ example: 'application', nullable: true, type: String }) relatedSubjectType!: string | null;
  @ApiProperty({ example: '4b7c1f0e-2d53-4e8a-9a51-0f6c2e1d9b11', nullable: true, type: String })
  relatedSubjectId!: string | null;
  @ApiProperty({ example: '2026-05-01T09:31:00.000Z' }) failedAt!: string;
}

export class JobsReportResponse {
  @ApiProperty({ type: [QueueReportResponse] }) queues!: QueueReportResponse[];
  @ApiProperty({
    type: [FailedEmailResponse],
    description: 'Emails that will not be retried (rejected addresses)',
  })
  failedEmails!: FailedEmailResponse[];
}

export class OutboxRowResponse {
  @ApiProperty({ example: '1042' }) id!: string;
  @ApiProperty({ example: 'notifications' }) queue!: string;
  @ApiProperty({ example: 'notifications.decision-made' }) jobName!: string;
  @ApiProperty({ example: 'decision-made.4b7c1f0e-2d53-4e8a-9a51-0f6c2e1d9b11' }) jobId!: string;
  @ApiProperty({ example: '2026-05-01T09:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: 42 }) ageSeconds!: number;
  @ApiProperty({ example: 3 }) dispatchAttempts!: number;
  @ApiProperty({ example: 'Redis did not accept the jobs within 10000 ms', nullable: true, type: String })
  lastError!: string | null;
}

export class OutboxReportResponse {
  @ApiProperty({ example: 2 }) undispatched!: number;
  @ApiProperty({ example: 42, nullable: true, type: Number }) oldestAgeSeconds!: number | null;
  @ApiProperty({ type: [OutboxRowResponse], description: 'The oldest 100' }) items!: OutboxRowResponse[];
}
