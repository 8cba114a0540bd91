import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, loadavg, platform, release } from 'node:os';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { csvHeader, PACKAGE_CLOSING } from '@grants/register';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import {
  dropDatabase,
  ensureDatabase,
  ensurePostgres,
  ensureRedis,
  withDatabase,
} from '../tools/local-infra';
import { envInt, fmt } from './load';
import { childPidRunning, procMemory, resetPeak } from './reports-memory';
import { API_ENV, API_NODE_ARGS, startServer } from './server-process';
import { median } from './stats';

/**
 * `npm run bench:register` (second half): the open-data files of a large register. A fresh database gets
 * REGISTER_GRANTS (default 1,000,000) published grants from bench/generate-register.ts, run as a child
 * process. The API, alone in its own process, is then asked for the whole of GET
 * /api/v1/register/360giving.json and GET /api/v1/register/grants.csv by an HTTP client in this process
 * that counts the bytes and discards them; the baseline, measured in the same run, is PostgreSQL's own
 * COPY (SELECT <the stored column> … ORDER BY award_date DESC, id DESC) TO STDOUT read through
 * pg-copy-streams: the same rows in the same order with no server in between. Reported: time to the first
 * byte, to the first row and to the last byte, and the server's peak resident memory during each download.
 */

const ROOT = resolve(__dirname, '../..');
const GRANTS = envInt('REGISTER_GRANTS', 1_000_000);
const REPEATS = envInt('BENCH_REPEATS', 3);
const POOL_SIZE = 10;
const DATABASE = 'grants_bench_register_export';
/** Keep the generated register afterwards, and take one kept from before (for working on the export). */
const REUSE = process.env.BENCH_REGISTER_REUSE === '1';
const TARGETS = { csvRatio: 8, jsonRatio: 12, peakRssBytes: 150_000_000, firstByteMs: 500 };
const API_SCRIPT = resolve(__dirname, '../apps/api/src/main.js');

const log = (m: string): void => void process.stderr.write(`[bench:register-export] ${m}\n`);

type FileKind = 'json' | 'csv';

const FILES: Record<FileKind, { path: string; column: string }> = {
  json: { path: '/api/v1/register/360giving.json', column: 'grant_json' },
  csv: { path: '/api/v1/register/grants.csv', column: 'csv_row' },
};

const copySql = (column: string): string =>
  `COPY (SELECT ${column} FROM register_entries WHERE status = 'published' ORDER BY award_date DESC, id DESC) TO STDOUT`;

interface Download {
  /** Until the response's headers arrived. */
  headersMs: number;
  /** Until the first byte of the body. */
  firstByteMs: number;
  /** Until the first byte after the file's opening (the package head, or the CSV header): the first row. */
  firstRowMs: number;
  totalMs: number;
  bytes: number;
  /** The opening's length in bytes. */
  openingBytes: number;
  /** The server's peak resident set during the download (API only). */
  peakRssBytes?: number;
}

function elapsedMs(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * Reads a whole HTTP body, counting and discarding it. The file's opening (the package's head, the CSV's
 * header line) ends with `openingEnd`; the first byte after it is the first row. `inspect` sees every
 * chunk (validation only).
 */
function httpDownload(url: string, openingEnd: Buffer, inspect?: (chunk: Buffer) => void): Promise<Download> {
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint();
    const req = get(url, { agent: false }, (res) => {
      const headersMs = elapsedMs(t0);
      if (res.statusCode !== 200) {
        res.resume();
        return fail(new Error(`GET ${url} answered ${res.statusCode}`));
      }
      let bytes = 0;
      let firstByteMs = -1;
      let firstRowMs = -1;
      let head = Buffer.alloc(0);
      let openingBytes = -1;
      res.on('data', (chunk: Buffer) => {
        if (firstByteMs < 0) firstByteMs = elapsedMs(t0);
        bytes += chunk.length;
        if (openingBytes < 0 && head.length < 1 << 16) {
          head = Buffer.concat([head, chunk]);
          const at = head.indexOf(openingEnd);
          if (at >= 0) openingBytes = at + openingEnd.length;
        }
        if (firstRowMs < 0 && openingBytes >= 0 && bytes > openingBytes) firstRowMs = elapsedMs(t0);
        inspect?.(chunk);
      });
      res.once('error', fail);
      res.once('end', () => {
        if (!res.complete) return fail(new Error(`GET ${url} ended before the whole body arrived`));
        if (openingBytes < 0)
          return fail(new Error(`GET ${url}: no ${openingEnd.toString()} in its opening`));
        done({ headersMs, firstByteMs, firstRowMs, totalMs: elapsedMs(t0), bytes, openingBytes });
      });
    });
    req.once('error', fail);
  });
}

