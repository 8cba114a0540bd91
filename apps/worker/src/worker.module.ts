import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grants/audit';
import { AwardsModule } from '@grants/awards';
import { Clock, SystemClock } from '@grants/common';
import { APP_CONFIG, AppConfig, ClockModule, ConfigModule } from '@grants/config';
import { dataSourceOptions } from '@grants/database';
import { JobQueues, JobsModule } from '@grants/jobs';
import { NotificationsModule } from '@grants/notifications';
import { ProfileModule } from '@grants/profile';
import { RegisterModule } from '@grants/register';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { JobHandlers } from './job-handlers';
import { JobWorkers } from './job-workers';
import { FunderSignatures } from './notifications/funder-signature';
import { NotificationFacts } from './notifications/notification-facts';
import { NotificationSender } from './notifications/notification-sender';
import { NotificationsService } from './notifications/notifications.service';
import { OutboxRelay } from './outbox-relay';
import { ReminderFacts } from './reminders/reminder-facts';
import { RemindersService } from './reminders/reminders.service';

export interface WorkerModuleOptions {
  config: AppConfig;
  clock?: Clock;
}

@Module({})
export class WorkerModule {
  static forRoot({ config, clock = new SystemClock() }: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        TypeOrmModule.forRoot(
          dataSourceOptions(config.database.url, ENTITIES, MIGRATIONS, config.database.poolSize),
        ),
        AuditModule,
        JobsModule,
        NotificationsModule,
        ProfileModule,
        AwardsModule,
        RegisterModule,
      ],
      providers: [
        // Workers wait out a Redis outage rather than failing the jobs they are relaying or scheduling.
        {
          provide: JobQueues,
          useFactory: (c: AppConfig) => new JobQueues(c, 'worker'),
          inject: [APP_CONFIG],
        },
        NotificationFacts,
        FunderSignatures,
        NotificationSender,
        NotificationsService,
        ReminderFacts,
        RemindersService,
        JobHandlers,
        JobWorkers,
        OutboxRelay,
      ],
      exports: [JobWorkers, OutboxRelay, JobQueues, RemindersService],
    };
  }
}
