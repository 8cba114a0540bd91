import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { Role, StaffUsersService } from '@grants/accounts';
import { SYSTEM_ACTOR } from '@grants/audit';
import { loadConfig } from '@grants/config';
import { runMigrationsLocked } from '@grants/database';
import { FundsService } from '@grants/funds';
import { RoundsService } from '@grants/rounds';
import { loadProfileFile, seedProfile } from '@grants/seed';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createApi } from '../apps/api/src/create-api';
import {
  dropDatabase,
  ensureDatabase,
  ensurePostgres,
  ensureRedis,
  withDatabase,
} from '../tools/local-infra';
import { API_ENV, startServer } from './server-process';
import { recommendedApplications } from '../tools/award-fixtures';
import { median, ratio } from './stats';

/**
 * `npm run bench:awards`: award decisions under contention. 50 approvers decide distinct applications at the
 * same moment, all against one fund year whose cap lets only some of them through, so every decision queues
 * on the same fund-year lock. The API (over HTTP, the whole use case: access, separation of duties, limits,
 * decision, award, conditions, audit, ledger) is measured against a baseline in the same run: the bare SQL
 * of one award (lock the fund-year row, check, insert the decision, the award and the commitment) on a pg
 * Pool of the same size, driven by the same 50 concurrent workers. Reported: decisions per second, p50 and
 * p99, and over-commits (which must be 0 on both sides).
 */

const ROOT = resolve(__dirname, '../..');
const TARGET_RATIO = 0.5;
const APPROVERS = 50;
const POOL_SIZE = 10;
const PER_RUN = Number(process.env.BENCH_AWARDS ?? 400);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const AMOUNT = 100_000; // £1,000 each
const FITS = Math.floor(PER_RUN * 0.8); // the cap lets 80% through; the rest are refused at the cap
const DATABASE = 'grants_bench_awards';
const PASSWORD = 'a long bench passphrase 1';

const log = (m: string): void => void process.stderr.write(`[bench:awards] ${m}\n`);

