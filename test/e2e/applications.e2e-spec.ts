import { Role } from '@grants/accounts';
import { addMonths, calendarDateIn, FixedClock } from '@grants/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, login, registerApplicant, TEST_PASSWORD } from '../support/accounts';
import { dbFingerprint } from '../support/db-fingerprint';
import { malformedCases, operationsOf } from '../support/malformed-inputs';
import { createOpenRound, seedReference } from '../support/reference';
import { createTestApp, HttpResult, TestApp } from '../support/test-app';

const API = '/api/v1';
const DAY = 86_400_000;
const clock = new FixedClock(new Date());

interface Person {
  userId: string;
  email: string;
  token: string;
}

interface RoundFacts {
  id: string;
  closesAt: Date;
  minAwardPence: number;
  maxAwardPence: number;
  maxProjectMonths: number;
  objectiveIds: string[];
  otherObjectiveId: string;
  /** A measure of the first funded objective, and one of the second. */
  measureIds: string[];
  areaCodes: string[];
}

const organisationBody = {
  name: 'Malvern Hills Neighbourhood Watch Association',
  legalForm: 'company_limited_by_guarantee',
  companyNumber: '1234567',
  charityNumber: '1123456',
  addressLine1: '12 Church Street',
  town: 'Malvern',
  postcode: 'wr14 3aa',
  localAuthorityCode: 'E07000235',
  contactEmail: 'Secretary@MHNWA.org.uk',
};

