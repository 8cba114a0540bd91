import { Role } from '@grants/accounts';
import { FixedClock, addDays, calendarDateIn, instantAt } from '@grants/common';
import { QueueName, ReminderJob } from '@grants/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import { awardApplication, recommendApplication, submitApplication } from '../support/applications';
import { createOpenRound, seedReference, SeededReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const LONDON = 'Europe/London';
const clock = new FixedClock(new Date());

interface Person {
  userId: string;
  email: string;
  token: string;
}

/**
 * The API and the worker in-process, against real PostgreSQL, Redis and an SMTP sink: state changes
 * leave through the outbox, the worker sends the emails, reminders follow an injected clock and an
 * unanswered offer lapses on time, giving its money back to the fund year.
 */
describe('notifications, reminders and deadlines through the worker', () => {
  let t: TestApp;
  let ref: SeededReference;
  let applicant: Person;
  let officer: Person;
  let approver: Person;
  let organisationId: string;
  let drafter: Person;
  let draftReference: string;
  let roundClosesAt: Date;
  let roundId: string;
  let fundYearId: string;
  let objectiveIds: string[];

  const mailTo = async (email: string, subject?: RegExp) =>
    (await t.mail.all()).filter((m) => m.to.includes(email) && (!subject || subject.test(m.subject)));
  const sweep = async () => {
    await t.queues.get(QueueName.Reminders).add(ReminderJob.Sweep, {}, { jobId: `test-sweep.${Date.now()}` });
    await t.drainJobs();
  };
  const available = async () =>
    (await t.get(`${API}/fund-years/${fundYearId}/position`)).body.availablePence as number;

  beforeAll(async () => {
    t = await createTestApp({ clock, worker: true });
    ref = await seedReference(t);
    officer = await createStaffUser(t, [Role.Officer], { displayName: 'Olive Officer' });
    approver = await createStaffUser(t, [Role.Approver], { displayName: 'The Commissioner' });
    applicant = await registerApplicant(t, { displayName: 'Ada Applicant' });
    const round = await createOpenRound(t);
    roundId = round.id;
    fundYearId = round.fundYearId;
    objectiveIds = round.objectiveIds;
    roundClosesAt = round.closesAt;
    const org = await t.post(`${API}/organisations`, ORGANISATION_BODY, { token: applicant.token });
    organisationId = org.body.id;
    // A second group with a draft it has not submitted: the round-closing reminder is for groups like it.
    drafter = await registerApplicant(t, { displayName: 'Dot Drafter' });
    const drafterOrg = await t.post(`${API}/organisations`, ORGANISATION_BODY, { token: drafter.token });
    const draft = await t.post(
      `${API}/applications`,
      { organisationId: drafterOrg.body.id, roundId },
      { token: drafter.token },
    );
    draftReference = draft.body.reference;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('acknowledges a submission to the group and tells officers, each once, on the timeline', async () => {
    const id = await submitApplication(t, applicant.token, { organisationId, roundId, ref, objectiveIds });
    await t.drainJobs();
    const ack = await t.mail.waitFor(applicant.email, /received your application/i);
    // The request's correlation id travelled with the job.
    const [trace] = await t.dataSource.query(
      `SELECT o.correlation_id AS job, a.correlation_id AS request FROM outbox_messages o
         JOIN audit_log a ON a.subject_id = $1 AND a.action = 'application.submitted'
        WHERE o.job_name = 'notifications.application-submitted' AND o.payload->>'applicationId' = $1::text`,
      [id],
    );
    expect(trace.job).toEqual(expect.any(String));
    expect(trace.job).toBe(trace.request);
    expect(ack.text).toContain('Ada Applicant');
    expect(ack.html).toContain('<html lang="en-GB">');
    expect(await mailTo(applicant.email, /received your application/i)).toHaveLength(1);
    expect(await mailTo(officer.email)).toHaveLength(1);

    const rows = await t.dataSource.query(
      `SELECT template, status, attempts, message_id FROM email_messages WHERE related_subject_id = $1 ORDER BY template`,
      [id],
    );
    expect(rows).toEqual([
      expect.objectContaining({ template: 'application-submitted', status: 'sent', attempts: 1 }),
      expect.objectContaining({ template: 'officer-new-submission', status: 'sent', attempts: 1 }),
    ]);
    expect(ack.parsed.messageId).toBe(rows[0].message_id);

    const forApplicant = (await t.get(`${API}/applications/${id}/timeline`, { token: applicant.token })).body
      .items;
    expect(forApplicant.map((e: { action: string }) => e.action)).toContain('email.sent');
    expect(forApplicant.map((e: { action: string }) => e.action)).not.toContain('staff-email.sent');
    const forOfficer = (await t.get(`${API}/applications/${id}/timeline`, { token: officer.token })).body
      .items;
    expect(forOfficer.map((e: { action: string }) => e.action)).toContain('staff-email.sent');
  });

  describe('an offer', () => {
    let awardId: string;
    let deadline: string;
    let committedAvailable: number;

    beforeAll(async () => {
      const id = await recommendApplication(t, {
        applicantToken: applicant.token,
        officer,
        organisationId,
        roundId,
        ref,
        objectiveIds,
      });
      deadline = addDays(calendarDateIn(clock.now(), LONDON), 20);
      const before = await available();
      const decision = await awardApplication(t, id, approver, {
        acceptanceDeadline: deadline,
        specialConditions: [
          { text: 'Send us the venue’s hire agreement before the first session.', timing: 'before_payment' },
        ],
      });
      awardId = decision.awardId ?? decision.award?.id;
      committedAvailable = await available();
      expect(committedAvailable).toBeLessThan(before);
      await t.drainJobs();
    });

    it('is emailed with its amount, conditions and deadline', async () => {
      const offer = await t.mail.waitFor(applicant.email, /offer/i);
      expect(offer.text).toContain('£12,000.00');
      expect(offer.text).toContain('venue’s hire agreement');
      const [y, m, d] = deadline.split('-').map(Number) as [number, number, number];
      expect(offer.text).toContain(
        new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }),
      );
    });

    it('sends the 7-day reminder at its time, once, however often the sweep runs', async () => {
      clock.set(instantAt(addDays(deadline, -7), 8, 59, LONDON));
      await sweep();
      expect(await mailTo(applicant.email, /must be accepted/i)).toHaveLength(0);
      clock.set(instantAt(addDays(deadline, -7), 9, 0, LONDON));
      await sweep();
      await sweep();
      const reminders = await mailTo(applicant.email, /must be accepted/i);
      expect(reminders).toHaveLength(1);
      expect(reminders[0]!.text).toMatch(/in 7 days/);
    });

    it('sends the 1-day reminder the day before', async () => {
      clock.set(instantAt(addDays(deadline, -1), 10, 0, LONDON));
      await sweep();
      await sweep();
      const reminders = await mailTo(applicant.email, /must be accepted/i);
      expect(reminders).toHaveLength(2);
      expect(reminders[1]!.text).toMatch(/tomorrow/);
    });

    it('lapses when the deadline day ends, gives the money back and says so', async () => {
      clock.set(instantAt(deadline, 23, 59, LONDON));
      await sweep();
      expect((await t.dataSource.query(`SELECT status FROM awards WHERE id = $1`, [awardId]))[0].status).toBe(
        'offered',
      );
      clock.set(instantAt(addDays(deadline, 1), 0, 0, LONDON));
      await sweep();
      expect((await t.dataSource.query(`SELECT status FROM awards WHERE id = $1`, [awardId]))[0].status).toBe(
        'lapsed',
      );
      expect(await available()).toBe(committedAvailable + 1_200_000);
      await t.mail.waitFor(applicant.email, /lapsed/i);
      await sweep();
      expect(await mailTo(applicant.email, /lapsed/i)).toHaveLength(1);
      expect(await mailTo(applicant.email, /must be accepted/i)).toHaveLength(2);
    });
  });

  it('tells groups with an unsubmitted draft 3 days before the round closes, once, naming the draft', async () => {
    clock.set(new Date(roundClosesAt.getTime() - 3 * 86_400_000 - 60_000));
    await sweep();
    expect(await mailTo(drafter.email, /closes on/i)).toHaveLength(0);
    clock.set(new Date(roundClosesAt.getTime() - 3 * 86_400_000 + 60_000));
    await sweep();
    await sweep();
    const closing = await mailTo(drafter.email, /closes on/i);
    expect(closing).toHaveLength(1);
    expect(closing[0]!.text).toContain(draftReference);
    expect(await mailTo(applicant.email, /closes on/i)).toHaveLength(0); // submitted, nothing to remind
  });
});
