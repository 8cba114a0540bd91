import { Role } from '@grants/accounts';
import { addDays, FixedClock, instantAt } from '@grants/common';
import { QueueName, ReminderJob } from '@grants/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, login, registerApplicant, TEST_PASSWORD } from '../support/accounts';
import { ORGANISATION_BODY, Person } from '../support/api-world';
import { acceptOffer, awardApplication, recommendApplication } from '../support/applications';
import { ReceivedMail } from '../support/mailbox';
import { createOpenRound, seedReference, SeededReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const LONDON = 'Europe/London';
const BASE_URL = 'http://localhost:3000';
const clock = new FixedClock(instantAt('2026-12-02', 10, 0, LONDON));

interface Owed {
  awardId: string;
  applicationId: string;
  reference: string;
  organisationName: string;
  reportId: string;
  dueOn: string;
}

/** '2027-06-28' as the emails write it: '28 June 2027'. */
function longDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * The officers' escalation of an overdue monitoring report, end to end: API and worker in-process, a
 * FixedClock moved through the report's reminder dates, the daily sweep run by hand, and the mail read
 * from the SMTP sink. Two groups owe a final report on the same day; the late group never sends it, the
 * prompt one submits between the first and second overdue reminders.
 *
 * The schedule (reminder-schedule.ts): 14 days before, on the day, then weekly while overdue, all at 09:00
 * London; with the second overdue reminder (due + 14 days) the officers who can act on the application
 * (active, the officer role, no declared conflict in it) are told, once.
 */
describe('the officers’ escalation of an overdue monitoring report', () => {
  let t: TestApp;
  let ref: SeededReference;
  let applicant: Person;
  let officerOne: Person;
  let officerTwo: Person;
  let conflicted: Person;
  let approver: Person;
  let late: Owed;
  let prompt: Owed;
  let dueOn: string;
  let round: { id: string; objectiveIds: string[] };

  const as = (p: Person) => ({ token: p.token });
  const mailTo = async (email: string, subject: RegExp): Promise<ReceivedMail[]> =>
    (await t.mail.all()).filter((m) => m.to.includes(email) && subject.test(m.subject));
  const all = async (subject: RegExp): Promise<ReceivedMail[]> =>
    (await t.mail.all()).filter((m) => subject.test(m.subject));
  const escalations = (o: Owed) => all(new RegExp(`^Overdue: final monitoring report for ${o.reference}\\b`));
  const overdue = (o: Owed) =>
    mailTo(applicant.email, new RegExp(`^Your final monitoring report for ${o.reference} is overdue$`));
  let sweeps = 0;
  const sweep = async (): Promise<void> => {
    sweeps += 1;
    await t.queues
      .get(QueueName.Reminders)
      .add(ReminderJob.Sweep, {}, { jobId: `test-sweep.${sweeps}.${Date.now()}` });
    await t.drainJobs();
  };
  const at = async (date: string, hour: number, minute = 0): Promise<void> => {
    clock.set(instantAt(date, hour, minute, LONDON));
    await sweep();
  };
  /** Sessions expire as the clock jumps: a new one, signing in over HTTP. */
  const fresh = async (p: Person): Promise<Person> => ({
    ...p,
    token: await login(t, p.email, TEST_PASSWORD),
  });

  async function owe(name: string): Promise<Owed> {
    const org = await t.post(`${API}/organisations`, { ...ORGANISATION_BODY, name }, as(applicant));
    expect(org.status, org.text).toBe(201);
    const applicationId = await recommendApplication(t, {
      applicantToken: applicant.token,
      officer: officerOne,
      organisationId: org.body.id,
      roundId: round.id,
      ref,
      objectiveIds: round.objectiveIds,
    });
    const decision = await awardApplication(t, applicationId, approver);
    await acceptOffer(t, decision.award, as(applicant));
    const reports = (await t.get(`${API}/awards/${decision.award.id}/monitoring-reports`, as(applicant))).body
      .items;
    // Six months: a final report only, due 28 days after the end.
    expect(reports.map((r: { kind: string }) => r.kind)).toEqual(['final']);
    expect(reports[0].dueOn).toBe(addDays(decision.award.endDate, 28));
    return {
      awardId: decision.award.id,
      applicationId,
      reference: decision.award.reference,
      organisationName: name,
      reportId: reports[0].id,
      dueOn: reports[0].dueOn,
    };
  }

  beforeAll(async () => {
    t = await createTestApp({ clock, worker: true });
    ref = await seedReference(t);
    officerOne = await createStaffUser(t, [Role.Officer], { displayName: 'Olive Officer' });
    officerTwo = await createStaffUser(t, [Role.Officer], { displayName: 'Owen Officer' });
    conflicted = await createStaffUser(t, [Role.Officer], { displayName: 'Connie Conflicted' });
    approver = await createStaffUser(t, [Role.Approver], { displayName: 'The Commissioner' });
    applicant = await registerApplicant(t, { displayName: 'Ada Applicant' });
    round = await createOpenRound(t);
    late = await owe('Late Lane Watch');
    prompt = await owe('Prompt Park Patrol');
    expect(late.reference).not.toBe(prompt.reference);
    expect(prompt.dueOn).toBe(late.dueOn);
    dueOn = late.dueOn;
    // One officer has a conflict in the late group's application: not theirs to chase.
    const declared = await t.post(
      `${API}/applications/${late.applicationId}/conflict-declarations`,
      { hasConflict: true, details: 'My sister chairs the group.' },
      as(conflicted),
    );
    expect(declared.status, declared.text).toBe(201);
    await t.drainJobs();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('reminds the group before, on and a week after the due date, and tells no officer yet', async () => {
    await at(addDays(dueOn, -14), 9);
    await at(dueOn, 9);
    await at(addDays(dueOn, 7), 9);
    for (const o of [late, prompt]) {
      const report = `final monitoring report for ${o.reference}`;
      expect(
        (await mailTo(applicant.email, new RegExp(`monitoring report for ${o.reference}`))).map(
          (m) => m.subject,
        ),
      ).toEqual([
        `Your ${report} is due on ${longDate(dueOn)}`,
        `Your ${report} is due today`,
        `Your ${report} is overdue`,
      ]);
      expect(await escalations(o)).toEqual([]);
    }
    expect(await all(/^Overdue:/)).toEqual([]);
    const [overdueMail] = await overdue(late);
    expect(overdueMail!.text).toContain(`was due on ${longDate(dueOn)} and we have not received it yet`);
  });

  it('takes the prompt group’s report off the officers’ list once it is submitted', async () => {
    clock.set(instantAt(addDays(dueOn, 10), 14, 0, LONDON));
    applicant = await fresh(applicant);
    const url = `${API}/monitoring-reports/${prompt.reportId}`;
    const report = (await t.get(url, as(applicant))).body;
    const saved = await t.put(
      url,
      {
        progress: 'The patrols ran every weekend.',
        spend: [
          { budgetLinePosition: 0, amountPence: 200_000 },
          { budgetLinePosition: 1, amountPence: 1_000_000 },
        ],
        figures: report.measures.map((m: { measureId: string }) => ({ measureId: m.measureId, value: 30 })),
        caseStudies: [
          {
            title: 'The park at night',
            story: 'Families use the park again after dark.',
            consentToPublish: false,
          },
        ],
        unspentPence: 0,
      },
      as(applicant),
    );
    expect(saved.status, saved.text).toBe(200);
    const submitted = await t.post(`${url}/submit`, undefined, as(applicant));
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    await t.drainJobs();
    // The escalation planned for it is withdrawn from Redis (the send would re-check and skip anyway).
    const escalationAt = addDays(dueOn, 14);
    const queue = t.queues.get(QueueName.Reminders);
    expect(await queue.getJob(`monitoring-escalation.${prompt.reportId}.${escalationAt}`)).toBeUndefined();
    const lateJob = await queue.getJob(`monitoring-escalation.${late.reportId}.${escalationAt}`);
    expect(await lateJob?.getState()).toBe('delayed');
  });

  it('is not sent a minute before 09:00 two weeks after the due date', async () => {
    await at(addDays(dueOn, 14), 8, 59);
    expect(await all(/^Overdue:/)).toEqual([]);
    expect(await overdue(late)).toHaveLength(1);
  });

  it('tells each officer who can act, once, at 09:00 two weeks after the due date, and reminds the group', async () => {
    await at(addDays(dueOn, 14), 9);
    const sent = await escalations(late);
    expect(sent.map((m) => m.to).sort()).toEqual([[officerOne.email], [officerTwo.email]].sort());
    for (const m of sent) {
      expect(m.subject).toBe(
        `Overdue: final monitoring report for ${late.reference} from ${late.organisationName}`,
      );
      expect(m.text).toContain(
        `${late.organisationName}'s final monitoring report for ${late.reference} was due on ${longDate(dueOn)} ` +
          'and has still not been received, although the group has been reminded.',
      );
      expect(m.text).toContain(`${BASE_URL}/portal/monitoring-reports/${late.reportId}`);
    }
    expect(sent.find((m) => m.to.includes(officerOne.email))!.text).toContain('Olive Officer');
    // Not the officer with a conflict, not the approver, not the group.
    for (const p of [conflicted, approver, applicant]) expect(await mailTo(p.email, /^Overdue:/)).toEqual([]);
    // The group's second overdue reminder went with it.
    const reminders = await overdue(late);
    expect(reminders).toHaveLength(2);
    expect(reminders[1]!.text).toContain(`was due on ${longDate(dueOn)}`);
    // The prompt group submitted in time: no escalation, and no more reminders after its first overdue one.
    expect(await escalations(prompt)).toEqual([]);
    expect(await overdue(prompt)).toHaveLength(1);

    const rows = await t.dataSource.query(
      `SELECT recipient AS "to", related_subject_id AS "applicationId", status, attempts FROM email_messages
        WHERE template = 'officer-report-overdue' ORDER BY recipient`,
    );
    expect(rows).toEqual(
      [officerOne.email, officerTwo.email]
        .sort()
        .map((to) => ({ to, applicationId: late.applicationId, status: 'sent', attempts: 1 })),
    );
  });

  it('sends nothing for a submitted report even if a stale escalation job fires at its time', async () => {
    // As if the withdrawal had lost a race: the job runs at 09:00 (promoted if it is still waiting in
    // Redis, added if not) and re-checks the schedule before sending.
    const on = addDays(dueOn, 14);
    const id = `monitoring-escalation.${prompt.reportId}.${on}`;
    const queue = t.queues.get(QueueName.Reminders);
    const waiting = await queue.getJob(id);
    if (waiting) await waiting.promote();
    else
      await queue.add(
        ReminderJob.Send,
        {
          kind: 'monitoring-escalation',
          subjectType: 'monitoring-report',
          subjectId: prompt.reportId,
          dueOn: on,
        },
        { jobId: id },
      );
    await t.drainJobs();
    expect(await queue.getJob(id)).toBeUndefined(); // it ran (completed jobs are removed)
    expect(await escalations(prompt)).toEqual([]);
    expect(await all(/^Overdue:/)).toHaveLength(2);
  });

  it('does not send it again however often the sweep runs', async () => {
    await sweep();
    await sweep();
    clock.set(instantAt(addDays(dueOn, 14), 17, 0, LONDON));
    await sweep();
    expect(await escalations(late)).toHaveLength(2);
    expect(await overdue(late)).toHaveLength(2);
  });

  it('is on the application’s timeline for officers, and never on the group’s', async () => {
    officerOne = await fresh(officerOne);
    applicant = await fresh(applicant);
    const timeline = async (p: Person) =>
      (await t.get(`${API}/applications/${late.applicationId}/timeline`, as(p))).body.items as {
        action: string;
        data?: { template?: string; recipient?: string };
      }[];
    const forOfficer = (await timeline(officerOne)).filter(
      (e) => e.action === 'staff-email.sent' && e.data?.template === 'officer-report-overdue',
    );
    expect(forOfficer.map((e) => e.data?.recipient).sort()).toEqual(
      [officerOne.email, officerTwo.email].sort(),
    );
    const forGroup = await timeline(applicant);
    expect(JSON.stringify(forGroup)).not.toContain('officer-report-overdue');
    expect(forGroup.map((e) => e.action)).not.toContain('staff-email.sent');
  });

  it('keeps reminding the group weekly, but tells the officers only the once', async () => {
    await at(addDays(dueOn, 21), 9);
    await sweep();
    expect(await overdue(late)).toHaveLength(3);
    expect(await escalations(late)).toHaveLength(2);
    expect(await all(/^Overdue:/)).toHaveLength(2);
    expect(await overdue(prompt)).toHaveLength(1);
  });
});
