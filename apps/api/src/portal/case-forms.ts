import {
  RecommendationCommand,
  RECOMMENDATION_OUTCOMES,
  RecommendationOutcome,
  ScreeningCommand,
} from '@grants/assessment';
import { DECISION_OUTCOMES, DecisionCommand, DecisionOutcome } from '@grants/awards';
import { REQUESTABLE_ANSWERS, RequestableAnswer } from '@grants/applications';
import { DomainError, FieldError } from '@grants/common';
import { ELIGIBILITY_RULES } from '@grants/eligibility';
import { FormProblem } from './account-forms';
import { parsePounds } from './application-form';
import { field, fields, FormBody } from './form-body';

/** What an officer's form says, checked: the command for the service, or the problems to show. */
export interface CaseForm<T> {
  command: T | null;
  problems: FormProblem[];
}

const text = (body: FormBody | undefined, name: string): string => field(body, name).trim();
const done = <T>(command: T, problems: FormProblem[]): CaseForm<T> =>
  problems.length ? { command: null, problems } : { command, problems };

export function readConflict(
  body: FormBody | undefined,
): CaseForm<{ hasConflict: boolean; details?: string }> {
  const answer = text(body, 'hasConflict');
  const details = text(body, 'details');
  const problems: FormProblem[] = [];
  if (answer !== 'yes' && answer !== 'no') {
    problems.push({ field: 'hasConflict', message: 'Select whether you have a conflict of interest' });
  } else if (answer === 'yes' && !details) {
    problems.push({ field: 'details', message: 'Say what the conflict of interest is' });
  }
  return done({ hasConflict: answer === 'yes', ...(answer === 'yes' ? { details } : {}) }, problems);
}

export function readScreening(body: FormBody | undefined): CaseForm<ScreeningCommand> {
  const outcome = text(body, 'outcome');
  const problems: FormProblem[] = [];
  if (outcome !== 'eligible' && outcome !== 'ineligible') {
    problems.push({ field: 'outcome', message: 'Select whether the application is eligible' });
  }
  const overrides: NonNullable<ScreeningCommand['overrides']> = [];
  for (const rule of ELIGIBILITY_RULES) {
    const to = text(body, `override-${rule}`);
    if (!to) continue;
    const reason = text(body, `override-${rule}-reason`);
    if (to !== 'pass' && to !== 'fail') continue;
    if (!reason)
      problems.push({
        field: `override-${rule}-reason`,
        message: `Give the reason for overriding the ${rule.replace(/_/g, ' ')} rule`,
      });
    overrides.push({ rule, outcome: to, reason });
  }
  const reasons = text(body, 'reasons');
  if (outcome === 'ineligible' && !reasons) {
    problems.push({ field: 'reasons', message: 'Give the reasons the applicant will read' });
  }
  return done(
    { outcome: outcome as ScreeningCommand['outcome'], ...(reasons ? { reasons } : {}), overrides },
    problems,
  );
}

/** A score box: '' is not yet scored; anything else must be one of the scale's whole numbers. */
function score(value: string): number | null | undefined {
  if (value === '') return null;
  return /^[0-5]$/.test(value) ? Number(value) : undefined;
}

export function readScores(
  body: FormBody | undefined,
  criterionIds: readonly string[],
): CaseForm<{
  scores: { criterionId: string; score: number | null; comment: string | null }[];
  submit: boolean;
}> {
  const problems: FormProblem[] = [];
  const scores = criterionIds.map((criterionId) => {
    const value = score(text(body, `score-${criterionId}`));
    if (value === undefined)
      problems.push({ field: `score-${criterionId}`, message: 'Choose a score from 0 to 5' });
    return { criterionId, score: value ?? null, comment: text(body, `comment-${criterionId}`) || null };
  });
  return done({ scores, submit: text(body, 'action') === 'submit' }, problems);
}

