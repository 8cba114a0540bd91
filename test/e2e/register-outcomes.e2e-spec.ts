import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_CASE_STUDIES, RegisterEntry } from '@grants/register';
import { registerFixture } from '../../libs/register/src/register-fixtures';
import { fillRegister } from '../../tools/register-seed';
import { seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const STORIES = OUTCOME_CASE_STUDIES + 5;

/**
 * Public outcomes stay small however many stories are published: the newest few per objective, with how
 * many there are in all, chosen and counted by the database.
 */
describe('the register’s public outcomes, with more stories than it shows', () => {
  let t: TestApp;
  let first: RegisterEntry;
  let objective: number;

  beforeAll(async () => {
    t = await createTestApp();
    await seedReference(t);
    [first] = await fillRegister(t.dataSource, [registerFixture(0), registerFixture(1)]);
    objective = first!.objectives[0]!.number;
    for (let i = 0; i < STORIES; i++) {
      await t.dataSource.query(
        `INSERT INTO register_case_studies (grant_id, source_report_id, position, objective_numbers, story, published_at)
         VALUES ($1, gen_random_uuid(), 0, $2, $3, $4)`,
        [first!.id, [objective], `Story number ${i}.`, new Date(Date.UTC(2026, 10, 1, 0, i))],
      );
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives the newest stories per objective, newest first, and the count of them all', async () => {
    const res = await t.get('/api/v1/register/outcomes');
    expect(res.status).toBe(200);
    const o = (
      res.body.objectives as { number: number; caseStudies: { story: string }[]; caseStudiesTotal: number }[]
    ).find((x) => x.number === objective)!;
    expect(o.caseStudiesTotal).toBe(STORIES);
    expect(o.caseStudies.map((s) => s.story)).toEqual(
      Array.from({ length: OUTCOME_CASE_STUDIES }, (_, i) => `Story number ${STORIES - 1 - i}.`),
    );
    for (const other of res.body.objectives as {
      number: number;
      caseStudies: unknown[];
      caseStudiesTotal: number;
    }[]) {
      if (other.number !== objective) expect(other).toMatchObject({ caseStudies: [], caseStudiesTotal: 0 });
    }
  });

  it('says on the page how many it shows of how many', async () => {
    const res = await t.get('/register/outcomes');
    expect(res.status).toBe(200);
    expect(res.text).toContain(
      `The ${OUTCOME_CASE_STUDIES} most recent of ${STORIES} stories published for this objective.`,
    );
    expect(res.text).toContain(`Story number ${STORIES - 1}.`);
    expect(res.text).not.toContain('Story number 0.');
  });
});