/** COPY … TO STDOUT through pg-copy-streams, counting and discarding the bytes. */
async function copyDownload(client: Client, sql: string): Promise<Download & { rows: number }> {
  const t0 = process.hrtime.bigint();
  const stream = client.query(copyTo(sql));
  let bytes = 0;
  let firstByteMs = -1;
  stream.on('data', (chunk: Buffer) => {
    if (firstByteMs < 0) firstByteMs = elapsedMs(t0);
    bytes += chunk.length;
  });
  await finished(stream);
  return {
    headersMs: 0,
    firstByteMs,
    firstRowMs: firstByteMs,
    totalMs: elapsedMs(t0),
    bytes,
    openingBytes: 0,
    rows: stream.rowCount,
  };
}

/**
 * Peak resident memory over a stretch of time: VmRSS polled every 50 ms, and VmHWM, the kernel's own
 * high-water mark, reset at the start (writing 5 to clear_refs) so it covers only this stretch.
 */
function rssSampler(pid: number): { stop(): number } {
  const reset = resetPeak(pid);
  let peakKb = procMemory(pid).rssKb;
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, procMemory(pid).rssKb);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      const hwm = procMemory(pid).hwmKb;
      return 1024 * Math.max(peakKb, reset ? hwm : peakKb, procMemory(pid).rssKb);
    },
  };
}

/** How many published grants a kept register holds (0 when there is no such database). */
async function publishedGrants(serverUrl: string): Promise<number> {
  const probe = new Client({ connectionString: serverUrl });
  await probe.connect();
  try {
    const found = await probe.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE]);
    if (!found.rowCount) return 0;
  } finally {
    await probe.end();
  }
  const client = new Client({ connectionString: withDatabase(serverUrl, DATABASE) });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM register_entries WHERE status = 'published'`,
    );
    return (rows[0] as { n: number }).n;
  } catch {
    return 0;
  } finally {
    await client.end();
  }
}

/** A kept register described as generate() describes a new one (it took no time this run). */
async function keptRegister(
  databaseUrl: string,
): Promise<{ grants: number; seconds: number; tableBytes: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT pg_total_relation_size('register_entries')::bigint AS bytes`);
    return { grants: GRANTS, seconds: 0, tableBytes: Number((rows[0] as { bytes: string }).bytes) };
  } finally {
    await client.end();
  }
}

/** Runs bench/generate-register.js in its own process; it prints one JSON line when done. */
function generate(databaseUrl: string): Promise<{ grants: number; seconds: number; tableBytes: number }> {
  const args = [
    resolve(__dirname, 'generate-register.js'),
    '--grants',
    String(GRANTS),
    '--database-url',
    databaseUrl,
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    child.once('error', fail);
    child.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`generate-register exited with ${code}`));
      try {
        done(JSON.parse(out.trim().split('\n').pop()!));
      } catch {
        fail(new Error(`generate-register printed no JSON:\n${out}`));
      }
    });
  });
}

/** Counts CSV records (line ends outside quotes; a doubled quote toggles twice) across chunks. */
function csvRecordCounter(): { feed(chunk: Buffer): void; records(): number } {
  let inQuotes = false;
  let records = 0;
  return {
    feed(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (c === 0x22) inQuotes = !inQuotes;
        else if (c === 0x0a && !inQuotes) records++;
      }
    },
    records: () => records,
  };
}

