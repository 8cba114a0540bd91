import { Role } from '@grants/accounts';
import { addMonths, calendarDateIn, FixedClock } from '@grants/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { dbFingerprint } from '../support/db-fingerprint';
import { problemShapeErrors } from '../support/problems';
import { seedReference, SeededReference } from '../support/reference';
import { TINY_PDF } from '../support/api-world';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const DAY = 86_400_000;
const clock = new FixedClock(new Date());

interface Person {
  userId: string;
  email: string;
  token: string;
}

const RULES = [
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
];

describe('eligibility rules as data: the pre-check and the snapshot at submission', () => {
  let t: TestApp;
  let ref: SeededReference;
  let admin: Person;
  let applicant: Person;
  let stranger: Person;
  let officer: Person;
  let roundId: string;
  let organisationId: string;
  let applicationId: string;
  let objectiveIds: string[];
  let funderCategories: string[];

  const as = (who: Person) => ({ token: who.token });
  const ruleOf = (body: { results: { rule: string }[] }, rule: string) =>
    body.results.find((r) => r.rule === rule) as {
      rule: string;
      outcome: string;
      reason: string;
      evidence: any;
    };

  function roundBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      fundYearId: ref.fundYearId,
      planVersionId: ref.planVersionId,
      title: 'Eligibility test round',
      opensAt: new Date(clock.now().getTime() - DAY).toISOString(),
      closesAt: new Date(clock.now().getTime() + 60 * DAY).toISOString(),
      minAwardPence: 50_000,
      maxAwardPence: 2_500_000,
      maxProjectMonths: 12,
      acceptanceWindowDays: 28,
      objectiveIds,
      ...overrides,
    };
  }

  function completeAnswers(): Record<string, unknown> {
    const start = calendarDateIn(new Date(clock.now().getTime() + 14 * DAY), 'Europe/London');
    const end = calendarDateIn(new Date(Date.parse(`${addMonths(start, 6)}T12:00:00Z`) - DAY), 'UTC');
    const measure = ref.objectives.find((o) => o.id === objectiveIds[0])!.measures[0]!;
    return {
      title: 'Malvern Street Pastors',
      summary: 'Trained volunteers on the streets of Great Malvern on Friday and Saturday nights.',
      activities: [{ description: 'Night-time patrols' }],
      objectives: [{ objectiveId: objectiveIds[0], contribution: 'Fewer alcohol-related assaults' }],
      successMeasures: [{ measureId: measure.id, target: 40, baseline: 25 }],
      beneficiaryAreas: ['E07000235'],
      startDate: start,
      endDate: end,
      amountRequestedPence: 1_200_000,
      budgetLines: [
        { description: 'Radios', category: 'equipment', amountPence: 200_000 },
        { description: 'Office rent', category: 'management_and_overheads', amountPence: 1_000_000 },
      ],
      exitPlan: 'The town council has agreed to fund the scheme when this grant ends.',
      safeguarding: { confirmed: true, policyNotes: 'DBS checked', involvesChildrenOrAdultsAtRisk: true },
      declarations: {
        informationTrue: true,
        oneOffUnderstood: true,
        conditionsUnderstood: true,
        dataProtection: true,
      },
    };
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ref = await seedReference(t);
    objectiveIds = ref.objectives.filter((o) => [3, 5].includes(o.number)).map((o) => o.id);
    admin = await createStaffUser(t, [Role.Admin]);
    officer = await createStaffUser(t, [Role.Officer]);
    applicant = await registerApplicant(t, { displayName: 'Ada Applicant' });
    stranger = await registerApplicant(t);
    const [funder] = await t.dataSource.query(`SELECT disallowed_cost_categories FROM funders`);
    funderCategories = funder.disallowed_cost_categories;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('round settings', () => {
    it('default to every legal form and the funder’s disallowed categories', async () => {
      const res = await t.post(`${API}/rounds`, roundBody({ title: 'Defaults' }), as(admin));
      expect(res.status, res.text).toBe(201);
      expect(res.body.acceptedLegalForms).toHaveLength(10);
      expect(res.body.disallowedCostCategories).toEqual(funderCategories);
      expect(funderCategories.length).toBeGreaterThan(0);
    });

    it('are validated', async () => {
      const before = await dbFingerprint(t.dataSource);
      for (const bad of [
        { acceptedLegalForms: [] },
        { acceptedLegalForms: ['pirate_ship'] },
        { acceptedLegalForms: ['cio', 'cio'] },
        { acceptedLegalForms: 'cio' },
        { disallowedCostCategories: [''] },
        { disallowedCostCategories: [42] },
        { disallowedCostCategories: ['x'.repeat(201)] },
      ]) {
        const res = await t.post(`${API}/rounds`, roundBody(bad), as(admin));
        expect(res.status, JSON.stringify(bad)).toBe(400);
        expect(problemShapeErrors(res)).toEqual([]);
        expect(res.body.errors.length).toBeGreaterThan(0);
      }
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
    });

    it('are set on creation, shown by GET /rounds/:id and frozen once the round opens', async () => {
      const created = await t.post(
        `${API}/rounds`,
        roundBody({
          acceptedLegalForms: ['constituted_community_group', 'company_limited_by_guarantee', 'cio'],
          disallowedCostCategories: [
            '  Management_And_Overheads ',
            'management_and_overheads',
            'retrospective costs',
          ],
        }),
        as(admin),
      );
      expect(created.status, created.text).toBe(201);
      roundId = created.body.id;
      // Stored in canonical order, trimmed, repeats dropped.
      expect(created.body.acceptedLegalForms).toEqual([
        'cio',
        'company_limited_by_guarantee',
        'constituted_community_group',
      ]);
      expect(created.body.disallowedCostCategories).toEqual([
        'Management_And_Overheads',
        'retrospective costs',
      ]);

      // Still being set up: it may change.
      const changed = await t.patch(
        `${API}/rounds/${roundId}`,
        { acceptedLegalForms: ['company_limited_by_guarantee', 'constituted_community_group'] },
        as(admin),
      );
      expect(changed.status, changed.text).toBe(200);
      expect(changed.body.acceptedLegalForms).toEqual([
        'company_limited_by_guarantee',
        'constituted_community_group',
      ]);

      expect((await t.post(`${API}/rounds/${roundId}/publish`, {}, as(admin))).status).toBe(200);
      const shown = await t.get(`${API}/rounds/${roundId}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({
        phase: 'open',
        acceptedLegalForms: ['company_limited_by_guarantee', 'constituted_community_group'],
        disallowedCostCategories: ['Management_And_Overheads', 'retrospective costs'],
      });

      const before = await dbFingerprint(t.dataSource);
      for (const change of [
        { acceptedLegalForms: ['company_limited_by_guarantee'] },
        { disallowedCostCategories: [] },
      ]) {
        const res = await t.patch(`${API}/rounds/${roundId}`, change, as(admin));
        expect(res.status, res.text).toBe(409);
        expect(res.body.frozenFields).toEqual(Object.keys(change));
      }
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
      // The same settings again are not a change (order and case aside).
      const same = await t.patch(
        `${API}/rounds/${roundId}`,
        {
          acceptedLegalForms: ['constituted_community_group', 'company_limited_by_guarantee'],
          disallowedCostCategories: ['retrospective costs', 'management_and_overheads'],
        },
        as(admin),
      );
      expect(same.status, same.text).toBe(200);
    });
  });

  describe('the dry run and the snapshot', () => {
    beforeAll(async () => {
      const organisation = await t.post(
        `${API}/organisations`,
        {
          name: 'Malvern Hills Neighbourhood Watch Association',
          legalForm: 'company_limited_by_guarantee',
          companyNumber: '1234567',
          addressLine1: '12 Church Street',
          town: 'Malvern',
          postcode: 'WR14 3AA',
          localAuthorityCode: 'E07000235',
        },
        as(applicant),
      );
      expect(organisation.status, organisation.text).toBe(201);
      organisationId = organisation.body.id;
      const draft = await t.post(`${API}/applications`, { organisationId, roundId }, as(applicant));
      expect(draft.status, draft.text).toBe(201);
      applicationId = draft.body.id;
    });

    it('checks an empty draft, rule by rule, changing nothing', async () => {
      const before = await dbFingerprint(t.dataSource);
      const res = await t.post(
        `${API}/applications/${applicationId}/eligibility-check`,
        undefined,
        as(applicant),
      );
      expect(res.status, res.text).toBe(200);
      expect(res.body.outcome).toBe('fail');
      expect(res.body.results.map((r: { rule: string }) => r.rule)).toEqual(RULES);
      expect(ruleOf(res.body, 'amount')).toMatchObject({
        outcome: 'fail',
        reason: expect.stringMatching(/how much/),
      });
      expect(ruleOf(res.body, 'legal_form').outcome).toBe('pass');
      expect(ruleOf(res.body, 'one_off').outcome).toBe('pass');
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
    });

    it('saves the due-diligence answers on the draft and validates them', async () => {
      const saved = await t.patch(
        `${API}/applications/${applicationId}`,
        {
          safeguarding: { involvesChildrenOrAdultsAtRisk: true },
          groupChecklist: {
            constitutionHasDissolutionClause: true,
            unrelatedCommitteeMembers: 4,
            bankAccountInGroupName: true,
          },
        },
        as(applicant),
      );
      expect(saved.status, saved.text).toBe(200);
      expect(saved.body.safeguarding.involvesChildrenOrAdultsAtRisk).toBe(true);
      expect(saved.body.groupChecklist).toEqual({
        constitutionHasDissolutionClause: true,
        unrelatedCommitteeMembers: 4,
        bankAccountInGroupName: true,
      });
      const before = await dbFingerprint(t.dataSource);
      for (const bad of [
        { groupChecklist: { unrelatedCommitteeMembers: -1 } },
        { groupChecklist: { unrelatedCommitteeMembers: 2.5 } },
        { groupChecklist: { bankAccountInGroupName: 'yes' } },
        { groupChecklist: { sortCode: '12-34-56' } },
        { safeguarding: { involvesChildrenOrAdultsAtRisk: 'sometimes' } },
      ]) {
        const res = await t.patch(`${API}/applications/${applicationId}`, bad, as(applicant));
        expect(res.status, JSON.stringify(bad)).toBe(400);
        expect(problemShapeErrors(res)).toEqual([]);
      }
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
    });

    it('flags a disallowed cost (case-insensitively) and missing documents on a complete draft', async () => {
      const saved = await t.patch(`${API}/applications/${applicationId}`, completeAnswers(), as(applicant));
      expect(saved.status, saved.text).toBe(200);
      const before = await dbFingerprint(t.dataSource);
      const res = await t.post(
        `${API}/applications/${applicationId}/eligibility-check`,
        undefined,
        as(applicant),
      );
      expect(res.status, res.text).toBe(200);
      const outcomes = Object.fromEntries(
        res.body.results.map((r: { rule: string; outcome: string }) => [r.rule, r.outcome]),
      );
      expect(outcomes).toEqual({
        area: 'pass',
        objectives: 'pass',
        amount: 'pass',
        budget_adds_up: 'pass',
        disallowed_costs: 'fail',
        project_dates: 'pass',
        legal_form: 'pass',
        exit_plan: 'pass',
        one_off: 'pass',
        documents: 'fail',
      });
      expect(ruleOf(res.body, 'disallowed_costs').reason).toContain('Office rent');
      expect(ruleOf(res.body, 'documents').reason).toContain('safeguarding policy');
      expect(res.body.outcome).toBe('fail');
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
    });

    it('finds the supporting documents once they are uploaded', async () => {
      for (const kind of ['governing_document', 'accounts_or_bank_statement', 'safeguarding_policy']) {
        const up = await t.request(
          'POST',
          `${API}/applications/${applicationId}/documents?kind=${kind}&fileName=${kind}.pdf`,
          undefined,
          { token: applicant.token, raw: TINY_PDF, headers: { 'content-type': 'application/pdf' } },
        );
        expect(up.status, up.text).toBe(201);
      }
      const res = await t.post(
        `${API}/applications/${applicationId}/eligibility-check`,
        undefined,
        as(applicant),
      );
      expect(res.status, res.text).toBe(200);
      expect(ruleOf(res.body, 'documents').reason).not.toMatch(
        /safeguarding policy|governing document|bank statement/,
      );
      expect(ruleOf(res.body, 'documents').evidence).toMatchObject({
        documentKinds: ['accounts_or_bank_statement', 'governing_document', 'safeguarding_policy'],
        missing: [],
      });
    });

    it('is 404 to another applicant and to officers while a draft; nothing is stored before submission', async () => {
      for (const who of [stranger, officer]) {
        const check = await t.post(
          `${API}/applications/${applicationId}/eligibility-check`,
          undefined,
          as(who),
        );
        expect(check.status).toBe(404);
        expect((await t.get(`${API}/applications/${applicationId}/eligibility`, as(who))).status).toBe(404);
      }
      const mine = await t.get(`${API}/applications/${applicationId}/eligibility`, as(applicant));
      expect(mine.status).toBe(200);
      expect(mine.body.items).toEqual([]);
    });

    it('submits despite failed rules and stores an immutable snapshot tied to the plan version', async () => {
      const submitted = await t.post(`${API}/applications/${applicationId}/submit`, undefined, as(applicant));
      expect(submitted.status, submitted.text).toBe(200);
      expect(submitted.body.status).toBe('submitted');

      const res = await t.get(`${API}/applications/${applicationId}/eligibility`, as(applicant));
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      const snapshot = res.body.items[0];
      const [submission] = await t.dataSource.query(
        `SELECT id, version FROM application_submissions WHERE application_id = $1`,
        [applicationId],
      );
      expect(snapshot).toMatchObject({
        applicationId,
        submissionId: submission.id,
        submissionVersion: 1,
        planVersionId: ref.planVersionId,
        outcome: 'fail',
      });
      expect(snapshot.results.map((r: { rule: string }) => r.rule)).toEqual(RULES);
      expect(ruleOf(snapshot, 'disallowed_costs').outcome).toBe('fail');

      // Officers see it once submitted, and may run the check too.
      const officerView = await t.get(`${API}/applications/${applicationId}/eligibility`, as(officer));
      expect(officerView.status).toBe(200);
      expect(officerView.body.items).toEqual(res.body.items);
      const before = await dbFingerprint(t.dataSource);
      const dryRun = await t.post(
        `${API}/applications/${applicationId}/eligibility-check`,
        undefined,
        as(officer),
      );
      expect(dryRun.status, dryRun.text).toBe(200);
      expect(dryRun.body.results).toEqual(snapshot.results);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);

      // The audit entry names the snapshot.
      const [audit] = await t.dataSource.query(
        `SELECT data FROM audit_log WHERE subject_id = $1 AND action = 'application.submitted'`,
        [applicationId],
      );
      expect(audit.data).toMatchObject({ eligibilityResultId: snapshot.id, eligibilityOutcome: 'fail' });

      // The database refuses to rewrite or remove it.
      await expect(
        t.dataSource.query(`UPDATE eligibility_results SET outcome = 'pass' WHERE application_id = $1`, [
          applicationId,
        ]),
      ).rejects.toThrow(/append-only/);
      await expect(
        t.dataSource.query(`DELETE FROM eligibility_results WHERE application_id = $1`, [applicationId]),
      ).rejects.toThrow(/append-only/);
    });

    it('still blocks an incomplete application from submitting, storing no snapshot', async () => {
      const draft = await t.post(`${API}/applications`, { organisationId, roundId }, as(applicant));
      expect(draft.status).toBe(201);
      const before = await dbFingerprint(t.dataSource);
      const res = await t.post(`${API}/applications/${draft.body.id}/submit`, undefined, as(applicant));
      expect(res.status).toBe(422);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
    });
  });
});
