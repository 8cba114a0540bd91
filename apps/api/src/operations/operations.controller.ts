import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { JobView, OperationsService } from './operations.service';
import { JobResponse, JobsReportResponse, OutboxReportResponse } from './operations.responses';
import { JobRefPipe, QueueNamePipe } from './job-ref.pipe';

@ApiTags('operations')
@Roles(Role.Admin)
@Controller('admin')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get('jobs')
  @ApiOperation({
    summary: 'Failed and delayed jobs per queue, with their errors, and emails that failed for good',
    description: '503 while Redis is not answering.',
  })
  @ApiOkResponse({ type: JobsReportResponse })
  jobs(): Promise<unknown> {
    return this.operations.jobs();
  }

  @Post('jobs/:queue/:jobId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put a failed job back in its queue (audited); anything else is a 409' })
  @ApiOkResponse({ type: JobResponse })
  retry(
    @CurrentUser() admin: AuthUser,
    @Param('queue', QueueNamePipe) queue: string,
    @Param('jobId', JobRefPipe) jobId: string,
  ): Promise<JobView> {
    return this.operations.retry({ userId: admin.id, role: Role.Admin }, queue, jobId);
  }

  @Get('outbox')
  @ApiOperation({ summary: 'Outbox rows not yet handed to the queues, and how long they have waited' })
  @ApiOkResponse({ type: OutboxReportResponse })
  outbox(): Promise<unknown> {
    return this.operations.outbox();
  }
}
