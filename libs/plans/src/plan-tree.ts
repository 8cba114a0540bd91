import type { Aim } from './aim.entity';
import type { Objective } from './objective.entity';
import type { PlanVersion } from './plan-version.entity';
import type { SuccessMeasure } from './success-measure.entity';

export type ObjectiveWithMeasures = Objective & { measures: SuccessMeasure[] };
export type AimWithObjectives = Aim & { objectives: ObjectiveWithMeasures[] };

export interface PlanVersionTree {
  version: PlanVersion;
  aims: AimWithObjectives[];
}

/** Assembles aims → objectives → measures in reading order (aim position, objective number, measure code). */
export function buildTree(
  version: PlanVersion,
  aims: Aim[],
  objectives: Objective[],
  measures: SuccessMeasure[],
): PlanVersionTree {
  const byObjective = new Map<string, SuccessMeasure[]>();
  for (const m of measures) {
    const list = byObjective.get(m.objectiveId) ?? [];
    list.push(m);
    byObjective.set(m.objectiveId, list);
  }
  const collator = new Intl.Collator('en', { numeric: true });
  const withMeasures = objectives
    .map((o) => ({
      ...o,
      measures: (byObjective.get(o.id) ?? []).sort((a, b) => collator.compare(a.code, b.code)),
    }))
    .sort((a, b) => a.number - b.number);
  return {
    version,
    aims: [...aims]
      .sort((a, b) => a.position - b.position || collator.compare(a.code, b.code))
      .map((a) => ({ ...a, objectives: withMeasures.filter((o) => o.aimId === a.id) })),
  };
}
