import { Role } from '@grants/accounts';
import { addDays, addMonths, calendarDateIn, FixedClock, instantAt } from '@grants/common';
import { QueueName, RegisterJob, ReminderJob } from '@grants/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant, TEST_PASSWORD } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import {
  acceptOffer,
  awardApplication,
  completeAnswers,
  recommendApplication,
} from '../support/applications';
import { dbFingerprint } from '../support/db-fingerprint';
import { problemShapeErrors } from '../support/problems';
import { createOpenRound, seedReference, SeededReference } from '../support/reference';
import { createTestApp, HttpResult, TestApp } from '../support/test-app';

const API = '/api/v1';
const LONDON = 'Europe/London';
const clock = new FixedClock(instantAt('2026-12-02', 10, 0, LONDON));

interface Person {
  userId: string;
  email: string;
  token: string;
}

function expectProblem(res: HttpResult, status: number): void {
  expect(res.status, res.text).toBe(status);
  expect(problemShapeErrors(res)).toEqual([]);
}

/**
 * Monitoring end to end, with the worker: an accepted award gets its reports; the grant holder saves,
 * submits, is asked for changes and resubmits; reminders follow the due dates; accepting the final report
 * completes the award, makes the unspent money a return due and releases the unused commitment.
 */
describe('monitoring reports', () => {
  let t: TestApp;
  let ref: SeededReference;
  let applicant: Person;
  let officer: Person;
  let approver: Person;
  let finance: Person;
  let stranger: Person;
  let awardId: string;
  let fundYearId: string;
  let reports: { id: string; kind: string; dueOn: string; measures: { measureId: string }[] }[];
  const as = (p: Person) => ({ token: p.token });
  const position = async () => (await t.get(`${API}/fund-years/${fundYearId}/position`)).body;
  const caseStudy = {
    title: 'Friday nights on Church Street',
    story: 'Sam, 19, was helped home after a night out and now volunteers with us.',
    consentToPublish: true,
    anonymisedStory: 'A young man helped home after a night out now volunteers with the scheme.',
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, worker: true });
    ref = await seedReference(t);
    officer = await createStaffUser(t, [Role.Officer]);
    approver = await createStaffUser(t, [Role.Approver]);
    finance = await createStaffUser(t, [Role.Finance]);
    applicant = await registerApplicant(t, { displayName: 'Ada Applicant' });
    stranger = await registerApplicant(t, { displayName: 'Someone Else' });
    const round = await createOpenRound(t);
    fundYearId = round.fundYearId;
    const org = await t.post(`${API}/organisations`, ORGANISATION_BODY, as(applicant));
    // A year-long project: an interim report at half-way and a final one four weeks after the end.
    const base = completeAnswers(t, ref, round.objectiveIds);
    const start = base.startDate as string;
    const end = addDays(addMonths(start, 12), -1);
    const applicationId = await recommendApplication(t, {
      applicantToken: applicant.token,
      officer,
      organisationId: org.body.id,
      roundId: round.id,
      ref,
      objectiveIds: round.objectiveIds,
      answers: { endDate: end },
    });
    const decision = await awardApplication(t, applicationId, approver);
    awardId = decision.award.id;
    await acceptOffer(t, decision.award, as(applicant));
    const approved = await t.put(
      `${API}/awards/${awardId}/publication`,
      {
        title: 'Malvern Street Pastors',
        description: 'Volunteers on the streets on Friday and Saturday nights.',
      },
      as(officer),
    );
    expect(approved.status, approved.text).toBe(200);
    await t.drainJobs();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('schedules the reports when the offer is accepted', async () => {
    const res = await t.get(`${API}/awards/${awardId}/monitoring-reports`, as(applicant));
    expect(res.status, res.text).toBe(200);
    reports = res.body.items;
    const award = (await t.get(`${API}/awards/${awardId}`, as(applicant))).body;
    expect(reports.map((r) => r.kind)).toEqual(['interim', 'final']);
    expect(reports[1]).toMatchObject({ status: 'due', dueOn: addDays(award.endDate, 28), overdue: false });
    expect(reports[0]!.measures).toHaveLength(1);
    expectProblem(await t.get(`${API}/awards/${awardId}/monitoring-reports`, as(stranger)), 404);
    expectProblem(await t.get(`${API}/monitoring-reports/${reports[0]!.id}`, as(stranger)), 404);
  });

  it('follows the round’s terms: an administrator can ask for the final report only, due two weeks after the end', async () => {
    const admin = await createStaffUser(t, [Role.Admin]);
    const res = await t.get(`${API}/awards/${awardId}`, as(officer));
    const changed = await t.patch(
      `${API}/rounds/${res.body.roundId}`,
      { interimReportOverMonths: null, finalReportDueDays: 14 },
      as(admin),
    );
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ interimReportOverMonths: null, finalReportDueDays: 14 });
    expectProblem(
      await t.patch(`${API}/rounds/${res.body.roundId}`, { finalReportDueDays: -1 }, as(admin)),
      400,
    );
    const org = await t.post(
      `${API}/organisations`,
      { ...ORGANISATION_BODY, name: 'Second group' },
      as(applicant),
    );
    const applicationId = await recommendApplication(t, {
      applicantToken: applicant.token,
      officer,
      organisationId: org.body.id,
      roundId: res.body.roundId,
      ref,
      objectiveIds: (await t.get(`${API}/rounds/${res.body.roundId}`)).body.objectives.map(
        (o: { id: string }) => o.id,
      ),
    });
    const decision = await awardApplication(t, applicationId, approver);
    await acceptOffer(t, decision.award, as(applicant));
    const second = (await t.get(`${API}/awards/${decision.award.id}/monitoring-reports`, as(applicant))).body
      .items;
    expect(second.map((r: { kind: string; dueOn: string }) => [r.kind, r.dueOn])).toEqual([
      ['final', addDays(decision.award.endDate, 14)],
    ]);
    await t.drainJobs();
  });

  it('reminds the group 14 days before the interim report is due, once', async () => {
    const interim = reports[0]!;
    clock.set(instantAt(addDays(interim.dueOn, -14), 9, 0, LONDON));
    await t.queues.get(QueueName.Reminders).add(ReminderJob.Sweep, {}, { jobId: `sweep-${Date.now()}` });
    await t.drainJobs();
    await t.queues.get(QueueName.Reminders).add(ReminderJob.Sweep, {}, { jobId: `sweep-${Date.now()}-2` });
    await t.drainJobs();
    const mail = (await t.mail.all()).filter((m) =>
      /interim monitoring report .* is due on/i.test(m.subject),
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toContain(applicant.email);
  });

  it('saves as it goes, refuses what does not fit the grant, and will not submit an incomplete report', async () => {
    // Sessions expire as the clock moves: fresh ones for the people who act next.
    applicant = await freshSession(applicant);
    stranger = await freshSession(stranger);
    officer = await createStaffUser(t, [Role.Officer]);
    const interim = reports[0]!;
    const url = `${API}/monitoring-reports/${interim.id}`;
    const before = await dbFingerprint(t.dataSource);
    for (const [body, field] of [
      [{ spend: [{ budgetLinePosition: 9, amountPence: 1 }] }, 'spend[0].budgetLinePosition'],
      [
        { figures: [{ measureId: '00000000-0000-4000-8000-000000000000', value: 1 }] },
        'figures[0].measureId',
      ],
      [{ caseStudies: [{ ...caseStudy, anonymisedStory: ' ' }] }, 'caseStudies[0].anonymisedStory'],
      [{ unspentPence: 0 }, 'unspentPence'],
    ] as const) {
      const r = await t.put(url, body, as(applicant));
      expectProblem(r, 422);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expectProblem(await t.put(url, { progress: 5 }, as(applicant)), 400);
    expectProblem(await t.put(url, { progress: 'x' }, as(officer)), 403);
    expectProblem(await t.put(url, { progress: 'x' }, as(stranger)), 404);
    expect(await dbFingerprint(t.dataSource)).toEqual(before);

    const saved = await t.put(url, { progress: 'Forty nights patrolled so far.' }, as(applicant));
    expect(saved.status, saved.text).toBe(200);
    const incomplete = await t.post(`${url}/submit`, undefined, as(applicant));
    expectProblem(incomplete, 422);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['figures', 'spend', 'caseStudies']),
    );
  });

  it('is submitted with figures and a case study, sent back with comments, and resubmitted', async () => {
    const interim = reports[0]!;
    const url = `${API}/monitoring-reports/${interim.id}`;
    const saved = await t.put(
      url,
      {
        spend: [
          { budgetLinePosition: 0, amountPence: 150_000 },
          { budgetLinePosition: 1, amountPence: 400_000 },
        ],
        figures: [{ measureId: interim.measures[0]!.measureId, value: 18 }],
        caseStudies: [caseStudy],
      },
      as(applicant),
    );
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({
      progress: 'Forty nights patrolled so far.',
      measures: [{ target: 40, value: 18 }],
      budget: [{ spentPence: 150_000 }, { spentPence: 400_000 }],
    });
    const submitted = await t.post(`${url}/submit`, undefined, as(applicant));
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expectProblem(await t.put(url, { progress: 'later' }, as(applicant)), 409);

    expectProblem(await t.post(`${url}/review`, { outcome: 'request_changes' }, as(officer)), 400);
    expectProblem(await t.post(`${url}/review`, { outcome: 'accept' }, as(applicant)), 403);
    const back = await t.post(
      `${url}/review`,
      { outcome: 'request_changes', comments: 'Please split the training spend by course.' },
      as(officer),
    );
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({ status: 'changes_requested', reviewComments: expect.any(String) });
    await t.drainJobs();
    const email = await t.mail.waitFor(applicant.email, /Please update your interim monitoring report/);
    expect(email.text).toContain('split the training spend');

    await t.put(url, { progress: 'Forty nights patrolled; training split by course.' }, as(applicant));
    expect((await t.post(`${url}/submit`, undefined, as(applicant))).body.status).toBe('submitted');
    const accepted = await t.post(`${url}/review`, { outcome: 'accept' }, as(officer));
    expect(accepted.body.status).toBe('accepted');
    expect((await t.get(`${API}/awards/${awardId}`, as(officer))).body.status).toBe('accepted');
    await t.drainJobs();

    // The register shows the accepted figure and the consented case study, anonymised, and never the story.
    const outcomes = (await t.get(`${API}/register/outcomes`)).body;
    const objective = outcomes.objectives.find((o: { grants: number }) => o.grants === 1);
    expect(objective).toMatchObject({
      amountAwardedPence: 1_200_000,
      measures: [{ grantsReporting: 1, reportedTotal: 18 }],
      caseStudies: [{ grantId: `360G-wmpcc-${awardId}`, story: caseStudy.anonymisedStory }],
    });
    expect(JSON.stringify(outcomes)).not.toContain('Sam, 19');
    const revision = async () =>
      (await t.dataSource.query(`SELECT revision::int AS r FROM register_state`))[0].r;
    const before = await revision();
    await t.queues
      .get(QueueName.Register)
      .add(RegisterJob.PublishOutcomes, { awardId }, { jobId: 'test.outcomes-again' });
    await t.drainJobs();
    expect(await revision()).toBe(before);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY occurred_at`,
      [interim.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining([
        'monitoring-report.saved',
        'monitoring-report.submitted',
        'monitoring-report.changes-requested',
        'monitoring-report.accepted',
      ]),
    );
  });

  it('lets an officer move a report’s dates with a reason (reminders follow), and refuses nonsense', async () => {
    const final = reports[1]!;
    const url = `${API}/monitoring-reports/${final.id}`;
    const later = addDays(final.dueOn, 30);
    const before = await dbFingerprint(t.dataSource);
    expectProblem(await t.patch(url, { dueOn: '2027-13-01', reason: 'x' }, as(officer)), 400);
    expectProblem(await t.patch(url, { dueOn: later }, as(officer)), 400);
    expectProblem(await t.patch(url, { periodEnd: '2020-01-01', reason: 'x' }, as(officer)), 400);
    expectProblem(await t.patch(url, { dueOn: later, reason: 'x' }, as(applicant)), 403);
    expect(await dbFingerprint(t.dataSource)).toEqual(before);
    const moved = await t.patch(url, { dueOn: later, reason: 'The project was extended' }, as(officer));
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.dueOn).toBe(later);
    await t.drainJobs();
    const delayed = (await t.queues.get(QueueName.Reminders).getDelayed()).map((j) => j.id);
    expect(delayed).toContain(`monitoring-due.${final.id}.${later}`);
    // A reminder planned for the old date may still wait in Redis; when it fires it finds the date moved
    // and sends nothing (the send re-checks the schedule).
    reports[1] = { ...final, dueOn: later };
  });

  it('completes the award on the final report: the unspent money is due back, the unused commitment released', async () => {
    const final = reports[1]!;
    const url = `${API}/monitoring-reports/${final.id}`;
    // Pay most of the grant first: before-payment conditions are met, then finance pays.
    finance = await createStaffUser(t, [Role.Finance]);
    const award = (await t.get(`${API}/awards/${awardId}`, as(officer))).body;
    for (const c of award.conditions.filter((x: { timing: string }) => x.timing === 'before_payment')) {
      await t.post(
        `${API}/awards/${awardId}/conditions/${c.id}/status`,
        { status: 'met', note: 'Seen' },
        as(officer),
      );
    }
    const today = calendarDateIn(clock.now(), LONDON);
    const paid = await t.post(
      `${API}/awards/${awardId}/payments`,
      { amountPence: 1_000_000, on: today, reference: 'BACS 1' },
      as(finance),
    );
    expect(paid.status, paid.text).toBe(200);
    const before = await position();

    const tooMuch = await t.put(url, { unspentPence: 1_000_001 }, as(applicant));
    expectProblem(tooMuch, 422);
    const saved = await t.put(
      url,
      {
        progress: 'The scheme ran all year.',
        spend: [
          { budgetLinePosition: 0, amountPence: 200_000 },
          { budgetLinePosition: 1, amountPence: 750_000 },
        ],
        figures: [{ measureId: final.measures[0]!.measureId, value: 44 }],
        caseStudies: [{ ...caseStudy, consentToPublish: false, anonymisedStory: null }],
        unspentPence: 50_000,
      },
      as(applicant),
    );
    expect(saved.status, saved.text).toBe(200);
    expect((await t.post(`${url}/submit`, undefined, as(applicant))).status).toBe(200);
    const accepted = await t.post(`${url}/review`, { outcome: 'accept' }, as(officer));
    expect(accepted.status, accepted.text).toBe(200);

    const done = (await t.get(`${API}/awards/${awardId}`, as(officer))).body;
    expect(done).toMatchObject({
      status: 'completed',
      unspentPence: 50_000,
      repaymentDuePence: 50_000,
      completedAt: clock.now().toISOString(),
    });
    // 1,200,000 committed; 1,000,000 paid of which 50,000 unspent: 250,000 released.
    const after = await position();
    expect(after.releasedPence - before.releasedPence).toBe(award.amountPence - (1_000_000 - 50_000));
    expect(after.availablePence - before.availablePence).toBe(award.amountPence - 950_000);
    const [release] = await t.dataSource.query(
      `SELECT amount_pence::int AS amount, cause FROM ledger_entries WHERE award_id = $1 AND kind = 'release'`,
      [awardId],
    );
    expect(release).toEqual({ amount: award.amountPence - 950_000, cause: 'completion' });
    expectProblem(await t.post(`${url}/review`, { outcome: 'accept' }, as(officer)), 409);
    expectProblem(await t.put(url, { progress: 'more' }, as(applicant)), 409);

    // The final figure (cumulative) replaces the interim one; its case study had no consent, so stays private.
    await t.drainJobs();
    const outcomes = (await t.get(`${API}/register/outcomes`)).body;
    const objective = outcomes.objectives.find((o: { grants: number }) => o.grants === 1);
    expect(objective.measures).toEqual([expect.objectContaining({ reportedTotal: 44 })]);
    expect(objective.caseStudies).toHaveLength(1);
    expect(JSON.stringify(outcomes)).not.toContain('Sam, 19');
  });

  async function freshSession(p: Person): Promise<Person> {
    const login = await t.post(`${API}/auth/login`, { email: p.email, password: TEST_PASSWORD });
    expect(login.status, login.text).toBe(200);
    return { ...p, token: login.body.token };
  }
});
