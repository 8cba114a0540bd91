import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock } from '@grants/common';
import { AppConfig } from '@grants/config';
import { Logger as Pino } from 'pino';
import { createPino, PinoLoggerService } from '../../api/src/http/logger';
import { JobWorkers } from './job-workers';
import { OutboxRelay } from './outbox-relay';
import { WorkerModule } from './worker.module';

export interface WorkerOptions {
  config: AppConfig;
  clock?: Clock;
  logger?: Pino;
}

export interface RunningWorker {
  context: INestApplicationContext;
  /** Stops taking work, finishes (or hands back) active jobs within the grace period, then closes. */
  stop(graceMs?: number): Promise<'drained' | 'handed-back'>;
}

/** The worker: no HTTP listener, only BullMQ processors, the daily sweep's scheduler and the outbox relay. */
export async function createWorker({ config, clock, logger }: WorkerOptions): Promise<RunningWorker> {
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, clock }), {
    logger: new PinoLoggerService(logger ?? createPino(config.logLevel)),
    bufferLogs: false,
  });
  const workers = context.get(JobWorkers);
  const relay = context.get(OutboxRelay);
  try {
    await workers.start();
    await workers.scheduleRecurring();
    relay.start();
  } catch (error) {
    await relay.stop();
    await workers.stop(0).catch(() => undefined);
    await context.close();
    throw error;
  }
  return {
    context,
    async stop(graceMs?: number) {
      await relay.stop();
      const outcome = await workers.stop(graceMs);
      await context.close();
      return outcome;
    },
  };
}
