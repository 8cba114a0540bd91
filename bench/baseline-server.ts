import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';

/**
 * The baseline: the least a Node server can do to answer GET /api/v1/rounds/:id — node:http, a pg Pool
 * the size of the API's, the statement RoundsService.getView runs, the JSON the API returns. No framework,
 * guard, validation pipe, logging or security headers. run.ts starts it in its own process (DATABASE_URL,
 * DATABASE_POOL_SIZE, PORT) and refuses to measure unless its body equals the API's, so this copy of the
 * SQL cannot silently drift from the service's.
 */

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  application_name: 'grants-bench-baseline',
});

const DETAIL_SQL = `
  SELECT
    r.id, r.title, r.description, r.opens_at, r.closes_at, r.min_award_pence, r.max_award_pence,
    r.max_project_months, r.acceptance_window_days, r.interim_report_over_months, r.final_report_due_days,
    r.published_at, r.created_at, r.updated_at,
    r.accepted_legal_forms, r.disallowed_cost_categories,
    f.id AS fund_id, f.key AS fund_key, f.name AS fund_name,
    fy.id AS fund_year_id, fy.label AS fund_year_label,
    to_char(fy.starts_on, 'YYYY-MM-DD') AS fund_year_starts_on, to_char(fy.ends_on, 'YYYY-MM-DD') AS fund_year_ends_on,
    pv.id AS plan_version_id, pv.plan_id, pv.number AS plan_version_number, pv.label AS plan_version_label,
    ARRAY(
      SELECT ro.objective_id FROM round_objectives ro JOIN objectives o ON o.id = ro.objective_id
      WHERE ro.round_id = r.id ORDER BY o.number
    )::text[] AS objective_ids,
    COALESCE((
      SELECT json_agg(json_build_object(
        'id', o.id, 'aimId', o.aim_id, 'number', o.number, 'title', o.title, 'description', o.description,
        'measures', COALESCE((
          SELECT json_agg(json_build_object('id', m.id, 'code', m.code, 'description', m.description, 'unit', m.unit))
          FROM success_measures m WHERE m.objective_id = o.id), '[]'::json)
      ) ORDER BY o.number)
      FROM round_objectives ro JOIN objectives o ON o.id = ro.objective_id
      WHERE ro.round_id = r.id), '[]'::json) AS objectives,
    COALESCE((
      SELECT json_agg(json_build_object(
        'id', c.id, 'position', c.position, 'title', c.title, 'guidance', c.guidance, 'weight', c.weight
      ) ORDER BY c.position)
      FROM round_criteria c WHERE c.round_id = r.id), '[]'::json) AS criteria,
    COALESCE((
      SELECT json_agg(json_build_object('id', k.id, 'position', k.position, 'text', k.text, 'timing', k.timing)
        ORDER BY k.position)
      FROM round_conditions k WHERE k.round_id = r.id), '[]'::json) AS standard_conditions
  FROM rounds r
  JOIN fund_years fy ON fy.id = r.fund_year_id
  JOIN funds f ON f.id = fy.fund_id
  JOIN plan_versions pv ON pv.id = r.plan_version_id
  WHERE r.id = $1`;

const ROUTE = /^\/api\/v1\/rounds\/([^/?]+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const collator = new Intl.Collator('en', { numeric: true });

interface Measure {
  code: string;
}

function phase(row: { published_at: Date | null; opens_at: Date; closes_at: Date }, now: number): string {
  if (!row.published_at) return 'draft';
  if (now < row.opens_at.getTime()) return 'upcoming';
  return now < row.closes_at.getTime() ? 'open' : 'closed';
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': status === 200 ? 'application/json; charset=utf-8' : 'application/problem+json',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const id = req.method === 'GET' ? ROUTE.exec(req.url ?? '')?.[1] : undefined;
  if (!id) return send(res, 404, { status: 404, title: 'Not Found' });
  if (!UUID.test(id)) return send(res, 400, { status: 400, title: 'Bad Request' });
  const { rows } = await pool.query(DETAIL_SQL, [id.toLowerCase()]);
  const row = rows[0];
  // Anonymous callers never see a round still being set up.
  if (!row || row.published_at === null) return send(res, 404, { status: 404, title: 'Not Found' });
  for (const o of row.objectives as { measures: Measure[] }[]) {
    o.measures.sort((a, b) => collator.compare(a.code, b.code));
  }
  send(res, 200, {
    id: row.id,
    title: row.title,
    description: row.description,
    phase: phase(row, Date.now()),
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    minAwardPence: Number(row.min_award_pence),
    maxAwardPence: Number(row.max_award_pence),
    maxProjectMonths: row.max_project_months,
    acceptanceWindowDays: row.acceptance_window_days,
    interimReportOverMonths: row.interim_report_over_months,
    finalReportDueDays: row.final_report_due_days,
    acceptedLegalForms: row.accepted_legal_forms,
    disallowedCostCategories: row.disallowed_cost_categories,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    fund: { id: row.fund_id, key: row.fund_key, name: row.fund_name },
    fundYear: {
      id: row.fund_year_id,
      label: row.fund_year_label,
      startsOn: row.fund_year_starts_on,
      endsOn: row.fund_year_ends_on,
    },
    planVersion: {
      id: row.plan_version_id,
      planId: row.plan_id,
      number: row.plan_version_number,
      label: row.plan_version_label,
    },
    objectiveIds: row.objective_ids,
    objectives: row.objectives,
    criteria: row.criteria,
    standardConditions: row.standard_conditions,
  });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    process.stderr.write(`baseline: ${String(error)}\n`);
    if (!res.headersSent) send(res, 500, { status: 500, title: 'Internal Server Error' });
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end();
});
