import 'reflect-metadata';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addDays, calendarDateIn } from '@grants/common';
import { dataSourceOptions, runMigrationsLocked } from '@grants/database';
import { offerReminderEmail } from '@grants/notifications';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { loadProfileFile, seedDemoRound, seedProfile } from '@grants/seed';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { recommendedApplications } from '../tools/award-fixtures';
import {
  dropDatabase,
  ensureDatabase,
  ensurePostgres,
  ensureRedis,
  withDatabase,
} from '../tools/local-infra';
import { median, ratio } from './stats';

/**
 * `npm run bench:reminders`: 10,000 offer reminders, end to end through the worker: outbox rows written in
 * one statement, relayed to BullMQ, each job re-reading its offer, rendering, claiming its email record
 * and sending over pooled SMTP to a local sink in another process. Against a baseline in the same run:
 * raw nodemailer with the same pooled transport sending the same rendered email 10,000 times, with as many
 * concurrent senders as the worker runs jobs. Reported: messages per second each side, the ratio,
 * duplicates (messages less distinct Message-IDs, and anything beyond 10,000) and Redis memory growth.
 */

const ROOT = resolve(__dirname, '../..');
const TARGET_RATIO = 0.5;
const MAX_REDIS_GROWTH = 10 * 1024 * 1024;
const COUNT = Number(process.env.BENCH_REMINDERS ?? 10_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 16);
const DATABASE = 'grants_bench_reminders';
const PREFIX = 'grants-bench-reminders';
const FROM = 'Community Safety Fund <grants@bench.example>';

const log = (m: string): void => void process.stderr.write(`[bench:reminders] ${m}\n`);

interface Sink {
  url: string;
  count(): Promise<{ messages: number; distinct: number }>;
  reset(): Promise<void>;
  stop(): void;
}

