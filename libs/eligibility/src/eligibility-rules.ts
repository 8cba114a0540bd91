import { addMonths, calendarDateIn, formatPence, isCalendarDate } from '@grants/common';

/** What a rule concluded. `needs_review` means a person must look: never a silent pass or fail. */
export const ELIGIBILITY_OUTCOMES = ['pass', 'fail', 'needs_review'] as const;
export type EligibilityOutcome = (typeof ELIGIBILITY_OUTCOMES)[number];

/** The rule kinds, in the order they are run and reported. */
export const ELIGIBILITY_RULES = [
  'area',
  'objectives',
  'amount',
  'budget_adds_up',
  'disallowed_costs',
  'project_dates',
  'legal_form',
  'exit_plan',
  'one_off',
  'documents',
] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export interface RuleResult {
  rule: EligibilityRule;
  outcome: EligibilityOutcome;
  /** Plain English (en-GB), for the applicant and the officer alike. */
  reason: string;
  /** What the rule looked at, so the result can be checked later. */
  evidence: Record<string, unknown>;
}

/**
 * The document kinds the documents rule looks for, in the documents lib's vocabulary
 * (libs/documents/src/document-kind.ts). A constituted group's constitution is its governing document.
 */
const GOVERNING_DOCUMENT_KINDS = ['governing_document', 'constitution'];
const FINANCIAL_EVIDENCE_KIND = 'accounts_or_bank_statement';
const SAFEGUARDING_POLICY_KIND = 'safeguarding_policy';

/** The legal forms the proportionate checklist replaces registry numbers for. */
export const SMALL_GROUP_LEGAL_FORMS: readonly string[] = ['constituted_community_group'];

/** An earlier award to the same organisation from the same fund: the one-off rule names it for review. */
export interface EarlierAward {
  id: string;
  reference: string;
  fundId: string;
  organisationId: string;
  title: string;
  /** Activity descriptions, compared with the application's for similarity. */
  activities: string[];
}

/** Everything the rules look at, gathered by EligibilityService; pure data, no database. */
export interface EligibilityFacts {
  application: {
    title: string | null;
    activities: { description: string }[];
    objectives: { objectiveId: string; contribution: string }[];
    beneficiaryAreas: string[];
    startDate: string | null;
    endDate: string | null;
    amountRequestedPence: number | null;
    budgetLines: { description: string; category: string; amountPence: number }[];
    exitPlan: string | null;
    /** Whether the project involves children or adults at risk; null when not answered. */
    involvesChildrenOrAdultsAtRisk: boolean | null;
    /** The proportionate checklist for small unregistered groups; null fields are unanswered. */
    groupChecklist: {
      constitutionHasDissolutionClause: boolean | null;
      unrelatedCommitteeMembers: number | null;
      bankAccountInGroupName: boolean | null;
    };
  };
  round: {
    /** The funder's calendar date (Europe/London) of the instant the round opens. */
    opensOn: string;
    minAwardPence: number;
    maxAwardPence: number;
    maxProjectMonths: number;
    objectiveIds: readonly string[];
    fundId: string;
    acceptedLegalForms: readonly string[];
    disallowedCostCategories: readonly string[];
  };
  /** The codes of every area in the funder's profile. */
  funderAreaCodes: ReadonlySet<string>;
  organisation: { id: string; legalForm: string };
  earlierAwards: readonly EarlierAward[];
  /** Kinds of the documents attached to the application (empty until documents land). */
  documentKinds: readonly string[];
}

const blank = (v: string | null | undefined): boolean => v === null || v === undefined || v.trim() === '';
const normal = (s: string): string => s.trim().toLowerCase();
const result = (
  rule: EligibilityRule,
  outcome: EligibilityOutcome,
  reason: string,
  evidence: Record<string, unknown>,
): RuleResult => ({ rule, outcome, reason, evidence });

/** Benefits people in the funder's area: every chosen area is one of the profile's. */
export function areaRule(f: EligibilityFacts): RuleResult {
  const areas = f.application.beneficiaryAreas;
  const outside = areas.filter((code) => !f.funderAreaCodes.has(code));
  const evidence = { beneficiaryAreas: areas, outsideFunderArea: outside };
  if (areas.length === 0)
    return result('area', 'fail', 'The application does not say which areas benefit.', evidence);
  if (outside.length) {
    return result(
      'area',
      'fail',
      `These areas are outside the funder's area: ${outside.join(', ')}.`,
      evidence,
    );
  }
  return result('area', 'pass', "Every area that benefits is in the funder's area.", evidence);
}