/** The first and last few kilobytes of a body. */
function headAndTail(): { feed(chunk: Buffer): void; head(): Buffer; tail(): Buffer } {
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  return {
    feed(chunk) {
      if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
      tail = Buffer.concat([tail, chunk]).subarray(-4096);
    },
    head: () => head,
    tail: () => tail,
  };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

async function main(): Promise<number> {
  const pg = await ensurePostgres(resolve(ROOT, '.data/bench-postgres'), log);
  const redis = await ensureRedis(log);
  const loadAtStart = loadavg();
  let stopServer: () => Promise<void> = async () => undefined;
  const client = new Client({
    connectionString: withDatabase(pg.url, DATABASE),
    application_name: 'grants-bench-register-copy',
  });
  let connected = false;
  try {
    const databaseUrl = withDatabase(pg.url, DATABASE);
    const kept = REUSE && (await publishedGrants(pg.url)) === GRANTS;
    if (!kept) {
      await dropDatabase(pg.url, DATABASE);
      await ensureDatabase(pg.url, DATABASE);
    }
    log(kept ? `reusing the ${fmt(GRANTS)} grants kept from before` : `generating ${fmt(GRANTS)} grants`);
    const generated = kept ? await keptRegister(databaseUrl) : await generate(databaseUrl);

    await client.connect();
    connected = true;
    const [facts] = (
      await client.query(
        `SELECT count(*)::bigint AS n, sum(octet_length(grant_json::text))::bigint AS json_bytes,
                sum(octet_length(csv_row))::bigint AS csv_bytes,
                                current_setting('server_version') AS version
           FROM register_entries WHERE status = 'published'`,
      )
    ).rows as { n: string; json_bytes: string; csv_bytes: string; version: string }[];
    const n = Number(facts!.n);
    if (n !== GRANTS) throw new Error(`the register holds ${n} published grants, not ${GRANTS}`);
    // As RegisterFiles writes them: the package's head (whatever the controller puts in it), the grants
    // joined by commas, `]}`; the CSV's byte-order mark and header line, then the rows as stored.
    const csvOpening = Buffer.from('\uFEFF' + csvHeader());
    const expected: Record<FileKind, { openingEnd: Buffer; bytes: (openingBytes: number) => number }> = {
      json: {
        openingEnd: Buffer.from('"grants":['),
        bytes: (opening) => opening + Number(facts!.json_bytes) + (n - 1) + PACKAGE_CLOSING.length,
      },
      csv: {
        openingEnd: Buffer.from('\r\n'),
        bytes: () => csvOpening.length + Number(facts!.csv_bytes),
      },
    };

    const server = await startServer(
      { name: 'api', script: API_SCRIPT, nodeArgs: API_NODE_ARGS, env: API_ENV },
      {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: String(POOL_SIZE),
        REDIS_URL: redis.url,
        SMTP_URL: 'smtp://127.0.0.1:1',
        PUBLIC_RATE_LIMIT_PER_MINUTE: '10000000',
      },
      log,
    );
    stopServer = server.stop;
    const pid = childPidRunning(API_SCRIPT);
    const idleRssBytes = procMemory(pid).rssKb * 1024;

    async function api(kind: FileKind, validate: boolean): Promise<Download> {
      const ends = headAndTail();
      const csv = csvRecordCounter();
      const sampler = rssSampler(pid);
      let d: Download;
      try {
        d = await httpDownload(
          server.url + FILES[kind].path,
          expected[kind].openingEnd,
          validate
            ? (chunk) => {
                ends.feed(chunk);
                if (kind === 'csv') csv.feed(chunk);
              }
            : undefined,
        );
      } catch (error) {
        sampler.stop();
        throw error;
      }
      d.peakRssBytes = sampler.stop();
      const expectedBytes = expected[kind].bytes(d.openingBytes);
      if (d.bytes !== expectedBytes) {
        throw new Error(`${FILES[kind].path}: ${d.bytes} bytes, expected ${expectedBytes}`);
      }
      if (validate && kind === 'json') {
        const head = ends.head().toString('utf8');
        const tail = ends.tail().toString('utf8');
        if (!head.startsWith('{"') || !tail.endsWith('}]}')) {
          throw new Error(`${FILES[kind].path} is not a package: ${head.slice(0, 80)} … ${tail.slice(-80)}`);
        }
        // The head is the package's own: everything before the first grant parses once the array is closed.
        JSON.parse(`${ends.head().subarray(0, d.openingBytes).toString('utf8')}${PACKAGE_CLOSING}`);
      }
      if (validate && kind === 'csv') {
        const header = Buffer.from('\uFEFF' + csvHeader());
        if (
          !ends.head().subarray(0, header.length).equals(header) ||
          !ends.tail().toString().endsWith('\r\n')
        ) {
          throw new Error(`${FILES[kind].path} does not start with its header or end with a line end`);
        }
        if (csv.records() !== n + 1) {
          throw new Error(`${FILES[kind].path} holds ${csv.records()} records, expected ${n + 1}`);
        }
      }
      return d;
    }

    async function copy(kind: FileKind): Promise<Download> {
      const d = await copyDownload(client, copySql(FILES[kind].column));
      if (d.rows !== n) throw new Error(`COPY of ${FILES[kind].column} gave ${d.rows} rows, expected ${n}`);
      return d;
    }

    // One untimed download of each, to check the files and warm both sides (caches, JIT, plans).
    for (const kind of ['json', 'csv'] as const) {
      const c = await copy(kind);
      const a = await api(kind, true);
      log(
        `${kind}: checked (${fmt(a.bytes)} bytes as expected${kind === 'csv' ? `, ${fmt(n + 1)} records` : ''}); ` +
          `warm-up COPY ${seconds(c.totalMs)} s, API ${seconds(a.totalMs)} s`,
      );
    }

    const samples: Record<FileKind, { copy: Download[]; api: Download[] }> = {
      json: { copy: [], api: [] },
      csv: { copy: [], api: [] },
    };
    for (let i = 1; i <= REPEATS; i++) {
      for (const kind of ['json', 'csv'] as const) {
        const c = await copy(kind);
        samples[kind].copy.push(c);
        const a = await api(kind, false);
        samples[kind].api.push(a);
        log(
          `run ${i}/${REPEATS} ${kind}: COPY ${seconds(c.totalMs)} s, API ${seconds(a.totalMs)} s ` +
            `(first byte ${a.firstByteMs.toFixed(0)} ms, first row ${a.firstRowMs.toFixed(0)} ms, ` +
            `peak RSS ${(a.peakRssBytes! / 1e6).toFixed(0)} MB)`,
        );
      }
    }

    const summary = (['json', 'csv'] as const).map((kind) => {
      const s = samples[kind];
      const med = (xs: Download[], k: keyof Download): number => median(xs.map((x) => x[k] as number));
      const r = med(s.api, 'totalMs') / med(s.copy, 'totalMs');
      return {
        kind,
        path: FILES[kind].path,
        bytes: s.api[0]!.bytes,
        copyBytes: s.copy[0]!.bytes,
        copy: {
          totalMs: med(s.copy, 'totalMs'),
          minMs: Math.min(...s.copy.map((x) => x.totalMs)),
          maxMs: Math.max(...s.copy.map((x) => x.totalMs)),
          firstByteMs: med(s.copy, 'firstByteMs'),
        },
        api: {
          totalMs: med(s.api, 'totalMs'),
          minMs: Math.min(...s.api.map((x) => x.totalMs)),
          maxMs: Math.max(...s.api.map((x) => x.totalMs)),
          firstByteMs: med(s.api, 'firstByteMs'),
          maxFirstByteMs: Math.max(...s.api.map((x) => x.firstByteMs)),
          firstRowMs: med(s.api, 'firstRowMs'),
          peakRssBytes: Math.max(...s.api.map((x) => x.peakRssBytes!)),
        },
        ratio: r,
        target: kind === 'csv' ? TARGETS.csvRatio : TARGETS.jsonRatio,
      };
    });
    const checks = summary.flatMap((s) => [
      { what: `${s.kind}: API time / COPY time ≤ ${s.target}`, ok: s.ratio <= s.target },
      {
        what: `${s.kind}: first byte ≤ ${TARGETS.firstByteMs} ms`,
        ok: s.api.maxFirstByteMs <= TARGETS.firstByteMs,
      },
      {
        what: `${s.kind}: peak RSS < ${TARGETS.peakRssBytes / 1e6} MB`,
        ok: s.api.peakRssBytes < TARGETS.peakRssBytes,
      },
    ]);
    const pass = checks.every((c) => c.ok);
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      platform: `${platform()} ${release()}`,
      node: process.version,
      postgres: facts!.version,
      loadAverageAtStart: loadAtStart.map((l) => Number(l.toFixed(2))),
      loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
    };
    const mb = (b: number): string => fmt(b / 1e6);
    const lines = [
      '',
      `The register's open-data files, ${fmt(n)} grants (${kept ? 'kept from an earlier run' : `generated in ${generated.seconds.toFixed(0)} s`}, ` +
        `register_entries ${mb(generated.tableBytes)} MB) — ${REPEATS} alternating runs after a checked warm-up`,
      `Node ${machine.node}, PostgreSQL ${machine.postgres}, ${machine.cpus} × ${machine.cpuModel}, ` +
        `load average ${machine.loadAverageAtStart.join(' ')} at the start, ${machine.loadAverageAtEnd.join(' ')} at the end`,
      `API process: ${mb(idleRssBytes)} MB resident before the downloads`,
      '',
      `${'file'.padEnd(16)}${'MB'.padStart(7)}${'COPY s (min–max)'.padStart(22)}${'API s (min–max)'.padStart(22)}` +
        `${'ratio'.padStart(8)}${'first byte / row ms'.padStart(22)}${'peak RSS MB (+idle)'.padStart(21)}`,
      ...summary.map(
        (s) =>
          `${(s.kind === 'json' ? '360giving.json' : 'grants.csv').padEnd(16)}${mb(s.bytes).padStart(7)}` +
          `${`${seconds(s.copy.totalMs)} (${seconds(s.copy.minMs)}–${seconds(s.copy.maxMs)})`.padStart(22)}` +
          `${`${seconds(s.api.totalMs)} (${seconds(s.api.minMs)}–${seconds(s.api.maxMs)})`.padStart(22)}` +
          `${s.ratio.toFixed(2).padStart(8)}${`${s.api.firstByteMs.toFixed(0)} / ${fmt(s.api.firstRowMs)}`.padStart(22)}` +
          `${`${mb(s.api.peakRssBytes)} (+${mb(s.api.peakRssBytes - idleRssBytes)})`.padStart(21)}`,
      ),
      '',
      `COPY's first byte: ${summary.map((s) => `${s.kind} ${fmt(s.copy.firstByteMs)} ms`).join(', ')}`,
      ...checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.what}`),
      pass ? 'PASS' : 'FAIL',
      '',
    ];
    process.stdout.write(lines.join('\n'));

    mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
    const file = resolve(
      ROOT,
      `bench/results/register-export-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    writeFileSync(
      file,
      `${JSON.stringify({ grants: n, repeats: REPEATS, poolSize: POOL_SIZE, machine, generated, idleRssBytes, samples, summary, targets: TARGETS, checks, pass }, null, 2)}\n`,
    );
    process.stdout.write(`results: ${file}\n`);
    return pass ? 0 : 1;
  } finally {
    await stopServer();
    if (connected) await client.end().catch(() => undefined);
    if (!REUSE) await dropDatabase(pg.url, DATABASE).catch(() => undefined);
    await redis.stop();
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `[bench:register-export] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
