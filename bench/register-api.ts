import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { resolve } from 'node:path';
import { dataSourceOptions, runMigrationsLocked } from '@grants/database';
import { grantIdentifier } from '@grants/register';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { loadProfileFile, seedProfile } from '@grants/seed';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { registerFixture, WMPCC_PREFIX } from '../libs/register/src/register-fixtures';
import {
  dropDatabase,
  ensureDatabase,
  ensurePostgres,
  ensureRedis,
  Running,
  withDatabase,
} from '../tools/local-infra';
import { fillRegisterFast } from './register-fill';
import { autocannonVersion, envInt, fmt, measure } from './load';
import { API_ENV, API_NODE_ARGS, startServer } from './server-process';
import { median, ratio, Sample, summarise, Summary } from './stats';

/**
 * `npm run bench:register` (first half): the public register's two JSON reads, a filtered page and one
 * grant, against a bare node:http + pg baseline running the same statements and sending byte-identical
 * bodies (bench/register-baseline-server.ts), measured in the same run. As run.ts: each server alone in its
 * own process, autocannon in another, runs alternating baseline/API, medians over the repeats.
 */

const ROOT = resolve(__dirname, '../..');
const TARGET_RATIO = 0.75;
const CONNECTIONS = 50;
const POOL_SIZE = 10;
const DATABASE = 'grants_bench_register_api';
const LOG_LEVEL = 'warn';
// The public limit is per client address; autocannon is one address. The config allows at most 10,000,000.
const RATE_LIMIT = '10000000';

const GRANTS = envInt('BENCH_REGISTER_GRANTS', 20_000);
const DURATION_S = envInt('BENCH_DURATION', 10);
const WARMUP_S = envInt('BENCH_WARMUP', 3);
const REPEATS = envInt('BENCH_REPEATS', 3);

const log = (m: string): void => void process.stderr.write(`[bench:register-api] ${m}\n`);

interface Target {
  name: 'baseline' | 'api' | 'api-uncached';
  script: string;
  nodeArgs?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

const API_SCRIPT = resolve(__dirname, '../apps/api/src/main.js');
const TARGETS: Target[] = [
  { name: 'baseline', script: resolve(__dirname, 'register-baseline-server.js') },
  { name: 'api', script: API_SCRIPT, nodeArgs: API_NODE_ARGS, env: API_ENV },
  // The same API with its entry cache off: every answer read from the database, as the baseline does.
  // Reported beside the target, not held to it.
  {
    name: 'api-uncached',
    script: API_SCRIPT,
    nodeArgs: API_NODE_ARGS,
    env: { ...API_ENV, REGISTER_CACHE_BYTES: '0' },
  },
];

interface Route {
  /** As reported, e.g. GET /api/v1/register/grants/:id. */
  route: string;
  /** The concrete path requested. */
  path: string;
}

// Fund year 2014/15 is every fourth fixture and objective 8 one in three of those: thousands of matches,
// so the page is full (50 entries and a next cursor) and ordering, not matching, decides what is read.
const PAGE: Route = {
  route: 'GET /api/v1/register/grants?fundYear=2014/15&objective=8&limit=50',
  path: `/api/v1/register/grants?fundYear=${encodeURIComponent('2014/15')}&objective=8&limit=50`,
};
const ONE: Route = {
  route: 'GET /api/v1/register/grants/:id',
  path: `/api/v1/register/grants/${grantIdentifier(WMPCC_PREFIX, registerFixture(Math.floor(GRANTS / 2)).award.id)}`,
};

async function prepareDatabase(url: string): Promise<string> {
  const ds = new DataSource(dataSourceOptions(url, ENTITIES, MIGRATIONS, 2));
  await ds.initialize();
  try {
    await runMigrationsLocked(ds);
    await seedProfile(ds, loadProfileFile(resolve(ROOT, 'profiles/west-mercia.json')));
    const [{ server_version: version }] = (await ds.query('SHOW server_version')) as {
      server_version: string;
    }[];
    return version;
  } finally {
    await ds.destroy();
  }
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${body}`);
  return body;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

async function main(): Promise<number> {
  const pg: Running = await ensurePostgres(resolve(ROOT, '.data/bench-postgres'), log);
  const redis: Running = await ensureRedis(log);
  try {
    await dropDatabase(pg.url, DATABASE);
    await ensureDatabase(pg.url, DATABASE);
    const databaseUrl = withDatabase(pg.url, DATABASE);
    const postgresVersion = await prepareDatabase(databaseUrl);
    const t0 = Date.now();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await fillRegisterFast(client, { count: GRANTS, versions: true, log });
    } finally {
      await client.end();
    }
    log(`${fmt(GRANTS)} grants (and their first versions) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      REDIS_URL: redis.url,
      SMTP_URL: 'smtp://127.0.0.1:1',
      PUBLIC_RATE_LIMIT_PER_MINUTE: RATE_LIMIT,
    };
    const routes = [PAGE, ONE];

