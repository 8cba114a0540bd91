import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grants/audit';
import { Clock, SystemClock } from '@grants/common';
import { AppConfig, ConfigModule } from '@grants/config';
import { dataSourceOptions } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { HealthModule } from './health/health.module';
import { ProblemFilter } from './http/problem.filter';
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
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
