import { Injectable } from '@nestjs/common';
import { DomainError, isCalendarDate } from '@grants/common';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
import { prepared } from '@grants/database';
import { DataSource } from 'typeorm';

export interface RegisterFilters {
  fundYear?: string;
  area?: string;
  objective?: number;
  aim?: string;
  round?: string;
  recipient?: string;
  minAmountPence?: number;
  maxAmountPence?: number;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** Raw JSON texts, as stored: the API joins them into a body without parsing them. */
export interface RegisterPage {
  items: string[];
  nextCursor: string | null;
}

export const REGISTER_PAGE_SIZE = 50;

export interface PublicOutcomes {
  fundYear: string | null;
  objectives: {
    number: number;
    title: string;
    grants: number;
    amountAwardedPence: number;
    measures: {
      code: string;
      description: string;
      unit: string;
      grantsReporting: number;
      reportedTotal: number;
    }[];
    /** The newest OUTCOME_CASE_STUDIES of them; caseStudiesTotal counts them all. */
    caseStudies: { id: string; grantId: string; grantTitle: string; story: string }[];
    caseStudiesTotal: number;
  }[];
}

/** Stories shown per objective: the newest, so the answer stays small however many are published. */
export const OUTCOME_CASE_STUDIES = 20;

export function encodeRegisterCursor(awardDate: string, id: string): string {
  return Buffer.from(JSON.stringify([awardDate, id])).toString('base64url');
}

export function decodeRegisterCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      isCalendarDate(value[0]) &&
      typeof value[1] === 'string' &&
      value[1].startsWith('360G-')
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the field error
  }
  throw DomainError.invalid([{ field: 'cursor', message: 'cursor is not one this register gave out' }]);
}

/** The WHERE clause and parameters for the public filters; every value is bound, never spliced. */
export function registerWhere(f: RegisterFilters): { sql: string; params: unknown[] } {
  const clauses = [`status = 'published'`];
  const params: unknown[] = [];
  const bind = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.fundYear !== undefined) clauses.push(`fund_year = ${bind(f.fundYear)}`);
  if (f.area !== undefined) clauses.push(`area_codes @> ARRAY[${bind(f.area)}::text]`);
  if (f.objective !== undefined) clauses.push(`objective_numbers @> ARRAY[${bind(f.objective)}::int]`);
  if (f.aim !== undefined) clauses.push(`aim_codes @> ARRAY[${bind(f.aim)}::text]`);
  if (f.round !== undefined) clauses.push(`round_id = ${bind(f.round)}::uuid`);
  if (f.recipient !== undefined) clauses.push(`recipient_id = ${bind(f.recipient)}`);
  if (f.minAmountPence !== undefined) clauses.push(`amount_awarded_pence >= ${bind(f.minAmountPence)}`);
  if (f.maxAmountPence !== undefined) clauses.push(`amount_awarded_pence <= ${bind(f.maxAmountPence)}`);
  if (f.q !== undefined && f.q.trim() !== '') {
    clauses.push(`search @@ websearch_to_tsquery('english', ${bind(f.q.trim())})`);
  }
  if (f.cursor) {
    const [date, id] = decodeRegisterCursor(f.cursor);
    clauses.push(`(award_date, id) < (${bind(date)}::date, ${bind(id)})`);
  }
  return { sql: clauses.join(' AND '), params };
}

/** The public's reads of the register. Everything here reads the register tables only. */
@Injectable()
export class RegisterQueries {
  constructor(private readonly dataSource: DataSource) {}

  async page(filters: RegisterFilters): Promise<RegisterPage> {
    if (
      filters.minAmountPence !== undefined &&
      filters.maxAmountPence !== undefined &&
      filters.minAmountPence > filters.maxAmountPence
    ) {
      throw DomainError.invalid([
        { field: 'minAmountPence', message: 'minAmountPence must not exceed maxAmountPence' },
      ]);
    }
    // Spliced into the SQL below, so made a whole number in range whatever the caller passed.
    const limit = Math.min(
      Math.max(Math.trunc(Number(filters.limit ?? REGISTER_PAGE_SIZE)) || REGISTER_PAGE_SIZE, 1),
      100,
    );
    const where = registerWhere(filters);
    // The output column is named award_day: named award_date it would shadow the column, and ORDER BY
    // would sort the text of every matching row instead of walking the index.
    const rows: { entry: string; award_day: string; id: string }[] = await this.dataSource.query(
      `SELECT entry::text AS entry, award_date::text AS award_day, id FROM register_entries
        WHERE ${where.sql} ORDER BY award_date DESC, id DESC LIMIT ${limit + 1}`,
      where.params,
    );
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const last = shown[shown.length - 1];
    return {
      items: shown.map((r) => r.entry),
      nextCursor: more && last ? encodeRegisterCursor(last.award_day, last.id) : null,
    };
  }

