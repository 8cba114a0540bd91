import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grants/audit';
import { JobsModule } from '@grants/jobs';
import { Clock, SystemClock } from '@grants/common';
import { AppConfig, ClockModule, ConfigModule } from '@grants/config';
import { dataSourceOptions } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { AccountsHttpModule } from './accounts/accounts.http.module';
import { ApplicationsHttpModule } from './applications/applications.http.module';
import { AssessmentHttpModule } from './assessment/assessment.http.module';
import { AwardsHttpModule } from './awards/awards.http.module';
import { DocumentsHttpModule } from './documents/documents.http.module';
import { SessionGuard } from './auth/session.guard';
import { HealthModule } from './health/health.module';
import { ReferenceHttpModule } from './reference/reference.http.module';
import { OrganisationsHttpModule } from './organisations/organisations.http.module';
import { OperationsHttpModule } from './operations/operations.http.module';
import { RegisterHttpModule } from './register/register.http.module';
import { MonitoringHttpModule } from './monitoring/monitoring.http.module';
import { ReportsHttpModule } from './reports/reports.http.module';
import { ProblemFilter } from './http/problem.filter';
import { UndeclaredInputGuard } from './http/undeclared-input.guard';

export interface AppModuleOptions {
  config: AppConfig;
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot({ config, clock = new SystemClock() }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        TypeOrmModule.forRoot(
          dataSourceOptions(config.database.url, ENTITIES, MIGRATIONS, config.database.poolSize),
        ),
        AuditModule,
        JobsModule,
        HealthModule,
        ReferenceHttpModule,
        AccountsHttpModule,
        OrganisationsHttpModule,
        ApplicationsHttpModule,
        DocumentsHttpModule,
        AssessmentHttpModule,
        AwardsHttpModule,
        OperationsHttpModule,
        RegisterHttpModule,
        MonitoringHttpModule,
        ReportsHttpModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: SessionGuard },
        { provide: APP_GUARD, useClass: UndeclaredInputGuard },
      ],
    };
  }
}