    // Both servers must send the same bytes, or the comparison is not fair.
    const bodies: Record<Target['name'], string[]> = { baseline: [], api: [], 'api-uncached': [] };
    for (const target of TARGETS) {
      const server = await startServer(target, env, log);
      try {
        for (const r of routes) bodies[target.name].push(await fetchText(server.url + r.path));
      } finally {
        await server.stop();
      }
    }
    for (const [i, r] of routes.entries()) {
      const b = bodies.baseline[i]!;
      for (const a of [bodies.api[i]!, bodies['api-uncached'][i]!]) {
        if (a === b) continue;
        const at = firstDifference(a, b);
        throw new Error(
          `The baseline and the API answer ${r.route} differently, from byte ${at}:\n` +
            `baseline …${b.slice(Math.max(0, at - 80), at + 200)}\napi      …${a.slice(Math.max(0, at - 80), at + 200)}`,
        );
      }
    }
    const pageBody = JSON.parse(bodies.api[0]!) as { items: unknown[]; nextCursor: string | null };
    if (pageBody.items.length !== 50 || pageBody.nextCursor === null) {
      throw new Error(`The filter gives ${pageBody.items.length} entries, not a full page of 50`);
    }
    const bodyBytes = routes.map((_, i) => Buffer.byteLength(bodies.api[i]!));
    log(`bodies equal: ${bodyBytes.map((n) => `${fmt(n)} bytes`).join(', ')}`);

    const samples = routes.map(() => ({
      baseline: [] as Sample[],
      api: [] as Sample[],
      'api-uncached': [] as Sample[],
    }));
    for (const [ri, r] of routes.entries()) {
      for (let i = 1; i <= REPEATS; i++) {
        for (const target of TARGETS) {
          const server = await startServer(target, env, log);
          try {
            log(`${r.route} run ${i}/${REPEATS}: ${target.name} (${WARMUP_S} s warm-up + ${DURATION_S} s)`);
            const sample = await measure(server.url + r.path, CONNECTIONS, WARMUP_S, DURATION_S);
            samples[ri]![target.name].push(sample);
            log(`  ${fmt(sample.reqPerSec)} req/s, p99 ${sample.p99Ms} ms`);
          } finally {
            await server.stop();
          }
        }
      }
    }

    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      platform: `${platform()} ${release()}`,
      node: process.version,
      postgres: postgresVersion,
      autocannon: autocannonVersion(),
      loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
    };
    const row = (name: string, s: Summary): string =>
      `${name.padEnd(10)}${`${fmt(s.reqPerSec.median)} (${fmt(s.reqPerSec.min)}–${fmt(s.reqPerSec.max)})`.padStart(26)}` +
      `${fmt(s.p50Ms.median, 1).padStart(10)}${`${fmt(s.p99Ms.median, 1)} (${fmt(s.p99Ms.min)}–${fmt(s.p99Ms.max)})`.padStart(26)}` +
      `${String(s.failures).padStart(10)}`;
    const lines = [
      '',
      `The public register, ${fmt(GRANTS)} grants — ${CONNECTIONS} connections, ${REPEATS} × ${DURATION_S} s each (after ${WARMUP_S} s warm-up), LOG_LEVEL=${LOG_LEVEL}`,
      `Node ${machine.node}, PostgreSQL ${machine.postgres}, autocannon ${machine.autocannon}, ${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadAverageAtEnd.join(' ')}`,
    ];
    let pass = true;
    const results = routes.map((r, ri) => {
      const s = samples[ri]!;
      const baseline = summarise(s.baseline);
      const api = summarise(s.api);
      const uncached = s['api-uncached'].length ? summarise(s['api-uncached']) : null;
      const value = ratio(api.reqPerSec.median, baseline.reqPerSec.median);
      const uncachedRatio = uncached ? ratio(uncached.reqPerSec.median, baseline.reqPerSec.median) : null;
      const perRunRatios = s.api.map((a, i) => ratio(a.reqPerSec, s.baseline[i]!.reqPerSec));
      const failures = baseline.failures + api.failures + (uncached?.failures ?? 0);
      const ok = failures === 0 && value >= TARGET_RATIO;
      pass &&= ok;
      lines.push(
        '',
        `${r.route} (${fmt(bodyBytes[ri]!)} bytes)`,
        `${''.padEnd(10)}${'req/s median (min–max)'.padStart(26)}${'p50 ms'.padStart(10)}${'p99 ms (min–max)'.padStart(26)}${'failures'.padStart(10)}`,
        row('baseline', baseline),
        row('api', api),
        ...(uncached && uncachedRatio !== null
          ? [
              row('uncached', uncached),
              `ratio uncached/baseline: ${uncachedRatio.toFixed(3)} (the API with REGISTER_CACHE_BYTES=0; no target)`,
            ]
          : []),
        `ratio api/baseline: ${value.toFixed(3)} (per run ${perRunRatios.map((x) => x.toFixed(2)).join(', ')}; median ${median(perRunRatios).toFixed(3)}), target ≥ ${TARGET_RATIO}`,
        failures > 0
          ? `FAIL: ${failures} errors, timeouts or non-2xx answers`
          : ok
            ? 'PASS'
            : 'FAIL: below target',
      );
      return {
        ...r,
        bodyBytes: bodyBytes[ri],
        samples: s,
        summary: { baseline, api, uncached },
        ratio: value,
        uncachedRatio,
        perRunRatios,
        pass: ok,
      };
    });
    lines.push('', pass ? 'PASS' : 'FAIL', '');
    process.stdout.write(lines.join('\n'));

    const resultsDir = resolve(ROOT, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const file = resolve(resultsDir, `register-api-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const report = {
      grants: GRANTS,
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      warmupSeconds: WARMUP_S,
      repeats: REPEATS,
      logLevel: LOG_LEVEL,
      poolSize: POOL_SIZE,
      machine,
      routes: results,
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
      `[bench:register-api] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
