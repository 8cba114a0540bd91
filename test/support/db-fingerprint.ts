import { DataSource } from 'typeorm';

/**
 * A digest of every row of every table, so a test can prove a request changed nothing.
 * Bookkeeping that legitimately moves on any authenticated request (a session's last-seen time) is left out.
 */
const IGNORED_COLUMNS: Record<string, string[]> = { sessions: ['last_used_at', 'expires_at'] };

export async function dbFingerprint(dataSource: DataSource): Promise<Record<string, string>> {
  const tables: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
      ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const columns: { column_name: string }[] = await dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    const kept = columns.map((c) => c.column_name).filter((c) => !(IGNORED_COLUMNS[table] ?? []).includes(c));
    const list = kept.map((c) => `"${c}"`).join(', ');
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') AS digest
         FROM (SELECT ${list} FROM "${table}") r`,
    );
    out[table] = `${row.n}:${row.digest}`;
  }
  return out;
}