async function startSink(): Promise<Sink> {
  const child = fork(resolve(__dirname, 'smtp-sink-process.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(type: string): Promise<T> =>
    new Promise((done) => {
      const on = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off('message', on);
        done(m as T);
      };
      child.on('message', on);
      if (type !== 'ready') child.send({ type });
    });
  const { url } = await ask<{ url: string }>('ready');
  return {
    url,
    count: () => ask('count'),
    reset: async () => void (await ask('reset')),
    stop: () => void child.kill('SIGTERM'),
  };
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function rawRun(sink: Sink, message: object): Promise<number> {
  await sink.reset();
  const child = spawn(
    process.execPath,
    [resolve(__dirname, 'raw-mailer-process.js'), sink.url, String(COUNT), String(CONCURRENCY), FROM],
    {
      cwd: ROOT,
      env: { ...process.env, BENCH_MESSAGE: JSON.stringify(message) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((r) => child.once('exit', r));
  const { seconds } = JSON.parse(out.trim()) as { seconds: number };
  const { messages } = await sink.count();
  if (messages !== COUNT) throw new Error(`raw nodemailer delivered ${messages} of ${COUNT}`);
  return COUNT / seconds;
}

interface WorkerResult {
  perSec: number;
  delivered: number;
  duplicates: number;
  redisGrowthBytes: number;
  redisPeakGrowthBytes: number;
}

async function workerRun(
  ds: DataSource,
  sink: Sink,
  env: NodeJS.ProcessEnv,
  redis: Redis,
  makeOffers: () => Promise<{ awards: Array<{ id: string }>; deadline: string }>,
): Promise<WorkerResult> {
  await sink.reset();
  // The last run's offers are answered (declined), so this run's start-up sweep owes them nothing.
  await ds.query(
    `UPDATE awards SET status = 'declined', declined_at = now(), decline_reason = 'benchmark' WHERE status = 'offered'`,
  );
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the worker under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const worker: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, resolve(ROOT, 'dist/apps/worker/src/main.js')],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  worker.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  await until(async () => /is running/.test(out), 30_000, 'the worker to start');
  await until(
    async () =>
      (await ds.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE dispatched_at IS NULL`))[0].n ===
      0,
    10_000,
    'an idle worker',
  );
  await new Promise((r) => setTimeout(r, 500)); // its start-up sweep (nothing open yet) done
  // The offers are written once the worker is idle, so its start-up sweep has not already reminded them.
  const { awards, deadline } = await makeOffers();
  const memory = async (): Promise<number> =>
    Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
  const before = await memory();
  let peak = before;

  const started = process.hrtime.bigint();
  // The reminders as the planner would have written them: one row per offer, keyed by (kind, offer, due date).
  await ds.query(
    `INSERT INTO outbox_messages (queue, job_name, job_id, payload)
     SELECT 'reminders', 'reminders.send', 'offer-7-days.' || id || '.' || $2,
            jsonb_build_object('kind', 'offer-7-days', 'subjectType', 'offer', 'subjectId', id::text, 'dueOn', $2::text)
       FROM unnest($1::uuid[]) AS id`,
    [awards.map((a) => a.id), deadline],
  );
  let delivered = 0;
  await until(
    async () => {
      peak = Math.max(peak, await memory());
      delivered = (await sink.count()).messages;
      return delivered >= COUNT;
    },
    600_000,
    `${COUNT} reminders`,
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise((r) => setTimeout(r, 1000)); // anything extra would arrive now
  const final = await sink.count();
  const after = await memory();

  const exited = new Promise((r) => worker.once('exit', r));
  worker.kill('SIGTERM');
  await exited;
  return {
    perSec: COUNT / seconds,
    delivered: final.messages,
    duplicates: final.messages - final.distinct + Math.max(0, final.distinct - COUNT),
    redisGrowthBytes: after - before,
    redisPeakGrowthBytes: peak - before,
  };
}

async function main(): Promise<number> {
  const pg = await ensurePostgres(resolve(ROOT, '.data/bench-postgres'), log);
  const redisServer = await ensureRedis(log);
  await dropDatabase(pg.url, DATABASE).catch(() => undefined);
  await ensureDatabase(pg.url, DATABASE);
  const url = withDatabase(pg.url, DATABASE);
  const ds = new DataSource(dataSourceOptions(url, ENTITIES, MIGRATIONS, 4));
  await ds.initialize();
  const redis = new Redis(redisServer.url);
  const sink = await startSink();
  try {
    await runMigrationsLocked(ds);
    const profile = loadProfileFile(resolve(ROOT, 'profiles/west-mercia.json'));
    const seeded = await seedProfile(ds, profile);
    const round = await seedDemoRound(ds, profile, seeded);
    const [user] = await ds.query(
      `INSERT INTO users (email, display_name, roles, email_verified_at) VALUES ('treasurer@bench.example', 'Pat Treasurer', '{applicant}', now()) RETURNING id`,
    );
    const [org] = await ds.query(
      `INSERT INTO organisations (name, legal_form, address_line1, town, postcode, local_authority_code, created_by)
       VALUES ('Bench Community Group', 'constituted_community_group', '1 High Street', 'Malvern', 'WR14 3AA', 'E07000235', $1)
       RETURNING id`,
      [user.id],
    );
    await ds.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'owner')`,
      [org.id, user.id],
    );
    // Offered 30 days ago with 3 days left: each one's 7-day reminder is due and not yet superseded.
    const deadline = addDays(calendarDateIn(new Date(), 'Europe/London'), 3);
    const makeOffers = async (): Promise<{ awards: Array<{ id: string }>; deadline: string }> => {
      log(`writing ${COUNT} open offers`);
      const ids = await recommendedApplications(ds, {
        round,
        organisationId: org.id,
        createdBy: user.id,
        recordedBy: user.id,
        approverIds: [],
        amountsPence: Array.from({ length: COUNT }, () => 100_000),
      });
      await ds.query(
        `WITH d AS (
         INSERT INTO decisions (application_id, recommendation_id, outcome, amount_pence, reasons, acceptance_deadline,
           decided_by, decided_role, decided_at)
         SELECT r.application_id, r.id, 'award', 100000, 'Meets the objectives', $2::date, $3, 'approver', now() - interval '30 days'
           FROM recommendations r WHERE r.application_id = ANY($1::uuid[]) RETURNING id, application_id)
       INSERT INTO awards (application_id, decision_id, organisation_id, round_id, fund_year_id, reference, status,
         offered_amount_pence, amount_pence, acceptance_deadline, end_date, offered_at)
       SELECT a.id, d.id, a.organisation_id, a.round_id, $4, a.reference, 'offered', 100000, 100000, $2::date, a.end_date,
              now() - interval '30 days'
         FROM d JOIN applications a ON a.id = d.application_id`,
        [ids, deadline, user.id, round.fundYearId],
      );
      const awards = (await ds.query(`SELECT id FROM awards WHERE application_id = ANY($1::uuid[])`, [
        ids,
      ])) as Array<{
        id: string;
      }>;
      return { awards, deadline };
    };
    const message = offerReminderEmail({
      funder: { name: seeded.funderName, contactEmail: 'grants@bench.example' },
      recipientName: 'Pat Treasurer',
      reference: 'FIX-2026-000001',
      amountPence: 100_000,
      acceptanceDeadline: deadline,
      daysLeft: 3,
      link: 'http://localhost:3000/awards/00000000-0000-4000-8000-000000000000',
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: '10',
      REDIS_URL: redisServer.url,
      SMTP_URL: sink.url,
      MAIL_FROM: FROM,
      JOBS_PREFIX: PREFIX,
      WORKER_CONCURRENCY: String(CONCURRENCY),
    };

    const raw: number[] = [];
    const runs: WorkerResult[] = [];
    for (let i = 0; i < REPEATS; i++) {
      raw.push(await rawRun(sink, message));
      log(`raw nodemailer: ${raw.at(-1)!.toFixed(0)} msg/s`);
      runs.push(await workerRun(ds, sink, env, redis, makeOffers));
      const r = runs.at(-1)!;
      log(
        `worker: ${r.perSec.toFixed(0)} msg/s, ${r.duplicates} duplicates, Redis +${(r.redisGrowthBytes / 1024).toFixed(0)} KiB (peak +${(r.redisPeakGrowthBytes / 1024).toFixed(0)} KiB)`,
      );
    }
    const rawMedian = median(raw);
    const workerMedian = median(runs.map((r) => r.perSec));
    const result = {
      count: COUNT,
      concurrency: CONCURRENCY,
      rawPerSec: raw,
      workerPerSec: runs.map((r) => r.perSec),
      ratio: ratio(workerMedian, rawMedian),
      duplicates: runs.map((r) => r.duplicates),
      delivered: runs.map((r) => r.delivered),
      redisGrowthBytes: runs.map((r) => r.redisGrowthBytes),
      redisPeakGrowthBytes: runs.map((r) => r.redisPeakGrowthBytes),
    };
    const ok =
      result.ratio >= TARGET_RATIO &&
      runs.every((r) => r.duplicates === 0 && r.delivered === COUNT && r.redisGrowthBytes < MAX_REDIS_GROWTH);
    process.stdout.write(
      [
        '',
        `${COUNT} reminder emails, ${REPEATS} run(s) each side, ${CONCURRENCY} concurrent`,
        `  raw nodemailer (pooled) : ${rawMedian.toFixed(0)} msg/s (median)`,
        `  through the worker      : ${workerMedian.toFixed(0)} msg/s (median)`,
        `  ratio                   : ${result.ratio.toFixed(2)} (target ≥ ${TARGET_RATIO})`,
        `  duplicates              : ${result.duplicates.join(', ')}`,
        `  Redis growth            : ${result.redisGrowthBytes.map((b) => `${(b / 1024).toFixed(0)} KiB`).join(', ')} after; peak ${result.redisPeakGrowthBytes.map((b) => `${(b / 1024 / 1024).toFixed(1)} MiB`).join(', ')} (limit 10 MiB after)`,
        ok ? 'PASS' : 'FAIL',
        '',
      ].join('\n'),
    );
    mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
    const file = resolve(
      ROOT,
      `bench/results/reminders-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    writeFileSync(file, JSON.stringify(result, null, 2));
    process.stdout.write(`results: ${file}\n`);
    return ok ? 0 : 1;
  } finally {
    sink.stop();
    const keys = await redis.keys(`${PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await ds.destroy();
    await dropDatabase(pg.url, DATABASE).catch(() => undefined);
    await redisServer.stop();
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
