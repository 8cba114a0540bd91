import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { issueToken } from '@grants/accounts';
import { COUNTED_AWARD_STATUSES } from '@grants/reporting';
import { Client } from 'pg';
import {
  dropDatabase,
  ensureDatabase,
  ensurePostgres,
  ensureRedis,
  withDatabase,
} from '../tools/local-infra';
import { GeneratedFund, generateFund } from './generate-fund';
import { directReports, DirectTiming } from './reports-direct';
import { childPidRunning, procMemory, resetPeak, RssSampler } from './reports-memory';
import { API_ENV, API_NODE_ARGS, startServer } from './server-process';
import { median } from './stats';

/**
 * `npm run bench:reports`: the officers' reports over a large fund. A fresh database holds 100,000 awards
 * and 300,000 monitoring reports (bench/generate-fund.ts); the API runs alone in its own process
 * (bench/server-process.ts) and each report is asked for N times in a row, as an officer would, after a
 * warm-up. Reported per report: median and max time, the size of the answer and the API's peak resident
 * memory while it ran; and for context the same statements run directly through pg in this process (the
 * services of libs/reporting on a bare pg Client). The run fails if any answer is not 200 with the
 * figures the database holds, or if the API's peak RSS while they run (VmHWM, reset after boot) reaches
 * the target: the reports add up in PostgreSQL, so the process's memory must not grow with the fund.
 */

