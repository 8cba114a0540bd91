import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock } from '@grants/common';
import { AppConfig, loadConfig } from '@grants/config';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker, RunningWorker } from '../../apps/worker/src/create-worker';
import { JobQueues, QueueName } from '@grants/jobs';
import { Redis } from 'ioredis';
import { Mailbox } from './mailbox';
import { createTestDatabase, TestDatabase } from './test-database';

export interface HttpResult<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
  /** The body's exact bytes (downloads). */
  bytes?: Buffer;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Raw payload, sent as is (for malformed-input tests and file uploads). */
  raw?: string | Buffer;
}

export class TestApp {
  constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    readonly mail: Mailbox,
    private readonly database: TestDatabase,
    /** The environment the config was loaded from, for a worker with some settings changed. */
    readonly env: Record<string, string>,
    /** The worker, in-process, when the test asked for one. */
    public worker?: RunningWorker,
    private readonly clock?: Clock,
  ) {}

  /** Starts (or restarts) the in-process worker on this app's database, Redis prefix and clock. */
  async startWorker(env: Record<string, string> = {}): Promise<RunningWorker> {
    const config = Object.keys(env).length ? loadConfig({ ...this.env, ...env }) : this.config;
    this.worker = await createWorker({ config, clock: this.clock });
    return this.worker;
  }

  async stopWorker(): Promise<void> {
    await this.worker?.stop(5000);
    this.worker = undefined;
  }

  get queues(): JobQueues {
    if (!this.worker) throw new Error('no worker running');
    return this.worker.context.get(JobQueues);
  }

  /**
   * Waits until the outbox is empty and no job is waiting or running: the moment to read the mail.
   * Delayed jobs due within seconds (retries in backoff) count; reminders days away do not.
   */
  async drainJobs(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 3) {
      if (Date.now() > deadline) throw new Error('jobs did not drain in time');
      const [{ n }] = (await this.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_messages WHERE dispatched_at IS NULL`,
      )) as [{ n: number }];
      let busy = n;
      for (const name of Object.values(QueueName)) {
        const queue = this.queues.get(name);
        const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
        busy += (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
        // A retry waiting out its backoff is still work in progress; a reminder days away is not.
        const soon = (await queue.getDelayed()).filter(
          (j) => j.timestamp + (j.delay ?? 0) < Date.now() + 5000,
        );
        busy += soon.length;
      }
      quiet = busy ? 0 : quiet + 1;
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | Buffer | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method: method as 'GET', url, headers, payload });
    let parsed: unknown = undefined;
    if (res.body.length && /json/.test(String(res.headers['content-type'] ?? '')))
      parsed = JSON.parse(res.body);
    return {
      status: res.statusCode,
      headers: res.headers,
      body: parsed as T,
      text: res.body,
      bytes: res.rawPayload,
    };
  }

  get<T = any>(url: string, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request<T>('GET', url, undefined, options);
  }
  post<T = any>(url: string, body?: unknown, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request<T>('POST', url, body, options);
  }
  patch<T = any>(url: string, body?: unknown, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request<T>('PATCH', url, body, options);
  }
  put<T = any>(url: string, body?: unknown, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request<T>('PUT', url, body, options);
  }
  delete<T = any>(url: string, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request<T>('DELETE', url, undefined, options);
  }

  async close(): Promise<void> {
    if (this.worker) {
      await this.stopWorker();
      await dropQueueKeys(this.config.redis.url, this.config.jobs.prefix);
    }
    await this.app.close();
    await this.mail.close();
    await this.database.drop();
    rmSync(this.config.documents.dir, { recursive: true, force: true });
  }
}

/** A whole API on its own fresh database and SMTP sink, for one test file. */
export async function createTestApp(
  options: { clock?: Clock; env?: Record<string, string>; worker?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const mail = await Mailbox.start();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: inject('redisUrl'),
    SMTP_URL: mail.url,
    PUBLIC_BASE_URL: 'http://localhost:3000',
    DOCUMENTS_DIR: mkdtempSync(join(tmpdir(), 'grants-documents-')),
    // Each test file its own queues on the shared Redis, and quick retries.
    JOBS_PREFIX: `grants-${new URL(database.url).pathname.slice(1)}`,
    JOB_BACKOFF_MS: '50',
    OUTBOX_RELAY_INTERVAL_MS: '20',
    // A change reaches the API's register answer cache a moment after its commit; tests that read straight after a
    // job would race it. register-cache.e2e-spec.ts turns it on and waits for the notice instead.
    REGISTER_CACHE_BYTES: '0',
    ...(options.env ?? {}),
  };
  const config = loadConfig(env);
  const app = await createApi({ config, clock: options.clock });
  const t = new TestApp(app, config, mail, database, env, undefined, options.clock);
  if (options.worker) await t.startWorker();
  return t;
}

/** Removes a test file's BullMQ keys, so the shared Redis does not fill up run after run. */
async function dropQueueKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // a Redis that has gone (a fault test stopped it) has nothing left to clean
  } finally {
    redis.disconnect();
  }
}
