import { Role } from '@grants/accounts';
import { OffersService } from '@grants/awards';
import { FixedClock } from '@grants/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, login, registerApplicant, TEST_PASSWORD } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import { awardApplication, recommendApplication } from '../support/applications';
import { dbFingerprint } from '../support/db-fingerprint';
import { problemShapeErrors } from '../support/problems';
import { createOpenRound, seedReference, SeededReference } from '../support/reference';
import { createTestApp, HttpResult, TestApp } from '../support/test-app';

const API = '/api/v1';
const DAY = 86_400_000;
const clock = new FixedClock(new Date());

interface Person {
  userId: string;
  email: string;
  token: string;
}

/**
 * Decisions and awards end to end: decide → offer → accept with conditions → finance blocked until the
 * before-payment conditions are met → two instalments → overpayment refused → a return → the fund year's
 * position right at every step; refusal, decline, lapse, variation, revocation, separation of duties and
 * idempotent retries.
 */
describe('decisions, awards and the ledger', () => {
  let t: TestApp;
  let ref: SeededReference;
  let applicant: Person;
  let stranger: Person;
  let officer: Person;
  let dual: Person;
  let approver: Person;
  let limited: Person;
  let finance: Person;
  let admin: Person;
  let organisationId: string;
  let roundId: string;
  let fundYearId: string;
  let objectiveIds: string[];

  const as = (who: Person, headers?: Record<string, string>) => ({ token: who.token, headers });
  const expectProblem = (res: HttpResult, status: number) => {
    expect(res.status, res.text).toBe(status);
    expect(problemShapeErrors(res)).toEqual([]);
  };
  const position = async () => (await t.get(`${API}/fund-years/${fundYearId}/position`)).body;
  const recommended = (officerPerson: Person = officer, extra: Record<string, unknown> = {}) =>
    recommendApplication(t, {
      applicantToken: applicant.token,
      officer: officerPerson,
      organisationId,
      roundId,
      ref,
      objectiveIds,
      ...extra,
    });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ref = await seedReference(t);
    admin = await createStaffUser(t, [Role.Admin]);
    officer = await createStaffUser(t, [Role.Officer]);
    dual = await createStaffUser(t, [Role.Officer, Role.Approver], { displayName: 'Dee Dual' });
    approver = await createStaffUser(t, [Role.Approver], { displayName: 'The Commissioner' });
    limited = await createStaffUser(t, [Role.Approver], { approvalLimitPence: 500_000 });
    finance = await createStaffUser(t, [Role.Finance]);
    applicant = await registerApplicant(t, { displayName: 'Ada Applicant' });
    stranger = await registerApplicant(t);
    // A small fund year of £50,000, so the cap is reached inside the test.
    const fund = await t.post(`${API}/funds`, { key: 'awards-test', name: 'Awards test fund' }, as(admin));
    const year = await t.post(
      `${API}/funds/${fund.body.id}/years`,
      { label: '2026/27', startsOn: '2026-04-01', endsOn: '2027-03-31', capPence: 5_000_000 },
      as(admin),
    );
    fundYearId = year.body.id;
    const round = await createOpenRound(t, { fundYearId, maxAwardPence: 1_500_000 });
    roundId = round.id;
    objectiveIds = round.objectiveIds;
    const org = await t.post(`${API}/organisations`, ORGANISATION_BODY, as(applicant));
    organisationId = org.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('who may decide', () => {
    let id: string;
    beforeAll(async () => {
      id = await recommended(dual);
    });

    it('refuses an approver who has not declared on conflicts, or declared one', async () => {
      const body = { outcome: 'award', reasons: 'Good' };
      const undeclared = await t.post(`${API}/applications/${id}/decision`, body, as(approver));
      expectProblem(undeclared, 403);
      expect(undeclared.body.detail).toMatch(/conflict of interest/);
      const conflicted = await createStaffUser(t, [Role.Approver]);
      await t.post(
        `${API}/applications/${id}/conflict-declarations`,
        { hasConflict: true, details: 'I know the chair well.' },
        as(conflicted),
      );
      expectProblem(await t.post(`${API}/applications/${id}/decision`, body, as(conflicted)), 403);
      expectProblem(await t.post(`${API}/applications/${id}/decision`, body, as(officer)), 403);
    });

    it('refuses the person who assessed and moderated it, even though they are an approver', async () => {
      const res = await t.post(
        `${API}/applications/${id}/decision`,
        { outcome: 'award', reasons: 'Mine' },
        as(dual),
      );
      expectProblem(res, 403);
      expect(res.body.detail).toMatch(/assigned to assess/);
    });

    it('refuses an award above the approver’s delegated limit, saying so, and takes one within it', async () => {
      await t.post(`${API}/applications/${id}/conflict-declarations`, { hasConflict: false }, as(limited));
      const before = await dbFingerprint(t.dataSource);
      const over = await t.post(
        `${API}/applications/${id}/decision`,
        { outcome: 'award', reasons: 'Good' },
        as(limited),
      );
      expectProblem(over, 403);
      expect(over.body).toMatchObject({ approvalLimitPence: 500_000, amountPence: 1_200_000 });
      expect(over.body.detail).toMatch(/above your delegated limit of £5,000.00/);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
      const within = await t.post(
        `${API}/applications/${id}/decision`,
        { outcome: 'award', amountPence: 500_000, reasons: 'Part funded within my limit' },
        as(limited),
      );
      expect(within.status, within.text).toBe(201);
      expect(within.body).toMatchObject({
        outcome: 'award',
        amountPence: 500_000,
        decidedBy: limited.userId,
        decidedRole: 'approver',
      });
    });
  });

  describe('an award from offer to settled money', () => {
    let id: string;
    let awardId: string;
    let conditionIds: string[];
    let base: { committedPence: number; paidPence: number; returnedPence: number; availablePence: number };

    it('is decided with a special condition and committed against the cap', async () => {
      base = await position();
      id = await recommended();
      await t.post(`${API}/applications/${id}/conflict-declarations`, { hasConflict: false }, as(approver));
      // The decision screen shows the one-off flag: the same group already holds an award from this fund.
      const seen = await t.get(`${API}/applications/${id}/recommendation`, as(approver));
      expect(seen.status, seen.text).toBe(200);
      expect(seen.body.oneOff).toMatchObject({
        outcome: 'needs_review',
        earlierAwards: [expect.objectContaining({ reference: expect.stringMatching(/^CSF-/) })],
        overriddenAtScreening: 'A different activity',
      });
      const before = await dbFingerprint(t.dataSource);
      for (const [body, status] of [
        [{ outcome: 'award', amountPence: 1_300_000, reasons: 'More than asked' }, 422],
        [{ outcome: 'award', amountPence: 0, reasons: 'Nothing' }, 400],
        [{ outcome: 'award', reasons: '   ' }, 400],
        [{ outcome: 'award', reasons: 'x', acceptanceDeadline: '2020-01-01' }, 422],
        [{ outcome: 'award', reasons: 'x', specialConditions: [{ text: 'x', timing: 'soon' }] }, 400],
        [{ outcome: 'award', reasons: 'x', specialConditions: [{ text: '   ', timing: 'ongoing' }] }, 400],
        [{ outcome: 'award', reasons: 'x', acceptanceDeadline: '2027-02-30' }, 400],
      ] as const) {
        expectProblem(await t.post(`${API}/applications/${id}/decision`, body, as(approver)), status);
      }
      expect(await dbFingerprint(t.dataSource)).toEqual(before);

      const res = await t.post(
        `${API}/applications/${id}/decision`,
        {
          outcome: 'award',
          amountPence: 1_000_000,
          reasons: 'Serves objective 3 in Great Malvern; the radios are funded elsewhere.',
          specialConditions: [{ text: 'Confirm the venue booking.', timing: 'before_payment' }],
        },
        as(approver),
      );
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({ outcome: 'award', amountPence: 1_000_000, decidedRole: 'approver' });
      const award = res.body.award;
      awardId = award.id;
      conditionIds = award.conditions.map((c: { id: string }) => c.id);
      expect(award).toMatchObject({
        status: 'offered',
        amountPence: 1_000_000,
        paidPence: 0,
        remainingPence: 1_000_000,
      });
      expect(award.endDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(award.conditions).toHaveLength(7);
      expect(award.conditions.at(-1)).toMatchObject({
        kind: 'special',
        timing: 'before_payment',
        status: 'pending',
      });
      expect(award.acceptanceDeadline).toBe(
        new Date(clock.now().getTime() + 28 * DAY).toISOString().slice(0, 10),
      );
      expect(award.ledger).toEqual([
        expect.objectContaining({ kind: 'commitment', amountPence: 1_000_000, cause: 'award' }),
      ]);
      expect(await position()).toMatchObject({
        committedPence: base.committedPence + 1_000_000,
        availablePence: base.availablePence - 1_000_000,
      });
      expect((await t.get(`${API}/applications/${id}`, as(applicant))).body.status).toBe('awarded');
      expectProblem(
        await t.post(
          `${API}/applications/${id}/decision`,
          { outcome: 'refuse', reasons: 'Again' },
          as(approver),
        ),
        409,
      );
    });

    it('shows the grant holder its offer (without the ledger), and nobody else', async () => {
      const mine = await t.get(`${API}/awards/${awardId}`, as(applicant));
      expect(mine.status).toBe(200);
      expect(mine.body.ledger).toBeUndefined();
      expect(mine.body.conditions).toHaveLength(7);
      expectProblem(await t.get(`${API}/awards/${awardId}`, as(stranger)), 404);
      const list = await t.get(`${API}/awards`, as(applicant));
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(awardId);
      expect((await t.get(`${API}/awards`, as(stranger))).body.items).toEqual([]);
      const decision = await t.get(`${API}/applications/${id}/decision`, as(applicant));
      expect(decision.body.award.ledger).toBeUndefined();
      expect(decision.body).toMatchObject({
        outcome: 'award',
        reasons: expect.stringMatching(/objective 3/),
      });
    });

    it('takes no payment before acceptance, and accepts only with every condition confirmed', async () => {
      const pay = { amountPence: 600_000, on: clock.now().toISOString().slice(0, 10), reference: 'BACS 1' };
      expectProblem(await t.post(`${API}/awards/${awardId}/payments`, pay, as(finance)), 409);
      const partial = await t.post(
        `${API}/awards/${awardId}/accept`,
        {
          amountPence: 1_000_000,
          signatoryName: 'Ada Applicant',
          signatoryPosition: 'Chair',
          acceptedConditionIds: conditionIds.slice(1),
        },
        as(applicant),
      );
      expectProblem(partial, 422);
      expect(partial.body.errors[0].message).toMatch(/condition 1 is not confirmed/);
      expectProblem(
        await t.post(
          `${API}/awards/${awardId}/accept`,
          {
            amountPence: 1_000_000,
            signatoryName: 'X',
            signatoryPosition: 'Y',
            acceptedConditionIds: conditionIds,
          },
          as(stranger),
        ),
        404,
      );
      const accepted = await t.post(
        `${API}/awards/${awardId}/accept`,
        {
          amountPence: 1_000_000,
          signatoryName: ' Ada Applicant ',
          signatoryPosition: 'Chair',
          acceptedConditionIds: conditionIds,
        },
        as(applicant),
      );
      expect(accepted.status, accepted.text).toBe(200);
      expect(accepted.body).toMatchObject({
        status: 'accepted',
        signatoryName: 'Ada Applicant',
        signatoryPosition: 'Chair',
      });
      expectProblem(
        await t.post(`${API}/awards/${awardId}/decline`, { reason: 'Too late' }, as(applicant)),
        409,
      );
    });

    it('blocks finance until the before-payment conditions are met, then pays in instalments and never past the award', async () => {
      const today = clock.now().toISOString().slice(0, 10);
      const pay = (amountPence: number, reference: string) =>
        t.post(`${API}/awards/${awardId}/payments`, { amountPence, on: today, reference }, as(finance));
      const blocked = await pay(600_000, 'BACS 1');
      expectProblem(blocked, 409);
      expect(blocked.body.pendingConditionIds).toHaveLength(2);

      const award = (await t.get(`${API}/awards/${awardId}`, as(officer))).body;
      for (const c of award.conditions.filter((x: { timing: string }) => x.timing === 'before_payment')) {
        const res = await t.post(
          `${API}/awards/${awardId}/conditions/${c.id}/status`,
          { status: c.kind === 'special' ? 'waived' : 'met', note: 'Seen on 1 December' },
          as(officer),
        );
        expect(res.status, res.text).toBe(200);
      }
      expectProblem(
        await t.post(
          `${API}/awards/${awardId}/conditions/${conditionIds[0]}/status`,
          { status: 'pending', note: ' ' },
          as(officer),
        ),
        400,
      );

      const first = await pay(600_000, 'BACS 1');
      expect(first.status, first.text).toBe(200);
      expect(first.body).toMatchObject({ paidPence: 600_000, remainingPence: 400_000 });
      expect(await position()).toMatchObject({ paidPence: base.paidPence + 600_000 });

      const before = await dbFingerprint(t.dataSource);
      const over = await pay(500_000, 'BACS 2');
      expectProblem(over, 422);
      expect(over.body).toMatchObject({ remainingPence: 400_000 });
      expectProblem(
        await t.post(
          `${API}/awards/${awardId}/payments`,
          { amountPence: 1, on: '2999-01-01', reference: 'x' },
          as(finance),
        ),
        400,
      );
      expectProblem(
        await t.post(
          `${API}/awards/${awardId}/payments`,
          { amountPence: 1, on: '2026-02-30', reference: 'x' },
          as(finance),
        ),
        400,
      );
      expectProblem(
        await t.post(
          `${API}/awards/${awardId}/payments`,
          { amountPence: 100, on: today, reference: 'x' },
          as(officer),
        ),
        403,
      );
      expect(await dbFingerprint(t.dataSource)).toEqual(before);

      const second = await pay(400_000, 'BACS 2');
      expect(second.body).toMatchObject({ paidPence: 1_000_000, remainingPence: 0 });
      expect(second.body.ledger.map((e: { kind: string }) => e.kind)).toEqual([
        'commitment',
        'payment',
        'payment',
      ]);
    });

    it('records a return of unspent money, never more than was paid', async () => {
      const today = clock.now().toISOString().slice(0, 10);
      const body = {
        amountPence: 150_000,
        on: today,
        reference: 'Cheque 42',
        note: 'Venue cost less than quoted',
      };
      const key = { 'idempotency-key': `return-${awardId}` };
      const res = await t.post(`${API}/awards/${awardId}/returns`, body, as(finance, key));
      expect(res.status, res.text).toBe(200);
      // The browser retries; the return is recorded once and the retry gets the first answer.
      const retry = await t.post(`${API}/awards/${awardId}/returns`, body, as(finance, key));
      expect(retry.text).toBe(res.text);
      expect(res.body).toMatchObject({ returnedPence: 150_000, netSpendPence: 850_000 });
      expectProblem(
        await t.post(
          `${API}/awards/${awardId}/returns`,
          { amountPence: 900_000, on: today, reference: 'x' },
          as(finance),
        ),
        422,
      );
      expect(await position()).toMatchObject({
        committedPence: base.committedPence + 1_000_000,
        paidPence: base.paidPence + 1_000_000,
        returnedPence: base.returnedPence + 150_000,
      });
    });
  });

  describe('the other ways a decision ends', () => {
    it('refuses with reasons: no award, nothing committed', async () => {
      const id = await recommended();
      await t.post(`${API}/applications/${id}/conflict-declarations`, { hasConflict: false }, as(approver));
      const before = await position();
      expectProblem(
        await t.post(
          `${API}/applications/${id}/decision`,
          { outcome: 'refuse', reasons: 'No', amountPence: 100 },
          as(approver),
        ),
        400,
      );
      const res = await t.post(
        `${API}/applications/${id}/decision`,
        { outcome: 'refuse', reasons: 'Another scheme already serves the area.' },
        as(approver),
      );
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({ outcome: 'refuse', amountPence: null, award: null });
      expect((await t.get(`${API}/applications/${id}`, as(applicant))).body.status).toBe('refused');
      expect(await position()).toEqual(before);
    });

    it('releases the commitment when the grant holder declines', async () => {
      const id = await recommended();
      const before = await position();
      const decision = await awardApplication(t, id, approver);
      expect((await position()).committedPence).toBe(before.committedPence + 1_200_000);
      const res = await t.post(
        `${API}/awards/${decision.award.id}/decline`,
        { reason: 'Funded by the council' },
        as(applicant),
      );
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({
        status: 'declined',
        declineReason: 'Funded by the council',
        remainingPence: 0,
      });
      const after = await position();
      expect(after.releasedPence).toBe(before.releasedPence + 1_200_000);
      expect(after.availablePence).toBe(before.availablePence);
    });

    it('lapses an offer once its deadline has passed, releasing the money, and only once', async () => {
      const id = await recommended();
      const before = await position();
      const decision = await awardApplication(t, id, approver, {
        acceptanceDeadline: new Date(clock.now().getTime() + 2 * DAY).toISOString().slice(0, 10),
      });
      const offers = t.app.get(OffersService);
      expect(await offers.lapse(decision.award.id)).toBe('skipped');
      clock.advance(4 * DAY);
      try {
        // Four days on, everyone signs in again.
        const owner = { ...applicant, token: await login(t, applicant.email, TEST_PASSWORD) };
        const staff = { ...officer, token: await login(t, officer.email, TEST_PASSWORD) };
        const late = await t.post(
          `${API}/awards/${decision.award.id}/accept`,
          {
            amountPence: decision.award.amountPence,
            signatoryName: 'A',
            signatoryPosition: 'B',
            acceptedConditionIds: decision.award.conditions.map((c: { id: string }) => c.id),
          },
          as(owner),
        );
        expectProblem(late, 409);
        expect(late.body.detail).toMatch(/has passed/);
        expect(await offers.lapse(decision.award.id)).toBe('lapsed');
        expect(await offers.lapse(decision.award.id)).toBe('skipped');
        const award = (await t.get(`${API}/awards/${decision.award.id}`, as(staff))).body;
        expect(award.status).toBe('lapsed');
        expect(award.ledger.map((e: { cause: string }) => e.cause)).toEqual(['award', 'lapse']);
        expect((await t.get(`${API}/fund-years/${fundYearId}/position`)).body.availablePence).toBe(
          before.availablePence,
        );
      } finally {
        clock.advance(-4 * DAY);
      }
    });

    it('varies an award down (releasing the difference) and revokes one for a breach, recording the repayment', async () => {
      const id = await recommended();
      const decision = await awardApplication(t, id, approver);
      const awardId = decision.award.id;
      const before = await position();
      expectProblem(
        await t.post(
          `${API}/awards/${awardId}/variations`,
          { amountPence: 1_300_000, reason: 'More' },
          as(approver),
        ),
        422,
      );
      const varied = await t.post(
        `${API}/awards/${awardId}/variations`,
        { amountPence: 1_000_000, endDate: '2027-09-30', reason: 'One venue withdrew' },
        as(approver),
      );
      expect(varied.status, varied.text).toBe(200);
      expect(varied.body).toMatchObject({
        amountPence: 1_000_000,
        offeredAmountPence: 1_200_000,
        endDate: '2027-09-30',
      });
      expect((await position()).releasedPence).toBe(before.releasedPence + 200_000);

      const acceptance = {
        signatoryName: 'Ada',
        signatoryPosition: 'Chair',
        acceptedConditionIds: decision.award.conditions.map((c: { id: string }) => c.id),
      };
      // The offer was varied after the applicant read it: accepting the old sum is refused.
      const stale = await t.post(
        `${API}/awards/${awardId}/accept`,
        { ...acceptance, amountPence: 1_200_000 },
        as(applicant),
      );
      expectProblem(stale, 409);
      expect(stale.body).toMatchObject({ amountPence: 1_000_000 });
      await t.post(
        `${API}/awards/${awardId}/accept`,
        { ...acceptance, amountPence: 1_000_000 },
        as(applicant),
      );
      for (const c of decision.award.conditions.filter(
        (x: { timing: string }) => x.timing === 'before_payment',
      )) {
        await t.post(
          `${API}/awards/${awardId}/conditions/${c.id}/status`,
          { status: 'met', note: 'Seen' },
          as(officer),
        );
      }
      const today = clock.now().toISOString().slice(0, 10);
      await t.post(
        `${API}/awards/${awardId}/payments`,
        { amountPence: 300_000, on: today, reference: 'BACS 9' },
        as(finance),
      );
      expectProblem(
        await t.post(
          `${API}/awards/${awardId}/revoke`,
          { reason: 'x', repaymentDuePence: 400_000 },
          as(approver),
        ),
        422,
      );
      const revoked = await t.post(
        `${API}/awards/${awardId}/revoke`,
        { reason: 'Spent on items outside the activities described', repaymentDuePence: 300_000 },
        as(approver),
      );
      expect(revoked.status, revoked.text).toBe(200);
      expect(revoked.body).toMatchObject({
        status: 'revoked',
        repaymentDuePence: 300_000,
        remainingPence: 0,
      });
      const after = await position();
      expect(after.releasedPence).toBe(before.releasedPence + 200_000 + 700_000);
      expect(after.netCommittedPence).toBe(before.netCommittedPence - 900_000);
      // Repayment on a revoked award settles what is due.
      const repaid = await t.post(
        `${API}/awards/${awardId}/returns`,
        { amountPence: 100_000, on: today, reference: 'Repayment 1' },
        as(finance),
      );
      expect(repaid.status, repaid.text).toBe(200);
      expect(repaid.body).toMatchObject({ repaymentDuePence: 200_000, returnedPence: 100_000 });
    });
  });

  describe('the cap and retries', () => {
    it('refuses an award the year cannot hold, naming what is available, with the ledger untouched', async () => {
      // Fill the year to within £5,000 of its cap with awards straight from recommendations.
      let left = (await position()).availablePence;
      while (left >= 1_200_000) {
        await awardApplication(t, await recommended(), approver);
        left = (await position()).availablePence;
      }
      const id = await recommended();
      await t.post(`${API}/applications/${id}/conflict-declarations`, { hasConflict: false }, as(approver));
      const before = await dbFingerprint(t.dataSource);
      const res = await t.post(
        `${API}/applications/${id}/decision`,
        { outcome: 'award', reasons: 'Fund' },
        as(approver),
      );
      expectProblem(res, 409);
      expect(res.body).toMatchObject({
        availablePence: left,
        capPence: 5_000_000,
        requestedPence: 1_200_000,
      });
      expect(await dbFingerprint(t.dataSource)).toEqual(before);

      // An administrator allows over-allocation (some offers lapse); then it fits.
      expectProblem(
        await t.post(
          `${API}/fund-years/${fundYearId}/over-allocation-tolerance`,
          { overAllocationTolerancePence: 500_000, reason: 'x' },
          as(approver),
        ),
        403,
      );
      const tolerance = await t.post(
        `${API}/fund-years/${fundYearId}/over-allocation-tolerance`,
        { overAllocationTolerancePence: 1_500_000, reason: 'One offer in ten lapses' },
        as(admin),
      );
      expect(tolerance.status, tolerance.text).toBe(200);
      expect(tolerance.body).toMatchObject({
        overAllocationTolerancePence: 1_500_000,
        headroomPence: left + 1_500_000,
      });
      const fits = await t.post(
        `${API}/applications/${id}/decision`,
        { outcome: 'award', reasons: 'Fund' },
        as(approver),
      );
      expect(fits.status, fits.text).toBe(201);
      expect((await position()).availablePence).toBe(left - 1_200_000);
      const [audit] = await t.dataSource.query(
        `SELECT reason FROM audit_log WHERE action = 'fund_year.tolerance_changed' AND subject_id = $1`,
        [fundYearId],
      );
      expect(audit.reason).toBe('One offer in ten lapses');
      const lower = await t.post(
        `${API}/fund-years/${fundYearId}/over-allocation-tolerance`,
        { overAllocationTolerancePence: 0, reason: 'Back to none' },
        as(admin),
      );
      expectProblem(lower, 409);
      await t.post(
        `${API}/fund-years/${fundYearId}/over-allocation-tolerance`,
        { overAllocationTolerancePence: 5_000_000, reason: 'Room for the retry test' },
        as(admin),
      );
    });

    it('replays a retried decision with the same Idempotency-Key: 100 at once make one award', async () => {
      const id = await recommended();
      await t.post(`${API}/applications/${id}/conflict-declarations`, { hasConflict: false }, as(approver));
      const body = { outcome: 'award', amountPence: 700_000, reasons: 'Fund in part' };
      const key = { 'idempotency-key': `decision-${id}` };
      const before = await position();
      const replies = await Promise.all(
        Array.from({ length: 100 }, () =>
          t.post(`${API}/applications/${id}/decision`, body, as(approver, key)),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(100).fill(201));
      expect(new Set(replies.map((r) => r.text)).size).toBe(1);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM decisions WHERE application_id = $1`,
        [id],
      );
      expect(n).toBe(1);
      expect((await position()).committedPence).toBe(before.committedPence + 700_000);

      const different = await t.post(
        `${API}/applications/${id}/decision`,
        { ...body, amountPence: 600_000 },
        as(approver, key),
      );
      expectProblem(different, 422);
      expect(different.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
      expectProblem(
        await t.post(
          `${API}/applications/${id}/decision`,
          body,
          as(approver, { 'idempotency-key': 'bad key with spaces' }),
        ),
        400,
      );
    });

    it('keeps the ledger’s totals equal to the sum of its entries', async () => {
      const p = await position();
      const rows: { kind: string; total: string }[] = await t.dataSource.query(
        `SELECT kind, sum(amount_pence)::bigint AS total FROM ledger_entries WHERE fund_year_id = $1 GROUP BY kind`,
        [fundYearId],
      );
      const sum = (kind: string) => Number(rows.find((r) => r.kind === kind)?.total ?? 0);
      expect(p).toMatchObject({
        committedPence: sum('commitment'),
        releasedPence: sum('release'),
        paidPence: sum('payment'),
        returnedPence: sum('return'),
        netCommittedPence: sum('commitment') - sum('release'),
      });
      expect(p.sources).toEqual([]);
      // The ranking works from the same figures: what is available is what the ledger has left.
      const ranking = (await t.get(`${API}/rounds/${roundId}/ranking`, as(officer))).body;
      expect(ranking.fundYear).toMatchObject({
        committedPence: p.netCommittedPence,
        availablePence: Math.max(0, p.availablePence),
      });
      expect(p.netCommittedPence).toBeGreaterThan(0);
    });
  });
});
