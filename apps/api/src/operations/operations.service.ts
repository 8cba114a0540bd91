import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@grants/audit';
import { DomainError, ErrorCode } from '@grants/common';
import { inTransaction } from '@grants/database';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobQueues, QueueName } from '@grants/jobs';

const LIST_LIMIT = 100;
const QUEUE_TIMEOUT_MS = 3000;

export interface JobView {
  queue: QueueName;
  id: string;
  name: string;
  state: string;
  attemptsMade: number;
  failedReason: string | null;
  /** When a delayed job is due to run. */
  runsAt: string | null;
  createdAt: string;
  finishedAt: string | null;
  correlationId: string | null;
  data: Record<string, unknown>;
}

export interface QueueReport {
  queue: QueueName;
  counts: { waiting: number; active: number; delayed: number; failed: number };
  failed: JobView[];
  delayed: JobView[];
}

export interface OutboxRowView {
  id: string;
  queue: string;
  jobName: string;
  jobId: string;
  createdAt: string;
  ageSeconds: number;
  dispatchAttempts: number;
  lastError: string | null;
}

/** What operators see of the background work, and the one thing they may do: retry a failed job. */
@Injectable()
export class OperationsService {
  constructor(
    private readonly queues: JobQueues,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async jobs(): Promise<{ queues: QueueReport[]; failedEmails: FailedEmailView[] }> {
    const queues = await redisCall(
      () =>
        Promise.all(
          Object.values(QueueName).map(async (name): Promise<QueueReport> => {
            const queue = this.queues.get(name);
            const [counts, failed, delayed] = await Promise.all([
              queue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
              queue.getFailed(0, LIST_LIMIT - 1),
              queue.getDelayed(0, LIST_LIMIT - 1),
            ]);
            return {
              queue: name,
              counts: {
                waiting: counts.waiting ?? 0,
                active: counts.active ?? 0,
                delayed: counts.delayed ?? 0,
                failed: counts.failed ?? 0,
              },
              failed: failed.filter(Boolean).map((j) => viewOf(name, j as Job, 'failed')),
              delayed: delayed.filter(Boolean).map((j) => viewOf(name, j as Job, 'delayed')),
            };
          }),
        ),
      this.queues,
    );
    return { queues, failedEmails: await this.failedEmails() };
  }

  async retry(actor: { userId: string; role: string }, queueName: string, jobId: string): Promise<JobView> {
    const name = Object.values(QueueName).find((q) => q === queueName);
    if (!name) throw DomainError.notFound(`The queue "${queueName}"`);
    const queue = this.queues.get(name);
    const job = (await redisCall(() => queue.getJob(jobId), this.queues)) as Job | undefined;
    if (!job) throw DomainError.notFound('The job');
    const state = await redisCall(() => job.getState(), this.queues);
    if (state !== 'failed') {
      throw new DomainError(
        ErrorCode.InvalidTransition,
        `Only a failed job can be retried; this one is ${state}`,
        {
          currentStatus: state,
          allowedStatuses: ['failed'],
        },
      );
    }
    // The audit entry commits only once the job is back in the queue.
    await inTransaction(this.dataSource, async (em) => {
      await this.audit.record(em, {
        actor,
        subjectType: 'job',
        subjectId: uuidFor(`${name}/${jobId}`),
        action: 'job.retried',
        fromStatus: 'failed',
        toStatus: 'waiting',
        data: { queue: name, jobId, jobName: job.name, failedReason: job.failedReason ?? null },
      });
      await redisCall(() => job.retry('failed', { resetAttemptsMade: true }), this.queues);
    });
    return viewOf(name, job, await redisCall(() => job.getState(), this.queues));
  }

  async outbox(): Promise<{ undispatched: number; oldestAgeSeconds: number | null; items: OutboxRowView[] }> {
    const rows = (await this.dataSource.query(
      `SELECT id, queue, job_name, job_id, created_at, dispatch_attempts, last_error,
              floor(extract(epoch FROM now() - created_at))::int AS age
         FROM outbox_messages WHERE dispatched_at IS NULL ORDER BY id LIMIT $1`,
      [LIST_LIMIT],
    )) as Array<Record<string, unknown>>;
    const [{ n, oldest }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n, floor(extract(epoch FROM now() - min(created_at)))::int AS oldest
         FROM outbox_messages WHERE dispatched_at IS NULL`,
    )) as [{ n: number; oldest: number | null }];
    return {
      undispatched: n,
      oldestAgeSeconds: oldest,
      items: rows.map((r) => ({
        id: String(r.id),
        queue: String(r.queue),
        jobName: String(r.job_name),
        jobId: String(r.job_id),
        createdAt: (r.created_at as Date).toISOString(),
        ageSeconds: Number(r.age),
        dispatchAttempts: Number(r.dispatch_attempts),
        lastError: (r.last_error as string | null) ?? null,
      })),
    };
  }

  private async failedEmails(): Promise<FailedEmailView[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, recipient, template, subject, attempts, last_error, related_subject_type, related_subject_id, updated_at
         FROM email_messages WHERE status = 'failed' ORDER BY updated_at DESC, id LIMIT $1`,
      [LIST_LIMIT],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: String(r.id),
      recipient: String(r.recipient),
      template: String(r.template),
      subject: String(r.subject),
      attempts: Number(r.attempts),
      lastError: (r.last_error as string | null) ?? null,
      relatedSubjectType: (r.related_subject_type as string | null) ?? null,
      relatedSubjectId: (r.related_subject_id as string | null) ?? null,
      failedAt: (r.updated_at as Date).toISOString(),
    }));
  }
}

export interface FailedEmailView {
  id: string;
  recipient: string;
  template: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  relatedSubjectType: string | null;
  relatedSubjectId: string | null;
  failedAt: string;
}

function viewOf(queue: QueueName, job: Job, state: string): JobView {
  const { correlationId, ...data } = (job.data ?? {}) as Record<string, unknown>;
  return {
    queue,
    id: String(job.id),
    name: job.name,
    state,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? null,
    runsAt: state === 'delayed' ? new Date(job.timestamp + (job.delay ?? 0)).toISOString() : null,
    createdAt: new Date(job.timestamp).toISOString(),
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    correlationId: typeof correlationId === 'string' ? correlationId : null,
    data,
  };
}

/** Audit subjects are uuids; a job's is derived from its queue and id, so one job's entries group together. */
function uuidFor(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Operators asking while Redis is down get a 503 that says so, promptly, not a hang or a 500. */
async function redisCall<T>(work: () => Promise<T>, queues?: JobQueues): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), QUEUE_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    await queues?.reset();
    throw new DomainError(
      ErrorCode.ServiceUnavailable,
      'The job queues (Redis) are not answering; try again shortly',
    );
  } finally {
    clearTimeout(timer);
  }
}