export function readRecommendation(
  body: FormBody | undefined,
  criterionIds: readonly string[],
  objectiveIds: readonly string[],
): CaseForm<RecommendationCommand> {
  const problems: FormProblem[] = [];
  const moderatedScores = criterionIds.map((criterionId) => {
    const value = score(text(body, `moderated-${criterionId}`));
    if (value === undefined || value === null) {
      problems.push({
        field: `moderated-${criterionId}`,
        message: 'Give a moderated score from 0 to 5 for every criterion',
      });
    }
    return { criterionId, score: value ?? null, comment: null };
  });
  const outcome = text(body, 'outcome');
  if (!RECOMMENDATION_OUTCOMES.includes(outcome as RecommendationOutcome)) {
    problems.push({ field: 'outcome', message: 'Select your recommendation' });
  }
  let amountPence: number | undefined;
  if (outcome === 'fund_in_part') {
    const amount = parsePounds(text(body, 'amount'));
    if (amount === null) problems.push({ field: 'amount', message: 'Enter the amount to fund, in pounds' });
    else amountPence = amount;
  }
  const summary = text(body, 'summary');
  if (!summary) problems.push({ field: 'summary', message: 'Summarise the panel’s view' });
  const reasons = objectiveIds
    .map((objectiveId) => ({ objectiveId, reason: text(body, `reason-${objectiveId}`) }))
    .filter((r) => r.reason);
  if (reasons.length === 0 && objectiveIds.length) {
    problems.push({
      field: `reason-${objectiveIds[0]}`,
      message: 'Give the reasons, against at least one objective',
    });
  }
  return done(
    {
      moderatedScores,
      outcome: outcome as RecommendationOutcome,
      ...(amountPence !== undefined ? { amountPence } : {}),
      summary,
      reasons,
    },
    problems,
  );
}

const lines = (value: string): string[] =>
  value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export function readInformationRequest(
  body: FormBody | undefined,
): CaseForm<{ answers: RequestableAnswer[]; message: string }> {
  const answers = fields(body, 'answers').filter((a): a is RequestableAnswer =>
    REQUESTABLE_ANSWERS.includes(a as RequestableAnswer),
  );
  const message = text(body, 'message');
  const problems: FormProblem[] = [];
  if (answers.length === 0)
    problems.push({ field: 'answers', message: 'Select the answers the applicant may change' });
  if (!message) problems.push({ field: 'message', message: 'Say what you need to know' });
  return done({ answers: [...new Set(answers)], message }, problems);
}

export function readDecision(body: FormBody | undefined): CaseForm<DecisionCommand> {
  const problems: FormProblem[] = [];
  const outcome = text(body, 'outcome');
  if (!DECISION_OUTCOMES.includes(outcome as DecisionOutcome)) {
    problems.push({ field: 'outcome', message: 'Select your decision' });
  }
  const amountText = text(body, 'amount');
  const amount = amountText ? parsePounds(amountText) : null;
  if (amountText && amount === null)
    problems.push({ field: 'amount', message: 'Enter the amount in pounds, like 1500' });
  const reasons = text(body, 'reasons');
  if (!reasons) problems.push({ field: 'reasons', message: 'Give the reasons for the decision' });
  const specialConditions =
    outcome === 'award'
      ? [
          ...lines(text(body, 'conditionsBeforePayment')).map((t) => ({
            text: t,
            timing: 'before_payment' as const,
          })),
          ...lines(text(body, 'conditionsOngoing')).map((t) => ({ text: t, timing: 'ongoing' as const })),
        ]
      : [];
  return done(
    {
      outcome: outcome as DecisionOutcome,
      ...(outcome === 'award' && amount !== null ? { amountPence: amount } : {}),
      reasons,
      ...(specialConditions.length ? { specialConditions } : {}),
    },
    problems,
  );
}

/** The service's refusal as an error summary: its own words, and each field's reason beside them. */
export function refusalProblems(error: DomainError, field: string): FormProblem[] {
  const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const details: FieldError[] = error.fieldErrors;
  return details.length
    ? details.map((e) => ({ field, message: sentence(e.message) }))
    : [{ field, message: sentence(error.message) }];
}
