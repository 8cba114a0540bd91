import { FieldError, Pence } from '@grants/common';

export const SCORE_MIN = 0;
export const SCORE_MAX = 5;

export const RECOMMENDATION_OUTCOMES = ['fund_in_full', 'fund_in_part', 'refuse'] as const;
export type RecommendationOutcome = (typeof RECOMMENDATION_OUTCOMES)[number];

export interface Criterion {
  id: string;
  title: string;
  weight: number;
}

export interface CriterionScore {
  criterionId: string;
  score: number | null;
  comment: string | null;
}

/** A moderated score as kept with the recommendation: the criterion as it stood, so the record reads alone. */
export interface ModeratedScore {
  criterionId: string;
  title: string;
  weight: number;
  score: number;
  comment: string | null;
}

/** Why, tied to an objective the application serves: what the register publishes as the grant's reasons. */
export interface ObjectiveReason {
  objectiveId: string;
  objectiveNumber: number;
  objectiveTitle: string;
  reason: string;
}

/** Weighted score as integers: Σ score × weight out of Σ 5 × weight. */
export function weightedPoints(
  criteria: readonly Criterion[],
  scores: readonly { criterionId: string; score: number | null }[],
): { points: number; maxPoints: number } {
  const byCriterion = new Map(scores.map((s) => [s.criterionId, s.score]));
  let points = 0;
  let maxPoints = 0;
  for (const c of criteria) {
    points += (byCriterion.get(c.id) ?? 0) * c.weight;
    maxPoints += SCORE_MAX * c.weight;
  }
  return { points, maxPoints };
}

/** The weighted score on the 0–5 scale, to two places, for people to read (ranking uses the integers). */
export function scoreOutOfFive(points: number, maxPoints: number): number {
  return maxPoints === 0 ? 0 : Math.round((points * SCORE_MAX * 100) / maxPoints) / 100;
}

/** Problems with a set of scores: unknown or repeated criteria; with `complete`, any criterion unscored or uncommented. */
export function scoreProblems(
  criteria: readonly Criterion[],
  scores: readonly CriterionScore[],
  complete: boolean,
  field = 'scores',
): FieldError[] {
  const problems: FieldError[] = [];
  const known = new Set(criteria.map((c) => c.id));
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    if (!known.has(s.criterionId)) {
      problems.push({ field: `${field}[${i}].criterionId`, message: "is not one of the round's criteria" });
    } else if (seen.has(s.criterionId)) {
      problems.push({ field: `${field}[${i}].criterionId`, message: 'scores the same criterion twice' });
    }
    seen.add(s.criterionId);
  });
  if (complete) {
    const byCriterion = new Map(scores.map((s) => [s.criterionId, s]));
    for (const c of criteria) {
      const s = byCriterion.get(c.id);
      if (s?.score === null || s?.score === undefined) {
        problems.push({ field, message: `"${c.title}" has no score` });
      } else if (!s.comment || s.comment.trim() === '') {
        problems.push({ field, message: `"${c.title}" needs a comment explaining the score` });
      }
    }
  }
  return problems;
}

/** The amount a recommendation commits to, and any problem with it. */
export function recommendedAmount(
  outcome: RecommendationOutcome,
  requestedPence: Pence,
  amountPence: Pence | undefined,
  round: { minAwardPence: Pence },
): { amountPence: Pence; problems: FieldError[] } {
  if (outcome === 'refuse') {
    return amountPence !== undefined && amountPence !== 0
      ? { amountPence: 0, problems: [{ field: 'amountPence', message: 'a refusal recommends no amount' }] }
      : { amountPence: 0, problems: [] };
  }
  if (outcome === 'fund_in_full') {
    return amountPence !== undefined && amountPence !== requestedPence
      ? {
          amountPence: requestedPence,
          problems: [
            {
              field: 'amountPence',
              message: `funding in full means the amount requested (${requestedPence} pence)`,
            },
          ],
        }
      : { amountPence: requestedPence, problems: [] };
  }
  if (amountPence === undefined) {
    return { amountPence: 0, problems: [{ field: 'amountPence', message: 'say how much to fund in part' }] };
  }
  if (amountPence >= requestedPence) {
    return {
      amountPence,
      problems: [
        {
          field: 'amountPence',
          message: `funding in part must be less than the ${requestedPence} pence requested`,
        },
      ],
    };
  }
  if (amountPence < round.minAwardPence) {
    return {
      amountPence,
      problems: [
        {
          field: 'amountPence',
          message: `must be at least the round's minimum award (${round.minAwardPence} pence)`,
        },
      ],
    };
  }
  return { amountPence, problems: [] };
}

export interface RankingCandidate {
  applicationId: string;
  weightedPoints: number;
  maxPoints: number;
  submittedAt: Date;
  reference: string;
  recommendedAmountPence: Pence;
  /** Still waiting for a decision: only these draw on the money still available. */
  awaitingDecision: boolean;
}

export interface RankedRow<T extends RankingCandidate> {
  rank: number;
  candidate: T;
  runningTotalPence: Pence;
  /** Whether the running total still fits in the available money; null for decided applications. */
  withinAvailable: boolean | null;
}

/**
 * Orders by weighted score (highest first; ties: the earlier submission, then the reference), keeps a running
 * total of the amounts still awaiting a decision, and marks where it passes the money available. Scores are
 * compared as fractions of their maximum by cross-multiplying, so no float decides an order.
 */
export function rank<T extends RankingCandidate>(
  candidates: readonly T[],
  availablePence: Pence,
): { rows: RankedRow<T>[]; lastWithinAvailableRank: number | null } {
  const ordered = [...candidates].sort(
    (a, b) =>
      b.weightedPoints * a.maxPoints - a.weightedPoints * b.maxPoints ||
      a.submittedAt.getTime() - b.submittedAt.getTime() ||
      (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0),
  );
  let running = 0;
  let lastWithin: number | null = null;
  let passed = false;
  const rows = ordered.map((candidate, i) => {
    if (!candidate.awaitingDecision) {
      return { rank: i + 1, candidate, runningTotalPence: running, withinAvailable: null };
    }
    running += candidate.recommendedAmountPence;
    const within = !passed && running <= availablePence;
    if (within) lastWithin = i + 1;
    else passed = true;
    return { rank: i + 1, candidate, runningTotalPence: running, withinAvailable: within };
  });
  return { rows, lastWithinAvailableRank: lastWithin };
}