/** Serves at least one objective the round funds, each chosen objective with a stated contribution. */
export function objectivesRule(f: EligibilityFacts): RuleResult {
  const funded = new Set(f.round.objectiveIds);
  const chosen = f.application.objectives;
  const notFunded = chosen.filter((o) => !funded.has(o.objectiveId)).map((o) => o.objectiveId);
  const withoutContribution = chosen.filter((o) => blank(o.contribution)).map((o) => o.objectiveId);
  const served = chosen.filter((o) => funded.has(o.objectiveId) && !blank(o.contribution));
  const evidence = {
    chosenObjectiveIds: chosen.map((o) => o.objectiveId),
    roundObjectiveIds: [...f.round.objectiveIds],
    notFundedByRound: notFunded,
    withoutContribution,
  };
  if (served.length === 0) {
    return result(
      'objectives',
      'fail',
      'The application does not serve any objective this round funds with a stated contribution.',
      evidence,
    );
  }
  if (notFunded.length) {
    return result('objectives', 'fail', 'Some chosen objectives are not ones this round funds.', evidence);
  }
  if (withoutContribution.length) {
    return result(
      'objectives',
      'fail',
      'Every chosen objective needs a statement of how the project contributes to it.',
      evidence,
    );
  }
  return result(
    'objectives',
    'pass',
    `The project serves ${served.length} objective${served.length === 1 ? '' : 's'} this round funds, each with a stated contribution.`,
    evidence,
  );
}

/** The amount requested is within the round's limits; exactly at a limit passes. */
export function amountRule(f: EligibilityFacts): RuleResult {
  const amount = f.application.amountRequestedPence;
  const { minAwardPence: min, maxAwardPence: max } = f.round;
  const evidence = { amountRequestedPence: amount, minAwardPence: min, maxAwardPence: max };
  const range = `${formatPence(min)} to ${formatPence(max)}`;
  if (amount === null)
    return result('amount', 'fail', 'The application does not say how much it asks for.', evidence);
  if (amount < min || amount > max) {
    return result(
      'amount',
      'fail',
      `The amount requested, ${formatPence(amount)}, is outside this round's limits of ${range}.`,
      evidence,
    );
  }
  return result(
    'amount',
    'pass',
    `The amount requested is within this round's limits of ${range}.`,
    evidence,
  );
}

/** The budget lines add up to the amount requested. */
export function budgetAddsUpRule(f: EligibilityFacts): RuleResult {
  const lines = f.application.budgetLines;
  const amount = f.application.amountRequestedPence;
  const total = lines.reduce((sum, l) => sum + l.amountPence, 0);
  const evidence = { budgetTotalPence: total, amountRequestedPence: amount, lines: lines.length };
  if (lines.length === 0)
    return result('budget_adds_up', 'fail', 'The application has no budget lines.', evidence);
  if (amount === null || total !== amount) {
    return result(
      'budget_adds_up',
      'fail',
      `The budget lines add up to ${formatPence(total)}, which is not the amount requested${amount === null ? '' : ` (${formatPence(amount)})`}.`,
      evidence,
    );
  }
  return result('budget_adds_up', 'pass', 'The budget lines add up to the amount requested.', evidence);
}

/** No budget line is in a category the round does not fund (compared trimmed and case-insensitively). */
export function disallowedCostsRule(f: EligibilityFacts): RuleResult {
  const disallowed = new Set(f.round.disallowedCostCategories.map(normal));
  const offending = f.application.budgetLines
    .map((l, index) => ({ index, description: l.description, category: l.category }))
    .filter((l) => disallowed.has(normal(l.category)));
  const evidence = {
    disallowedCostCategories: [...f.round.disallowedCostCategories],
    categories: [...new Set(f.application.budgetLines.map((l) => l.category))],
    offendingLines: offending,
  };
  if (offending.length) {
    return result(
      'disallowed_costs',
      'fail',
      `The round does not fund these costs: ${offending.map((l) => `${l.description} (${l.category})`).join('; ')}.`,
      evidence,
    );
  }
  return result(
    'disallowed_costs',
    'pass',
    'No budget line is in a category the round does not fund.',
    evidence,
  );
}

/**
 * The first day a project may start: the calendar date, in the funder's time zone (Europe/London), of the
 * instant the round opens. A round opening at 00:30 BST on 1 April opens on 1 April, though it is still
 * 31 March in UTC.
 */
export function roundOpensOn(opensAt: Date, timeZone: string): string {
  return calendarDateIn(opensAt, timeZone);
}

/**
 * The project's dates: it starts on or after the calendar date (Europe/London) on which the round opens,
 * ends on or after it starts, and lasts at most the round's maximum: it must end before the same day
 * maxProjectMonths later, so a 12-month project starting 1 April may end on 31 March, not 1 April.
 */
