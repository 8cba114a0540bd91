import { AuditService } from '@grants/audit';
import { Outbox } from '@grants/jobs';
import { FixedClock } from '@grants/common';
import { dataSourceOptions } from '@grants/database';
import { RoundsService } from '@grants/rounds';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbFingerprint } from '../../../test/support/db-fingerprint';
import { readProfileJson } from '../../../test/support/reference';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { seedDemoRound } from './demo-round';
import { validateProfile } from './profile-file';
import { seedProfile } from './profile-seeder';

describe('seedProfile (PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const clock = new FixedClock(new Date('2026-05-10T12:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url, ENTITIES, MIGRATIONS, 3));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const count = async (table: string): Promise<number> =>
    Number((await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('loads the whole profile, with the plan version published', async () => {
    const result = await seedProfile(ds, readProfileJson(), clock);
    expect(result.funderName).toBe('Police and Crime Commissioner for West Mercia');
    expect(result.changes.length).toBeGreaterThan(100);
    expect(await count('areas')).toBe(11);
    expect(await count('partnerships')).toBe(7);
    expect(await count('partnership_areas')).toBe(9);
    expect(await count('aims')).toBe(4);
    expect(await count('objectives')).toBe(13);
    expect(await count('funds')).toBe(2);
    expect(await count('fund_years')).toBe(5);
    expect(await count('funding_sources')).toBe(3);
    const [version] = await ds.query(`SELECT status, number FROM plan_versions`);
    expect(version).toEqual({ status: 'published', number: 1 });
    const [cap] = await ds.query(
      `SELECT fy.cap_pence, sum(s.amount_pence)::bigint AS sources FROM fund_years fy
        JOIN funding_sources s ON s.fund_year_id = fy.id JOIN funds f ON f.id = fy.fund_id
        WHERE f.key = 'community-safety-fund' AND fy.label = '2013/14' GROUP BY fy.cap_pence`,
    );
    expect(cap).toEqual({ cap_pence: '100000000', sources: '100000000' });
    const [worcester] = await ds.query(`SELECT parent_code, type FROM areas WHERE code = 'E07000237'`);
    expect(worcester).toEqual({ parent_code: 'E10000034', type: 'NMD' });
  });

  it('changes nothing at all when run again', async () => {
    const before = await dbFingerprint(ds);
    const again = await seedProfile(ds, readProfileJson(), clock);
    expect(again.changes).toEqual([]);
    expect(await dbFingerprint(ds)).toEqual(before);
  });

  it('updates only what the file changed, and leaves a published plan version alone', async () => {
    const json = readProfileJson() as any;
    json.funds[0].years[3].capPence = 90_000_000;
    json.plan.aims[0].objectives[0].title = 'Changed after publication';
    const result = await seedProfile(ds, validateProfile(json), clock);
    expect(result.changes).toEqual(['fund community-safety-fund year 2016/17 updated (capPence)']);
    const [objective] = await ds.query(`SELECT title FROM objectives WHERE number = 1`);
    expect(objective.title).toMatch(/^To ensure value for money/);
    await seedProfile(ds, readProfileJson(), clock);
  });

  it('creates the demo round once: published, open now, objectives 3, 5, 8 and 9', async () => {
    const json = readProfileJson();
    const profile = validateProfile(json);
    const seeded = await seedProfile(ds, json, clock);
    const round = await seedDemoRound(ds, profile, seeded, clock);
    expect(round.publishedAt).not.toBeNull();
    expect(round.opensAt.getTime()).toBe(clock.now().getTime() - 86_400_000);
    expect(round.closesAt.getTime()).toBe(clock.now().getTime() + 60 * 86_400_000);
    expect([
      round.minAwardPence,
      round.maxAwardPence,
      round.maxProjectMonths,
      round.acceptanceWindowDays,
    ]).toEqual([50_000, 2_500_000, 12, 28]);
    const numbers = await ds.query(
      `SELECT o.number FROM round_objectives ro JOIN objectives o ON o.id = ro.objective_id WHERE ro.round_id = $1 ORDER BY 1`,
      [round.id],
    );
    expect(numbers.map((r: { number: number }) => r.number)).toEqual([3, 5, 8, 9]);
    const [year] = await ds.query(`SELECT label FROM fund_years WHERE id = $1`, [round.fundYearId]);
    expect(year.label).toBe('2016/17');

    const before = await dbFingerprint(ds);
    const again = await seedDemoRound(ds, profile, await seedProfile(ds, json, clock), clock);
    expect(again.id).toBe(round.id);
    expect(await dbFingerprint(ds)).toEqual(before);
  });

  it('extends the demo round when it has closed since', async () => {
    const json = readProfileJson();
    const later = new FixedClock(new Date(clock.now().getTime() + 90 * 86_400_000));
    const round = await seedDemoRound(ds, validateProfile(json), await seedProfile(ds, json, later), later);
    expect(round.closesAt.getTime()).toBe(later.now().getTime() + 60 * 86_400_000);
    const view = await new RoundsService(ds, new AuditService(), later, new Outbox()).getView(round.id, {
      includeDrafts: false,
    });
    expect(view.phase).toBe('open');
  });
});
