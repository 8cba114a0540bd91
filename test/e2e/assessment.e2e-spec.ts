import { Role } from '@grants/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY, TINY_PDF } from '../support/api-world';
import { submitApplication } from '../support/applications';
import { dbFingerprint } from '../support/db-fingerprint';
import { problemShapeErrors } from '../support/problems';
import { createOpenRound, seedReference, SeededReference } from '../support/reference';
import { createTestApp, HttpResult, TestApp } from '../support/test-app';

const API = '/api/v1';
const DAY = 86_400_000;

interface Person {
  userId: string;
  email: string;
  token: string;
}

/**
 * Screening, information requests and assessment, end to end over HTTP: an eligible application goes
 * through screening (with an overridden rule), two assessors (one declares a conflict and is blocked),
 * moderation and recommendation, and appears in the ranking with the right running totals; an ineligible
 * one comes back with reasons; an information request round-trips.
 */
describe('screening and assessment', () => {
  let t: TestApp;
  let ref: SeededReference;
  let applicant: Person;
  let stranger: Person;
  let admin: Person;
  let screener: Person;
  let assessorA: Person;
  let assessorB: Person;
  let assessorC: Person;
  let lead: Person;
  let organisationId: string;
  let roundId: string;
  let objectiveIds: string[];

  const as = (who: Person) => ({ token: who.token });
  const app = (id: string, rest = '') => `${API}/applications/${id}${rest}`;
  const expectProblem = (res: HttpResult, status: number) => {
    expect(res.status, res.text).toBe(status);
    expect(problemShapeErrors(res)).toEqual([]);
  };

  async function submitted(answers: Record<string, unknown> = {}, round = roundId): Promise<string> {
    return submitApplication(t, applicant.token, {
      organisationId,
      roundId: round,
      ref,
      objectiveIds,
      answers,
    });
  }

  async function declare(who: Person, id: string, hasConflict = false, details?: string): Promise<void> {
    const res = await t.post(app(id, '/conflict-declarations'), { hasConflict, details }, as(who));
    expect(res.status, res.text).toBe(201);
  }

  async function screenEligible(id: string): Promise<void> {
    await declare(screener, id);
    const res = await t.post(app(id, '/screening'), { outcome: 'eligible' }, as(screener));
    expect(res.status, res.text).toBe(200);
  }

  async function criteriaOf(round = roundId): Promise<{ id: string; title: string; weight: number }[]> {
    return (await t.get(`${API}/rounds/${round}`, as(admin))).body.criteria;
  }

  /** Every criterion scored `score` with a comment, and submitted. */
  async function scoreAll(who: Person, id: string, score: number, round = roundId): Promise<HttpResult> {
    const criteria = await criteriaOf(round);
    return t.put(
      app(id, '/assessments/mine'),
      {
        scores: criteria.map((c) => ({ criterionId: c.id, score, comment: `Scored ${score}` })),
        submit: true,
      },
      as(who),
    );
  }

  /** Screen, one assessor scores everything `score`, the lead recommends. */
  async function assessToRecommendation(
    id: string,
    score: number,
    recommendation: { outcome: string; amountPence?: number },
    round = roundId,
  ): Promise<HttpResult> {
    await screenEligible(id);
    expect(
      (await t.post(app(id, '/assessors'), { assessorIds: [assessorA.userId] }, as(screener))).status,
    ).toBe(200);
    await declare(assessorA, id);
    expect((await scoreAll(assessorA, id, score, round)).status).toBe(200);
    await declare(lead, id);
    const criteria = await criteriaOf(round);
    return t.post(
      app(id, '/recommendation'),
      {
        moderatedScores: criteria.map((c) => ({ criterionId: c.id, score })),
        ...recommendation,
        summary: 'Moderated by the panel.',
        reasons: [{ objectiveId: objectiveIds[0], reason: 'Serves the objective directly.' }],
      },
      as(lead),
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    ref = await seedReference(t);
    admin = await createStaffUser(t, [Role.Admin]);
    screener = await createStaffUser(t, [Role.Officer], { displayName: 'Sam Screener' });
    assessorA = await createStaffUser(t, [Role.Officer], { displayName: 'Ann Assessor' });
    assessorB = await createStaffUser(t, [Role.Officer], { displayName: 'Ben Conflicted' });
    assessorC = await createStaffUser(t, [Role.Officer], { displayName: 'Cat Assessor' });
    lead = await createStaffUser(t, [Role.Officer], { displayName: 'Lee Lead' });
    applicant = await registerApplicant(t, { displayName: 'Ada Applicant' });
    stranger = await registerApplicant(t, { displayName: 'Another Applicant' });
    const round = await createOpenRound(t);
    roundId = round.id;
    objectiveIds = round.objectiveIds;
    const org = await t.post(`${API}/organisations`, ORGANISATION_BODY, as(applicant));
    expect(org.status, org.text).toBe(201);
    organisationId = org.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('assessment criteria on rounds', () => {
    it('gives a new round the six default criteria, weighted, in order; anyone reading the round sees them', async () => {
      const res = await t.get(`${API}/rounds/${roundId}`);
      expect(res.status).toBe(200);
      expect(res.body.criteria.map((c: { title: string }) => c.title)).toEqual([
        "Fit with the plan's objectives",
        'Evidence of need',
        "Deliverability and the group's capacity",
        'Value for money',
        'Sustainability and the exit plan',
        'Partnership working',
      ]);
      expect(res.body.criteria.map((c: { weight: number }) => c.weight)).toEqual([25, 20, 20, 15, 10, 10]);
      expect(res.body.criteria.map((c: { position: number }) => c.position)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(res.body.criteria[1].guidance).toMatch(/evidence/i);
    });

    it('takes custom criteria before the round opens, refuses bad ones, and freezes them once open', async () => {
      const now = Date.now();
      const body = {
        fundYearId: ref.fundYearId,
        planVersionId: ref.planVersionId,
        title: 'Custom criteria',
        opensAt: new Date(now + 10 * DAY).toISOString(),
        closesAt: new Date(now + 40 * DAY).toISOString(),
        minAwardPence: 50_000,
        maxAwardPence: 1_000_000,
        maxProjectMonths: 12,
        acceptanceWindowDays: 28,
        objectiveIds: [objectiveIds[0]],
        criteria: [
          { title: ' Need ', weight: 60 },
          { title: 'Deliverability', guidance: 'A plan that works', weight: 40 },
        ],
      };
      const created = await t.post(`${API}/rounds`, body, as(admin));
      expect(created.status, created.text).toBe(201);
      expect(created.body.criteria).toMatchObject([
        { position: 1, title: 'Need', guidance: '', weight: 60 },
        { position: 2, title: 'Deliverability', guidance: 'A plan that works', weight: 40 },
      ]);

      const before = await dbFingerprint(t.dataSource);
      const repeated = await t.patch(
        `${API}/rounds/${created.body.id}`,
        {
          criteria: [
            { title: 'Need', weight: 50 },
            { title: 'need ', weight: 50 },
          ],
        },
        as(admin),
      );
      expectProblem(repeated, 422);
      expect(repeated.body.errors).toEqual([
        { field: 'criteria[1].title', message: 'repeats another criterion' },
      ]);
      const zero = await t.patch(
        `${API}/rounds/${created.body.id}`,
        { criteria: [{ title: 'X', weight: 0 }] },
        as(admin),
      );
      expectProblem(zero, 400);
      expect(zero.body.errors[0].field).toMatch(/criteria/);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);

      const changed = await t.patch(
        `${API}/rounds/${created.body.id}`,
        {
          criteria: [
            { title: 'Need', weight: 70 },
            { title: 'Deliverability', weight: 30 },
          ],
        },
        as(admin),
      );
      expect(changed.status, changed.text).toBe(200);
      expect(changed.body.criteria.map((c: { weight: number }) => c.weight)).toEqual([70, 30]);

      // The open round's criteria are promised to applicants.
      const frozen = await t.patch(
        `${API}/rounds/${roundId}`,
        { criteria: [{ title: 'Only this', weight: 1 }] },
        as(admin),
      );
      expectProblem(frozen, 409);
      expect(frozen.body.frozenFields).toEqual(['criteria']);
    });

    it('copies a round into the next: same terms, objectives, eligibility settings and criteria, a new window', async () => {
      const now = Date.now();
      const copy = await t.post(
        `${API}/rounds/${roundId}/copy`,
        {
          title: 'Next year’s round',
          opensAt: new Date(now + 100 * DAY).toISOString(),
          closesAt: new Date(now + 160 * DAY).toISOString(),
        },
        as(admin),
      );
      expect(copy.status, copy.text).toBe(201);
      const source = (await t.get(`${API}/rounds/${roundId}`, as(admin))).body;
      expect(copy.body.id).not.toBe(roundId);
      expect(copy.body.phase).toBe('draft');
      expect(copy.body.title).toBe('Next year’s round');
      for (const key of [
        'minAwardPence',
        'maxAwardPence',
        'maxProjectMonths',
        'acceptanceWindowDays',
        'objectiveIds',
        'acceptedLegalForms',
        'disallowedCostCategories',
      ]) {
        expect(copy.body[key], key).toEqual(source[key]);
      }
      const strip = (cs: { title: string; guidance: string; weight: number }[]) =>
        cs.map(({ title, guidance, weight }) => ({ title, guidance, weight }));
      expect(strip(copy.body.criteria)).toEqual(strip(source.criteria));
      expect(copy.body.criteria[0].id).not.toBe(source.criteria[0].id);

      const backwards = await t.post(
        `${API}/rounds/${roundId}/copy`,
        { opensAt: new Date(now + 10 * DAY).toISOString(), closesAt: new Date(now + 5 * DAY).toISOString() },
        as(admin),
      );
      expectProblem(backwards, 422);
      expect(backwards.body.errors).toEqual([{ field: 'closesAt', message: 'must be after opensAt' }]);
    });
  });

  describe('an eligible application, from screening to the ranking', () => {
    let id: string;

    it('is screened eligible once a failing rule is overridden with a reason, kept beside the automatic result', async () => {
      // No safeguarding policy uploaded: the documents rule fails.
      id = await submitApplication(t, applicant.token, {
        organisationId,
        roundId,
        ref,
        objectiveIds,
        documents: false,
      });
      const snapshot = (await t.get(app(id, '/eligibility'), as(screener))).body.items[0];
      expect(snapshot.results.find((r: { rule: string }) => r.rule === 'documents').outcome).toBe('fail');

      // Before declaring on conflicts of interest, the screener may not screen.
      const undeclared = await t.post(app(id, '/screening'), { outcome: 'eligible' }, as(screener));
      expectProblem(undeclared, 403);
      expect(undeclared.body.detail).toMatch(/conflict of interest/);
      await declare(screener, id);

      const before = await dbFingerprint(t.dataSource);
      const refused = await t.post(app(id, '/screening'), { outcome: 'eligible' }, as(screener));
      expectProblem(refused, 422);
      expect(refused.body.errors).toEqual([
        { field: 'outcome', message: expect.stringContaining('documents rule fails') },
      ]);
      const unknownRule = await t.post(
        app(id, '/screening'),
        { outcome: 'eligible', overrides: [{ rule: 'area', outcome: 'pass', reason: 'x' }] },
        as(screener),
      );
      expectProblem(unknownRule, 422);
      expect(unknownRule.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'overrides[0].outcome',
        'outcome',
      ]);
      const noReason = await t.post(
        app(id, '/screening'),
        { outcome: 'eligible', overrides: [{ rule: 'documents', outcome: 'pass', reason: '' }] },
        as(screener),
      );
      expectProblem(noReason, 400);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);

      const res = await t.post(
        app(id, '/screening'),
        {
          outcome: 'eligible',
          overrides: [
            {
              rule: 'documents',
              outcome: 'pass',
              reason: '  The safeguarding policy was seen on the earlier visit. ',
            },
          ],
        },
        as(screener),
      );
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({
        outcome: 'eligible',
        eligibilityResultId: snapshot.id,
        screenedBy: screener.userId,
      });
      expect(res.body.rules.find((r: { rule: string }) => r.rule === 'documents')).toMatchObject({
        automaticOutcome: 'fail',
        outcome: 'pass',
        overridden: true,
        overrideReason: 'The safeguarding policy was seen on the earlier visit.',
      });
      expect((await t.get(app(id), as(applicant))).body.status).toBe('in_assessment');

      const again = await t.post(app(id, '/screening'), { outcome: 'eligible' }, as(screener));
      expectProblem(again, 409);
      expect(again.body.currentStatus).toBe('in_assessment');

      const officerTimeline = (await t.get(app(id, '/timeline'), as(screener))).body.items;
      const override = officerTimeline.find(
        (e: { action: string }) => e.action === 'eligibility.rule_overridden',
      );
      expect(override).toMatchObject({
        reason: 'The safeguarding policy was seen on the earlier visit.',
        actor: { userId: screener.userId, displayName: 'Sam Screener', role: 'officer' },
        data: {
          rule: 'documents',
          automaticOutcome: 'fail',
          outcome: 'pass',
          eligibilityResultId: snapshot.id,
        },
      });
      expect(override.data.automaticReason).toMatch(/safeguarding policy/);
      expect(
        officerTimeline.find((e: { action: string }) => e.action === 'application.screened'),
      ).toMatchObject({
        fromStatus: 'submitted',
        toStatus: 'in_assessment',
      });
    });

    it('lets the applicant see the outcome but neither the override reasons nor who screened', async () => {
      const res = await t.get(app(id, '/screening'), as(applicant));
      expect(res.status).toBe(200);
      expect(res.body.outcome).toBe('eligible');
      expect(res.body.screenedBy).toBeUndefined();
      expect(res.body.eligibilityResultId).toBeUndefined();
      for (const r of res.body.rules) expect(r).not.toHaveProperty('overrideReason');
      expectProblem(await t.get(app(id, '/screening'), as(stranger)), 404);
    });

    it('assigns assessors; one declares a conflict and is blocked from scoring and from seeing scores', async () => {
      const assigned = await t.post(
        app(id, '/assessors'),
        { assessorIds: [assessorA.userId, assessorB.userId, assessorC.userId] },
        as(screener),
      );
      expect(assigned.status, assigned.text).toBe(200);
      expect(assigned.body.items.map((a: { state: string }) => a.state)).toEqual([
        'no_declaration',
        'no_declaration',
        'no_declaration',
      ]);

      const before = await dbFingerprint(t.dataSource);
      const twice = await t.post(app(id, '/assessors'), { assessorIds: [assessorA.userId] }, as(screener));
      expectProblem(twice, 422);
      expect(twice.body.errors).toEqual([
        { field: 'assessorIds[0]', message: 'Ann Assessor is already assigned' },
      ]);
      const notOfficer = await t.post(app(id, '/assessors'), { assessorIds: [admin.userId] }, as(screener));
      expectProblem(notOfficer, 422);
      expect(notOfficer.body.errors[0].message).toBe('is not an active officer');
      // Scores are hidden until the assessor declares.
      expectProblem(await t.get(app(id, '/assessments'), as(assessorA)), 403);
      expectProblem(await scoreAll(assessorA, id, 4), 403);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);

      const noDetails = await t.post(app(id, '/conflict-declarations'), { hasConflict: true }, as(assessorB));
      expectProblem(noDetails, 400);
      expect(noDetails.body.errors).toEqual([
        { field: 'details', message: expect.stringMatching(/conflict/) },
      ]);
      await declare(assessorB, id, true, 'I am a trustee of the applying association.');
      const scoring = await scoreAll(assessorB, id, 5);
      expectProblem(scoring, 403);
      expect(scoring.body.detail).toMatch(/declared a conflict of interest/);
      expectProblem(await t.get(app(id, '/assessments'), as(assessorB)), 403);
      const withdrawn = await t.post(
        app(id, '/conflict-declarations'),
        { hasConflict: false },
        as(assessorB),
      );
      expectProblem(withdrawn, 409);
      const list = (await t.get(app(id, '/assessors'), as(screener))).body.items;
      expect(list.find((a: { assessorId: string }) => a.assessorId === assessorB.userId).state).toBe(
        'conflict',
      );

      // A declared conflict is recorded and stops a later assignment too.
      const declarations = (await t.get(app(id, '/conflict-declarations'), as(screener))).body.items;
      expect(declarations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            userId: assessorB.userId,
            hasConflict: true,
            details: expect.stringMatching(/trustee/),
          }),
        ]),
      );
    });

    it('keeps each assessor’s scores from the others until they have submitted their own', async () => {
      await declare(assessorA, id);
      await declare(assessorC, id);
      const criteria = await criteriaOf();
      const partial = await t.put(
        app(id, '/assessments/mine'),
        { scores: [{ criterionId: criteria[0]!.id, score: 4, comment: 'Strong fit' }] },
        as(assessorA),
      );
      expect(partial.status, partial.text).toBe(200);
      expect(partial.body).toMatchObject({ state: 'scoring', submittedAt: null, weightedScore: null });
      expect(partial.body.scores).toEqual([
        { criterionId: criteria[0]!.id, score: 4, comment: 'Strong fit' },
      ]);

      const incomplete = await t.put(
        app(id, '/assessments/mine'),
        { scores: [], submit: true },
        as(assessorA),
      );
      expectProblem(incomplete, 422);
      expect(incomplete.body.errors).toHaveLength(5);
      const outOfRange = await t.put(
        app(id, '/assessments/mine'),
        { scores: [{ criterionId: criteria[1]!.id, score: 6, comment: 'x' }] },
        as(assessorA),
      );
      expectProblem(outOfRange, 400);
      expect(outOfRange.body.errors[0].field).toMatch(/scores\.0\.score|scores\[0\]\.score/);

      // A: 4 on everything; C: 2 on everything.
      const a = await scoreAll(assessorA, id, 4);
      expect(a.status, a.text).toBe(200);
      expect(a.body).toMatchObject({ state: 'submitted', weightedScore: 4 });
      expectProblem(await scoreAll(assessorA, id, 5), 409);

      const cSees = (await t.get(app(id, '/assessments'), as(assessorC))).body;
      expect(
        cSees.assessments.find((x: { assessorId: string }) => x.assessorId === assessorA.userId),
      ).toMatchObject({
        state: 'submitted',
        scores: null,
        weightedScore: null,
      });
      expect(cSees.meanScores).toBeNull();

      expect((await scoreAll(assessorC, id, 2)).status).toBe(200);
      const after = (await t.get(app(id, '/assessments'), as(assessorC))).body;
      expect(
        after.assessments.find((x: { assessorId: string }) => x.assessorId === assessorA.userId).scores,
      ).toHaveLength(6);
      expect(after.meanScores.every((m: { mean: number }) => m.mean === 3)).toBe(true);
      expect(
        after.assessments.find((x: { assessorId: string }) => x.assessorId === assessorB.userId),
      ).toMatchObject({
        state: 'conflict',
        scores: null,
      });
    });

    it('never shows the applicant scores, assessors, conflicts or who the officers were', async () => {
      expectProblem(await t.get(app(id, '/assessments'), as(applicant)), 403);
      expectProblem(await t.get(app(id, '/assessors'), as(applicant)), 403);
      expectProblem(await t.get(app(id, '/conflict-declarations'), as(applicant)), 403);
      const timeline = (await t.get(app(id, '/timeline'), as(applicant))).body.items;
      const actions = timeline.map((e: { action: string }) => e.action);
      expect(actions).toContain('application.screened');
      expect(actions.filter((a: string) => /^(assessment|conflict|eligibility)\./.test(a))).toEqual([]);
      for (const e of timeline.filter((x: { actor: { role: string } }) => x.actor.role !== 'applicant')) {
        expect(e.actor).toEqual({ userId: null, displayName: null, role: e.actor.role });
      }
      const officerActions = (await t.get(app(id, '/timeline'), as(screener))).body.items.map(
        (e: { action: string }) => e.action,
      );
      expect(officerActions).toEqual(
        expect.arrayContaining([
          'conflict.declared',
          'assessment.assessors_assigned',
          'assessment.submitted',
        ]),
      );
    });

    it('takes the lead officer’s moderated result and recommendation, with reasons tied to objectives', async () => {
      const criteria = await criteriaOf();
      const body = {
        moderatedScores: criteria.map((c, i) => ({ criterionId: c.id, score: i < 2 ? 4 : 3 })),
        outcome: 'fund_in_part',
        amountPence: 800_000,
        summary: 'A strong scheme; the radios are funded from elsewhere.',
        reasons: [
          { objectiveId: objectiveIds[0], reason: 'Fewer alcohol-related assaults in Great Malvern.' },
        ],
      };
      expectProblem(await t.post(app(id, '/recommendation'), body, as(lead)), 403);
      await declare(lead, id);

      const before = await dbFingerprint(t.dataSource);
      const tooMuch = await t.post(app(id, '/recommendation'), { ...body, amountPence: 1_200_000 }, as(lead));
      expectProblem(tooMuch, 422);
      expect(tooMuch.body.errors[0].field).toBe('amountPence');
      const wrongObjective = await t.post(
        app(id, '/recommendation'),
        { ...body, reasons: [{ objectiveId: objectiveIds[1], reason: 'Not one it serves' }] },
        as(lead),
      );
      expectProblem(wrongObjective, 422);
      expect(wrongObjective.body.errors).toEqual([
        { field: 'reasons[0].objectiveId', message: 'is not one of the objectives the application serves' },
      ]);
      const missing = await t.post(
        app(id, '/recommendation'),
        { ...body, moderatedScores: body.moderatedScores.slice(1) },
        as(lead),
      );
      expectProblem(missing, 422);
      expect(missing.body.errors[0].message).toMatch(/needs a moderated score/);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);

      const res = await t.post(app(id, '/recommendation'), body, as(lead));
      expect(res.status, res.text).toBe(201);
      // (4×25 + 4×20 + 3×20 + 3×15 + 3×10 + 3×10) / (5×100) = 345/500 → 3.45 out of 5.
      expect(res.body).toMatchObject({
        outcome: 'fund_in_part',
        amountRequestedPence: 1_200_000,
        amountPence: 800_000,
        weightedPoints: 345,
        maxPoints: 500,
        moderatedScore: 3.45,
        recordedBy: lead.userId,
      });
      expect(res.body.reasons).toEqual([
        expect.objectContaining({
          objectiveId: objectiveIds[0],
          objectiveNumber: expect.any(Number),
          reason: 'Fewer alcohol-related assaults in Great Malvern.',
        }),
      ]);
      expect((await t.get(app(id), as(applicant))).body.status).toBe('recommended');
      expectProblem(await t.post(app(id, '/recommendation'), body, as(lead)), 409);
      expect((await t.get(app(id, '/recommendation'), as(lead))).body.id).toBe(res.body.id);
      expectProblem(await t.get(app(id, '/recommendation'), as(applicant)), 403);
      expectProblem(await t.get(app(id, '/recommendation'), as(assessorB)), 403);
    });

    it('refuses a recommendation while an assessor without a conflict has not submitted', async () => {
      const other = await submitted();
      await screenEligible(other);
      await t.post(
        app(other, '/assessors'),
        { assessorIds: [assessorA.userId, assessorC.userId] },
        as(screener),
      );
      await declare(assessorA, other);
      expect((await scoreAll(assessorA, other, 3)).status).toBe(200);
      await declare(lead, other);
      const criteria = await criteriaOf();
      const res = await t.post(
        app(other, '/recommendation'),
        {
          moderatedScores: criteria.map((c) => ({ criterionId: c.id, score: 3 })),
          outcome: 'refuse',
          summary: 'Refuse',
          reasons: [{ objectiveId: objectiveIds[0], reason: 'Weak' }],
        },
        as(lead),
      );
      expectProblem(res, 409);
      expect(res.body.detail).toBe('Waiting for Cat Assessor to submit their assessment');
    });
  });

  describe('the ranking', () => {
    it('orders the round’s assessed applications by moderated score with running totals against the money available', async () => {
      // A small fund whose year holds £20,000, so the money runs out inside the ranking.
      const fund = await t.post(
        `${API}/funds`,
        { key: 'ranking-test-fund', name: 'Ranking test fund' },
        as(admin),
      );
      expect(fund.status, fund.text).toBe(201);
      const year = await t.post(
        `${API}/funds/${fund.body.id}/years`,
        { label: '2026/27', startsOn: '2026-04-01', endsOn: '2027-03-31', capPence: 2_000_000 },
        as(admin),
      );
      expect(year.status, year.text).toBe(201);
      const round = await createOpenRound(t, { fundYearId: year.body.id, maxAwardPence: 1_500_000 });

      const full = await submitApplication(t, applicant.token, {
        organisationId,
        roundId: round.id,
        ref,
        objectiveIds,
      });
      const part = await submitApplication(t, applicant.token, {
        organisationId,
        roundId: round.id,
        ref,
        objectiveIds,
      });
      const beyond = await submitApplication(t, applicant.token, {
        organisationId,
        roundId: round.id,
        ref,
        objectiveIds,
      });
      const refused = await submitApplication(t, applicant.token, {
        organisationId,
        roundId: round.id,
        ref,
        objectiveIds,
      });
      expect((await assessToRecommendation(full, 5, { outcome: 'fund_in_full' }, round.id)).status).toBe(201);
      expect((await assessToRecommendation(beyond, 3, { outcome: 'fund_in_full' }, round.id)).status).toBe(
        201,
      );
      expect(
        (await assessToRecommendation(part, 4, { outcome: 'fund_in_part', amountPence: 800_000 }, round.id))
          .status,
      ).toBe(201);
      expect((await assessToRecommendation(refused, 1, { outcome: 'refuse' }, round.id)).status).toBe(201);
      // An application still in assessment is not ranked.
      const pending = await submitApplication(t, applicant.token, {
        organisationId,
        roundId: round.id,
        ref,
        objectiveIds,
      });
      await screenEligible(pending);

      expectProblem(await t.get(`${API}/rounds/${round.id}/ranking`, as(applicant)), 403);
      const res = await t.get(`${API}/rounds/${round.id}/ranking`, as(lead));
      expect(res.status, res.text).toBe(200);
      expect(res.body.fundYear).toMatchObject({
        capPence: 2_000_000,
        committedPence: 0,
        availablePence: 2_000_000,
      });
      expect(
        res.body.items.map((i: any) => [
          i.rank,
          i.applicationId,
          i.moderatedScore,
          i.outcome,
          i.recommendedAmountPence,
          i.runningTotalPence,
          i.withinAvailable,
        ]),
      ).toEqual([
        [1, full, 5, 'fund_in_full', 1_200_000, 1_200_000, true],
        [2, part, 4, 'fund_in_part', 800_000, 2_000_000, true],
        [3, beyond, 3, 'fund_in_full', 1_200_000, 3_200_000, false],
        [4, refused, 1, 'refuse', 0, 3_200_000, false],
      ]);
      expect(res.body).toMatchObject({
        lastWithinAvailableRank: 2,
        totalRecommendedPence: 3_200_000,
        shortfallPence: 1_200_000,
      });
      expect(res.body.items[0]).toMatchObject({
        reference: expect.stringMatching(/^CSF-\d{4}-\d{6}$/),
        organisationName: ORGANISATION_BODY.name,
        status: 'recommended',
        amountRequestedPence: 1_200_000,
      });
      expectProblem(await t.get(`${API}/rounds/${crypto.randomUUID()}/ranking`, as(lead)), 404);
    });
  });

  describe('an ineligible application', () => {
    it('comes back with the reasons the officer gave', async () => {
      const round = await createOpenRound(t, { disallowedCostCategories: ['equipment'] });
      const id = await submitApplication(t, applicant.token, {
        organisationId,
        roundId: round.id,
        ref,
        objectiveIds,
      });
      await declare(screener, id);
      const blank = await t.post(
        app(id, '/screening'),
        { outcome: 'ineligible', reasons: '   ' },
        as(screener),
      );
      expectProblem(blank, 422);
      expect(blank.body.errors).toEqual([{ field: 'reasons', message: expect.stringMatching(/why/) }]);

      const reasons = 'The round does not fund equipment, and radios are most of the budget.';
      const res = await t.post(app(id, '/screening'), { outcome: 'ineligible', reasons }, as(screener));
      expect(res.status, res.text).toBe(200);
      const seen = await t.get(app(id, '/screening'), as(applicant));
      expect(seen.body).toMatchObject({ outcome: 'ineligible', reasons });
      expect(seen.body.rules.find((r: { rule: string }) => r.rule === 'disallowed_costs')).toMatchObject({
        outcome: 'fail',
        overridden: false,
      });
      const application = (await t.get(app(id), as(applicant))).body;
      expect(application.status).toBe('ineligible');
      const timeline = (await t.get(app(id, '/timeline'), as(applicant))).body.items;
      expect(timeline.at(-1)).toMatchObject({
        action: 'application.screened',
        fromStatus: 'submitted',
        toStatus: 'ineligible',
        reason: reasons,
        actor: { userId: null, displayName: null, role: 'officer' },
      });
      expectProblem(await t.post(app(id, '/withdraw'), {}, as(applicant)), 409);
    });
  });

  describe('guards around the assessment', () => {
    it('keeps saved fields that a partial save leaves out, and lets an unsubmitted assessor be taken off', async () => {
      const id = await submitted();
      await screenEligible(id);
      await t.post(
        app(id, '/assessors'),
        { assessorIds: [assessorA.userId, assessorC.userId] },
        as(screener),
      );
      await declare(assessorA, id);
      const [first] = await criteriaOf();
      await t.put(
        app(id, '/assessments/mine'),
        { scores: [{ criterionId: first!.id, score: 2, comment: 'Thin' }] },
        as(assessorA),
      );
      const changed = await t.put(
        app(id, '/assessments/mine'),
        { scores: [{ criterionId: first!.id, score: 3 }] },
        as(assessorA),
      );
      expect(changed.body.scores).toEqual([{ criterionId: first!.id, score: 3, comment: 'Thin' }]);
      const cleared = await t.put(
        app(id, '/assessments/mine'),
        { scores: [{ criterionId: first!.id, comment: null }] },
        as(assessorA),
      );
      expect(cleared.body.scores).toEqual([{ criterionId: first!.id, score: 3, comment: null }]);

      const off = await t.delete(app(id, `/assessors/${assessorA.userId}`), as(screener));
      expect(off.status, off.text).toBe(200);
      expect(off.body.items.map((a: { assessorId: string }) => a.assessorId)).toEqual([assessorC.userId]);
      expectProblem(await t.delete(app(id, `/assessors/${assessorA.userId}`), as(screener)), 404);
      await declare(assessorC, id);
      expect((await scoreAll(assessorC, id, 4)).status).toBe(200);
      expectProblem(await t.delete(app(id, `/assessors/${assessorC.userId}`), as(screener)), 409);
    });

    it('does not let someone who has read the scores join in to score', async () => {
      const id = await submitted();
      await screenEligible(id);
      await t.post(app(id, '/assessors'), { assessorIds: [assessorA.userId] }, as(screener));
      await declare(assessorA, id);
      // While the assessor is still scoring, other officers see nothing of theirs.
      await declare(lead, id);
      const early = (await t.get(app(id, '/assessments'), as(lead))).body;
      expect(early.assessments[0].scores).toBeNull();
      expect((await scoreAll(assessorA, id, 4)).status).toBe(200);
      const late = (await t.get(app(id, '/assessments'), as(lead))).body;
      expect(late.assessments[0].scores).toHaveLength(6);
      const join = await t.post(app(id, '/assessors'), { assessorIds: [lead.userId] }, as(screener));
      expectProblem(join, 422);
      expect(join.body.errors[0].message).toMatch(/already seen the other assessors' scores/);
    });

    it('keeps a conflicted officer from steering: no assigning, no information requests, no scores in the ranking', async () => {
      const round = await createOpenRound(t);
      const id = await submitApplication(t, applicant.token, {
        organisationId,
        roundId: round.id,
        ref,
        objectiveIds,
      });
      const res = await assessToRecommendation(id, 4, { outcome: 'fund_in_full' }, round.id);
      expect(res.status, res.text).toBe(201);
      await declare(assessorB, id, true, 'My partner chairs the applying association.');
      expectProblem(
        await t.post(app(id, '/assessors'), { assessorIds: [assessorC.userId] }, as(assessorB)),
        409,
      );
      const ranking = (await t.get(`${API}/rounds/${round.id}/ranking`, as(assessorB))).body;
      expect(ranking.items[0]).toMatchObject({
        applicationId: id,
        moderatedScore: null,
        weightedPoints: null,
        recommendedAmountPence: 1_200_000,
      });
      expect((await t.get(`${API}/rounds/${round.id}/ranking`, as(lead))).body.items[0].moderatedScore).toBe(
        4,
      );
      const timeline = (await t.get(app(id, '/timeline'), as(assessorB))).body.items;
      expect(timeline.some((e: { action: string }) => e.action.startsWith('assessment.'))).toBe(false);
      expect(timeline.every((e: { data?: unknown }) => e.data === undefined)).toBe(true);

      const other = await submitted();
      await screenEligible(other);
      await declare(assessorB, other, true, 'Same association.');
      const asked = await t.post(
        app(other, '/information-requests'),
        { answers: ['summary'], message: 'Why?' },
        as(assessorB),
      );
      expectProblem(asked, 403);
      expect(asked.body.detail).toMatch(/conflict of interest/);
      const assign = await t.post(
        app(other, '/assessors'),
        { assessorIds: [assessorA.userId] },
        as(assessorB),
      );
      expectProblem(assign, 403);
    });

    it('refuses text that is only spaces, with a 400 naming the field', async () => {
      const id = await submitted();
      const before = await dbFingerprint(t.dataSource);
      const res = await t.post(
        app(id, '/information-requests'),
        { answers: ['summary'], message: '   ' },
        as(screener),
      );
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'message', message: 'message must not be blank' }]);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
    });

    it('holds a changed answer to the rules it is checked with, and will not fund what no longer passes screening', async () => {
      const round = await createOpenRound(t, { disallowedCostCategories: ['publicity'] });
      const id = await submitApplication(t, applicant.token, {
        organisationId,
        roundId: round.id,
        ref,
        objectiveIds,
      });
      await screenEligible(id);
      const asked = await t.post(
        app(id, '/information-requests'),
        { answers: ['amountRequestedPence'], message: 'Could you do it for less?' },
        as(screener),
      );
      expect(asked.status, asked.text).toBe(201);
      await t.patch(app(id), { amountRequestedPence: 900_000 }, as(applicant));
      const unbalanced = await t.post(
        app(id, `/information-requests/${asked.body.id}/response`),
        { response: 'Yes, £9,000' },
        as(applicant),
      );
      expectProblem(unbalanced, 422);
      expect(unbalanced.body.errors.map((e: { field: string }) => e.field)).toEqual(['budgetLines']);
      await t.patch(app(id), { amountRequestedPence: 1_200_000 }, as(applicant));
      expect(
        (
          await t.post(
            app(id, `/information-requests/${asked.body.id}/response`),
            { response: 'No' },
            as(applicant),
          )
        ).status,
      ).toBe(200);

      // A second request lets the budget change to a category this round does not fund.
      const again = await t.post(
        app(id, '/information-requests'),
        { answers: ['budgetLines'], message: 'Split it' },
        as(screener),
      );
      await t.patch(
        app(id),
        {
          budgetLines: [
            { description: 'Radios', category: 'equipment', amountPence: 200_000 },
            { description: 'Leaflets', category: 'publicity', amountPence: 1_000_000 },
          ],
        },
        as(applicant),
      );
      expect(
        (
          await t.post(
            app(id, `/information-requests/${again.body.id}/response`),
            { response: 'Split' },
            as(applicant),
          )
        ).status,
      ).toBe(200);
      await t.post(app(id, '/assessors'), { assessorIds: [assessorA.userId] }, as(screener));
      await declare(assessorA, id);
      expect((await scoreAll(assessorA, id, 4, round.id)).status).toBe(200);
      await declare(lead, id);
      const criteria = await criteriaOf(round.id);
      const body = {
        moderatedScores: criteria.map((c) => ({ criterionId: c.id, score: 4 })),
        outcome: 'fund_in_full',
        summary: 'Fund',
        reasons: [{ objectiveId: objectiveIds[0], reason: 'Good' }],
      };
      const drifted = await t.post(app(id, '/recommendation'), body, as(lead));
      expectProblem(drifted, 409);
      expect(drifted.body.driftedRules).toEqual(['disallowed_costs']);
      const refusal = await t.post(app(id, '/recommendation'), { ...body, outcome: 'refuse' }, as(lead));
      expect(refusal.status, refusal.text).toBe(201);
    });
  });

  describe('information requests', () => {
    it('round-trips: only the named answers change, then the application returns with a new snapshot', async () => {
      const id = await submitted();
      const asked = await t.post(
        app(id, '/information-requests'),
        {
          answers: ['budgetLines', 'documents'],
          message: 'Please split the training line and add a bank statement.',
        },
        as(screener),
      );
      expect(asked.status, asked.text).toBe(201);
      expect(asked.body).toMatchObject({
        status: 'open',
        returnStatus: 'submitted',
        requestedBy: screener.userId,
      });
      expect((await t.get(app(id), as(applicant))).body.status).toBe('information_requested');

      const before = await dbFingerprint(t.dataSource);
      const second = await t.post(
        app(id, '/information-requests'),
        { answers: ['title'], message: 'And?' },
        as(screener),
      );
      expectProblem(second, 409);
      const screening = await t.post(app(id, '/screening'), { outcome: 'eligible' }, as(screener));
      expectProblem(screening, 409);
      const outside = await t.patch(app(id), { title: 'A new title', budgetLines: [] }, as(applicant));
      expectProblem(outside, 409);
      expect(outside.body.errors).toEqual([
        { field: 'title', message: expect.stringMatching(/reopens only budgetLines, documents/) },
      ]);
      const badAnswer = await t.post(
        app(id, '/information-requests'),
        { answers: ['colour'], message: 'x' },
        as(screener),
      );
      expectProblem(badAnswer, 400);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);

      // The list seen by the applicant does not name the officer.
      const list = (await t.get(app(id, '/information-requests'), as(applicant))).body.items;
      expect(list).toHaveLength(1);
      expect(list[0].requestedBy).toBeUndefined();
      expect(list[0].message).toMatch(/training line/);

      const lines = [
        { description: 'Radios', category: 'equipment', amountPence: 200_000 },
        { description: 'Trainer', category: 'training', amountPence: 600_000 },
        { description: 'Course materials', category: 'materials', amountPence: 400_000 },
      ];
      const empty = await t.patch(app(id), { budgetLines: [] }, as(applicant));
      expect(empty.status, empty.text).toBe(200);
      const notReady = await t.post(
        app(id, `/information-requests/${asked.body.id}/response`),
        { response: 'Done' },
        as(applicant),
      );
      expectProblem(notReady, 422);
      expect(notReady.body.errors.map((e: { field: string }) => e.field)).toContain('budgetLines');

      expect((await t.patch(app(id), { budgetLines: lines }, as(applicant))).status).toBe(200);
      const upload = await t.request(
        'POST',
        app(id, '/documents?kind=accounts_or_bank_statement&fileName=march.pdf'),
        undefined,
        { token: applicant.token, raw: TINY_PDF, headers: { 'content-type': 'application/pdf' } },
      );
      expect(upload.status, upload.text).toBe(201);

      const answered = await t.post(
        app(id, `/information-requests/${asked.body.id}/response`),
        { response: 'We split the training line and added the March statement.' },
        as(applicant),
      );
      expect(answered.status, answered.text).toBe(200);
      expect(answered.body.status).toBe('submitted');
      expect(answered.body.budgetLines).toHaveLength(3);

      const submissions = (await t.get(app(id, '/submissions'), as(screener))).body.items;
      expect(submissions.map((s: { version: number }) => s.version)).toEqual([1, 2]);
      expect(submissions[1].answers.budgetLines).toHaveLength(3);
      const snapshots = (await t.get(app(id, '/eligibility'), as(screener))).body.items;
      expect(snapshots.map((s: { submissionVersion: number }) => s.submissionVersion)).toEqual([1, 2]);
      const done = (await t.get(app(id, '/information-requests'), as(screener))).body.items[0];
      expect(done).toMatchObject({
        status: 'answered',
        respondedBy: applicant.userId,
        closedAt: expect.any(String),
      });

      expectProblem(
        await t.post(
          app(id, `/information-requests/${asked.body.id}/response`),
          { response: 'Again' },
          as(applicant),
        ),
        409,
      );
      expectProblem(await t.patch(app(id), { budgetLines: lines }, as(applicant)), 409);
      // Screening uses the latest snapshot.
      await declare(screener, id);
      const screened = await t.post(app(id, '/screening'), { outcome: 'eligible' }, as(screener));
      expect(screened.status, screened.text).toBe(200);
      expect(screened.body.eligibilityResultId).toBe(snapshots[1].id);
    });

    it('returns an application asked during assessment to assessment; documents stay closed unless named', async () => {
      const id = await submitted();
      await screenEligible(id);
      const asked = await t.post(
        app(id, '/information-requests'),
        { answers: ['exitPlan'], message: 'Who pays after?' },
        as(screener),
      );
      expect(asked.body.returnStatus).toBe('in_assessment');
      const upload = await t.request('POST', app(id, '/documents?kind=other&fileName=x.pdf'), undefined, {
        token: applicant.token,
        raw: TINY_PDF,
        headers: { 'content-type': 'application/pdf' },
      });
      expectProblem(upload, 409);
      expect((await t.patch(app(id), { exitPlan: 'The parish council will.' }, as(applicant))).status).toBe(
        200,
      );
      const back = await t.post(
        app(id, `/information-requests/${asked.body.id}/response`),
        { response: 'Answered' },
        as(applicant),
      );
      expect(back.status, back.text).toBe(200);
      expect(back.body).toMatchObject({ status: 'in_assessment', exitPlan: 'The parish council will.' });
    });

    it('is cancelled when the applicant withdraws, and is 404 to everyone else', async () => {
      const id = await submitted();
      const asked = await t.post(
        app(id, '/information-requests'),
        { answers: ['summary'], message: 'More, please.' },
        as(screener),
      );
      const url = app(id, `/information-requests/${asked.body.id}/response`);
      expectProblem(await t.post(url, { response: 'Mine now' }, as(stranger)), 404);
      expectProblem(await t.get(app(id, '/information-requests'), as(stranger)), 404);
      expectProblem(
        await t.post(
          app(id, `/information-requests/${crypto.randomUUID()}/response`),
          { response: 'x' },
          as(applicant),
        ),
        404,
      );
      expect((await t.post(app(id, '/withdraw'), { reason: 'Funded elsewhere' }, as(applicant))).status).toBe(
        200,
      );
      const request = (await t.get(app(id, '/information-requests'), as(screener))).body.items[0];
      expect(request).toMatchObject({ status: 'cancelled', closedAt: expect.any(String) });
      expectProblem(await t.post(url, { response: 'Too late' }, as(applicant)), 409);
    });

    it('is only for applications the funder has been sent', async () => {
      const draft = await t.post(`${API}/applications`, { organisationId, roundId }, as(applicant));
      const res = await t.post(
        app(draft.body.id, '/information-requests'),
        { answers: ['summary'], message: 'x' },
        as(screener),
      );
      expectProblem(res, 404);
    });
  });
});
