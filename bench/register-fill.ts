import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  buildRegisterEntry,
  RegisterEntry,
  registerRowParams,
  toGiving360Grant,
  UPSERT_ENTRY_SQL,
} from '@grants/register';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { fixtureContext, registerFixture } from '../libs/register/src/register-fixtures';

/**
 * Fills the register for the benchmarks, fast: every row is built as the publication job builds it
 * (registerFixture(i) -> buildRegisterEntry -> toGiving360Grant -> registerRowParams, the parameters of
 * UPSERT_ENTRY_SQL), then streamed to PostgreSQL with COPY FROM STDIN instead of one INSERT per row.
 *
 * COPY cannot call to_tsvector, so the row's search text (UPSERT_ENTRY_SQL's $17) travels in the
 * withdrawal_reason column, which a published entry leaves NULL, and a BEFORE INSERT trigger, present only
 * while the fill runs, turns it into `search` exactly as UPSERT_ENTRY_SQL does and clears the column.
 */

/** When tools/register-seed.ts's fillRegister says the entries were published. */
export const FILL_AT = new Date('2026-11-01T09:00:00Z');

/** register_entries' columns in UPSERT_ENTRY_SQL's order, with status after award_id. */
const ENTRY_COLUMNS = [
  'id',
  'award_id',
  'status',
  'version',
  'entry',
  'grant_json',
  'csv_row',
  'fund_key',
  'fund_year',
  'round_id',
  'area_codes',
  'objective_numbers',
  'aim_codes',
  'recipient_id',
  'recipient_name',
  'amount_awarded_pence',
  'award_date',
  'withdrawal_reason', // carries the search text to the trigger
  'first_published_at',
  'date_modified',
];

// Keep the COPY in step with the publisher: UPSERT_ENTRY_SQL's column list must be the one above, with
// search where the trigger fills it in.
const upsertColumns = /INSERT INTO register_entries \(([^)]*)\)/
  .exec(UPSERT_ENTRY_SQL)?.[1]
  ?.split(',')
  .map((c) => c.trim());
