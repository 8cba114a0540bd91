import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { DomainError, ErrorCode, FixedClock } from '@grants/common';
import { dataSourceOptions } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { seedProfile } from '@grants/seed';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProfileJson } from '../../../test/support/reference';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { PlansService } from './plans.service';

async function codeOf(work: Promise<unknown>): Promise<ErrorCode> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('PlansService variation (PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let plans: PlansService;
  let planId: string;
  let v1: string;
  const clock = new FixedClock(new Date('2026-05-10T12:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url, ENTITIES, MIGRATIONS, 3));
    await ds.initialize();
    const seeded = await seedProfile(ds, readProfileJson(), clock);
    planId = seeded.planId;
    v1 = seeded.planVersionId;
    plans = new PlansService(ds, new AuditService(), clock);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('copies the latest version (aims, objectives, measures) into a new draft', async () => {
    const original = await plans.getVersionTree(v1);
    const draft = await plans.createVersion(planId, { label: 'Revised plan' }, SYSTEM_ACTOR);
    expect(draft.version).toMatchObject({ number: 2, status: 'draft', label: 'Revised plan' });
    const shape = (t: typeof original): unknown =>
      t.aims.map((a) => [
        a.code,
        a.title,
        a.objectives.map((o) => [o.number, o.title, o.measures.map((m) => [m.code, m.unit])]),
      ]);
    expect(shape(draft)).toEqual(shape(original));
    const originalIds = new Set(original.aims.flatMap((a) => a.objectives.map((o) => o.id)));
    expect(draft.aims.flatMap((a) => a.objectives).some((o) => originalIds.has(o.id))).toBe(false);
    const audit = await ds.query(`SELECT action FROM audit_log WHERE subject_id = $1`, [draft.version.id]);
    expect(audit).toEqual([{ action: 'plan_version.created' }]);
    // One draft at a time.
    expect(await codeOf(plans.createVersion(planId, {}, SYSTEM_ACTOR))).toBe(ErrorCode.Conflict);
  });

  it('lets a draft be varied (13 objectives cut to 11 and renumbered), then publishes and freezes it', async () => {
    const { version } = (await plans.getPlan(planId, { includeDrafts: true }, 2)).current!;
    let tree = await plans.getVersionTree(version.id);
    const objective = (n: number) => tree.aims.flatMap((a) => a.objectives).find((o) => o.number === n)!;
    const engagement = objective(13);
    // Community empowerment (8) folds into engagement: its measures move, then it goes.
    for (const m of objective(8).measures) {
      await plans.updateMeasure(m.id, { objectiveId: engagement.id, code: `13.${m.code}` }, SYSTEM_ACTOR);
    }
    await plans.deleteObjective(objective(8).id, SYSTEM_ACTOR);
    await plans.deleteObjective(objective(12).id, SYSTEM_ACTOR);
    for (const n of [9, 10, 11, 13]) {
      tree = await plans.getVersionTree(version.id);
      const o = objective(n);
      await plans.updateObjective(o.id, { number: n === 13 ? 11 : n - 1 }, SYSTEM_ACTOR);
    }
    tree = await plans.getVersionTree(version.id);
    const numbers = tree.aims.flatMap((a) => a.objectives.map((o) => o.number)).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(objective(11).measures.length).toBeGreaterThan(7);
    // A taken number is a conflict, not a crash.
    expect(await codeOf(plans.updateObjective(objective(1).id, { number: 2 }, SYSTEM_ACTOR))).toBe(
      ErrorCode.Conflict,
    );

    expect(await codeOf(plans.publishVersion(version.id, SYSTEM_ACTOR))).toBe(ErrorCode.BusinessRule);
    await plans.updateVersion(version.id, { effectiveFrom: '2013-04-01' }, SYSTEM_ACTOR);
    const published = await plans.publishVersion(version.id, SYSTEM_ACTOR);
    expect(published.version.status).toBe('published');

    expect(await codeOf(plans.updateObjective(objective(1).id, { title: 'x' }, SYSTEM_ACTOR))).toBe(
      ErrorCode.Conflict,
    );
    expect(await codeOf(plans.updateVersion(version.id, { label: 'x' }, SYSTEM_ACTOR))).toBe(
      ErrorCode.Conflict,
    );
    expect(await codeOf(plans.publishVersion(version.id, SYSTEM_ACTOR))).toBe(ErrorCode.InvalidTransition);
    // The database refuses too, whatever path a change takes.
    await expect(
      ds.query(`UPDATE objectives SET title = 'x' WHERE plan_version_id = $1`, [version.id]),
    ).rejects.toThrow(/published and cannot change/);
    // The original version is untouched.
    const v1Tree = await plans.getVersionTree(v1);
    expect(v1Tree.aims.flatMap((a) => a.objectives)).toHaveLength(13);
  });

  it('shows the latest published version by default and hides drafts from the public', async () => {
    await plans.createVersion(planId, {}, SYSTEM_ACTOR);
    const pub = await plans.getPlan(planId, { includeDrafts: false });
    expect(pub.current!.version.number).toBe(2);
    expect(pub.versions.map((v) => v.number)).toEqual([1, 2]);
    const staff = await plans.getPlan(planId, { includeDrafts: true });
    expect(staff.versions.map((v) => v.number)).toEqual([1, 2, 3]);
    const draftId = staff.versions[2]!.id;
    expect(await codeOf(plans.getVersion(draftId, { includeDrafts: false }))).toBe(ErrorCode.NotFound);
    expect(await codeOf(plans.getPlan(planId, { includeDrafts: false }, 3))).toBe(ErrorCode.NotFound);
  });
});
