import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SYSTEM_ACTOR } from '@grants/audit';
import { Clock } from '@grants/common';
import { FundYear } from '@grants/funds';
import { ObjectiveWithMeasures, PlansService } from '@grants/plans';
import { Area, ProfileService } from '@grants/profile';
import { NewRound, Round, RoundsService } from '@grants/rounds';
import { seedProfile } from '@grants/seed';
import { TestApp } from './test-app';

export const PROFILE_PATH = resolve(__dirname, '../../profiles/west-mercia.json');

export function readProfileJson(): unknown {
  return JSON.parse(readFileSync(PROFILE_PATH, 'utf8'));
}

export interface SeededReference {
  funderId: string;
  planId: string;
  planVersionId: string;
  /** Every objective of the seeded plan version, in number order, each with its measures. */
  objectives: ObjectiveWithMeasures[];
  /** The latest year of the profile's first fund (the one the demo round uses). */
  fundYearId: string;
  fundYearIds: Record<string, string>;
  fundIds: Record<string, string>;
  areas: Area[];
}

const seeded = new WeakMap<TestApp, Promise<SeededReference>>();

/** Loads the West Mercia profile into the test app's database (once per app; the seed is idempotent anyway). */
export function seedReference(t: TestApp): Promise<SeededReference> {
  let pending = seeded.get(t);
  if (!pending) {
    pending = (async () => {
      const result = await seedProfile(t.dataSource, readProfileJson(), t.app.get(Clock));
      const tree = await t.app.get(PlansService).getVersionTree(result.planVersionId);
      const objectives = tree.aims.flatMap((a) => a.objectives).sort((a, b) => a.number - b.number);
      const firstFundId = Object.values(result.fundIds)[0]!;
      const years = await t.dataSource.manager.find(FundYear, { order: { startsOn: 'ASC' } });
      const fundYearIds: Record<string, string> = {};
      for (const y of years) {
        const key = Object.entries(result.fundIds).find(([, id]) => id === y.fundId)![0];
        fundYearIds[`${key}:${y.label}`] = y.id;
      }
      const latest = years.filter((y) => y.fundId === firstFundId).at(-1)!;
      return {
        funderId: result.funderId,
        planId: result.planId,
        planVersionId: result.planVersionId,
        objectives,
        fundYearId: latest.id,
        fundYearIds,
        fundIds: result.fundIds,
        areas: await t.app.get(ProfileService).areas(),
      };
    })();
    seeded.set(t, pending);
  }
  return pending;
}

let roundCounter = 0;
const DAY_MS = 86_400_000;

/**
 * A published round, open now by the app's clock (opened a day ago, closing in 60 days), funding
 * objectives 3, 5, 8 and 9, £500 to £25,000, 12 months, 28 days to accept. Any term can be overridden.
 */
export async function createOpenRound(t: TestApp, overrides: Partial<NewRound> = {}): Promise<Round> {
  const ref = await seedReference(t);
  const now = t.app.get(Clock).now();
  roundCounter += 1;
  const rounds = t.app.get(RoundsService);
  const round = await rounds.create(
    {
      fundYearId: ref.fundYearId,
      planVersionId: ref.planVersionId,
      title: `Test round ${roundCounter}`,
      description: 'A round created by a test',
      opensAt: new Date(now.getTime() - DAY_MS),
      closesAt: new Date(now.getTime() + 60 * DAY_MS),
      minAwardPence: 50_000,
      maxAwardPence: 2_500_000,
      maxProjectMonths: 12,
      acceptanceWindowDays: 28,
      objectiveIds: ref.objectives.filter((o) => [3, 5, 8, 9].includes(o.number)).map((o) => o.id),
      ...overrides,
    },
    SYSTEM_ACTOR,
  );
  return rounds.publish(round.id, SYSTEM_ACTOR);
}