describe('organisations and applications', () => {
  let t: TestApp;
  let owner: Person;
  let colleague: Person;
  let stranger: Person;
  let officer: Person;
  let round: RoundFacts;
  let organisationId: string;
  let applicationId: string;
  let cancelledInvitationId: string;
  let newcomerEmail: string;
  let newcomerId: string;

  const as = (who: Person) => ({ token: who.token });

  async function roundFacts(roundId: string): Promise<RoundFacts> {
    const [r] = await t.dataSource.query(
      `SELECT id, closes_at, min_award_pence, max_award_pence, max_project_months, plan_version_id
         FROM rounds WHERE id = $1`,
      [roundId],
    );
    const objectives: { id: string; funded: boolean }[] = await t.dataSource.query(
      `SELECT o.id, EXISTS (SELECT 1 FROM round_objectives ro WHERE ro.round_id = $1 AND ro.objective_id = o.id) AS funded
         FROM objectives o WHERE o.plan_version_id = $2 ORDER BY o.number`,
      [roundId, r.plan_version_id],
    );
    const funded = objectives.filter((o) => o.funded).map((o) => o.id);
    const measures: { id: string; objective_id: string }[] = await t.dataSource.query(
      `SELECT id, objective_id FROM success_measures WHERE objective_id = ANY($1::uuid[]) ORDER BY code`,
      [funded],
    );
    const areas: { code: string }[] = await t.dataSource.query(
      `SELECT code FROM areas WHERE type <> 'PFA' ORDER BY code`,
    );
    return {
      id: r.id,
      closesAt: new Date(r.closes_at),
      minAwardPence: Number(r.min_award_pence),
      maxAwardPence: Number(r.max_award_pence),
      maxProjectMonths: r.max_project_months,
      objectiveIds: funded,
      otherObjectiveId: objectives.find((o) => !o.funded)?.id ?? '00000000-0000-4000-8000-000000000000',
      measureIds: funded.slice(0, 2).map((o) => measures.find((m) => m.objective_id === o)!.id),
      areaCodes: areas.map((a) => a.code),
    };
  }

  /** Every answer a submission needs, fitting the round. */
  function completeAnswers(r: RoundFacts): Record<string, unknown> {
    const today = calendarDateIn(clock.now(), 'Europe/London');
    const start = calendarDateIn(new Date(clock.now().getTime() + 14 * DAY), 'Europe/London');
    const months = Math.min(6, r.maxProjectMonths);
    const end = calendarDateIn(new Date(Date.parse(`${addMonths(start, months)}T12:00:00Z`) - DAY), 'UTC');
    expect(start > today).toBe(true);
    const amount = r.minAwardPence + 1_000;
    return {
      title: 'Malvern Street Pastors',
      summary: 'Trained volunteers on the streets of Great Malvern on Friday and Saturday nights.',
      activities: [{ description: 'Night-time patrols' }, { description: 'A safe space at the bus station' }],
      objectives: [{ objectiveId: r.objectiveIds[0], contribution: 'Fewer alcohol-related assaults' }],
      successMeasures: [{ measureId: r.measureIds[0], target: 40, baseline: 25 }],
      beneficiaryAreas: [r.areaCodes[0]],
      startDate: start,
      endDate: end,
      amountRequestedPence: amount,
      budgetLines: [
        { description: 'Radios', category: 'equipment', amountPence: 1_000 },
        { description: 'Volunteer training', category: 'training', amountPence: amount - 1_000 },
      ],
      otherFunding: [{ funderName: 'Malvern Town Council', amountPence: 250_000, status: 'secured' }],
      exitPlan: 'The town council has agreed to fund the scheme when this grant ends.',
      safeguarding: { confirmed: true, policyNotes: 'All volunteers are DBS checked' },
      declarations: {
        informationTrue: true,
        oneOffUnderstood: true,
        conditionsUnderstood: true,
        dataProtection: true,
      },
    };
  }

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: String(24 * 90) } });
    await seedReference(t);
    const created = await createOpenRound(t);
    round = await roundFacts(created.id);
    owner = await registerApplicant(t, { displayName: 'Olive Owner' });
    colleague = await registerApplicant(t);
    stranger = await registerApplicant(t);
    officer = await createStaffUser(t, [Role.Officer], { displayName: 'Oscar Officer' });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('organisations', () => {
    it('needs a signed-in applicant', async () => {
      expect((await t.post(`${API}/organisations`, organisationBody)).status).toBe(401);
      expect((await t.post(`${API}/organisations`, organisationBody, as(officer))).status).toBe(403);
    });

    it('creates an organisation with normalised numbers; the creator is its owner', async () => {
      const res = await t.post(`${API}/organisations`, organisationBody, as(owner));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: organisationBody.name,
        legalForm: 'company_limited_by_guarantee',
        legalFormLabel: 'Company limited by guarantee',
        companyNumber: '01234567',
        charityNumber: '1123456',
        postcode: 'WR14 3AA',
        contactEmail: 'secretary@mhnwa.org.uk',
        localAuthorityCode: 'E07000235',
        myRole: 'owner',
      });
      organisationId = res.body.id;
    });

    it('refuses bad numbers and postcodes, naming each field', async () => {
      const res = await t.post(
        `${API}/organisations`,
        { ...organisationBody, companyNumber: 'XX12', charityNumber: 'SC12', postcode: 'nowhere' },
        as(owner),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'charityNumber',
        'companyNumber',
        'postcode',
      ]);
      const area = await t.post(
        `${API}/organisations`,
        { ...organisationBody, localAuthorityCode: 'E99999999' },
        as(owner),
      );
      expect(area.status).toBe(400);
      expect(area.body.errors).toEqual([{ field: 'localAuthorityCode', message: expect.any(String) }]);
    });

    it('requires the numbers the legal form implies (422)', async () => {
      const res = await t.post(
        `${API}/organisations`,
        { ...organisationBody, legalForm: 'registered_charity', charityNumber: null, companyNumber: null },
        as(owner),
      );
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { field: 'charityNumber', message: expect.stringMatching(/charity number/) },
      ]);
      const cic = await t.post(
        `${API}/organisations`,
        { ...organisationBody, legalForm: 'community_interest_company' },
        as(owner),
      );
      expect(cic.status).toBe(422);
      expect(cic.body.errors.map((e: { field: string }) => e.field)).toEqual(['charityNumber']);
    });

    it('lists mine for applicants and all for officers', async () => {
      const mine = await t.get(`${API}/organisations`, as(owner));
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([organisationId]);
      expect(mine.body.nextCursor).toBeNull();
      expect((await t.get(`${API}/organisations`, as(stranger))).body.items).toEqual([]);
      const all = await t.get(`${API}/organisations`, as(officer));
      expect(all.body.items.map((o: { id: string }) => o.id)).toContain(organisationId);
      expect((await t.get(`${API}/organisations/${organisationId}`, as(officer))).body.myRole).toBeNull();
      const me = await t.get(`${API}/me/organisations`, as(owner));
      expect(me.status).toBe(200);
      expect(me.body.items).toEqual([expect.objectContaining({ id: organisationId, myRole: 'owner' })]);
    });

    it('invites by email, answering alike whether or not the address is registered, and adds nobody', async () => {
      const registered = await t.post(
        `${API}/organisations/${organisationId}/members`,
        { email: colleague.email.toUpperCase() },
        as(owner),
      );
      expect(registered.status).toBe(202);
      const unknownEmail = `treasurer-${Date.now()}@example.org`;
      const unknown = await t.post(
        `${API}/organisations/${organisationId}/members`,
        { email: unknownEmail },
        as(owner),
      );
      expect(unknown.status).toBe(202);
      const staff = await t.post(
        `${API}/organisations/${organisationId}/members`,
        { email: officer.email },
        as(owner),
      );
      expect(staff.status).toBe(202);
      // Same keys, same outcome, no names: nothing tells the owner who has an account.
      for (const res of [registered, unknown, staff]) {
        expect(Object.keys(res.body).sort()).toEqual(['email', 'invitationId', 'invitedAt', 'outcome']);
        expect(res.body.outcome).toBe('invited');
        expect(JSON.stringify(res.body)).not.toMatch(/Test Applicant|Oscar Officer|displayName|userId/);
      }
      expect(registered.body.email).toBe(colleague.email);
      // Nobody joined: the colleague is not a member until they accept.
      const members = await t.get(`${API}/organisations/${organisationId}/members`, as(owner));
      expect(members.body.members.map((m: { userId: string }) => m.userId)).toEqual([owner.userId]);
      expect(members.body.pendingInvitations.map((i: { email: string }) => i.email)).toEqual([
        colleague.email,
        unknownEmail,
        officer.email,
      ]);
      const signIn = await t.mail.waitFor(colleague.email, /invited to join/i);
      expect(signIn.text).toMatch(/Sign in with this email address and accept/);
      const register = await t.mail.waitFor(unknownEmail, /invited to join/i);
      expect(register.text).toMatch(/Register with this email address, then accept/);
      expect(register.text).toContain(organisationBody.name);
      const again = await t.post(
        `${API}/organisations/${organisationId}/members`,
        { email: colleague.email },
        as(owner),
      );
      expect(again.status).toBe(409);
      const self = await t.post(
        `${API}/organisations/${organisationId}/members`,
        { email: owner.email },
        as(owner),
      );
      expect(self.status).toBe(409);
      cancelledInvitationId = staff.body.invitationId;
      newcomerEmail = unknownEmail;
    });

    it('never turns an invitation into a membership on a read', async () => {
      for (const url of [
        `${API}/organisations`,
        `${API}/me/organisations`,
        `${API}/applications`,
        `${API}/organisations/${organisationId}`,
        `${API}/organisations/${organisationId}/members`,
      ]) {
        const res = await t.get(url, as(colleague));
        expect([200, 404], url).toContain(res.status);
        if (res.status === 200 && Array.isArray(res.body.items)) expect(res.body.items, url).toEqual([]);
      }
      const rows = await t.dataSource.query(
        `SELECT 1 FROM organisation_members WHERE organisation_id = $1 AND user_id = $2`,
        [organisationId, colleague.userId],
      );
      expect(rows).toEqual([]);
    });

    it('lets the invitee see and accept the invitation, once, even when accepting twice at once', async () => {
      const mine = await t.get(`${API}/me/invitations`, as(colleague));
      expect(mine.status).toBe(200);
      expect(mine.body.items).toEqual([
        expect.objectContaining({
          organisationId,
          organisationName: organisationBody.name,
          invitedBy: 'Olive Owner',
          status: 'pending',
        }),
      ]);
      const id = mine.body.items[0].id as string;
      expect((await t.get(`${API}/me/invitations`, as(stranger))).body.items).toEqual([]);
      // Someone else's invitation is 404, exactly like one that does not exist.
      const theirs = await t.post(`${API}/me/invitations/${id}/accept`, undefined, as(stranger));
      const nobodys = await t.post(
        `${API}/me/invitations/00000000-0000-4000-8000-000000000000/accept`,
        undefined,
        as(stranger),
      );
      expect([theirs.status, nobodys.status]).toEqual([404, 404]);
      expect(theirs.body.detail).toBe(nobodys.body.detail);

      const [first, second] = await Promise.all([
        t.post(`${API}/me/invitations/${id}/accept`, undefined, as(colleague)),
        t.post(`${API}/me/invitations/${id}/accept`, undefined, as(colleague)),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.body).toMatchObject({ id, organisationId, status: 'accepted' });
      const audit = await t.dataSource.query(
        `SELECT actor_user_id, actor_role FROM audit_log
          WHERE subject_id = $1 AND action = 'organisation.invitation_accepted'`,
        [organisationId],
      );
      expect(audit).toEqual([{ actor_user_id: colleague.userId, actor_role: 'applicant' }]);
      const theirOrganisations = await t.get(`${API}/me/organisations`, as(colleague));
      expect(theirOrganisations.body.items).toEqual([
        expect.objectContaining({ id: organisationId, myRole: 'member' }),
      ]);
      expect((await t.get(`${API}/me/invitations`, as(colleague))).body.items).toEqual([]);
      const decline = await t.post(`${API}/me/invitations/${id}/decline`, undefined, as(colleague));
      expect(decline.status).toBe(409);
    });

    it('never lets a staff account join, even with an invitation to its address', async () => {
      const list = await t.get(`${API}/me/invitations`, as(officer));
      expect(list.status).toBe(403);
      const accept = await t.post(
        `${API}/me/invitations/${cancelledInvitationId}/accept`,
        undefined,
        as(officer),
      );
      expect(accept.status).toBe(403);
      expect(accept.body.detail).toMatch(/applicant/);
      const members = await t.get(`${API}/organisations/${organisationId}/members`, as(owner));
      expect(members.body.members.map((m: { userId: string }) => m.userId)).not.toContain(officer.userId);
    });

    it('lets the owner cancel a pending invitation, and a newcomer accept after registering', async () => {
      const cancel = await t.request(
        'DELETE',
        `${API}/organisations/${organisationId}/invitations/${cancelledInvitationId}`,
        undefined,
        as(owner),
      );
      expect(cancel.status).toBe(204);
      const twice = await t.request(
        'DELETE',
        `${API}/organisations/${organisationId}/invitations/${cancelledInvitationId}`,
        undefined,
        as(owner),
      );
      expect(twice.status).toBe(204);
      const byMember = await t.request(
        'DELETE',
        `${API}/organisations/${organisationId}/invitations/${cancelledInvitationId}`,
        undefined,
        as(colleague),
      );
      expect(byMember.status).toBe(403);
      const cancelledAudit = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'organisation.invitation_cancelled'`,
        [organisationId],
      );
      expect(cancelledAudit).toEqual([{ n: 1 }]);

      const newcomer = await registerApplicant(t, { email: newcomerEmail });
      expect((await t.get(`${API}/organisations`, as(newcomer))).body.items).toEqual([]);
      const [invitation] = (await t.get(`${API}/me/invitations`, as(newcomer))).body.items;
      const accepted = await t.post(`${API}/me/invitations/${invitation.id}/accept`, undefined, as(newcomer));
      expect(accepted.status).toBe(200);
      const theirs = await t.get(`${API}/organisations`, as(newcomer));
      expect(theirs.body.items).toEqual([expect.objectContaining({ id: organisationId, myRole: 'member' })]);
      const after = await t.get(`${API}/organisations/${organisationId}/members`, as(owner));
      expect(after.body.pendingInvitations).toEqual([]);
      expect(after.body.members.map((m: { role: string }) => m.role)).toEqual(['owner', 'member', 'member']);
      newcomerId = newcomer.userId;
    });

    it('lets an invitee decline, and the owner remove a member but never the last owner', async () => {
      const email = `declines-${Date.now()}@example.org`;
      const invited = await t.post(`${API}/organisations/${organisationId}/members`, { email }, as(owner));
      expect(invited.status).toBe(202);
      const decliner = await registerApplicant(t, { email });
      const declined = await t.post(
        `${API}/me/invitations/${invited.body.invitationId}/decline`,
        undefined,
        as(decliner),
      );
      expect(declined.status).toBe(200);
      expect(declined.body.status).toBe('declined');
      expect(
        (await t.post(`${API}/me/invitations/${invited.body.invitationId}/accept`, undefined, as(decliner)))
          .status,
      ).toBe(409);
      expect((await t.get(`${API}/organisations`, as(decliner))).body.items).toEqual([]);

      const o = `${API}/organisations/${organisationId}`;
      // Members cannot invite or remove; only the owner can.
      expect((await t.post(`${o}/members`, { email: 'someone@example.org' }, as(colleague))).status).toBe(
        403,
      );
      expect(
        (await t.request('DELETE', `${o}/members/${owner.userId}`, undefined, as(colleague))).status,
      ).toBe(403);
      const last = await t.request('DELETE', `${o}/members/${owner.userId}`, undefined, as(owner));
      expect(last.status).toBe(409);
      expect(last.body.detail).toMatch(/last owner/);
      const removed = await t.request('DELETE', `${o}/members/${newcomerId}`, undefined, as(owner));
      expect(removed.status).toBe(204);
      expect((await t.request('DELETE', `${o}/members/${newcomerId}`, undefined, as(owner))).status).toBe(
        404,
      );
      const audit = await t.dataSource.query(
        `SELECT data FROM audit_log WHERE subject_id = $1 AND action = 'organisation.member_removed'`,
        [organisationId],
      );
      expect(audit).toEqual([{ data: { userId: newcomerId, role: 'member' } }]);
      const members = await t.get(`${o}/members`, as(owner));
      expect(members.body.members.map((m: { userId: string }) => m.userId)).toEqual([
        owner.userId,
        colleague.userId,
      ]);
    });

    it('lets members change the address, but only the owner the legal details', async () => {
      const address = await t.patch(
        `${API}/organisations/${organisationId}`,
        { addressLine2: 'Great Malvern', postcode: 'WR14 3AB' },
        as(colleague),
      );
      expect(address.status).toBe(200);
      expect(address.body).toMatchObject({
        addressLine2: 'Great Malvern',
        postcode: 'WR14 3AB',
        myRole: 'member',
      });
      const legal = await t.patch(
        `${API}/organisations/${organisationId}`,
        { name: 'Renamed' },
        as(colleague),
      );
      expect(legal.status).toBe(403);
      const byOwner = await t.patch(
        `${API}/organisations/${organisationId}`,
        { companyNumber: 'sc 12345' },
        as(owner),
      );
      expect(byOwner.status).toBe(200);
      expect(byOwner.body.companyNumber).toBe('SC012345');
      const blank = await t.patch(`${API}/organisations/${organisationId}`, { name: null }, as(owner));
      expect(blank.status).toBe(400);
      const officerEdit = await t.patch(`${API}/organisations/${organisationId}`, { town: 'X' }, as(officer));
      expect(officerEdit.status).toBe(403);
    });
  });

  describe('applications', () => {
    it('starts a draft with a reference number', async () => {
      const res = await t.post(
        `${API}/applications`,
        { organisationId, roundId: round.id, title: 'Street Pastors' },
        as(owner),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'draft',
        title: 'Street Pastors',
        organisationId,
        roundId: round.id,
        activities: [],
        budgetLines: [],
        budgetTotalPence: 0,
        declarations: { informationTrue: false },
      });
      expect(res.body.reference).toMatch(/^CSF-\d{4}-\d{6}$/);
      applicationId = res.body.id;
    });

    it('refuses a draft for an organisation the caller does not belong to (404) or an unknown round (404)', async () => {
      expect(
        (await t.post(`${API}/applications`, { organisationId, roundId: round.id }, as(stranger))).status,
      ).toBe(404);
      const unknownRound = await t.post(
        `${API}/applications`,
        { organisationId, roundId: '00000000-0000-4000-8000-000000000000' },
        as(owner),
      );
      expect(unknownRound.status).toBe(404);
    });

    it('saves partial drafts any number of times', async () => {
      const first = await t.patch(
        `${API}/applications/${applicationId}`,
        { summary: 'First thoughts' },
        as(owner),
      );
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ summary: 'First thoughts', title: 'Street Pastors' });
      const second = await t.patch(
        `${API}/applications/${applicationId}`,
        {
          budgetLines: [{ description: 'Radios', category: 'equipment', amountPence: 12_345 }],
          declarations: { informationTrue: true },
        },
        as(colleague),
      );
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({
        summary: 'First thoughts',
        budgetTotalPence: 12_345,
        declarations: { informationTrue: true, oneOffUnderstood: false },
      });
    });

    it('refuses objectives the round does not fund, measures outside them and unknown areas', async () => {
      const objective = await t.patch(
        `${API}/applications/${applicationId}`,
        { objectives: [{ objectiveId: round.otherObjectiveId, contribution: 'x' }] },
        as(owner),
      );
      expect(objective.status).toBe(422);
      expect(objective.body.errors).toEqual([
        { field: 'objectives[0].objectiveId', message: expect.any(String) },
      ]);
      const area = await t.patch(
        `${API}/applications/${applicationId}`,
        { beneficiaryAreas: ['E99999999'] },
        as(owner),
      );
      expect(area.status).toBe(400);
      const dupe = await t.patch(
        `${API}/applications/${applicationId}`,
        { beneficiaryAreas: [round.areaCodes[0], round.areaCodes[0]] },
        as(owner),
      );
      expect(dupe.status).toBe(400);
      const date = await t.patch(
        `${API}/applications/${applicationId}`,
        { startDate: '2026-02-30' },
        as(owner),
      );
      expect(date.status).toBe(400);
      const negative = await t.patch(
        `${API}/applications/${applicationId}`,
        { budgetLines: [{ description: 'x', category: 'other', amountPence: -1 }] },
        as(owner),
      );
      expect(negative.status).toBe(400);
    });

    it('refuses to submit an incomplete application, naming every missing or wrong answer', async () => {
      const res = await t.post(`${API}/applications/${applicationId}/submit`, undefined, as(owner));
      expect(res.status).toBe(422);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual([
        'activities',
        'objectives',
        'successMeasures',
        'beneficiaryAreas',
        'startDate',
        'endDate',
        'amountRequestedPence',
        'exitPlan',
        'safeguarding.confirmed',
        'declarations.oneOffUnderstood',
        'declarations.conditionsUnderstood',
        'declarations.dataProtection',
      ]);
      expect((await t.get(`${API}/applications/${applicationId}`, as(owner))).body.status).toBe('draft');
    });

    it('refuses a budget that does not add up and an amount outside the round’s limits', async () => {
      const answers = completeAnswers(round);
      const res = await t.patch(
        `${API}/applications/${applicationId}`,
        { ...answers, amountRequestedPence: round.maxAwardPence + 1 },
        as(owner),
      );
      expect(res.status).toBe(200);
      const submit = await t.post(`${API}/applications/${applicationId}/submit`, undefined, as(owner));
      expect(submit.status).toBe(422);
      expect(submit.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'amountRequestedPence',
        'budgetLines',
      ]);
    });

    it('submits a complete application and records it immutably', async () => {
      const patched = await t.patch(
        `${API}/applications/${applicationId}`,
        completeAnswers(round),
        as(owner),
      );
      expect(patched.status).toBe(200);
      const res = await t.post(`${API}/applications/${applicationId}/submit`, undefined, as(owner));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });
      const submissions = await t.get(`${API}/applications/${applicationId}/submissions`, as(owner));
      expect(submissions.body.items).toHaveLength(1);
      expect(submissions.body.items[0]).toMatchObject({
        version: 1,
        submittedBy: owner.userId,
        answers: {
          title: 'Malvern Street Pastors',
          organisation: { id: organisationId, companyNumber: 'SC012345' },
          budgetLines: expect.any(Array),
        },
      });
      await expect(
        t.dataSource.query(
          `UPDATE application_submissions SET answers = '{}'::jsonb WHERE application_id = $1`,
          [applicationId],
        ),
      ).rejects.toThrow(/append-only/);
    });

    it('refuses edits and a second submission once submitted (409)', async () => {
      const edit = await t.patch(`${API}/applications/${applicationId}`, { title: 'Changed' }, as(owner));
      expect(edit.status).toBe(409);
      expect(edit.body.currentStatus).toBe('submitted');
      const again = await t.post(`${API}/applications/${applicationId}/submit`, undefined, as(owner));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ currentStatus: 'submitted', code: 'invalid_transition' });
    });

    it('shows submitted applications on the officers’ list, not drafts', async () => {
      const draft = await t.post(`${API}/applications`, { organisationId, roundId: round.id }, as(owner));
      expect(draft.status).toBe(201);
      const list = await t.get(`${API}/applications`, as(officer));
      expect(list.status).toBe(200);
      const ids = list.body.items.map((a: { id: string }) => a.id);
      expect(ids).toContain(applicationId);
      expect(ids).not.toContain(draft.body.id);
      expect(list.body.items.find((a: { id: string }) => a.id === applicationId)).toMatchObject({
        status: 'submitted',
        organisationName: organisationBody.name,
      });
      const filtered = await t.get(`${API}/applications?status=submitted&roundId=${round.id}`, as(officer));
      expect(filtered.body.items.map((a: { id: string }) => a.id)).toEqual([applicationId]);
      // Drafts are the applicant's private work: officers cannot list, read or follow them.
      const drafts = await t.get(`${API}/applications?status=draft`, as(officer));
      expect(drafts.status).toBe(400);
      expect(drafts.body.errors).toEqual([{ field: 'status', message: expect.stringMatching(/private/) }]);
      for (const url of ['', '/timeline', '/submissions']) {
        const res = await t.get(`${API}/applications/${draft.body.id}${url}`, as(officer));
        expect(res.status, url).toBe(404);
      }
      expect(
        (await t.patch(`${API}/applications/${draft.body.id}`, { title: 'x' }, as(officer))).status,
      ).toBe(404);
      expect((await t.get(`${API}/applications/${draft.body.id}/timeline`, as(owner))).status).toBe(200);
      const mine = await t.get(`${API}/applications?limit=1`, as(owner));
      expect(mine.body.items).toHaveLength(1);
      expect(mine.body.nextCursor).toEqual(expect.any(String));
      const next = await t.get(`${API}/applications?limit=1&cursor=${mine.body.nextCursor}`, as(owner));
      expect(next.body.items).toHaveLength(1);
      expect(next.body.items[0].id).not.toBe(mine.body.items[0].id);
      expect((await t.get(`${API}/applications`, as(stranger))).body.items).toEqual([]);
      expect((await t.get(`${API}/applications/${applicationId}`, as(officer))).status).toBe(200);
      expect(
        (await t.patch(`${API}/applications/${applicationId}`, { title: 'x' }, as(officer))).status,
      ).toBe(403);
    });

    it('gives another applicant 404 on every organisation and application route', async () => {
      const o = `${API}/organisations/${organisationId}`;
      const a = `${API}/applications/${applicationId}`;
      const attempts = [
        t.get(o, as(stranger)),
        t.patch(o, { town: 'Elsewhere' }, as(stranger)),
        t.get(`${o}/members`, as(stranger)),
        t.post(`${o}/members`, { email: stranger.email }, as(stranger)),
        t.get(a, as(stranger)),
        t.patch(a, { title: 'Mine now' }, as(stranger)),
        t.post(`${a}/submit`, undefined, as(stranger)),
        t.post(`${a}/withdraw`, {}, as(stranger)),
        t.get(`${a}/timeline`, as(stranger)),
        t.get(`${a}/submissions`, as(stranger)),
        t.post(`${API}/applications`, { organisationId, roundId: round.id }, as(stranger)),
      ];
      const results = await Promise.all(attempts);
      expect(results.map((r) => r.status)).toEqual(results.map(() => 404));
      for (const r of results) expect(r.body.code).toBe('not_found');
      const unknown = await t.get(`${API}/applications/00000000-0000-4000-8000-000000000000`, as(stranger));
      expect(unknown.body.detail).toBe(results[4]!.body.detail);
    });

    it('lets a member withdraw with a reason, once', async () => {
      const res = await t.post(
        `${API}/applications/${applicationId}/withdraw`,
        { reason: 'Funded elsewhere' },
        as(colleague),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Funded elsewhere' });
      const again = await t.post(`${API}/applications/${applicationId}/withdraw`, {}, as(owner));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ currentStatus: 'withdrawn', allowedStatuses: [] });
    });

    it('shows each step on the timeline, with who did it', async () => {
      const res = await t.get(`${API}/applications/${applicationId}/timeline`, as(owner));
      expect(res.status).toBe(200);
      const items = res.body.items as {
        action: string;
        actor: { displayName: string; role: string; userId: string };
        fromStatus: string | null;
        toStatus: string | null;
        reason: string | null;
        at: string;
      }[];
      expect(items.map((i) => i.action)).toEqual([
        'application.created',
        'application.draft_saved',
        'application.draft_saved',
        'application.draft_saved',
        'application.draft_saved',
        'application.submitted',
        'application.withdrawn',
      ]);
      expect(items[0]).toMatchObject({
        toStatus: 'draft',
        actor: { userId: owner.userId, role: 'applicant' },
      });
      expect(items[0]!.actor.displayName).toEqual(expect.any(String));
      expect(items[2]!.actor.userId).toBe(colleague.userId);
      expect(items[5]).toMatchObject({ fromStatus: 'draft', toStatus: 'submitted' });
      expect(items[6]).toMatchObject({
        fromStatus: 'submitted',
        toStatus: 'withdrawn',
        reason: 'Funded elsewhere',
      });
      expect(items[6]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      // Applicants get who, when, what and why; the audit entries' recorded details are for officers.
      for (const item of items) expect(item).not.toHaveProperty('data');
      const forOfficer = await t.get(`${API}/applications/${applicationId}/timeline`, as(officer));
      expect(forOfficer.status).toBe(200);
      expect(forOfficer.body.items[0].data).toMatchObject({ organisationId, roundId: round.id });
    });

    it('makes drafts read-only and refuses submission once the round has closed', async () => {
      const draft = await t.post(`${API}/applications`, { organisationId, roundId: round.id }, as(owner));
      const id = draft.body.id as string;
      expect((await t.patch(`${API}/applications/${id}`, completeAnswers(round), as(owner))).status).toBe(
        200,
      );
      const saved = clock.now();
      clock.set(new Date(round.closesAt.getTime() + 1000));
      try {
        const token = await login(t, owner.email, TEST_PASSWORD);
        const edit = await t.patch(`${API}/applications/${id}`, { title: 'Late change' }, { token });
        expect(edit.status).toBe(409);
        expect(edit.body.detail).toMatch(/closed/);
        const submit = await t.post(`${API}/applications/${id}/submit`, undefined, { token });
        expect(submit.status).toBe(422);
        expect(submit.body.detail).toMatch(/closed/);
        const create = await t.post(`${API}/applications`, { organisationId, roundId: round.id }, { token });
        expect(create.status).toBe(422);
        expect((await t.get(`${API}/applications/${id}`, { token })).body.status).toBe('draft');
        const withdraw = await t.post(`${API}/applications/${id}/withdraw`, {}, { token });
        expect(withdraw.status).toBe(200);
      } finally {
        clock.set(saved);
      }
    });

    it('rejects malformed input with 400, never 500', async () => {
      const a = `${API}/applications/${applicationId}`;
      const cases: [string, unknown][] = [
        [a, { unknownField: 1 }],
        [a, { activities: 'not a list' }],
        [a, { activities: Array.from({ length: 51 }, () => ({ description: 'x' })) }],
        [a, { objectives: [{ objectiveId: 'nope', contribution: 'x' }] }],
        [a, { successMeasures: [{ measureId: round.measureIds[0], target: 'ten' }] }],
        [a, { amountRequestedPence: 1.5 }],
        [a, { amountRequestedPence: Number.MAX_SAFE_INTEGER * 4 }],
        [a, { safeguarding: { confirmed: 'yes' } }],
        [a, { declarations: { informationTrue: true, extra: true } }],
        [a, { title: 'x'.repeat(201) }],
        [a, { startDate: '01/04/2026' }],
        [`${API}/organisations/${organisationId}`, { postcode: 42 }],
      ];
      for (const [url, body] of cases) {
        const res = await t.patch(url, body, as(owner));
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      }
      expect((await t.get(`${API}/applications/not-a-uuid`, as(owner))).status).toBe(400);
      expect((await t.get(`${API}/applications?status=bogus`, as(owner))).status).toBe(400);
      expect((await t.get(`${API}/applications?cursor=nonsense`, as(owner))).status).toBe(400);
    });

    it('answers every malformed request to these endpoints without a 500 and without changing data', async () => {
      const draft = await t.post(`${API}/applications`, { organisationId, roundId: round.id }, as(owner));
      expect(draft.status).toBe(201);
      const doc = (await t.get('/api/openapi.json')).body;
      const ops = operationsOf(doc).filter((op) =>
        /^\/api\/v1\/(organisations|applications|me\/organisations)/.test(op.path),
      );
      expect(ops.length).toBeGreaterThanOrEqual(12);
      const before = await dbFingerprint(t.dataSource);
      const failures: string[] = [];
      let rejected = 0;
      for (const op of ops) {
        // Submit and withdraw aim at the withdrawn application, so even a well-formed body changes nothing.
        const target = /submit|withdraw/.test(op.path) ? applicationId : (draft.body.id as string);
        const id = op.path.startsWith('/api/v1/organisations') ? organisationId : target;
        const concrete = op.path.replace('{id}', id);
        // Path cases need the template (they fill the placeholder); every other case the real address.
        const cases = [
          ...malformedCases(doc, op, op.path).filter((c) => c.name.startsWith('path ')),
          ...malformedCases(doc, op, concrete).filter((c) => !c.name.startsWith('path ')),
        ];
        for (const c of cases) {
          const res = await t.request(op.method, c.url, undefined, {
            token: owner.token,
            raw: c.raw,
            headers: c.contentType ? { 'content-type': c.contentType } : {},
          });
          if (res.status === 400) rejected++;
          if (res.status >= 500) failures.push(`${op.method} ${op.path} ${c.name}: ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
      expect(rejected).toBeGreaterThan(300);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
    });
  });
  describe('paging', () => {
    async function pageAll(url: string, who: Person): Promise<{ ids: string[]; finished: boolean }> {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 30; i++) {
        const sep = url.includes('?') ? '&' : '?';
        const res: HttpResult = await t.get(
          `${url}${sep}limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          as(who),
        );
        expect(res.status).toBe(200);
        ids.push(...res.body.items.map((x: { id: string }) => x.id));
        cursor = res.body.nextCursor;
        if (!cursor) return { ids, finished: true };
      }
      return { ids, finished: false };
    }

    /** Microseconds apart within one millisecond: what PostgreSQL keeps and a cursor cannot. */
    async function sameMillisecond(table: 'organisations' | 'applications', ids: string[]): Promise<void> {
      await t.dataSource.query(
        `UPDATE ${table} r SET created_at = timestamptz '2026-03-01 12:00:00.123+00' + (x.n * interval '1 microsecond')
           FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n) WHERE r.id = x.id`,
        [ids],
      );
    }

    it('pages organisations (oldest first) and applications (newest first) with limit=1, each row once', async () => {
      const pager = await registerApplicant(t);
      const organisations: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await t.post(
          `${API}/organisations`,
          { ...organisationBody, name: `Pager ${i}` },
          as(pager),
        );
        expect(res.status).toBe(201);
        organisations.push(res.body.id);
      }
      const applications: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await t.post(
          `${API}/applications`,
          { organisationId: organisations[0], roundId: round.id },
          as(pager),
        );
        expect(res.status).toBe(201);
        applications.push(res.body.id);
      }
      await sameMillisecond('organisations', organisations);
      await sameMillisecond('applications', applications);

      const o = await pageAll(`${API}/organisations`, pager);
      expect(o.finished).toBe(true);
      expect(o.ids).toEqual([...organisations].sort());
      const a = await pageAll(`${API}/applications`, pager);
      expect(a.finished).toBe(true);
      expect(a.ids).toEqual([...applications].sort().reverse());
      // The officers' list of every organisation pages through the same rows once each, too.
      const all = await pageAll(`${API}/organisations`, officer);
      expect(all.finished).toBe(true);
      expect(new Set(all.ids).size).toBe(all.ids.length);
      expect(all.ids).toEqual(expect.arrayContaining(organisations));
    });
  });
});
