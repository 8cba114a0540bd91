import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { encodeRegisterCursor, RegisterFilters, registerWhere, REGISTER_PAGE_SIZE } from '@grants/register';
import { Pool } from 'pg';

/**
 * The register's baseline: the least a Node server can do to answer GET /api/v1/register/grants and
 * GET /api/v1/register/grants/:id — node:http, a pg Pool the size of the API's, the statements
 * RegisterQueries.page and RegisterQueries.entry run (the page's WHERE clause is registerWhere itself, the
 * entry's statement a copy, prepared under the same name), and the bodies the API sends, joined from the
 * stored JSON texts the same way. No framework, validation, rate limit, ETag or cache headers.
 * register-api.ts refuses to measure unless its bodies are byte for byte the API's.
 */

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  application_name: 'grants-bench-register-baseline',
});

const ENTRY_SQL = `SELECT e.entry::text AS entry,
                (SELECT json_agg(json_build_object('version', v.version, 'change', v.change, 'reason', v.reason,
                          'recordedAt', to_char(v.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                          ORDER BY v.version)::text
                   FROM register_entry_versions v WHERE v.entry_id = e.id) AS history
           FROM register_entries e WHERE e.id = $1`;

const LIST = '/api/v1/register/grants';
const ONE = /^\/api\/v1\/register\/grants\/(360G-[A-Za-z0-9-]{1,150})$/;

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': status === 200 ? 'application/json; charset=utf-8' : 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function filtersOf(query: URLSearchParams): RegisterFilters {
  const text = (k: string): string | undefined => query.get(k) ?? undefined;
  const int = (k: string): number | undefined => (query.has(k) ? Number(query.get(k)) : undefined);
  return {
    fundYear: text('fundYear'),
    area: text('area'),
    objective: int('objective'),
    aim: text('aim'),
    round: text('round'),
    recipient: text('recipient'),
    minAmountPence: int('minAmountPence'),
    maxAmountPence: int('maxAmountPence'),
    q: text('q'),
    limit: int('limit'),
    cursor: text('cursor'),
  };
}

async function page(query: URLSearchParams): Promise<string> {
  const filters = filtersOf(query);
  const limit = filters.limit ?? REGISTER_PAGE_SIZE;
  const where = registerWhere(filters);
  const { rows } = await pool.query<{ entry: string; award_date: string; id: string }>(
    `SELECT entry::text AS entry, award_date::text AS award_date, id FROM register_entries
        WHERE ${where.sql} ORDER BY award_date DESC, id DESC LIMIT ${limit + 1}`,
    where.params,
  );
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  const nextCursor = rows.length > limit && last ? encodeRegisterCursor(last.award_date, last.id) : null;
  return `{"items":[${shown.map((r) => r.entry).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://baseline');
  if (req.method !== 'GET') return send(res, 404, '{"status":404,"title":"Not Found"}');
  if (url.pathname === LIST) return send(res, 200, await page(url.searchParams));
  const id = ONE.exec(url.pathname)?.[1];
  if (!id) return send(res, 404, '{"status":404,"title":"Not Found"}');
  const { rows } = await pool.query<{ entry: string; history: string | null }>({
    name: 'register.entry',
    text: ENTRY_SQL,
    values: [id],
  });
  const row = rows[0];
  if (!row) return send(res, 404, '{"status":404,"title":"Not Found"}');
  send(res, 200, `${row.entry.slice(0, -1)},"history":${row.history ?? '[]'}}`);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    process.stderr.write(`register baseline: ${String(error)}\n`);
    if (!res.headersSent) send(res, 500, '{"status":500,"title":"Internal Server Error"}');
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end();
});