  /** The entry (or tombstone) and its public history; null when there is no such identifier. */
  async entry(id: string): Promise<{ entry: string; history: string } | null> {
    const [row] = await this.dataSource.query(
      prepared(
        'register.entry',
        `SELECT e.entry::text AS entry,
                (SELECT json_agg(json_build_object('version', v.version, 'change', v.change, 'reason', v.reason,
                          'recordedAt', to_char(v.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                          ORDER BY v.version)::text
                   FROM register_entry_versions v WHERE v.entry_id = e.id) AS history
           FROM register_entries e WHERE e.id = $1`,
      ),
      [id],
    );
    return row ? { entry: row.entry, history: row.history ?? '[]' } : null;
  }

  async decisions(limit: number, cursor?: string): Promise<{ items: object[]; nextCursor: string | null }> {
    const params: unknown[] = [limit + 1];
    let after = '';
    if (cursor) {
      const [at, id] = decodeDecisionCursor(cursor);
      params.push(at, id);
      after = `WHERE (d.decided_at, d.decision_id) < ($2::timestamptz, $3::uuid)`;
    }
    const rows: {
      decision_id: string;
      outcome: 'award' | 'refuse';
      decided_at: Date;
      decided_on: string;
      decision_maker_role: string;
      amount_requested_pence: string;
      amount_awarded_pence: string | null;
      reasons: string;
      round_id: string;
      round_title: string;
      fund_year: string;
      grant_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT d.decision_id, d.outcome, d.decided_at, d.decided_on::text AS decided_on, d.decision_maker_role,
              d.amount_requested_pence, d.amount_awarded_pence, d.reasons, d.round_id, d.round_title, d.fund_year,
              (SELECT e.id FROM register_entries e WHERE e.id = d.grant_id AND e.status = 'published') AS grant_id
         FROM register_decisions d ${after}
        ORDER BY d.decided_at DESC, d.decision_id DESC LIMIT $1`,
      params,
    );
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const last = shown[shown.length - 1];
    return {
      items: shown.map((r) => ({
        id: r.decision_id,
        outcome: r.outcome,
        decidedOn: r.decided_on,
        decisionMakerRole: r.decision_maker_role,
        amountRequestedPence: Number(r.amount_requested_pence),
        amountAwardedPence: r.amount_awarded_pence === null ? null : Number(r.amount_awarded_pence),
        reasons: r.reasons,
        round: { id: r.round_id, title: r.round_title },
        fundYear: r.fund_year,
        grantId: r.grant_id,
      })),
      nextCursor:
        more && last
          ? Buffer.from(JSON.stringify([new Date(last.decided_at).toISOString(), last.decision_id])).toString(
              'base64url',
            )
          : null,
    };
  }

  async publications(): Promise<
    {
      month: string;
      publishedAt: string;
      added: number;
      changed: number;
      withdrawn: number;
      changes: object[];
    }[]
  > {
    const rows = await this.dataSource.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, published_at, added, changed, withdrawn, changes
         FROM register_publications ORDER BY month DESC`,
    );
    return rows.map(
      (r: {
        month: string;
        published_at: Date;
        added: number;
        changed: number;
        withdrawn: number;
        changes: object[];
      }) => ({
        month: r.month,
        publishedAt: new Date(r.published_at).toISOString(),
        added: r.added,
        changed: r.changed,
        withdrawn: r.withdrawn,
        changes: r.changes,
      }),
    );
  }

