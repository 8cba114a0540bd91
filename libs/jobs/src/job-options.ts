import { JobsConfig } from '@grants/config';
import type { DefaultJobOptions } from 'bullmq';

/** Failed jobs stay for a fortnight (or the last 10,000) for operators to read and retry. */
export const FAILED_JOB_RETENTION = { age: 14 * 24 * 60 * 60, count: 10_000 };

/**
 * Completed jobs are removed at once: PostgreSQL holds the record of what was done, and Redis memory
 * must stay bounded however many emails go out.
 */
export function defaultJobOptions(config: JobsConfig): DefaultJobOptions {
  return {
    attempts: config.attempts,
    backoff: { type: 'exponential', delay: config.backoffMs },
    removeOnComplete: true,
    removeOnFail: FAILED_JOB_RETENTION,
  };
}

/** Events are only for live dashboards; a short stream keeps Redis small. */
export const EVENT_STREAM_MAX_LEN = 1000;
