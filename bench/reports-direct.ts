import { performance } from 'node:perf_hooks';
import { FundYearReportsService, MeasuresReportService } from '@grants/reporting';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { ReportQueries } from '../libs/reporting/src/report-queries';

/**
 * The reports' own services (libs/reporting) on a bare pg Client in this process: the same statements
 * (report-queries.ts), the same REPEATABLE READ READ ONLY snapshot, the same mapping, but no HTTP, Nest
 * or TypeORM. `statementMs` is the time of the report's statements alone, round trip and row parsing
 * included; `totalMs` adds the transaction's BEGIN, SET and COMMIT and the mapping into the response.
 */

export interface DirectTiming {
  totalMs: number;
  statementMs: number;
  statements: number;
}

export interface DirectReports {
  fundYear(id: string): Promise<DirectTiming>;
  measures(scope: { fundYearId?: string; planId?: string }): Promise<DirectTiming>;
  planPeriod(planId: string): Promise<DirectTiming>;
  /** EXPLAIN (ANALYZE, BUFFERS) of every statement a report runs, as text, in order. */
  explain(run: (r: DirectReports) => Promise<unknown>): Promise<string>;
}

type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;

function fakeDataSource(client: Client, query: Query): DataSource {
  const em = { query } as unknown as EntityManager;
  const ds = {
    async transaction<T>(isolation: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      try {
        const out = await work(em);
        await client.query('COMMIT');
        return out;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
  return ds as unknown as DataSource;
}

export function directReports(client: Client): DirectReports {
  let statementMs = 0;
  let statements = 0;
  let explaining: string[] | null = null;
  const query: Query = async (sql, params) => {
    if (explaining && !/^\s*SET\b/i.test(sql)) {
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      explaining.push(
        `${sql.trim()}\n\n${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n`,
      );
    }
    const t = performance.now();
    const res = await client.query(sql, params);
    if (!/^\s*SET\b/i.test(sql)) {
      statementMs += performance.now() - t;
      statements++;
    }
    return res.rows as unknown[];
  };
  const ds = fakeDataSource(client, query);
  const queries = new ReportQueries();
  const fundYears = new FundYearReportsService(ds, queries);
  const measures = new MeasuresReportService(ds, queries);
  const timed = async (work: () => Promise<unknown>): Promise<DirectTiming> => {
    statementMs = 0;
    statements = 0;
    const t = performance.now();
    await work();
    return { totalMs: performance.now() - t, statementMs, statements };
  };
  const api: DirectReports = {
    fundYear: (id) => timed(() => fundYears.fundYear(id)),
    measures: (scope) => timed(() => measures.report(scope)),
    planPeriod: (planId) => timed(() => fundYears.planPeriod(planId)),
    async explain(run) {
      explaining = [];
      try {
        await run(api);
        return explaining.join('\n' + '-'.repeat(100) + '\n');
      } finally {
        explaining = null;
      }
    },
  };
  return api;
}
