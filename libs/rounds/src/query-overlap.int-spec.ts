import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { Outbox } from '@grants/jobs';
import { FixedClock } from '@grants/common';
import { PlansService } from '@grants/plans';
import { RoundsService } from './rounds.service';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { seedProfile } from '@grants/seed';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProfileJson } from '../../../test/support/reference';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { dataSourceOptions } from '@grants/database';

/**
 * A transaction is one connection. pg queues a query sent while another is running on the same client, with
 * a deprecation warning, and pg 9 will refuse it; so nothing may fire queries at one EntityManager in
 * parallel. This watches every pg client and records any query sent while its previous one is still running.
 */
describe('no overlapping queries on one connection (PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let seeded: Awaited<ReturnType<typeof seedProfile>>;
  const clock = new FixedClock(new Date('2026-05-10T12:00:00Z'));
  const overlaps: string[] = [];
  const running = new WeakMap<object, number>();
  const original = pg.Client.prototype.query;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url, ENTITIES, MIGRATIONS, 3));
    await ds.initialize();
    seeded = await seedProfile(ds, readProfileJson(), clock);
    pg.Client.prototype.query = function watched(this: object, ...args: unknown[]): unknown {
      const n = running.get(this) ?? 0;
      if (n > 0) overlaps.push(String(typeof args[0] === 'string' ? args[0] : '').slice(0, 80));
      running.set(this, n + 1);
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      const done = (): void => void running.set(this, (running.get(this) ?? 1) - 1);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        (result as Promise<unknown>).then(done, done);
      } else {
        done();
      }
      return result;
    } as typeof original;
  });
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await ds?.destroy();
    await db?.drop();
  });

  it('creates a round (checking its terms) without overlapping queries', async () => {
    overlaps.length = 0;
    const rounds = new RoundsService(ds, new AuditService(), clock, new Outbox());
    const version = await ds.query(`SELECT id FROM objectives WHERE plan_version_id = $1 LIMIT 1`, [
      seeded.planVersionId,
    ]);
    const [year] = await ds.query(`SELECT id FROM fund_years ORDER BY starts_on DESC LIMIT 1`);
    await rounds.create(
      {
        fundYearId: year.id,
        planVersionId: seeded.planVersionId,
        title: 'Overlap check',
        opensAt: new Date(clock.now().getTime() + 86_400_000),
        closesAt: new Date(clock.now().getTime() + 30 * 86_400_000),
        minAwardPence: 50_000,
        maxAwardPence: 500_000,
        maxProjectMonths: 12,
        acceptanceWindowDays: 28,
        objectiveIds: [version[0].id],
      },
      SYSTEM_ACTOR,
    );
    expect(overlaps).toEqual([]);
  });

  it('builds a plan version tree inside a transaction without overlapping queries', async () => {
    overlaps.length = 0;
    const plans = new PlansService(ds, new AuditService(), clock);
    const draft = await plans.createVersion(seeded.planId, { label: 'Overlap check' }, SYSTEM_ACTOR);
    expect(draft.aims.length).toBeGreaterThan(0);
    expect(overlaps).toEqual([]);
  });
});