export function projectDatesRule(f: EligibilityFacts): RuleResult {
  const { startDate: start, endDate: end } = f.application;
  const { opensOn, maxProjectMonths: months } = f.round;
  const evidence: Record<string, unknown> = {
    startDate: start,
    endDate: end,
    roundOpensOn: opensOn,
    maxProjectMonths: months,
  };
  if (start === null || end === null || !isCalendarDate(start) || !isCalendarDate(end)) {
    return result(
      'project_dates',
      'fail',
      'The application does not give valid start and end dates.',
      evidence,
    );
  }
  const endBefore = addMonths(start, months);
  evidence.mustEndBefore = endBefore;
  if (start < opensOn) {
    return result(
      'project_dates',
      'fail',
      `The project starts on ${start}, before the round opened on ${opensOn}; the fund does not pay for work already under way.`,
      evidence,
    );
  }
  if (end < start) return result('project_dates', 'fail', 'The project ends before it starts.', evidence);
  if (end >= endBefore) {
    return result(
      'project_dates',
      'fail',
      `The project runs longer than this round's maximum of ${months} month${months === 1 ? '' : 's'}: it must end before ${endBefore}.`,
      evidence,
    );
  }
  return result(
    'project_dates',
    'pass',
    `The project runs from ${start} to ${end}, inside the round's window and its maximum of ${months} month${months === 1 ? '' : 's'}.`,
    evidence,
  );
}

/** The organisation's legal form is one the round accepts. */
export function legalFormRule(f: EligibilityFacts): RuleResult {
  const form = f.organisation.legalForm;
  const evidence = { legalForm: form, acceptedLegalForms: [...f.round.acceptedLegalForms] };
  if (!f.round.acceptedLegalForms.includes(form)) {
    return result(
      'legal_form',
      'fail',
      `This round does not accept organisations of the legal form ${form}.`,
      evidence,
    );
  }
  return result('legal_form', 'pass', 'The round accepts organisations of this legal form.', evidence);
}

/** A plan for when this one-off funding ends is given. */
export function exitPlanRule(f: EligibilityFacts): RuleResult {
  const given = !blank(f.application.exitPlan);
  const evidence = { exitPlanGiven: given };
  if (!given) {
    return result(
      'exit_plan',
      'fail',
      'The application does not say what happens when this one-off funding ends.',
      evidence,
    );
  }
  return result(
    'exit_plan',
    'pass',
    'The application says what happens when this one-off funding ends.',
    evidence,
  );
}

const STOP_WORDS = new Set(
  'a an and are as at be by for from in into is it of on or our the their to we with will this that'.split(
    ' ',
  ),
);

function words(texts: readonly (string | null)[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    for (const w of (t ?? '').toLowerCase().split(/[^a-z0-9]+/)) {
      if (w.length > 2 && !STOP_WORDS.has(w)) out.add(w);
    }
  }
  return out;
}

/** Whether two activities look alike: enough shared meaningful words (Jaccard ≥ 0.3, or ≥ 3 words). */
export function similarActivity(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  const wa = words(a);
  const wb = words(b);
  const shared = [...wa].filter((w) => wb.has(w)).length;
  const union = new Set([...wa, ...wb]).size;
  return shared >= 3 || (union > 0 && shared / union >= 0.3);
}

/**
 * One-off funding: an earlier award from the same fund to the same organisation for a similar activity is
 * for a person to judge, so it gives needs_review naming the award, never a silent pass or fail.
 */
export function oneOffRule(f: EligibilityFacts): RuleResult {
  const mine = [f.application.title, ...f.application.activities.map((a) => a.description)];
  const earlier = f.earlierAwards.filter(
    (a) =>
      a.fundId === f.round.fundId &&
      a.organisationId === f.organisation.id &&
      similarActivity(mine, [a.title, ...a.activities]),
  );
  const evidence = {
    earlierAwardsConsidered: f.earlierAwards.length,
    similarEarlierAwards: earlier.map((a) => ({ id: a.id, reference: a.reference, title: a.title })),
  };
  if (earlier.length) {
    return result(
      'one_off',
      'needs_review',
      `The organisation has an earlier award from this fund for a similar activity: ${earlier.map((a) => `${a.reference} "${a.title}"`).join('; ')}. An officer must decide whether this is a renewal, which one-off funding does not allow.`,
      evidence,
    );
  }
  return result(
    'one_off',
    'pass',
    'The organisation has no earlier award from this fund for a similar activity.',
    evidence,
  );
}

