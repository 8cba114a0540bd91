import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { JobQueues, QueueName } from '@grants/jobs';
import { DataSource } from 'typeorm';

const BATCH = 500;
/**
 * The relay stops handing over while a queue already holds this many waiting jobs: rows wait just as
 * safely in PostgreSQL, and Redis memory stays bounded however large a burst (10,000 reminders at once).
 */
const MAX_WAITING = 2000;
/** Adding to Redis inside the row-locking transaction must not hold the locks through an outage. */
const ADD_TIMEOUT_MS = 10_000;

interface Row {
  id: string;
  queue: QueueName;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  correlation_id: string | null;
}

/**
 * Moves outbox rows to BullMQ. Rows are claimed with SKIP LOCKED, so replicas share the work; each is
 * added under its own job id and marked dispatched in the same transaction. A crash after the add and
 * before the commit leaves the row to be added again under the same id, which Redis ignores while the
 * job exists and the handler's keyed records make harmless after.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Relays one batch; resolves to how many rows went. */
  async relayOnce(): Promise<number> {
    let failed: { ids: string[]; error: unknown } | null = null;
    const backlog = await withTimeout(
      Promise.all(Object.values(QueueName).map((q) => this.queues.get(q).getWaitingCount())),
      ADD_TIMEOUT_MS,
    );
    if (backlog.some((n) => n >= MAX_WAITING)) return 0;
    const relayed = await this.dataSource.transaction(async (em) => {
      const rows = (await em.query(
        `SELECT id, queue, job_name, job_id, payload, correlation_id FROM outbox_messages
          WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      )) as Row[];
      if (!rows.length) return 0;
      const byQueue = new Map<QueueName, Row[]>();
      for (const r of rows) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
      try {
        await withTimeout(
          Promise.all(
            [...byQueue].map(([queue, list]) =>
              this.queues.get(queue).addBulk(
                list.map((r) => ({
                  name: r.job_name,
                  data: { ...r.payload, correlationId: r.correlation_id ?? undefined },
                  opts: { jobId: r.job_id },
                })),
              ),
            ),
          ),
          ADD_TIMEOUT_MS,
        );
      } catch (error) {
        failed = { ids: rows.map((r) => r.id), error };
        return 0;
      }
      await em.query(
        `UPDATE outbox_messages SET dispatched_at = now(), dispatch_attempts = dispatch_attempts + 1, last_error = NULL
          WHERE id = ANY($1::bigint[])`,
        [rows.map((r) => r.id)],
      );
      return rows.length;
    });
    if (failed) {
      // Recorded after the claim's rollback, so operators see the attempts and the error.
      const { ids, error } = failed as { ids: string[]; error: unknown };
      const message = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(
        `UPDATE outbox_messages SET dispatch_attempts = dispatch_attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`,
        [ids, message.slice(0, 2000)],
      );
      throw error;
    }
    return relayed;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let relayed = 0;
      try {
        relayed = await this.relayOnce();
        if (failures) this.logger.log('outbox relay recovered');
        failures = 0;
      } catch (error) {
        if (failures++ === 0) {
          this.logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'outbox relay failed; retrying',
          );
        }
      }
      if (relayed < BATCH && this.running) {
        const wait = failures
          ? Math.min(5000, this.config.jobs.relayIntervalMs * 2 ** failures)
          : this.config.jobs.relayIntervalMs;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not accept the jobs within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
