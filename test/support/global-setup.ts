import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { dataSourceOptions, runMigrationsLocked } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { DataSource } from 'typeorm';
import type { TestProject } from 'vitest/node';
import {
  dropDatabase,
  ensureDatabase,
  ensurePostgres,
  ensureRedis,
  Running,
  withDatabase,
} from '../../tools/local-infra';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    templateDatabase: string;
    redisUrl: string;
    runId: string;
  }
}

let pg: Running | undefined;
let redis: Running | undefined;

/** Migrates one template database per run; each test file clones it (CREATE DATABASE … TEMPLATE), so files are isolated. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (m: string): void => void process.stderr.write(`[test infra] ${m}\n`);
  pg = await ensurePostgres(resolve(__dirname, '../../.data/test-postgres'), log);
  redis = await ensureRedis(log);
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const template = `grants_tpl_${runId}`;
  await ensureDatabase(pg.url, template);
  const ds = new DataSource(dataSourceOptions(withDatabase(pg.url, template), ENTITIES, MIGRATIONS, 2));
  await ds.initialize();
  await runMigrationsLocked(ds);
  await ds.destroy();
  project.provide('pgServerUrl', pg.url);
  project.provide('templateDatabase', template);
  project.provide('redisUrl', redis.url);
  project.provide('runId', runId);
  return async () => {
    await dropDatabase(pg!.url, template).catch(() => undefined);
    await redis?.stop();
    await pg?.stop();
  };
}