interface RunResult {
  decisionsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  awarded: number;
  refusedAtCap: number;
  failures: number;
  overCommitted: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** 50 workers take the next item until none are left; returns what each call answered and how long it took. */
async function drive<T>(
  items: T[],
  work: (item: T, worker: number) => Promise<'awarded' | 'cap' | 'failed'>,
) {
  const latencies: number[] = [];
  const outcomes = { awarded: 0, cap: 0, failed: 0 };
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: APPROVERS }, async (_unused, worker) => {
      while (next < items.length) {
        const item = items[next++]!;
        const t0 = process.hrtime.bigint();
        outcomes[await work(item, worker)]++;
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { outcomes, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function netCommitted(ds: DataSource, fundYearId: string): Promise<{ net: number; cap: number }> {
  const [row] = await ds.query(
    `SELECT (committed_pence - released_pence)::bigint AS net, cap_pence::bigint AS cap FROM fund_years WHERE id = $1`,
    [fundYearId],
  );
  return { net: Number(row.net), cap: Number(row.cap) };
}

async function main(): Promise<number> {
  const pg = await ensurePostgres(resolve(ROOT, '.data/bench-postgres'), log);
  const redis = await ensureRedis(log);
  await dropDatabase(pg.url, DATABASE).catch(() => undefined);
  await ensureDatabase(pg.url, DATABASE);
  const url = withDatabase(pg.url, DATABASE);
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    REDIS_URL: redis.url,
    SMTP_URL: 'smtp://127.0.0.1:1',
    SESSION_COOKIE_SECURE: 'false',
  });
  // Set up through the services in this process; measure the API in a process of its own, so the load this
  // process generates never shares the API's event loop (as the pg driver of the baseline shares nothing).
  const app: NestFastifyApplication = await createApi({ config });
  await app.init();
  const ds = app.get(DataSource);
  let apiUrl = '';
  let stopServer: () => Promise<void> = async () => undefined;
  const pool = new Pool({
    connectionString: url,
    max: POOL_SIZE,
    application_name: 'grants-bench-awards-baseline',
  });
  try {
    await runMigrationsLocked(ds);
    const profile = loadProfileFile(resolve(ROOT, 'profiles/west-mercia.json'));
    const seeded = await seedProfile(ds, profile);
    const staff = app.get(StaffUsersService);
    const approvers: { id: string; token: string }[] = [];
    for (let i = 0; i < APPROVERS; i++) {
      const email = `approver-${i}@bench.example`;
      const { user } = await staff.createStaffUser({
        email,
        displayName: `Approver ${i}`,
        roles: [Role.Approver],
        password: PASSWORD,
      });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email, password: PASSWORD }),
      });
      approvers.push({ id: user.id, token: (JSON.parse(res.body) as { token: string }).token });
    }
    const { user: officer } = await staff.createStaffUser({
      email: 'officer@bench.example',
      displayName: 'Officer',
      roles: [Role.Officer],
      password: PASSWORD,
    });
    const [org] = await ds.query(
      `INSERT INTO organisations (name, legal_form, address_line1, town, postcode, local_authority_code, created_by)
       VALUES ('Bench Community Group', 'constituted_community_group', '1 High Street', 'Malvern', 'WR14 3AA', 'E07000235', $1)
       RETURNING id`,
      [officer.id],
    );
    const funds = app.get(FundsService);
    const rounds = app.get(RoundsService);
    const fund = await funds.createFund({ key: 'bench-fund', name: 'Bench fund' }, SYSTEM_ACTOR);
    const tree = await ds.query(
      `SELECT o.id FROM objectives o WHERE o.plan_version_id = $1 ORDER BY o.number LIMIT 1`,
      [seeded.planVersionId],
    );

    /** A fresh fund year holding exactly FITS awards, a round in it, and PER_RUN recommended applications. */
    let yearCounter = 0;
    async function arena() {
      const startYear = 2030 + yearCounter++;
      const year = await funds.addYear(
        fund.id,
        {
          label: `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`,
          startsOn: `${startYear}-04-01`,
          endsOn: `${startYear + 1}-03-31`,
          capPence: FITS * AMOUNT,
        },
        SYSTEM_ACTOR,
      );
      const now = Date.now();
      const round = await rounds.create(
        {
          fundYearId: year.id,
          planVersionId: seeded.planVersionId,
          title: `Bench round ${yearCounter}`,
          opensAt: new Date(now - 86_400_000),
          closesAt: new Date(now + 86_400_000),
          minAwardPence: 1,
          maxAwardPence: AMOUNT,
          maxProjectMonths: 12,
          acceptanceWindowDays: 28,
          objectiveIds: [tree[0].id],
        },
        SYSTEM_ACTOR,
      );
      const ids = await recommendedApplications(ds, {
        round: (await rounds.findById(round.id))!,
        organisationId: org.id,
        createdBy: officer.id,
        recordedBy: officer.id,
        approverIds: approvers.map((a) => a.id),
        amountsPence: Array(PER_RUN).fill(AMOUNT),
      });
      return { fundYearId: year.id, roundId: round.id, ids };
    }

    async function apiRun(): Promise<RunResult> {
      const a = await arena();
      const r = await drive(a.ids, async (id, worker) => {
        const res = await fetch(`${apiUrl}/api/v1/applications/${id}/decision`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${approvers[worker]!.token}`,
          },
          body: JSON.stringify({ outcome: 'award', reasons: 'Meets the objectives' }),
        });
        await res.arrayBuffer();
        return res.status === 201 ? 'awarded' : res.status === 409 ? 'cap' : 'failed';
      });
      const { net, cap } = await netCommitted(ds, a.fundYearId);
      return result(r, net, cap);
    }

    async function baselineRun(): Promise<RunResult> {
      const a = await arena();
      const r = await drive(a.ids, async (id, worker) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query(
            `SELECT cap_pence + over_allocation_tolerance_pence - (committed_pence - released_pence) AS headroom
             FROM fund_years WHERE id = $1 FOR NO KEY UPDATE`,
            [a.fundYearId],
          );
          if (Number(rows[0].headroom) < AMOUNT) {
            await client.query('ROLLBACK');
            return 'cap';
          }
          const { rows: d } = await client.query(
            `INSERT INTO decisions (application_id, recommendation_id, outcome, amount_pence, reasons, acceptance_deadline,
               decided_by, decided_role, decided_at)
             SELECT $1, r.id, 'award', $2, 'Meets the objectives', CURRENT_DATE + 28, $3, 'approver', now()
             FROM recommendations r WHERE r.application_id = $1 RETURNING id`,
            [id, AMOUNT, approvers[worker]!.id],
          );
          const { rows: w } = await client.query(
            `INSERT INTO awards (application_id, decision_id, organisation_id, round_id, fund_year_id, reference, status,
               offered_amount_pence, amount_pence, acceptance_deadline, end_date, offered_at)
             SELECT a.id, $2, a.organisation_id, a.round_id, $3, a.reference, 'offered', $4, $4, CURRENT_DATE + 28,
               a.end_date, now()
             FROM applications a WHERE a.id = $1 RETURNING id`,
            [id, d[0].id, a.fundYearId, AMOUNT],
          );
          await client.query(
            `INSERT INTO ledger_entries (fund_year_id, award_id, kind, amount_pence, cause, occurred_on, recorded_at)
             VALUES ($1, $2, 'commitment', $3, 'award', CURRENT_DATE, now())`,
            [a.fundYearId, w[0].id, AMOUNT],
          );
          await client.query('COMMIT');
          return 'awarded';
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          log(`baseline failure: ${String(error)}`);
          return 'failed';
        } finally {
          client.release();
        }
      });
      const { net, cap } = await netCommitted(ds, a.fundYearId);
      return result(r, net, cap);
    }

    function result(r: Awaited<ReturnType<typeof drive>>, net: number, cap: number): RunResult {
      return {
        decisionsPerSec: PER_RUN / r.seconds,
        p50Ms: r.p50,
        p99Ms: r.p99,
        awarded: r.outcomes.awarded,
        refusedAtCap: r.outcomes.cap,
        failures: r.outcomes.failed,
        overCommitted: net > cap,
      };
    }

    const server = await startServer(
      { name: 'api', script: resolve(__dirname, '../apps/api/src/main.js'), env: API_ENV },
      {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: String(POOL_SIZE),
        REDIS_URL: redis.url,
        SMTP_URL: 'smtp://127.0.0.1:1',
      },
      log,
    );
    stopServer = server.stop;
    apiUrl = server.url;
    // One warm-up of each, discarded: JIT, plan caches, connection set-up.
    await baselineRun();
    await apiRun();
    const samples: { baseline: RunResult[]; api: RunResult[] } = { baseline: [], api: [] };
    for (let i = 1; i <= REPEATS; i++) {
      for (const side of ['baseline', 'api'] as const) {
        const r = side === 'baseline' ? await baselineRun() : await apiRun();
        samples[side].push(r);
        log(
          `run ${i}/${REPEATS} ${side}: ${r.decisionsPerSec.toFixed(0)} decisions/s, p50 ${r.p50Ms.toFixed(1)} ms, ` +
            `p99 ${r.p99Ms.toFixed(1)} ms, ${r.awarded} awarded, ${r.refusedAtCap} refused at the cap, ` +
            `${r.failures} failures${r.overCommitted ? ', OVER-COMMITTED' : ''}`,
        );
      }
    }
    const med = (side: 'baseline' | 'api', k: 'decisionsPerSec' | 'p50Ms' | 'p99Ms') =>
      median(samples[side].map((s) => s[k]));
    const value = ratio(med('api', 'decisionsPerSec'), med('baseline', 'decisionsPerSec'));
    const all = [...samples.baseline, ...samples.api];
    const overCommits = all.filter((s) => s.overCommitted).length;
    const wrongCounts = all.filter((s) => s.awarded !== FITS || s.refusedAtCap !== PER_RUN - FITS).length;
    const failures = all.reduce((n, s) => n + s.failures, 0);
    const [{ server_version: postgres }] = await ds.query('SHOW server_version');
    const lines = [
      '',
      `Award decisions under contention — ${APPROVERS} concurrent approvers, ${PER_RUN} distinct applications per run ` +
        `(the cap holds ${FITS}), one fund year, pool of ${POOL_SIZE}, ${REPEATS} alternating runs after a warm-up`,
      `Node ${process.version}, PostgreSQL ${postgres}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      '',
      '              decisions/s median (min–max)    p50 ms    p99 ms    over-commits',
      ...(['baseline', 'api'] as const).map((side) => {
        const xs = samples[side].map((s) => s.decisionsPerSec);
        return (
          `${side.padEnd(10)}  ${med(side, 'decisionsPerSec').toFixed(0).padStart(8)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})` +
          `${med(side, 'p50Ms').toFixed(1).padStart(18)}${med(side, 'p99Ms').toFixed(1).padStart(10)}` +
          `${String(samples[side].filter((s) => s.overCommitted).length).padStart(12)}`
        );
      }),
      '',
      `ratio api/baseline: ${value.toFixed(3)} (per run ${samples.api
        .map((s, i) => (s.decisionsPerSec / samples.baseline[i]!.decisionsPerSec).toFixed(2))
        .join(', ')}), target ≥ ${TARGET_RATIO}; over-commits ${overCommits}; runs with the wrong number ` +
        `awarded ${wrongCounts}; failures ${failures}`,
    ];
    const pass = value >= TARGET_RATIO && overCommits === 0 && wrongCounts === 0 && failures === 0;
    lines.push(pass ? 'PASS' : 'FAIL');
    process.stdout.write(lines.join('\n') + '\n');
    mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
    const file = resolve(ROOT, `bench/results/awards-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify({ samples, ratio: value, overCommits, wrongCounts, failures }, null, 2),
    );
    process.stdout.write(`results: ${file}\n`);
    return pass ? 0 : 1;
  } finally {
    await stopServer();
    await pool.end();
    await app.close();
    await dropDatabase(pg.url, DATABASE).catch(() => undefined);
    await redis.stop();
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench:awards failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
