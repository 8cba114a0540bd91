import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFixture } from '../../libs/register/src/register-fixtures';
import { RegisterAnswerCache } from '../../apps/api/src/register/answer-cache';
import { fillRegister } from '../../tools/register-seed';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The API's memory of register entries, on real PostgreSQL: answers come from it until the register
 * changes, a change (any write to the entries or their history, announced by the database at commit)
 * empties it, and while the notices cannot arrive it is not used at all.
 */
describe('the register answer cache', () => {
  let t: TestApp;
  let cache: RegisterAnswerCache;
  let id: string;
  const title = async (): Promise<string> => {
    const res = await t.get(`${API}/register/grants/${id}`);
    expect(res.status, res.text).toBe(200);
    return res.body.title as string;
  };
  /** A write the triggers do not see, as if a notice had been lost: only the cache can hide it. */
  const silentlyRetitle = async (to: string): Promise<void> => {
    await t.dataSource.transaction(async (em) => {
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(
        `UPDATE register_entries SET entry = jsonb_set(entry::jsonb, '{title}', to_jsonb($2::text))::json WHERE id = $1`,
        [id, to],
      );
    });
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { REGISTER_CACHE_BYTES: String(1024 * 1024) } });
    cache = t.app.get(RegisterAnswerCache);
    await until('the change listener', () => cache.isLive);
    const before = cache.token();
    const [entry] = await fillRegister(t.dataSource, [registerFixture(3)]);
    id = entry!.id;
    await until("the fill's change notice", () => cache.token() > before);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers a grant it has read from memory, with the same body and ETag', async () => {
    const first = await t.get(`${API}/register/grants/${id}`);
    expect(first.status).toBe(200);
    expect(cache.size).toBe(1);
    await silentlyRetitle('Changed behind the cache');
    const second = await t.get(`${API}/register/grants/${id}`);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    const revalidated = await t.get(`${API}/register/grants/${id}`, {
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.status).toBe(304);
  });

  it('forgets everything when the register changes, and answers the new entry', async () => {
    await title();
    await t.dataSource.query(
      `UPDATE register_entries SET entry = jsonb_set(entry::jsonb, '{title}', '"Retitled in the open"')::json WHERE id = $1`,
      [id],
    );
    await until('the change notice', async () => (await title()) === 'Retitled in the open');
    expect(cache.size).toBe(1);
  });

  it('answers a page of the register from memory too, until the register changes', async () => {
    const url = `${API}/register/grants?limit=10`;
    const first = await t.get(url);
    expect(first.status, first.text).toBe(200);
    expect(first.body.items.map((g: { id: string }) => g.id)).toEqual([id]);
    await silentlyRetitle('A page behind the cache');
    expect((await t.get(url)).text).toBe(first.text);
    await t.dataSource.query(
      `UPDATE register_entries SET entry = jsonb_set(entry::jsonb, '{title}', '"A page in the open"')::json WHERE id = $1`,
      [id],
    );
    await until(
      'the change notice',
      async () => (await t.get(url)).body.items[0].title === 'A page in the open',
    );
  });

  it('does not keep a grant that does not exist', async () => {
    await title();
    const held = cache.size;
    const missing = await t.get(`${API}/register/grants/360G-wmpcc-no-such-grant`);
    expect(missing.status).toBe(404);
    expect(cache.size).toBe(held);
  });

  it('reads from the database while the notices are cut off, and comes back empty', async () => {
    await title();
    await t.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'grants-register-listener' AND datname = current_database()`,
    );
    await until('the listener to notice', () => !cache.isLive);
    await silentlyRetitle('Changed during the outage');
    expect(await title()).toBe('Changed during the outage');
    await until('the listener to reconnect', () => cache.isLive);
    expect(cache.size).toBe(0);
    expect(await title()).toBe('Changed during the outage');
  });
});
