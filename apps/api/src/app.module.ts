import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grants/audit';
import { Clock, SystemClock } from '@grants/common';
import { AppConfig, ConfigModule } from '@grants/config';
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
import { ProblemFilter } from './http/problem.filter';
import { UndeclaredInputGuard } from './http/undeclared-input.guard';
import { ClockModule } from './clock.module';

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
        HealthModule,
        ReferenceHttpModule,
        AccountsHttpModule,
        OrganisationsHttpModule,
        ApplicationsHttpModule,
        DocumentsHttpModule,
        AssessmentHttpModule,
        AwardsHttpModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: SessionGuard },
        { provide: APP_GUARD, useClass: UndeclaredInputGuard },
      ],
    };
  }
}
