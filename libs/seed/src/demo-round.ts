import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { Outbox } from '@grants/jobs';
import { Clock, SystemClock } from '@grants/common';
import { FundYear } from '@grants/funds';
import { Objective } from '@grants/plans';
import { Round, RoundsService } from '@grants/rounds';
import { DataSource, In } from 'typeorm';
import { ProfileFile } from './profile-file';
import { SeedResult } from './profile-seeder';

const DAY_MS = 86_400_000;

/** The demo round's terms: enough for someone trying the service to apply straight away. */
export const DEMO_ROUND = {
  objectiveNumbers: [3, 5, 8, 9],
  minAwardPence: 50_000,
  maxAwardPence: 2_500_000,
  maxProjectMonths: 12,
  acceptanceWindowDays: 28,
  openedDaysAgo: 1,
  openForDays: 60,
};

export function demoRoundTitle(profile: ProfileFile): string {
  return `${profile.funds[0]!.name}: demo round`;
}

/**
 * One published round, open now, in the latest year of the profile's first fund, funding the demo
 * objectives that exist in the seeded plan version (the first four objectives if none of them do).
 * Found again by title, so a second run changes nothing; if it has since closed it is extended.
 */
export async function seedDemoRound(
  dataSource: DataSource,
  profile: ProfileFile,
  seeded: SeedResult,
  clock: Clock = new SystemClock(),
): Promise<Round> {
  const rounds = new RoundsService(dataSource, new AuditService(), clock, new Outbox());
  const now = clock.now();
  const title = demoRoundTitle(profile);
  const existing = await dataSource.manager.findOne(Round, { where: { title } });
  if (existing) {
    if (existing.closesAt.getTime() <= now.getTime()) {
      return rounds.update(
        existing.id,
        { closesAt: new Date(now.getTime() + DEMO_ROUND.openForDays * DAY_MS) },
        SYSTEM_ACTOR,
      );
    }
    return (await rounds.findById(existing.id))!;
  }

  const fundKey = profile.funds[0]!.key;
  const years = await dataSource.manager.find(FundYear, {
    where: { fundId: seeded.fundIds[fundKey]! },
    order: { startsOn: 'DESC' },
    take: 1,
  });
  const year = years[0]!;
  let objectives = await dataSource.manager.find(Objective, {
    where: { planVersionId: seeded.planVersionId, number: In(DEMO_ROUND.objectiveNumbers) },
    order: { number: 'ASC' },
  });
  if (objectives.length === 0) {
    objectives = await dataSource.manager.find(Objective, {
      where: { planVersionId: seeded.planVersionId },
      order: { number: 'ASC' },
      take: 4,
    });
  }
  const created = await rounds.create(
    {
      fundYearId: year.id,
      planVersionId: seeded.planVersionId,
      title,
      description:
        `A demonstration round of the ${profile.funds[0]!.name} for trying the service: ` +
        'one-off grants for specific activities or services, subject to conditions.',
      opensAt: new Date(now.getTime() - DEMO_ROUND.openedDaysAgo * DAY_MS),
      closesAt: new Date(now.getTime() + DEMO_ROUND.openForDays * DAY_MS),
      minAwardPence: DEMO_ROUND.minAwardPence,
      maxAwardPence: Math.min(DEMO_ROUND.maxAwardPence, year.capPence),
      maxProjectMonths: DEMO_ROUND.maxProjectMonths,
      acceptanceWindowDays: DEMO_ROUND.acceptanceWindowDays,
      objectiveIds: objectives.map((o) => o.id),
    },
    SYSTEM_ACTOR,
  );
  return rounds.publish(created.id, SYSTEM_ACTOR);
}
