import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFixture } from '../../libs/register/src/register-fixtures';
import { fillRegister } from '../../tools/register-seed';
import { seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const GRANTS = 1500;

/** Reads the first chunk of a download over a real socket, then hangs up. */
function abandon(url: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, (res) => {
      res.once('data', (chunk: Buffer) => {
        req.destroy();
        done(chunk.length);
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') fail(error);
    });
    req.end();
  });
}

/**
 * The open-data files of a register larger than any socket buffer, over real HTTP: every grant arrives
 * once, in order, as stored; and a client that hangs up mid-file gives its database connection back.
 */
describe('the register files, streamed', () => {
  let t: TestApp;
  let base: string;
  let ids: string[];

  beforeAll(async () => {
    t = await createTestApp();
    await seedReference(t);
    const entries = await fillRegister(
      t.dataSource,
      Array.from({ length: GRANTS }, (_, i) => registerFixture(i)),
    );
    ids = entries.map((e) => e.id);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('sends every published grant of the 360Giving package, as stored, in award-date order', async () => {
    const res = await fetch(`${base}${API}/register/360giving.json`);
    expect(res.status, await res.clone().text()).toBe(200);
    const pkg = (await res.json()) as { grants: { id: string; awardDate: string }[] };
    expect(pkg.grants).toHaveLength(GRANTS);
    expect(new Set(pkg.grants.map((g) => g.id))).toEqual(new Set(ids));
    const stored: { grant_json: string }[] = await t.dataSource.query(
      `SELECT grant_json::text AS grant_json FROM register_entries WHERE status = 'published' ORDER BY award_date DESC, id DESC`,
    );
    expect(pkg.grants.map((g) => JSON.stringify(g))).toEqual(
      stored.map((r) => JSON.stringify(JSON.parse(r.grant_json))),
    );
  });

  it('sends one CSV line per grant after the header', async () => {
    const res = await fetch(`${base}${API}/register/grants.csv`);
    expect(res.status).toBe(200);
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    const stored: { csv_row: string }[] = await t.dataSource.query(
      `SELECT csv_row FROM register_entries WHERE status = 'published' ORDER BY award_date DESC, id DESC`,
    );
    expect(text.endsWith(stored.map((r) => r.csv_row).join(''))).toBe(true);
    expect(text.startsWith('\uFEFFIdentifier,')).toBe(true);
  });

  it('gives the connection back when the client hangs up mid-file, so later downloads still work', async () => {
    // More abandoned downloads than the pool has connections (5 in tests): a leak would starve the pool.
    for (let i = 0; i < 8; i++) {
      expect(await abandon(`${base}${API}/register/360giving.json`)).toBeGreaterThan(0);
    }
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [{ n }]: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE 'COPY (SELECT grant_json%' AND state <> 'idle'`,
      );
      if (n === 0) break;
      if (Date.now() > deadline) throw new Error(`${n} abandoned COPY statements are still running`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await fetch(`${base}${API}/register/grants.csv`);
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBeGreaterThan(GRANTS * 100);
  }, 60_000);
});
