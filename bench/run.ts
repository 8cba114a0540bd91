import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { dataSourceOptions, runMigrationsLocked } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { loadProfileFile, seedDemoRound, seedProfile } from '@grants/seed';
import { DataSource } from 'typeorm';
import {
  dropDatabase,
  ensureDatabase,
  ensurePostgres,
  ensureRedis,
  Running,
  withDatabase,
} from '../tools/local-infra';
import { autocannonVersion, envInt, fmt, measure } from './load';
import { API_ENV, API_NODE_ARGS, startServer } from './server-process';
import { median, ratio, Sample, summarise } from './stats';

/**
 * `npm run bench`: the API against a bare node:http + pg baseline answering the same route with the same
 * SQL and JSON, measured in the same run so the machine's speed cancels out of the ratio. Each server runs
 * alone in its own process; autocannon runs in another, so the load generator never shares an event loop
 * with the server it measures.
 */

const ROOT = resolve(__dirname, '../..');
const TARGET_RATIO = 0.75;
const CONNECTIONS = 50;
const POOL_SIZE = 10;
const DATABASE = 'grants_bench';
// The API logs one JSON line per request at info; the baseline logs nothing, so both run at warn.
const LOG_LEVEL = 'warn';

const DURATION_S = envInt('BENCH_DURATION', 10);
const WARMUP_S = envInt('BENCH_WARMUP', 3);
const REPEATS = envInt('BENCH_REPEATS', 3);

const log = (m: string): void => void process.stderr.write(`[bench] ${m}\n`);

interface Target {
  name: 'baseline' | 'api';
  script: string;
  nodeArgs?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

const TARGETS: Target[] = [
  { name: 'baseline', script: resolve(__dirname, 'baseline-server.js') },
  {
    name: 'api',
    script: resolve(__dirname, '../apps/api/src/main.js'),
    nodeArgs: API_NODE_ARGS,
    env: API_ENV,
  },
];

interface Fixture {
  /** The route as reported, e.g. GET /api/v1/rounds/:id. */
  route: string;
  /** The concrete path requested. */
  path: string;
  postgresVersion: string;
}

/** A fresh database holding the funder's profile and one published, open round (the quick start's demo round). */
async function prepareDatabase(url: string): Promise<Fixture> {
  const ds = new DataSource(dataSourceOptions(url, ENTITIES, MIGRATIONS, 2));
  await ds.initialize();
  try {
    await runMigrationsLocked(ds);
    const profile = loadProfileFile(resolve(ROOT, 'profiles/west-mercia.json'));
    const round = await seedDemoRound(ds, profile, await seedProfile(ds, profile));
    const [{ server_version: postgresVersion }] = (await ds.query('SHOW server_version')) as {
      server_version: string;
    }[];
    return { route: 'GET /api/v1/rounds/:id', path: `/api/v1/rounds/${round.id}`, postgresVersion };
  } finally {
    await ds.destroy();
  }
}

/** Warm-up (V8 optimises the hot path, both pools fill; its figures are discarded), then the measured run. */
function measureAt(url: string): Promise<Sample> {
  return measure(url, CONNECTIONS, WARMUP_S, DURATION_S);
}

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function main(): Promise<number> {
  const pg: Running = await ensurePostgres(resolve(ROOT, '.data/bench-postgres'), log);
  const redis: Running = await ensureRedis(log);
  try {
    await dropDatabase(pg.url, DATABASE);
    await ensureDatabase(pg.url, DATABASE);
    const databaseUrl = withDatabase(pg.url, DATABASE);
    const fixture = await prepareDatabase(databaseUrl);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      REDIS_URL: redis.url,
      // Nothing is sent on a read; the API only needs a well-formed SMTP URL to boot.
      SMTP_URL: 'smtp://127.0.0.1:1',
    };

    // Both servers must give the same answer, or the comparison is not fair.
    const bodies: unknown[] = [];
    for (const target of TARGETS) {
      const server = await startServer(target, env, log);
      try {
        bodies.push(await fetchJson(server.url + fixture.path));
      } finally {
        await server.stop();
      }
    }
    if (!isDeepStrictEqual(bodies[0], bodies[1])) {
      throw new Error(
        `The baseline and the API answer differently:\n${JSON.stringify(bodies[0])}\n${JSON.stringify(bodies[1])}`,
      );
    }

    const samples: Record<Target['name'], Sample[]> = { baseline: [], api: [] };
    for (let i = 1; i <= REPEATS; i++) {
      for (const target of TARGETS) {
        const server = await startServer(target, env, log);
        try {
          log(`run ${i}/${REPEATS}: ${target.name} (${WARMUP_S} s warm-up + ${DURATION_S} s)`);
          const sample = await measureAt(server.url + fixture.path);
          samples[target.name].push(sample);
          log(`  ${fmt(sample.reqPerSec)} req/s, p99 ${sample.p99Ms} ms`);
        } finally {
          await server.stop();
        }
      }
    }

    const baseline = summarise(samples.baseline);
    const api = summarise(samples.api);
    const result = ratio(api.reqPerSec.median, baseline.reqPerSec.median);
    const perRunRatios = samples.api.map((s, i) => ratio(s.reqPerSec, samples.baseline[i].reqPerSec));
    const failures = baseline.failures + api.failures;
    const pass = failures === 0 && result >= TARGET_RATIO;
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      platform: `${platform()} ${release()}`,
      node: process.version,
      postgres: fixture.postgresVersion,
      autocannon: autocannonVersion(),
    };

