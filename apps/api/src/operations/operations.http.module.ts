import { Module } from '@nestjs/common';
import { AuditModule } from '@grants/audit';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { JobQueues } from '@grants/jobs';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

@Module({
  imports: [AuditModule],
  controllers: [OperationsController],
  providers: [
    // The API answers people: when Redis is down its calls fail fast (a 503), never hang.
    { provide: JobQueues, useFactory: (c: AppConfig) => new JobQueues(c, 'fail-fast'), inject: [APP_CONFIG] },
    OperationsService,
  ],
})
export class OperationsHttpModule {}
