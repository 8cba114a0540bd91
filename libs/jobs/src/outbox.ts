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
const INSERT_MANY = `INSERT INTO outbox_messages (queue, job_name, job_id, payload, correlation_id)
  SELECT q, n, j, p::jsonb, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(q, n, j, p)
  ON CONFLICT (job_id) DO NOTHING`;

@Injectable()
export class Outbox {
  async add<N extends JobName>(em: EntityManager, entry: OutboxEntry<N>): Promise<void> {
    await em.query(prepared('outbox.add', INSERT), [
      queueOf(entry.name),
      entry.name,
      idOf(entry),
      JSON.stringify(entry.payload),
      requestContext.correlationId() ?? null,
    ]);
  }

  /** Several entries in one statement, for the busiest use cases (a decision announces and schedules). */
  async addAll(em: EntityManager, entries: OutboxEntry[]): Promise<void> {
    await em.query(prepared('outbox.add-all', INSERT_MANY), [
      entries.map((e) => queueOf(e.name)),
      entries.map((e) => e.name),
      entries.map(idOf),
      entries.map((e) => JSON.stringify(e.payload)),
      requestContext.correlationId() ?? null,
    ]);
  }
}

function idOf(entry: OutboxEntry): string {
  return buildJobId(entry.name.slice(entry.name.indexOf('.') + 1), ...entry.key);
}
