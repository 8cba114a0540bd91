import { addMonths, calendarDateIn, Clock } from '@grants/common';
import { TINY_PDF } from './api-world';
import { SeededReference } from './reference';
import { TestApp } from './test-app';

const DAY = 86_400_000;

/**
 * Every answer a submission needs, for a Street Pastors scheme in Malvern Hills starting a fortnight from the
 * app's clock and running six months, serving the first of the given objectives. No disallowed cost, so
 * with the three documents uploaded every eligibility rule passes.
 */
export function completeAnswers(
  t: TestApp,
  ref: SeededReference,
  objectiveIds: string[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = t.app.get(Clock).now();
  const start = calendarDateIn(new Date(now.getTime() + 14 * DAY), 'Europe/London');
  const end = calendarDateIn(new Date(Date.parse(`${addMonths(start, 6)}T12:00:00Z`) - DAY), 'UTC');
  const objective = ref.objectives.find((o) => o.id === objectiveIds[0])!;
  return {
    title: 'Malvern Street Pastors',
    summary: 'Trained volunteers on the streets of Great Malvern on Friday and Saturday nights.',
    activities: [{ description: 'Night-time patrols' }],
    objectives: [{ objectiveId: objective.id, contribution: 'Fewer alcohol-related assaults' }],
    successMeasures: [{ measureId: objective.measures[0]!.id, target: 40, baseline: 25 }],
    beneficiaryAreas: ['E07000235'],
    startDate: start,
    endDate: end,
    amountRequestedPence: 1_200_000,
    budgetLines: [
      { description: 'Radios', category: 'equipment', amountPence: 200_000 },
      { description: 'Volunteer training', category: 'training', amountPence: 1_000_000 },
    ],
    exitPlan: 'The town council has agreed to fund the scheme when this grant ends.',
    safeguarding: { confirmed: true, policyNotes: 'DBS checked', involvesChildrenOrAdultsAtRisk: true },
    declarations: {
      informationTrue: true,
      oneOffUnderstood: true,
      conditionsUnderstood: true,
      dataProtection: true,
    },
    ...overrides,
  };
}

/** Uploads the documents the documents rule looks for: governing document, bank statement, safeguarding policy. */
export async function uploadRequiredDocuments(
  t: TestApp,
  token: string,
  applicationId: string,
): Promise<void> {
  for (const kind of ['governing_document', 'accounts_or_bank_statement', 'safeguarding_policy']) {
    const res = await t.request(
      'POST',
      `/api/v1/applications/${applicationId}/documents?kind=${kind}&fileName=${kind}.pdf`,
      undefined,
      { token, raw: TINY_PDF, headers: { 'content-type': 'application/pdf' } },
    );
    if (res.status !== 201) throw new Error(`document ${kind}: ${res.status} ${res.text}`);
  }
}

/** A complete application, saved and submitted over HTTP by a member of the organisation; returns its id. */
export async function submitApplication(
  t: TestApp,
  token: string,
  input: {
    organisationId: string;
    roundId: string;
    ref: SeededReference;
    objectiveIds: string[];
    answers?: Record<string, unknown>;
    documents?: boolean;
  },
): Promise<string> {
  const created = await t.post(
    '/api/v1/applications',
    { organisationId: input.organisationId, roundId: input.roundId },
    { token },
  );
  if (created.status !== 201) throw new Error(`application: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const saved = await t.patch(
    `/api/v1/applications/${id}`,
    completeAnswers(t, input.ref, input.objectiveIds, input.answers),
    { token },
  );
  if (saved.status !== 200) throw new Error(`answers: ${saved.status} ${saved.text}`);
  if (input.documents ?? true) await uploadRequiredDocuments(t, token, id);
  const submitted = await t.post(`/api/v1/applications/${id}/submit`, undefined, { token });
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${submitted.text}`);
  return id;
}

async function ok(res: Promise<{ status: number; text: string; body: any }>, what: string): Promise<any> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.body;
}

/**
 * A submitted application taken through screening, one assessment (every criterion `score`) and a
 * recommendation by `officer`, ready for a decision; returns its id.
 */
export async function recommendApplication(
  t: TestApp,
  input: {
    applicantToken: string;
    officer: { userId: string; token: string };
    organisationId: string;
    roundId: string;
    ref: SeededReference;
    objectiveIds: string[];
    score?: number;
    recommendation?: { outcome: string; amountPence?: number };
    answers?: Record<string, unknown>;
  },
): Promise<string> {
  const id = await submitApplication(t, input.applicantToken, input);
  const as = { token: input.officer.token };
  const app = (rest: string) => `/api/v1/applications/${id}${rest}`;
  await ok(t.post(app('/conflict-declarations'), { hasConflict: false }, as), 'declaration');
  // The same organisation applies again and again in these tests; the one-off rule rightly asks an officer
  // to look at the earlier awards, and the officer here decides each is a different activity.
  const eligibility = await ok(t.get(app('/eligibility'), as), 'eligibility');
  const oneOff = eligibility.items.at(-1).results.find((r: { rule: string }) => r.rule === 'one_off');
  const overrides =
    oneOff.outcome === 'pass' ? [] : [{ rule: 'one_off', outcome: 'pass', reason: 'A different activity' }];
  await ok(t.post(app('/screening'), { outcome: 'eligible', overrides }, as), 'screening');
  await ok(t.post(app('/assessors'), { assessorIds: [input.officer.userId] }, as), 'assessors');
  const round = await ok(t.get(`/api/v1/rounds/${input.roundId}`, as), 'round');
  const score = input.score ?? 4;
  await ok(
    t.put(
      app('/assessments/mine'),
      {
        scores: round.criteria.map((c: { id: string }) => ({
          criterionId: c.id,
          score,
          comment: 'Assessed',
        })),
        submit: true,
      },
      as,
    ),
    'assessment',
  );
  await ok(
    t.post(
      app('/recommendation'),
      {
        moderatedScores: round.criteria.map((c: { id: string }) => ({ criterionId: c.id, score })),
        ...(input.recommendation ?? { outcome: 'fund_in_full' }),
        summary: 'Recommended by the panel.',
        reasons: [{ objectiveId: input.objectiveIds[0], reason: 'Serves the objective directly.' }],
      },
      as,
    ),
    'recommendation',
  );
  return id;
}

/** A recommended application awarded by `approver` (who declares no conflict first); returns the decision. */
export async function awardApplication(
  t: TestApp,
  applicationId: string,
  approver: { token: string },
  decision: Record<string, unknown> = {},
): Promise<any> {
  const as = { token: approver.token };
  await ok(
    t.post(`/api/v1/applications/${applicationId}/conflict-declarations`, { hasConflict: false }, as),
    'approver declaration',
  );
  return ok(
    t.post(
      `/api/v1/applications/${applicationId}/decision`,
      { outcome: 'award', reasons: 'Meets the plan’s objectives.', ...decision },
      as,
    ),
    'decision',
  );
}

/** The grant holder's signatory accepts an offer (the decision's award), confirming every condition. */
export async function acceptOffer(
  t: TestApp,
  award: { id: string; amountPence: number; conditions: { id: string }[] },
  signatory: { token: string },
): Promise<any> {
  return ok(
    t.post(
      `/api/v1/awards/${award.id}/accept`,
      {
        amountPence: award.amountPence,
        signatoryName: 'Ada Applicant',
        signatoryPosition: 'Chair',
        acceptedConditionIds: award.conditions.map((c) => c.id),
      },
      signatory,
    ),
    'acceptance',
  );
}