const ROOT = resolve(__dirname, '../..');
const DATABASE = process.env.BENCH_REPORTS_DATABASE || 'grants_bench_reports';
const TARGET_RSS_MB = Number(process.env.BENCH_REPORT_RSS_TARGET_MB || 150);
const POOL_SIZE = 10;
const LOG_LEVEL = 'warn';
const API_SCRIPT = resolve(__dirname, '../apps/api/src/main.js');

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number (got "${raw}")`);
  return n;
}

const REQUESTS = Math.max(1, envInt('BENCH_REPORT_REQUESTS', 5));
const WARMUP = envInt('BENCH_REPORT_WARMUP', 2);
const AWARDS = envInt('BENCH_REPORT_AWARDS', 100_000);
const MONITORING_REPORTS = envInt('BENCH_REPORT_MONITORING', 300_000);
/** Reuse grants_bench_reports if it already holds a generated fund (for working on the bench itself). */
const REUSE = process.env.BENCH_REPORTS_REUSE === '1';
/** Keep the database afterwards (to EXPLAIN by hand); the next run with BENCH_REPORTS_REUSE=1 takes it. */
const KEEP = process.env.BENCH_REPORTS_KEEP === '1' || REUSE;
/** Write EXPLAIN (ANALYZE, BUFFERS) of every report's statements next to the results. */
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';

const log = (m: string): void => void process.stderr.write(`[bench:reports] ${m}\n`);
const mb = (kb: number): number => kb / 1024;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

/** The figures the answers must show, worked out by one SQL query each, independently of the reports. */
interface Expected {
  fundYearId: string;
  fundYearLabel: string;
  planId: string;
  counted: number;
  netCommittedPence: number;
  rounds: number;
  measures: number;
  grantsInYear: number;
  grantsInPlan: number;
  /** Case studies in scope counted once per measure of their objective, as the rows' caseStudyCount add up. */
  caseStudiesInYear: number;
  caseStudiesInPlan: number;
  planYears: number;
  countedInPlan: number;
}

async function expectations(client: Client): Promise<Expected> {
  const statuses = [...COUNTED_AWARD_STATUSES];
  // The busiest year with both completed and running awards: the main fund's third year.
  const {
    rows: [year],
  } = await client.query(
    `SELECT y.id, y.label, (y.committed_pence - y.released_pence)::bigint AS net
       FROM fund_years y JOIN funds f ON f.id = y.fund_id
      WHERE f.key = 'community-safety-fund' ORDER BY y.starts_on OFFSET 2 LIMIT 1`,
  );
  if (!year) throw new Error('the generated fund has no third Community Safety Fund year');
  const {
    rows: [plan],
  } = await client.query(`SELECT id FROM plans WHERE key = 'forward-together'`);
  const one = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await client.query(sql, params)).rows[0].n);
  return {
    fundYearId: year.id,
    fundYearLabel: year.label,
    planId: plan.id,
    netCommittedPence: Number(year.net),
    counted: await one(
      `SELECT count(*) AS n FROM awards WHERE fund_year_id = $1 AND status = ANY($2::text[])`,
      [year.id, statuses],
    ),
    rounds: await one(
      `SELECT count(DISTINCT round_id) AS n FROM awards WHERE fund_year_id = $1 AND status = ANY($2::text[])`,
      [year.id, statuses],
    ),
    measures: await one(
      `SELECT count(*) AS n FROM success_measures sm JOIN objectives o ON o.id = sm.objective_id
         JOIN plan_versions pv ON pv.id = o.plan_version_id WHERE pv.plan_id = $1 AND pv.status = 'published'`,
      [plan.id],
    ),
    grantsInYear: await one(
      `SELECT count(*) AS n FROM awards a JOIN application_measures am ON am.application_id = a.application_id
        WHERE a.fund_year_id = $1 AND a.status = ANY($2::text[])`,
      [year.id, statuses],
    ),
    grantsInPlan: await one(
      `SELECT count(*) AS n FROM awards a JOIN applications ap ON ap.id = a.application_id
         JOIN plan_versions pv ON pv.id = ap.plan_version_id
         JOIN application_measures am ON am.application_id = a.application_id
        WHERE pv.plan_id = $1 AND a.status = ANY($2::text[])`,
      [plan.id, statuses],
    ),
    caseStudiesInYear: await one(caseStudiesPerMeasure('a.fund_year_id = $1'), [year.id, statuses]),
    caseStudiesInPlan: await one(caseStudiesPerMeasure('pv.plan_id = $1'), [plan.id, statuses]),
    planYears: await one(
      `SELECT count(*) AS n FROM fund_years y, plans p
        WHERE p.id = $1 AND y.starts_on BETWEEN p.period_start AND p.period_end`,
      [plan.id],
    ),
    countedInPlan: await one(
      `SELECT count(*) AS n FROM awards a JOIN fund_years y ON y.id = a.fund_year_id, plans p
        WHERE p.id = $1 AND y.starts_on BETWEEN p.period_start AND p.period_end AND a.status = ANY($2::text[])`,
      [plan.id, statuses],
    ),
  };
}

/**
 * Case studies of accepted reports of counted awards in scope, per objective the award serves, each counted
 * under every measure of that objective (of the plan's published versions).
 */
function caseStudiesPerMeasure(scope: string): string {
  return `
    WITH pairs AS (
      SELECT ao.objective_id, count(*) AS n
        FROM awards a
        JOIN applications ap ON ap.id = a.application_id
        JOIN plan_versions pv ON pv.id = ap.plan_version_id
        JOIN application_objectives ao ON ao.application_id = a.application_id
        JOIN monitoring_reports r ON r.award_id = a.id AND r.status = 'accepted'
        JOIN monitoring_case_studies c ON c.report_id = r.id
       WHERE ${scope} AND a.status = ANY($2::text[])
       GROUP BY ao.objective_id
    )
    SELECT coalesce(sum(p.n), 0) AS n FROM success_measures sm JOIN pairs p ON p.objective_id = sm.objective_id`;
}

/** RFC 4180, enough for the reports' own CSV: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) throw new Error('the CSV does not end with CRLF');
  return rows;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

interface Figures {
  awards: number;
  committedPence: number;
}
interface FundYearBody {
  totals: Figures;
  position: { netCommittedPence: number };
  byArea: Figures[];
  byLegalForm: Figures[];
  byPartnership: Figures[];
  byRound: Figures[];
}
interface MeasuresBody {
  measures: {
    grants: number;
    reportedTotal: number;
    grantsReporting: number;
    caseStudies: unknown[];
    caseStudyCount: number;
  }[];
}
interface PlanPeriodBody {
  fundYears: { totals: Figures }[];
  byArea: { years: unknown[]; total: Figures }[];
}

type Check = (body: string) => string[];

interface ReportCase {
  name: string;
  path: string;
  direct: 'fundYear' | 'measuresYear' | 'measuresPlan' | 'planPeriod';
  csv: boolean;
  check: Check;
}

function expect(problems: string[], what: string, got: unknown, want: unknown): void {
  if (got !== want) problems.push(`${what}: ${String(got)}, expected ${String(want)}`);
}

function cases(e: Expected): ReportCase[] {
  const csvTotals = (rows: string[][], awardsColumn: number): number[] =>
    rows.filter((r) => r[0] === 'total').map((r) => Number(r[awardsColumn]));
  return [
    {
      name: `fund year ${e.fundYearLabel}`,
      path: `/api/v1/reports/fund-years/${e.fundYearId}`,
      direct: 'fundYear',
      csv: false,
      check: (text) => {
        const b = JSON.parse(text) as FundYearBody;
        const p: string[] = [];
        expect(p, 'totals.awards', b.totals.awards, e.counted);
        expect(p, 'totals.committedPence', b.totals.committedPence, e.netCommittedPence);
        expect(p, 'position.netCommittedPence', b.position.netCommittedPence, e.netCommittedPence);
        expect(p, 'byArea awards', sum(b.byArea.map((r) => r.awards)), e.counted);
        expect(p, 'byPartnership awards', sum(b.byPartnership.map((r) => r.awards)), e.counted);
        expect(p, 'byLegalForm awards', sum(b.byLegalForm.map((r) => r.awards)), e.counted);
        expect(p, 'byRound rows', b.byRound.length, e.rounds);
        return p;
      },
    },
    {
      name: `fund year ${e.fundYearLabel} CSV`,
      path: `/api/v1/reports/fund-years/${e.fundYearId}?format=csv`,
      direct: 'fundYear',
      csv: true,
      check: (text) => {
        const rows = parseCsv(text);
        const p: string[] = [];
        expect(p, 'header', rows[0]?.slice(0, 4).join(','), 'breakdown,key,label,awards');
        expect(p, 'total row awards', csvTotals(rows, 3).join(','), String(e.counted));
        const area = rows.filter((r) => r[0] === 'area').map((r) => Number(r[3]));
        expect(p, 'area rows awards', sum(area), e.counted);
        return p;
      },
    },
    {
      name: 'plan period',
      path: `/api/v1/reports/plan-period?planId=${e.planId}`,
      direct: 'planPeriod',
      csv: false,
      check: (text) => {
        const b = JSON.parse(text) as PlanPeriodBody;
        const p: string[] = [];
        expect(p, 'fund years', b.fundYears.length, e.planYears);
        expect(
          p,
          'totals.awards over the years',
          sum(b.fundYears.map((y) => y.totals.awards)),
          e.countedInPlan,
        );
        expect(p, 'byArea totals', sum(b.byArea.map((r) => r.total.awards)), e.countedInPlan);
        if (b.byArea.some((r) => r.years.length !== e.planYears)) p.push('a byArea row lacks a year');
        return p;
      },
    },
    {
      name: 'plan period CSV',
      path: `/api/v1/reports/plan-period?planId=${e.planId}&format=csv`,
      direct: 'planPeriod',
      csv: true,
      check: (text) => {
        const rows = parseCsv(text);
        const p: string[] = [];
        const totals = csvTotals(rows, 6);
        expect(p, 'total rows', totals.length, e.planYears);
        expect(p, 'total rows awards', sum(totals), e.countedInPlan);
        return p;
      },
    },
    {
      name: `measures, fund year ${e.fundYearLabel}`,
      path: `/api/v1/reports/measures?fundYearId=${e.fundYearId}`,
      direct: 'measuresYear',
      csv: false,
      check: (text) =>
        measuresCheck(JSON.parse(text) as MeasuresBody, e.measures, e.grantsInYear, e.caseStudiesInYear),
    },
    {
      name: 'measures, plan',
      path: `/api/v1/reports/measures?planId=${e.planId}`,
      direct: 'measuresPlan',
      csv: false,
      check: (text) =>
        measuresCheck(JSON.parse(text) as MeasuresBody, e.measures, e.grantsInPlan, e.caseStudiesInPlan),
    },
    {
      name: 'measures, plan CSV',
      path: `/api/v1/reports/measures?planId=${e.planId}&format=csv`,
      direct: 'measuresPlan',
      csv: true,
      check: (text) => {
        const rows = parseCsv(text);
        const p: string[] = [];
        expect(p, 'header', rows[0]?.[7], 'grants');
        expect(p, 'measure rows', rows.length - 1, e.measures);
        expect(p, 'grants', sum(rows.slice(1).map((r) => Number(r[7]))), e.grantsInPlan);
        expect(p, 'case_studies', sum(rows.slice(1).map((r) => Number(r[11]))), e.caseStudiesInPlan);
        return p;
      },
    },
  ];
}

function measuresCheck(b: MeasuresBody, measures: number, grants: number, caseStudies: number): string[] {
  const p: string[] = [];
  expect(p, 'measures', b.measures.length, measures);
  expect(p, 'grants over the measures', sum(b.measures.map((m) => m.grants)), grants);
  expect(p, 'caseStudyCount over the measures', sum(b.measures.map((m) => m.caseStudyCount)), caseStudies);
  if (b.measures.some((m) => m.caseStudies.length > m.caseStudyCount))
    p.push('a measure lists more case studies than it counts');
  if (!b.measures.some((m) => m.reportedTotal > 0 && m.grantsReporting > 0))
    p.push('no measure has an accepted figure');
  return p;
}

interface ReportResult {
  name: string;
  path: string;
  bytes: number;
  caseStudies: number | null;
  timesMs: number[];
  medianMs: number;
  maxMs: number;
  /** The API's RSS when the report's warm-up began, and the highest seen during its warm-up and requests. */
  rssBeforeMb: number;
  peakRssMb: number;
  direct: DirectTiming[];
  directMedianMs: number;
  statementMedianMs: number;
  problems: string[];
}

async function main(): Promise<number> {
  const loadAtStart = load();
  const pg = await ensurePostgres(resolve(ROOT, '.data/bench-postgres'), log);
  const redis = await ensureRedis(log);
  const url = withDatabase(pg.url, DATABASE);
  let stopServer: () => Promise<void> = async () => undefined;
  let client: Client | undefined;
  try {
    let generated: GeneratedFund | null = null;
    if (REUSE && (await holdsAwards(pg.url))) {
      log(`reusing ${DATABASE} (BENCH_REPORTS_REUSE=1)`);
    } else {
      await dropDatabase(pg.url, DATABASE);
      await ensureDatabase(pg.url, DATABASE);
      log(
        `generating ${AWARDS.toLocaleString('en-GB')} awards and ${MONITORING_REPORTS.toLocaleString('en-GB')} ` +
          `monitoring reports (load average ${load()})`,
      );
      generated = await generateFund(url, {
        awards: AWARDS,
        reports: MONITORING_REPORTS,
        log: (m) => log(`  ${m}`),
      });
    }
    client = new Client({ connectionString: url, application_name: 'grants-bench-reports' });
    await client.connect();
    const expected = await expectations(client);
    const [{ server_version: postgres }] = (await client.query('SHOW server_version')).rows;
    const token = await officerToken(client);

    // With the flags `npm run start:api` and the image use (a bounded heap).
    const server = await startServer(
      { name: 'api', script: API_SCRIPT, nodeArgs: API_NODE_ARGS, env: API_ENV },
      {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL,
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: String(POOL_SIZE),
        REDIS_URL: redis.url,
        // Nothing is sent on a read; the API only needs a well-formed SMTP URL to boot.
        SMTP_URL: 'smtp://127.0.0.1:1',
      },
      log,
    );
    stopServer = server.stop;
    const pid = childPidRunning(API_SCRIPT);
    const idle = procMemory(pid);
    // The boot's own peak is the password hasher's (one argon2 hash at boot, 19 MiB, freed at once; every
    // sign-in costs the same for a moment). It is reported, and the target is held to what follows.
    const peakReset = resetPeak(pid);
    const sampler = new RssSampler(pid, 50);
    sampler.start();
    const loadAtApi = load();
    log(`API pid ${pid}, ${mb(idle.rssKb).toFixed(0)} MB resident after boot; load average ${loadAtApi}`);

    const get = async (path: string): Promise<{ status: number; text: string; type: string; ms: number }> => {
      const t = performance.now();
      const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      return {
        status: res.status,
        text,
        type: res.headers.get('content-type') ?? '',
        ms: performance.now() - t,
      };
    };

    // One report after another, each warmed up just before it is measured; the reports that carry the
    // most in the process (the measures, with their case studies) go last, so the peak each report shows
    // is its own and not what an earlier one left behind.
    const list = cases(expected);
    const results: ReportResult[] = [];
    for (const c of list) {
      const rssBeforeMb = mb(procMemory(pid).rssKb);
      sampler.mark(c.name);
      for (let i = 0; i < WARMUP; i++) {
        const r = await get(c.path);
        if (r.status !== 200)
          throw new Error(`warm-up: GET ${c.path} answered ${r.status}: ${r.text.slice(0, 500)}`);
      }
      const timesMs: number[] = [];
      const problems = new Set<string>();
      let bytes = 0;
      let caseStudies: number | null = null;
      for (let i = 0; i < REQUESTS; i++) {
        const r = await get(c.path);
        timesMs.push(r.ms);
        bytes = Buffer.byteLength(r.text);
        if (r.status !== 200) {
          problems.add(`answered ${r.status}: ${r.text.slice(0, 300)}`);
          continue;
        }
        const wantType = c.csv ? 'text/csv' : 'application/json';
        if (!r.type.startsWith(wantType)) problems.add(`content-type ${r.type}, expected ${wantType}`);
        try {
          for (const p of c.check(r.text)) problems.add(p);
          if (c.direct.startsWith('measures') && !c.csv) {
            caseStudies = sum((JSON.parse(r.text) as MeasuresBody).measures.map((m) => m.caseStudies.length));
          }
        } catch (error) {
          problems.add(`unreadable answer: ${String(error)}`);
        }
      }
      sampler.mark('between');
      results.push({
        name: c.name,
        path: c.path,
        bytes,
        caseStudies,
        timesMs,
        medianMs: median(timesMs),
        maxMs: Math.max(...timesMs),
        rssBeforeMb,
        peakRssMb: mb(sampler.peakOf(c.name)),
        direct: [],
        directMedianMs: 0,
        statementMedianMs: 0,
        problems: [...problems],
      });
      log(
        `${c.name}: median ${median(timesMs).toFixed(0)} ms, max ${Math.max(...timesMs).toFixed(0)} ms, ` +
          `${(bytes / 1024).toFixed(0)} kB, peak RSS ${mb(sampler.peakOf(c.name)).toFixed(0)} MB` +
          (problems.size ? `; PROBLEMS: ${[...problems].join('; ')}` : ''),
      );
    }
    sampler.mark('after');
    await new Promise((r) => setTimeout(r, 500));
    sampler.stop();
    const end = procMemory(pid);
    await server.stop();
    stopServer = async () => undefined;
    const hwmMb = mb(end.hwmKb);
    const polledPeakMb = mb(sampler.peakKb);

    // The same statements through pg in this process, with the API stopped.
    const direct = directReports(client);
    const runDirect = (kind: ReportCase['direct']): Promise<DirectTiming> =>
      kind === 'fundYear'
        ? direct.fundYear(expected.fundYearId)
        : kind === 'measuresYear'
          ? direct.measures({ fundYearId: expected.fundYearId })
          : kind === 'measuresPlan'
            ? direct.measures({ planId: expected.planId })
            : direct.planPeriod(expected.planId);
    const kinds = [...new Set(list.map((c) => c.direct))];
    const directTimes = new Map<ReportCase['direct'], DirectTiming[]>();
    for (const kind of kinds) {
      await runDirect(kind); // warm-up
      const times: DirectTiming[] = [];
      for (let i = 0; i < REQUESTS; i++) times.push(await runDirect(kind));
      directTimes.set(kind, times);
    }
    for (const [i, r] of results.entries()) {
      const times = directTimes.get(list[i]!.direct)!;
      r.direct = times;
      r.directMedianMs = median(times.map((t) => t.totalMs));
      r.statementMedianMs = median(times.map((t) => t.statementMs));
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
    let explainFile: string | null = null;
    if (EXPLAIN) {
      const text: string[] = [];
      for (const kind of kinds) {
        text.push(`=== ${kind}\n\n${await direct.explain(() => runDirect(kind))}`);
      }
      explainFile = resolve(ROOT, `bench/results/reports-explain-${stamp}.txt`);
      writeFileSync(explainFile, text.join('\n\n'));
    }
    const loadAtEnd = load();

    const failures = results.filter((r) => r.problems.length > 0);
    const pass = failures.length === 0 && hwmMb < TARGET_RSS_MB;
    const pad = (s: string, n: number): string => s.padStart(n);
    const lines = [
      '',
      `Officers' reports — ${AWARDS.toLocaleString('en-GB')} awards, ${MONITORING_REPORTS.toLocaleString('en-GB')} monitoring reports; ` +
        `${REQUESTS} sequential requests per report after ${WARMUP} warm-up each; pool of ${POOL_SIZE}, LOG_LEVEL=${LOG_LEVEL}, ` +
        `${Object.entries(API_ENV)
          .map(([k, v]) => `${k}=${v} `)
          .join('')}node ${[...API_NODE_ARGS, process.env.BENCH_NODE_ARGS ?? ''].join(' ').trim()}`,
      `Node ${process.version}, PostgreSQL ${postgres}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; ` +
        `load average ${loadAtStart} (start), ${loadAtApi} (API), ${loadAtEnd} (end)`,
      ...(generated ? [`fund generated in ${generated.seconds.toFixed(0)} s`] : []),
      '',
      `${'report'.padEnd(32)}${pad('size', 10)}${pad('median ms', 11)}${pad('max ms', 9)}${pad('pg ms', 9)}` +
        `${pad('SQL ms', 9)}${pad('RSS MB', 9)}${pad('peak MB', 9)}`,
      ...results.map(
        (r) =>
          `${r.name.padEnd(32)}${pad(`${(r.bytes / 1024).toFixed(0)} kB`, 10)}${pad(r.medianMs.toFixed(0), 11)}` +
          `${pad(r.maxMs.toFixed(0), 9)}${pad(r.directMedianMs.toFixed(0), 9)}${pad(r.statementMedianMs.toFixed(0), 9)}` +
          `${pad(r.rssBeforeMb.toFixed(0), 9)}${pad(r.peakRssMb.toFixed(0), 9)}`,
      ),
      '',
      `pg ms: the report's service on a bare pg Client in the bench process (transaction, statements, mapping; ` +
        `median of ${REQUESTS}); SQL ms: its statements alone. RSS MB: the API's when the report began; ` +
        `peak MB: the highest during its warm-up and requests.`,
      `API resident memory: ${mb(idle.rssKb).toFixed(0)} MB after boot, ${polledPeakMb.toFixed(0)} MB peak polled every ` +
        `50 ms (${sampler.samples} samples), VmHWM ${hwmMb.toFixed(0)} MB (${(hwmMb - mb(idle.rssKb)).toFixed(0)} MB ` +
        `over boot; ${peakReset ? 'since the reports began' : 'since boot: clear_refs not allowed'}); ` +
        `VmHWM of the boot ${mb(idle.hwmKb).toFixed(0)} MB; target < ${TARGET_RSS_MB} MB`,
      ...failures.map((r) => `FAIL ${r.name}: ${r.problems.join('; ')}`),
      pass ? 'PASS' : hwmMb >= TARGET_RSS_MB ? 'FAIL: peak RSS at or above the target' : 'FAIL',
      '',
    ];
    process.stdout.write(lines.join('\n'));
    const file = resolve(ROOT, `bench/results/reports-${stamp}.json`);
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          awards: AWARDS,
          monitoringReports: MONITORING_REPORTS,
          requests: REQUESTS,
          warmup: WARMUP,
          poolSize: POOL_SIZE,
          apiNodeArgs: [...API_NODE_ARGS, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)],
          apiEnv: API_ENV,
          machine: {
            cpus: cpus().length,
            cpuModel: cpus()[0]?.model ?? 'unknown',
            node: process.version,
            postgres,
            loadAverage: { start: loadAtStart, api: loadAtApi, end: loadAtEnd },
          },
          generated,
          expected,
          memory: {
            idleMb: mb(idle.rssKb),
            polledPeakMb,
            vmHwmMb: hwmMb,
            vmHwmSinceReportsBegan: peakReset,
            bootVmHwmMb: mb(idle.hwmKb),
            samples: sampler.samples,
            targetMb: TARGET_RSS_MB,
          },
          results,
          explainFile,
          pass,
        },
        null,
        2,
      )}\n`,
    );
    process.stdout.write(`results: ${file}\n${explainFile ? `plans: ${explainFile}\n` : ''}`);
    return pass ? 0 : 1;
  } finally {
    await stopServer();
    await client?.end().catch(() => undefined);
    if (!KEEP) await dropDatabase(pg.url, DATABASE).catch(() => undefined);
    await redis.stop();
    await pg.stop();
  }
}

async function holdsAwards(serverUrl: string): Promise<boolean> {
  const probe = new Client({ connectionString: serverUrl });
  await probe.connect();
  try {
    const exists = await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!exists.rowCount) return false;
  } finally {
    await probe.end();
  }
  const c = new Client({ connectionString: withDatabase(serverUrl, DATABASE) });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT to_regclass('awards') IS NOT NULL AS t`);
    if (!rows[0].t) return false;
    return (await c.query(`SELECT 1 FROM awards LIMIT 1`)).rowCount === 1;
  } finally {
    await c.end();
  }
}

/**
 * An officer and a live session written straight into the tables, as the accounts lib writes them: the
 * client holds the token, the database only its SHA-256 (libs/accounts/src/opaque-token.ts).
 */
async function officerToken(client: Client): Promise<string> {
  const {
    rows: [user],
  } = await client.query(
    `INSERT INTO users (email, display_name, roles, email_verified_at)
     VALUES ('reports-officer@bench.example', 'Reports officer', ARRAY['officer'], now())
     ON CONFLICT (email) DO UPDATE SET disabled_at = NULL RETURNING id`,
  );
  const { token, hash } = issueToken();
  await client.query(
    `INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
    [user.id, hash],
  );
  return token;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `[bench:reports] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
