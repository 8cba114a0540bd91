import { Injectable } from '@nestjs/common';
import { requestContext } from '@grants/common';
import { prepared } from '@grants/database';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads, queueOf } from './job-contract';
import { jobId as buildJobId } from './job-id';

export interface OutboxEntry<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
  /** The job's id, from the domain key: the same event written twice is one job. */
  key: Array<string | number>;
}

const INSERT = `INSERT INTO outbox_messages (queue, job_name, job_id, payload, correlation_id)
  VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT (job_id) DO NOTHING`;

/**
 * Side effects leave through here: the row commits or rolls back with the caller's transaction, so
 * nobody is emailed about a change that never happened and no change goes unannounced. Redis is not
 * touched, so accepting a submission never depends on it; the worker's relay carries rows onwards.
 */
@Injectable()
export class Outbox {
  async add<N extends JobName>(em: EntityManager, entry: OutboxEntry<N>): Promise<void> {
    await em.query(prepared('outbox.add', INSERT), [
      queueOf(entry.name),
      entry.name,
      buildJobId(entry.name.slice(entry.name.indexOf('.') + 1), ...entry.key),
      JSON.stringify(entry.payload),
      requestContext.correlationId() ?? null,
    ]);
  }
}
