import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock } from '@grants/common';
import { AppConfig, loadConfig } from '@grants/config';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createApi } from '../../apps/api/src/create-api';
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
  ) {}

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
    await this.app.close();
    await this.mail.close();
    await this.database.drop();
    rmSync(this.config.documents.dir, { recursive: true, force: true });
  }
}

/** A whole API on its own fresh database and SMTP sink, for one test file. */
export async function createTestApp(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const mail = await Mailbox.start();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: inject('redisUrl'),
    SMTP_URL: mail.url,
    PUBLIC_BASE_URL: 'http://localhost:3000',
    DOCUMENTS_DIR: mkdtempSync(join(tmpdir(), 'grants-documents-')),
    ...(options.env ?? {}),
  });
  const app = await createApi({ config, clock: options.clock });
  return new TestApp(app, config, mail, database);
}
