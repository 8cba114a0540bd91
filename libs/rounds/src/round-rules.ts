import { FieldError, formatPence } from '@grants/common';
import { CriterionTerms, sameCriteria } from './assessment-criteria';
import { RoundTiming, hasOpened } from './round-phase';
import { ConditionTerms, sameConditions } from './standard-conditions';

/** The terms a round offers applicants. */
export interface RoundTerms {
  opensAt: Date;
  closesAt: Date;
  minAwardPence: number;
  maxAwardPence: number;
  maxProjectMonths: number;
  acceptanceWindowDays: number;
  objectiveIds: string[];
}

/** What the terms are checked against, gathered by the service. */
export interface RoundContext {
  now: Date;
  /** The chosen fund year's cap, or null when the fund year does not exist. */
  fundYearCapPence: number | null;
  /** The chosen plan version's status, or null when it does not exist. */
  planVersionStatus: 'draft' | 'published' | null;
  /** Ids of the objectives in the chosen plan version. */
  versionObjectiveIds: ReadonlySet<string>;
  /** Whether closesAt must still be in the future (a new window, or a changed close). */
  checkClosesInFuture: boolean;
}

export const MAX_PROJECT_MONTHS = 120;
export const MAX_ACCEPTANCE_WINDOW_DAYS = 365;

/** Every business-rule problem with a round's terms (empty when they are acceptable). */
export function roundTermsProblems(terms: RoundTerms, ctx: RoundContext): FieldError[] {
  const errors: FieldError[] = [];
  if (ctx.planVersionStatus === null) {
    errors.push({ field: 'planVersionId', message: 'no such plan version' });
  } else if (ctx.planVersionStatus !== 'published') {
    errors.push({ field: 'planVersionId', message: 'the plan version must be published' });
  }
  if (ctx.fundYearCapPence === null) errors.push({ field: 'fundYearId', message: 'no such fund year' });

  if (terms.opensAt.getTime() >= terms.closesAt.getTime()) {
    errors.push({ field: 'closesAt', message: 'must be after opensAt' });
  } else if (ctx.checkClosesInFuture && terms.closesAt.getTime() <= ctx.now.getTime()) {
    errors.push({ field: 'closesAt', message: 'must be in the future' });
  }

  if (!Number.isSafeInteger(terms.minAwardPence) || terms.minAwardPence <= 0) {
    errors.push({ field: 'minAwardPence', message: 'must be a whole number of pence above 0' });
  }
  if (!Number.isSafeInteger(terms.maxAwardPence) || terms.maxAwardPence < terms.minAwardPence) {
    errors.push({ field: 'maxAwardPence', message: 'must be at least minAwardPence' });
  } else if (ctx.fundYearCapPence !== null && terms.maxAwardPence > ctx.fundYearCapPence) {
    errors.push({
      field: 'maxAwardPence',
      message: `must not exceed the fund year's cap of ${formatPence(ctx.fundYearCapPence)}`,
    });
  }
  if (
    !Number.isInteger(terms.maxProjectMonths) ||
    terms.maxProjectMonths < 1 ||
    terms.maxProjectMonths > MAX_PROJECT_MONTHS
  ) {
    errors.push({ field: 'maxProjectMonths', message: `must be from 1 to ${MAX_PROJECT_MONTHS}` });
  }
  if (
    !Number.isInteger(terms.acceptanceWindowDays) ||
    terms.acceptanceWindowDays < 1 ||
    terms.acceptanceWindowDays > MAX_ACCEPTANCE_WINDOW_DAYS
  ) {
    errors.push({
      field: 'acceptanceWindowDays',
      message: `must be from 1 to ${MAX_ACCEPTANCE_WINDOW_DAYS}`,
    });
  }

  if (terms.objectiveIds.length === 0) {
    errors.push({ field: 'objectiveIds', message: 'a round must fund at least one objective' });
  } else if (new Set(terms.objectiveIds).size !== terms.objectiveIds.length) {
    errors.push({ field: 'objectiveIds', message: 'must not repeat an objective' });
  } else if (ctx.planVersionStatus !== null) {
    const foreign = terms.objectiveIds.filter((id) => !ctx.versionObjectiveIds.has(id));
    if (foreign.length) {
      errors.push({
        field: 'objectiveIds',
        message: `must be objectives of the round's plan version (not: ${foreign.join(', ')})`,
      });
    }
  }
  return errors;
}

export interface FrozenCheckRound extends RoundTiming, RoundTerms {
  fundYearId: string;
  planVersionId: string;
  acceptedLegalForms?: readonly string[];
  disallowedCostCategories?: readonly string[];
  criteria?: readonly CriterionTerms[];
  standardConditions?: readonly ConditionTerms[];
}

/** The eligibility settings a round carries beside its terms (frozen with them once it opens). */
export interface RoundEligibilitySettings {
  acceptedLegalForms: string[];
  disallowedCostCategories: string[];
}

export type RoundChanges = Partial<
  RoundTerms &
    RoundEligibilitySettings & {
      fundYearId: string;
      planVersionId: string;
      criteria: CriterionTerms[];
      standardConditions: ConditionTerms[];
    }
>;

/** Disallowed categories as stored: trimmed, blanks dropped, repeats (ignoring case) dropped. */
export function normaliseCostCategories(categories: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of categories) {
    const c = raw.trim();
    if (c === '' || seen.has(c.toLowerCase())) continue;
    seen.add(c.toLowerCase());
    out.push(c);
  }
  return out;
}

const FROZEN_ONCE_OPEN = [
  'opensAt',
  'minAwardPence',
  'maxAwardPence',
  'maxProjectMonths',
  'acceptanceWindowDays',
  'fundYearId',
  'planVersionId',
] as const;

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

function same(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/**
 * The fields a change would move that are frozen because the round has opened: applicants have
 * been promised its terms. Setting a field to its current value is not a change; closesAt may move
 * later (an extension) but never earlier.
 */
export function frozenFieldsChanged(round: FrozenCheckRound, changes: RoundChanges, now: Date): string[] {
  if (!hasOpened(round, now)) return [];
  const frozen: string[] = FROZEN_ONCE_OPEN.filter(
    (field) => changes[field] !== undefined && !same(changes[field], round[field]),
  );
  if (changes.objectiveIds !== undefined && !sameSet(changes.objectiveIds, round.objectiveIds)) {
    frozen.push('objectiveIds');
  }
  for (const field of ['acceptedLegalForms', 'disallowedCostCategories'] as const) {
    const next = changes[field];
    if (next === undefined) continue;
    const norm = (xs: readonly string[]): string[] =>
      field === 'disallowedCostCategories'
        ? normaliseCostCategories(xs).map((x) => x.toLowerCase())
        : [...xs];
    if (!sameSet(norm(next), norm(round[field] ?? []))) frozen.push(field);
  }
  if (changes.criteria !== undefined && !sameCriteria(changes.criteria, round.criteria ?? [])) {
    frozen.push('criteria');
  }
  if (
    changes.standardConditions !== undefined &&
    !sameConditions(changes.standardConditions, round.standardConditions ?? [])
  ) {
    frozen.push('standardConditions');
  }
  if (changes.closesAt !== undefined && changes.closesAt.getTime() < round.closesAt.getTime()) {
    frozen.push('closesAt');
  }
  return frozen;
}
