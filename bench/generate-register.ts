import 'reflect-metadata';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataSourceOptions, runMigrationsLocked } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { loadProfileFile, seedProfile } from '@grants/seed';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { spawn } from 'node:child_process';
import { analyseRegister, copyEntries, finishFill, prepareFill } from './register-fill';

/**
 * Generates a large public register, for the export benchmark or by hand:
 *
 *   node dist/bench/generate-register.js --grants 1000000 --database-url postgres://…/grants_big [--replace]
 *
 * Migrates the database, seeds the West Mercia profile (as `npm run bench` does), then writes `--grants`
 * published entries, fixture i for i = 0 … n-1 (registerFixture gives every i its own award id), each
 * built by the publication job's own functions and streamed in with COPY (bench/register-fill.ts). The
 * register's plain indexes are built after the rows, and the table is ANALYZEd. No register_entry_versions
 * rows are written: nothing the export reads needs them. A register that already holds entries is
 * refused unless `--replace` is given, which empties it first, with every table that refers to it
 * (TRUNCATE … CASCADE).
 */

const ROOT = resolve(__dirname, '../..');

export interface GeneratedRegister {
  grants: number;
  seconds: number;
  tableBytes: number;
}

export async function generateRegister(
  databaseUrl: string,
  grants: number,
  options: { replace?: boolean; workers?: number; log?: (m: string) => void } = {},
): Promise<GeneratedRegister> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const ds = new DataSource(dataSourceOptions(databaseUrl, ENTITIES, MIGRATIONS, 2));
  await ds.initialize();
  try {
    await runMigrationsLocked(ds);
    await seedProfile(ds, loadProfileFile(resolve(ROOT, 'profiles/west-mercia.json')));
  } finally {
    await ds.destroy();
  }
  const client = new Client({ connectionString: databaseUrl, application_name: 'grants-generate-register' });
  await client.connect();
  try {
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM register_entries`)).rows;
    if (n > 0 && !options.replace) {
      throw new Error(`register_entries already holds ${n} rows; pass --replace to empty it first`);
    }
    const workers = Math.max(1, Math.min(options.workers ?? 1, grants));
    log(`writing ${grants.toLocaleString('en-GB')} grants (${workers} writer${workers > 1 ? 's' : ''})`);
    const since = (t: number): string => `${((Date.now() - t) / 1000).toFixed(1)} s`;
    let t = Date.now();
    const plan = await prepareFill(client, true);
    try {
      if (workers === 1) {
        await copyEntries(client, 0, grants, { truncate: true, log });
      } else {
        await client.query('TRUNCATE register_entries CASCADE');
        const per = Math.ceil(grants / workers);
        await Promise.all(
          Array.from({ length: workers }, (_, w) =>
            runWorker(databaseUrl, w * per, Math.min(grants, (w + 1) * per), w === 0 ? log : undefined),
          ),
        );
      }
      log(`rows written in ${since(t)}`);
    } finally {
      t = Date.now();
      await finishFill(client, plan, log);
      log(`indexes built in ${since(t)}`);
    }
    t = Date.now();
    if (workers > 1) {
      // The workers' rows were not written frozen: set their hint bits and visibility now, not in the
      // first export.
      await client.query('VACUUM (FREEZE) register_entries');
    }
    await analyseRegister(client);
    log(`${workers > 1 ? 'VACUUM (FREEZE) and ' : ''}ANALYZE in ${since(t)}`);
    const [{ bytes }] = (
      await client.query(`SELECT pg_total_relation_size('register_entries')::bigint AS bytes`)
    ).rows;
    const seconds = (Date.now() - started) / 1000;
    log(
      `${grants.toLocaleString('en-GB')} grants in ${seconds.toFixed(1)} s; register_entries ` +
        `${(Number(bytes) / 2 ** 20).toFixed(0)} MiB with its indexes and TOAST`,
    );
    return { grants, seconds, tableBytes: Number(bytes) };
  } finally {
    await client.end();
  }
}

/** One writer in a child process of its own, so row building uses every core: rows from..to-1. */
function runWorker(databaseUrl: string, from: number, to: number, log?: (m: string) => void): Promise<void> {
  const child = spawn(
    process.execPath,
    [__filename, '--worker', `${from}:${to}`, '--database-url', databaseUrl],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    if (log)
      for (const line of d.toString().trim().split('\n')) log(line.replace(/^\[generate-register\] /, ''));
  });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`writer ${from}:${to} exited with ${code}:\n${err}`)),
    );
  });
}

async function worker(databaseUrl: string, slice: string): Promise<void> {
  const [from, to] = slice.split(':').map(Number) as [number, number];
  const client = new Client({ connectionString: databaseUrl, application_name: 'grants-generate-register' });
  await client.connect();
  try {
    await copyEntries(client, from, to, { log: (m) => void process.stderr.write(`${m}\n`) });
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      grants: { type: 'string', default: '1000000' },
      'database-url': { type: 'string', default: process.env.DATABASE_URL },
      replace: { type: 'boolean', default: false },
      workers: { type: 'string', default: '2' },
      worker: { type: 'string' },
    },
  });
  if (values.worker !== undefined) {
    await worker(values['database-url']!, values.worker);
    return;
  }
  const grants = Number(values.grants);
  if (!Number.isInteger(grants) || grants < 1) throw new Error(`--grants must be a whole number ≥ 1`);
  const url = values['database-url'];
  if (!url) throw new Error('--database-url (or DATABASE_URL) is required');
  const result = await generateRegister(url, grants, {
    replace: values.replace,
    workers: Number(values.workers),
    log: (m) => void process.stderr.write(`[generate-register] ${m}\n`),
  });
  // One JSON line on stdout, for a parent process (bench/register-export.ts).
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `[generate-register] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
