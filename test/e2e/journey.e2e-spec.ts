import { Role } from '@grants/accounts';
import { addMonths, calendarDateIn } from '@grants/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../support/accounts';
import { seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const DAY = 86_400_000;

/**
 * The issue's walk, through HTTP only and in order: an administrator sets up a round, a community group
 * registers (verifying by the link in a real email), describes itself, finds the round, drafts, edits and
 * submits an application, which then appears on the officers' list with every step on its timeline.
 */
describe('from registration to a submitted application', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let applicant: string;
  let roundId: string;
  let organisationId: string;
  let applicationId: string;
  let round: {
    minAwardPence: number;
    objectives: { id: string; measures: { id: string }[] }[];
  };
  const email = 'secretary@bromsgrove-street-pastors.org.uk';

  beforeAll(async () => {
    t = await createTestApp();
    await seedReference(t);
    admin = (await createStaffUser(t, [Role.Admin])).token;
    officer = (await createStaffUser(t, [Role.Officer])).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an administrator sets up and publishes a round from the plan and the fund', async () => {
    const plans = await t.get(`${API}/plans`);
    const plan = await t.get(`${API}/plans/${plans.body.items[0].id}`);
    const tree = plan.body.current;
    const objectiveIds: string[] = tree.aims
      .flatMap((a: { objectives: { id: string; number: number }[] }) => a.objectives)
      .filter((o: { number: number }) => [5, 8].includes(o.number))
      .map((o: { id: string }) => o.id);
    const funds = await t.get(`${API}/funds`);
    const csf = funds.body.items.find((f: { key: string }) => f.key === 'community-safety-fund');
    const year = csf.years[csf.years.length - 1];
    const now = Date.now();
    const created = await t.post(
      `${API}/rounds`,
      {
        fundYearId: year.id,
        planVersionId: tree.version.id,
        title: 'Safer Neighbourhoods small grants',
        description: 'One-off grants for watch schemes and diversionary activities.',
        opensAt: new Date(now - DAY).toISOString(),
        closesAt: new Date(now + 30 * DAY).toISOString(),
        minAwardPence: 50_000,
        maxAwardPence: 1_000_000,
        maxProjectMonths: 12,
        acceptanceWindowDays: 28,
        objectiveIds,
      },
      { token: admin },
    );
    expect(created.status).toBe(201);
    roundId = created.body.id;
    expect((await t.post(`${API}/rounds/${roundId}/publish`, undefined, { token: admin })).status).toBe(200);
  });

  it('a volunteer registers and verifies the email address by the emailed link', async () => {
    const reg = await t.post(`${API}/auth/register`, {
      email,
      password: 'correct horse battery staple',
      displayName: 'Sam Secretary',
    });
    expect(reg.status).toBe(202);
    const mail = await t.mail.waitFor(email, /confirm your email/i);
    const link = /https?:\/\/\S+token=([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link).not.toBeNull();
    expect((await t.post(`${API}/auth/verify-email`, { token: link![1] })).status).toBe(200);
    const login = await t.post(`${API}/auth/login`, { email, password: 'correct horse battery staple' });
    expect(login.status).toBe(200);
    applicant = login.body.token;
    expect((await t.get(`${API}/me`, { token: applicant })).body).toMatchObject({
      email,
      roles: ['applicant'],
    });
  });

  it('describes the organisation', async () => {
    const res = await t.post(
      `${API}/organisations`,
      {
        name: 'Bromsgrove Street Pastors',
        legalForm: 'constituted_community_group',
        addressLine1: '3 High Street',
        town: 'Bromsgrove',
        postcode: 'B61 8AA',
        localAuthorityCode: 'E07000234',
      },
      { token: applicant },
    );
    expect(res.status).toBe(201);
    organisationId = res.body.id;
  });

  it('finds the open round and what it funds', async () => {
    const open = await t.get(`${API}/rounds?status=open`);
    expect(open.body.items.map((r: { id: string }) => r.id)).toContain(roundId);
    const detail = await t.get(`${API}/rounds/${roundId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.phase).toBe('open');
    round = detail.body;
    expect(round.objectives).toHaveLength(2);
  });

  it('starts a draft, saves it incomplete, edits it, and submits it', async () => {
    const draft = await t.post(
      `${API}/applications`,
      { organisationId, roundId, title: 'Friday night patrols' },
      { token: applicant },
    );
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe('draft');
    applicationId = draft.body.id;

    const partial = await t.patch(
      `${API}/applications/${applicationId}`,
      { summary: 'Volunteers on the streets of Bromsgrove at weekends.' },
      { token: applicant },
    );
    expect(partial.status).toBe(200);
    const early = await t.post(`${API}/applications/${applicationId}/submit`, undefined, {
      token: applicant,
    });
    expect(early.status).toBe(422);
    expect(early.body.errors.length).toBeGreaterThan(3);

    const today = calendarDateIn(new Date(), 'Europe/London');
    const start = addMonths(today, 1);
    const amount = 600_000;
    const edited = await t.patch(
      `${API}/applications/${applicationId}`,
      {
        activities: [{ description: 'Patrols on Friday and Saturday nights' }],
        objectives: [{ objectiveId: round.objectives[0]!.id, contribution: 'Less anti-social behaviour' }],
        successMeasures: [{ measureId: round.objectives[0]!.measures[0]!.id, target: 30 }],
        beneficiaryAreas: ['E07000234'],
        startDate: start,
        endDate: addMonths(start, 10),
        amountRequestedPence: amount,
        budgetLines: [
          { description: 'Radios and high-visibility jackets', category: 'equipment', amountPence: 200_000 },
          { description: 'Volunteer training', category: 'training', amountPence: 400_000 },
        ],
        otherFunding: [
          { funderName: 'Bromsgrove District Council', amountPence: 100_000, status: 'applied' },
        ],
        exitPlan: 'The churches together group takes on the running costs when this grant ends.',
        safeguarding: { confirmed: true },
        declarations: {
          informationTrue: true,
          oneOffUnderstood: true,
          conditionsUnderstood: true,
          dataProtection: true,
        },
      },
      { token: applicant },
    );
    expect(edited.status).toBe(200);

    const submitted = await t.post(`${API}/applications/${applicationId}/submit`, undefined, {
      token: applicant,
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.reference).toMatch(/^[A-Z]+-\d{4}-\d{6}$/);
    const late = await t.patch(
      `${API}/applications/${applicationId}`,
      { title: 'Changed' },
      { token: applicant },
    );
    expect(late.status).toBe(409);
  });

  it('appears on the officers’ list', async () => {
    const list = await t.get(`${API}/applications?status=submitted`, { token: officer });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(applicationId);
  });

  it('shows each step on the timeline, oldest first', async () => {
    const res = await t.get(`${API}/applications/${applicationId}/timeline`, { token: applicant });
    expect(res.status).toBe(200);
    const entries: { action: string; fromStatus: string | null; toStatus: string | null }[] = res.body.items;
    expect(entries.map((e) => e.action)).toEqual([
      'application.created',
      'application.draft_saved',
      'application.draft_saved',
      'application.submitted',
    ]);
    expect(entries[3]).toMatchObject({ fromStatus: 'draft', toStatus: 'submitted' });
  });
});