/** The smallest number of unrelated committee members a small group needs. */
export const MIN_UNRELATED_COMMITTEE_MEMBERS = 3;

/**
 * The documents still to send, in words: a governing document, the latest accounts or a bank statement,
 * and a safeguarding policy once the application says children or adults at risk are involved.
 */
export function missingDocuments(kinds: readonly string[], involvesAtRisk: boolean | null): string[] {
  const present = new Set(kinds);
  const missing: string[] = [];
  if (!GOVERNING_DOCUMENT_KINDS.some((k) => present.has(k))) missing.push('governing document');
  if (!present.has(FINANCIAL_EVIDENCE_KIND)) missing.push('latest accounts or a bank statement');
  if (involvesAtRisk && !present.has(SAFEGUARDING_POLICY_KIND)) missing.push('safeguarding policy');
  return missing;
}

/**
 * The documents the legal form and the activity call for: a governing document, the latest accounts or a
 * bank statement, and a safeguarding policy where children or adults at risk are involved. A small
 * unregistered group also answers a proportionate checklist instead of giving registry numbers.
 */
export function documentsRule(f: EligibilityFacts): RuleResult {
  const present = new Set(f.documentKinds);
  const unanswered: string[] = [];
  const failedChecks: string[] = [];
  const atRisk = f.application.involvesChildrenOrAdultsAtRisk;
  const missing = missingDocuments(f.documentKinds, atRisk);
  if (atRisk === null) unanswered.push('whether children or adults at risk are involved');

  const smallGroup = SMALL_GROUP_LEGAL_FORMS.includes(f.organisation.legalForm);
  if (smallGroup) {
    const c = f.application.groupChecklist;
    if (c.constitutionHasDissolutionClause === null)
      unanswered.push('whether the constitution has a dissolution clause');
    else if (!c.constitutionHasDissolutionClause)
      failedChecks.push('the constitution has no dissolution clause');
    if (c.unrelatedCommitteeMembers === null)
      unanswered.push('how many unrelated committee members the group has');
    else if (c.unrelatedCommitteeMembers < MIN_UNRELATED_COMMITTEE_MEMBERS) {
      failedChecks.push(
        `the group has ${c.unrelatedCommitteeMembers} unrelated committee member${c.unrelatedCommitteeMembers === 1 ? '' : 's'}, fewer than ${MIN_UNRELATED_COMMITTEE_MEMBERS}`,
      );
    }
    if (c.bankAccountInGroupName === null)
      unanswered.push('whether the group has a bank account in its own name');
    else if (!c.bankAccountInGroupName) failedChecks.push('the group has no bank account in its own name');
  }
  const evidence = {
    documentKinds: [...present],
    involvesChildrenOrAdultsAtRisk: atRisk,
    smallGroupChecklist: smallGroup ? { ...f.application.groupChecklist } : null,
    missing,
    unanswered,
    failedChecks,
  };
  const problems = [...(missing.length ? [`missing: ${missing.join(', ')}`] : []), ...failedChecks];
  if (problems.length) {
    return result('documents', 'fail', `Due diligence is not met: ${problems.join('; ')}.`, evidence);
  }
  if (unanswered.length) {
    return result(
      'documents',
      'needs_review',
      `The application does not yet say ${unanswered.join(', or ')}.`,
      evidence,
    );
  }
  return result(
    'documents',
    'pass',
    'The documents and checks the legal form and activity call for are present.',
    evidence,
  );
}

const RULES: Record<EligibilityRule, (f: EligibilityFacts) => RuleResult> = {
  area: areaRule,
  objectives: objectivesRule,
  amount: amountRule,
  budget_adds_up: budgetAddsUpRule,
  disallowed_costs: disallowedCostsRule,
  project_dates: projectDatesRule,
  legal_form: legalFormRule,
  exit_plan: exitPlanRule,
  one_off: oneOffRule,
  documents: documentsRule,
};

/** Fail if any rule fails, else needs_review if any needs review, else pass. */
export function overallOutcome(results: readonly Pick<RuleResult, 'outcome'>[]): EligibilityOutcome {
  if (results.some((r) => r.outcome === 'fail')) return 'fail';
  if (results.some((r) => r.outcome === 'needs_review')) return 'needs_review';
  return 'pass';
}

export interface EligibilityReport {
  outcome: EligibilityOutcome;
  results: RuleResult[];
}

/** Every rule kind, in order, and the overall outcome. */
export function runEligibilityRules(f: EligibilityFacts): EligibilityReport {
  const results = ELIGIBILITY_RULES.map((rule) => RULES[rule](f));
  return { outcome: overallOutcome(results), results };
}
