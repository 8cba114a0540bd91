import { OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@grants/config';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueName } from './job-contract';
import { defaultJobOptions, EVENT_STREAM_MAX_LEN } from './job-options';
import { redisConnection } from './redis-connection';

/**
 * BullMQ is loaded with the first queue. The API asks for one only on an operator's call, and BullMQ's
 * module graph (with msgpackr, cron-parser and luxon) would otherwise sit in every API process's memory.
 */
function bullmq(): typeof import('bullmq') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('bullmq') as typeof import('bullmq');
}

/** One BullMQ queue per name in the contract, on one shared connection, created when first asked for. */
export class JobQueues implements OnModuleDestroy {
  private readonly queues = new Map<QueueName, Queue>();
  private connection?: Redis;

  constructor(
    private readonly config: AppConfig,
    private readonly mode: 'worker' | 'fail-fast',
  ) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= redisConnection(this.config.redis.url, this.mode);
      queue = new (bullmq().Queue)(name, {
        connection: this.connection,
        prefix: this.config.jobs.prefix,
        defaultJobOptions: defaultJobOptions(this.config.jobs),
        streams: { events: { maxLen: EVENT_STREAM_MAX_LEN } },
      });
      queue.on('error', () => undefined); // reported once by the connection
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Drops the queues and their connection; the next `get` starts afresh. After a failed first connect a
   * BullMQ queue keeps failing, so callers that fail fast reset once Redis has let them down.
   */
  async reset(): Promise<void> {
    const queues = [...this.queues.values()];
    const connection = this.connection;
    this.queues.clear();
    this.connection = undefined;
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
    connection?.disconnect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.reset();
  }
}