  /** A month's file (`YYYY-MM`), as recorded; null when that month has not been published. */
  async publicationFile(month: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT package::text AS package FROM register_publications WHERE month = $1::date`,
      [`${month}-01`],
    );
    return row?.package ?? null;
  }

  /**
   * Outcomes by plan objective, over the published grants (of one fund year, if given): how many and how
   * much, the reported figures per success measure added up, and the case studies that may be published.
   */
  async outcomes(fundYear?: string): Promise<PublicOutcomes> {
    const params = [fundYear ?? null];
    const scope = `e.status = 'published' AND ($1::text IS NULL OR e.fund_year = $1)`;
    const objectives: { number: number; title: string; grants: number; amount: string }[] =
      await this.dataSource.query(
        `SELECT (o->>'number')::int AS number, max(o->>'title') AS title, count(*)::int AS grants,
              sum(e.amount_awarded_pence)::text AS amount
         FROM register_entries e, json_array_elements(e.entry->'objectives') o
        WHERE ${scope} GROUP BY 1 ORDER BY 1`,
        params,
      );
    const measures: {
      objective_number: number;
      measure_code: string;
      description: string;
      unit: string;
      grants: number;
      total: string;
    }[] = await this.dataSource.query(
      `SELECT f.objective_number, f.measure_code, max(f.measure_description) AS description, max(f.unit) AS unit,
              count(*)::int AS grants, sum(f.value)::text AS total
         FROM register_figures f JOIN register_entries e ON e.id = f.grant_id
        WHERE ${scope} GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    // Ranked and counted in the database: only the newest few per objective reach the process.
    const studies: {
      id: string;
      grant_id: string;
      grant_title: string;
      objective_number: number;
      story: string;
      total: number;
    }[] = await this.dataSource.query(
      `SELECT id, grant_id, grant_title, objective_number, story, total FROM (
         SELECT c.id, c.grant_id, e.entry->>'title' AS grant_title, n AS objective_number, c.story,
                row_number() OVER (PARTITION BY n ORDER BY c.published_at DESC, c.id) AS rank,
                count(*) OVER (PARTITION BY n)::int AS total
           FROM register_case_studies c JOIN register_entries e ON e.id = c.grant_id,
                unnest(c.objective_numbers) n
          WHERE ${scope}) ranked
        WHERE rank <= $2 ORDER BY objective_number, rank`,
      [...params, OUTCOME_CASE_STUDIES],
    );
    return {
      fundYear: fundYear ?? null,
      objectives: objectives.map((o) => ({
        number: o.number,
        title: o.title,
        grants: o.grants,
        amountAwardedPence: Number(o.amount),
        measures: measures
          .filter((m) => m.objective_number === o.number)
          .map((m) => ({
            code: m.measure_code,
            description: m.description,
            unit: m.unit,
            grantsReporting: m.grants,
            reportedTotal: Number(m.total),
          })),
        caseStudies: studies
          .filter((s) => s.objective_number === o.number)
          .map((s) => ({ id: s.id, grantId: s.grant_id, grantTitle: s.grant_title, story: s.story })),
        caseStudiesTotal: studies.find((s) => s.objective_number === o.number)?.total ?? 0,
      })),
    };
  }

  /** The filter values in use, for the web page's form: fund years, rounds and objectives on the register. */
  async facets(): Promise<{ fundYears: string[]; rounds: { id: string; title: string }[] }> {
    const years = await this.dataSource.query(
      `SELECT DISTINCT fund_year FROM register_entries WHERE status = 'published' ORDER BY fund_year DESC`,
    );
    const rounds = await this.dataSource.query(
      `SELECT DISTINCT ON (round_id) round_id AS id, entry->'round'->>'title' AS title
         FROM register_entries WHERE status = 'published' ORDER BY round_id`,
    );
    return {
      fundYears: years.map((y: { fund_year: string }) => y.fund_year),
      rounds: rounds.sort((a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title)),
    };
  }
}

function decodeDecisionCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      INSTANT_RE.test(v[0]) &&
      !Number.isNaN(Date.parse(v[0])) &&
      new Date(v[0]).toISOString() === v[0] &&
      typeof v[1] === 'string' &&
      UUID_RE.test(v[1])
    ) {
      return [v[0], v[1]];
    }
  } catch {
    // fall through to the field error
  }
  throw DomainError.invalid([{ field: 'cursor', message: 'cursor is not one this register gave out' }]);
}
