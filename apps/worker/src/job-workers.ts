import { Inject, Injectable, Logger } from '@nestjs/common';
import { requestContext } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import {
  checkEvictionPolicy,
  JobName,
  JobQueues,
  jobId,
  QueueName,
  redisConnection,
  RegisterJob,
  ReminderJob,
} from '@grants/jobs';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { JobHandlers } from './job-handlers';

/** The daily catch-up runs early, before anyone reads their morning email. */
export const DAILY_SWEEP = { id: 'daily-sweep', pattern: '0 5 * * *', tz: 'Europe/London' };
/** Just after each month ends: the register's statutory monthly update. */
export const MONTHLY_PUBLICATION = { id: 'monthly-publication', pattern: '30 0 1 * *', tz: 'Europe/London' };

/**
 * One BullMQ worker per queue. Any number of replicas may run: Redis hands each job to one of them, and
 * a job whose worker dies is handed back by stall detection.
 */
@Injectable()
export class JobWorkers {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly workers: Worker[] = [];
  private connection?: Redis;

  constructor(
    private readonly handlers: JobHandlers,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Refuses to start if the contract names a job nothing handles: such jobs would fail only in production. */
  assertEveryJobHandled(): void {
    const missing = this.handlers.missing();
    if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  }

  async start(): Promise<void> {
    this.assertEveryJobHandled();
    this.connection = redisConnection(this.config.redis.url, 'worker');
    await checkEvictionPolicy(this.connection, this.logger);
    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(queue, (job: Job) => this.process(job), {
        connection: this.connection,
        prefix: this.config.jobs.prefix,
        concurrency: this.config.jobs.concurrency,
        lockDuration: this.config.jobs.lockMs,
        stalledInterval: this.config.jobs.lockMs,
        autorun: true,
      });
      worker.on('error', () => undefined); // the connection reports outages once
      worker.on('failed', (job, error) => {
        if (!job) return;
        const final = job.attemptsMade >= (job.opts.attempts ?? 1);
        this.logger[final ? 'error' : 'warn'](
          {
            queue,
            job: job.name,
            jobId: job.id,
            attempt: job.attemptsMade,
            correlationId: job.data?.correlationId,
            err: error.message,
          },
          final ? 'job failed for good' : 'job failed; will retry',
        );
      });
      this.workers.push(worker);
    }
  }

  /**
   * Schedules the daily sweep and the monthly publication (one scheduler each however many replicas upsert
   * them) and runs each once now, to catch up on anything missed while no worker ran.
   */
  async scheduleRecurring(): Promise<void> {
    const reminders = this.queues.get(QueueName.Reminders);
    await reminders.upsertJobScheduler(
      DAILY_SWEEP.id,
      { pattern: DAILY_SWEEP.pattern, tz: DAILY_SWEEP.tz },
      { name: ReminderJob.Sweep, data: {} },
    );
    await reminders.add(ReminderJob.Sweep, {}, { jobId: jobId('sweep-at-start', Date.now()) });
    const register = this.queues.get(QueueName.Register);
    await register.upsertJobScheduler(
      MONTHLY_PUBLICATION.id,
      { pattern: MONTHLY_PUBLICATION.pattern, tz: MONTHLY_PUBLICATION.tz },
      { name: RegisterJob.MonthlyPublication, data: {} },
    );
    await register.add(RegisterJob.MonthlyPublication, {}, { jobId: jobId('monthly-at-start', Date.now()) });
  }

  /**
   * Finishes active jobs, up to the grace period; then stops waiting and closes anyway. Jobs still
   * running then lose their lock and stall detection hands them to another replica.
   */
  async stop(graceMs = this.config.jobs.shutdownGraceMs): Promise<'drained' | 'handed-back'> {
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all(this.workers.map((w) => w.close())).then(
      () => 'drained' as const,
      () => 'handed-back' as const,
    );
    const timeout = new Promise<'handed-back'>((resolve) => {
      timer = setTimeout(() => resolve('handed-back'), graceMs);
    });
    const outcome = await Promise.race([graceful, timeout]);
    clearTimeout(timer);
    if (outcome === 'handed-back') {
      this.logger.warn({ graceMs }, 'active jobs did not finish in the grace period; handing them back');
      await Promise.all(this.workers.map((w) => w.close(true).catch(() => undefined)));
    }
    this.workers.length = 0;
    this.connection?.disconnect();
    return outcome;
  }

  private async process(job: Job): Promise<object> {
    const handler = this.handlers.byName[job.name as JobName];
    if (!handler) throw new UnrecoverableError(`no handler for ${job.name}`);
    const correlationId =
      typeof job.data?.correlationId === 'string' ? job.data.correlationId : `job-${job.id}`;
    return requestContext.run({ correlationId }, async () => {
      const { correlationId: _drop, ...payload } = (job.data ?? {}) as Record<string, unknown>;
      void _drop;
      const result = await handler(
        { id: String(job.id), finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) },
        payload,
      );
      this.logger.debug({ job: job.name, jobId: job.id, correlationId, result }, 'job done');
      return result;
    });
  }
}