const expectedColumns = ENTRY_COLUMNS.map((c) => (c === 'withdrawal_reason' ? 'search' : c));
if (upsertColumns?.join(',') !== expectedColumns.join(',')) {
  throw new Error(
    `UPSERT_ENTRY_SQL's columns changed (${upsertColumns?.join(', ')}); update bench/register-fill.ts`,
  );
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One field of COPY's text format. */
function copyText(s: string): string {
  return /[\\\n\r\t]/.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : s;
}

function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (Array.isArray(v)) {
    // An array literal, every element quoted, then escaped as one text field.
    return copyText(`{${v.map((e) => `"${String(e).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  }
  return copyText(String(v));
}

export interface BuiltRow {
  entry: RegisterEntry;
  entryJson: string;
  grantJson: string;
  /** register_entries' COPY line. */
  line: string;
}

/** The i-th fixture grant as the publication job would store it (version 1, published at FILL_AT). */
export function buildRow(i: number): BuiltRow {
  const facts = registerFixture(i);
  const at = FILL_AT.toISOString();
  const entry: RegisterEntry = {
    ...buildRegisterEntry(facts),
    status: 'published',
    version: 1,
    firstPublishedAt: at,
    dateModified: at,
    withdrawnAt: null,
    withdrawalReason: null,
  };
  const grantJson = JSON.stringify(toGiving360Grant(entry, fixtureContext(entry.id)));
  const p = registerRowParams(facts.award.id, entry, grantJson);
  const fields = [p[0], p[1], 'published', ...p.slice(2)];
  return {
    entry,
    entryJson: p[3] as string,
    grantJson,
    line: `${fields.map(copyField).join('\t')}\n`,
  };
}

/** Lines for rows from..to-1, 500 to a chunk, built only as fast as COPY takes them. */
function rowSource(
  from: number,
  to: number,
  line: (i: number) => string,
  onProgress?: (done: number) => void,
): Readable {
  let i = from;
  return new Readable({
    highWaterMark: 4,
    objectMode: true,
    read() {
      if (i >= to) {
        this.push(null);
        return;
      }
      const end = Math.min(to, i + 500);
      let chunk = '';
      for (; i < end; i++) chunk += line(i);
      onProgress?.(i - from);
      this.push(chunk);
    },
  });
}

async function copyIn(client: Client, sql: string, source: Readable): Promise<void> {
  await pipeline(source, client.query(copyFrom(sql)));
}

export interface FillPlan {
  indexDefs: { indexname: string; indexdef: string }[];
}

const CREATE_TRIGGER_SQL = `
  CREATE FUNCTION bench_fill_search() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.search := to_tsvector('english', NEW.withdrawal_reason);
    NEW.withdrawal_reason := NULL;
    RETURN NEW;
  END $$;
  CREATE TRIGGER bench_fill_search BEFORE INSERT ON register_entries
    FOR EACH ROW EXECUTE FUNCTION bench_fill_search()`;
const DROP_TRIGGER_SQL = `
  DROP TRIGGER IF EXISTS bench_fill_search ON register_entries;
  DROP FUNCTION IF EXISTS bench_fill_search()`;

/**
 * Before any COPY: the search trigger, and with `rebuildIndexes` register_entries' plain indexes dropped
 * (their definitions kept, from pg_indexes, to build them again after the rows rather than row by row).
 * The primary key and the award's unique constraint stay.
 */
export async function prepareFill(client: Client, rebuildIndexes: boolean): Promise<FillPlan> {
  await client.query(DROP_TRIGGER_SQL);
  await client.query(CREATE_TRIGGER_SQL);
  const indexDefs = rebuildIndexes
    ? (
        await client.query(
          `SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = 'register_entries'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            ORDER BY i.indexname`,
        )
      ).rows
    : [];
  for (const { indexname } of indexDefs) await client.query(`DROP INDEX "${indexname}"`);
  return { indexDefs };
}

/** After the COPYs, whether they worked or not: the indexes built again, the trigger dropped. */
export async function finishFill(client: Client, plan: FillPlan, log: (m: string) => void): Promise<void> {
  try {
    if (plan.indexDefs.length > 0) {
      await client.query(`SET maintenance_work_mem = '256MB'`);
      for (const { indexname, indexdef } of plan.indexDefs) {
        const t0 = Date.now();
        await client.query(indexdef);
        log(`  index ${indexname}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
      await client.query(`RESET maintenance_work_mem`);
    }
  } finally {
    await client.query(DROP_TRIGGER_SQL);
  }
}

export interface CopyOptions {
  /** Also one register_entry_versions row per entry, as fillRegister writes (the entry route's history). */
  versions?: boolean;
  /**
   * TRUNCATE the register first (CASCADE: with the tables that refer to it, register_entry_versions and
   * any other), in the COPY's transaction, and COPY ... FREEZE: the rows are written frozen and
   * all-visible, so the first reader does not rewrite every page to set hint bits.
   */
  truncate?: boolean;
  log?: (m: string) => void;
}

/** Rows from..to-1 in one transaction on this connection (prepareFill must have run). */
export async function copyEntries(
  client: Client,
  from: number,
  to: number,
  options: CopyOptions = {},
): Promise<void> {
  const log = options.log ?? (() => undefined);
  let lastLog = Date.now();
  const progress = (done: number): void => {
    if (Date.now() - lastLog < 15_000) return;
    lastLog = Date.now();
    log(`  ${done.toLocaleString('en-GB')} of ${(to - from).toLocaleString('en-GB')} rows`);
  };
  await client.query('BEGIN');
  try {
    if (options.truncate) await client.query('TRUNCATE register_entries CASCADE');
    await copyIn(
      client,
      `COPY register_entries (${ENTRY_COLUMNS.join(', ')}) FROM STDIN${options.truncate ? ' WITH (FREEZE)' : ''}`,
      rowSource(from, to, (i) => buildRow(i).line, progress),
    );
    if (options.versions) {
      const at = FILL_AT.toISOString();
      await copyIn(
        client,
        `COPY register_entry_versions (entry_id, version, change, entry, grant_json, reason, recorded_at) FROM STDIN`,
        rowSource(from, to, (i) => {
          const r = buildRow(i);
          return `${[r.entry.id, 1, 'published', r.entryJson, r.grantJson, null, at].map(copyField).join('\t')}\n`;
        }),
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Moves the register's revision (as every write to it does) and refreshes the planner's statistics. */
export async function analyseRegister(client: Client): Promise<void> {
  await client.query(`UPDATE register_state SET revision = revision + 1`);
  await client.query('ANALYZE register_entries');
  await client.query('ANALYZE register_entry_versions');
}

/** The whole fill on one connection: fixture rows from..from+count-1, for the API benchmark's register. */
export async function fillRegisterFast(
  client: Client,
  options: { from?: number; count: number; versions?: boolean; log?: (m: string) => void },
): Promise<void> {
  const from = options.from ?? 0;
  const plan = await prepareFill(client, false);
  try {
    await copyEntries(client, from, from + options.count, options);
  } finally {
    await finishFill(client, plan, options.log ?? (() => undefined));
  }
  await analyseRegister(client);
}