    const row = (name: string, s: typeof api): string =>
      `${name.padEnd(10)}${`${fmt(s.reqPerSec.median)} (${fmt(s.reqPerSec.min)}–${fmt(s.reqPerSec.max)})`.padStart(26)}` +
      `${fmt(s.p50Ms.median, 1).padStart(10)}${`${fmt(s.p99Ms.median, 1)} (${fmt(s.p99Ms.min)}–${fmt(s.p99Ms.max)})`.padStart(20)}` +
      `${String(s.failures).padStart(10)}`;
    const lines = [
      '',
      `${fixture.route} — ${CONNECTIONS} connections, ${REPEATS} × ${DURATION_S} s each (after ${WARMUP_S} s warm-up), LOG_LEVEL=${LOG_LEVEL}`,
      `Node ${machine.node}, PostgreSQL ${machine.postgres}, autocannon ${machine.autocannon}, ${machine.cpus} × ${machine.cpuModel}`,
      '',
      `${''.padEnd(10)}${'req/s median (min–max)'.padStart(26)}${'p50 ms'.padStart(10)}${'p99 ms (min–max)'.padStart(20)}${'failures'.padStart(10)}`,
      row('baseline', baseline),
      row('api', api),
      '',
      `ratio api/baseline: ${result.toFixed(3)} (per run ${perRunRatios.map((r) => r.toFixed(2)).join(', ')}; median ${median(perRunRatios).toFixed(3)}), target ≥ ${TARGET_RATIO}`,
      failures > 0
        ? `FAIL: ${failures} errors, timeouts or non-2xx answers`
        : pass
          ? 'PASS'
          : 'FAIL: below target',
      '',
    ];
    process.stdout.write(lines.join('\n'));

    const resultsDir = resolve(ROOT, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const file = resolve(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const report = {
      route: fixture.route,
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      warmupSeconds: WARMUP_S,
      repeats: REPEATS,
      logLevel: LOG_LEVEL,
      poolSize: POOL_SIZE,
      machine,
      samples,
      summary: { baseline, api },
      ratio: result,
      perRunRatios,
      target: TARGET_RATIO,
      pass,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`results: ${file}\n`);
    return pass ? 0 : 1;
  } finally {
    await dropDatabase(pg.url, DATABASE).catch(() => undefined);
    await redis.stop();
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
