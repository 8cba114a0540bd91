import { Role } from '@grants/accounts';
import { addDays, calendarDateIn, FixedClock, instantAt } from '@grants/common';
import { QueueName, ReminderJob } from '@grants/jobs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, RedisServer, startRedisServer } from '../../tools/local-infra';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import { awardApplication, recommendApplication, submitApplication } from '../support/applications';
import { createOpenRound, seedReference, SeededReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const LONDON = 'Europe/London';

interface Person {
  userId: string;
  email: string;
  token: string;
}

/**
 * Faults in the parts the worker depends on, each against a Redis of this file's own (so stopping or
 * flushing it disturbs no other test): Redis down while groups submit, SMTP answering 451 then 550,
 * and a Redis flushed clean before the daily sweep.
 */
describe('background jobs under faults', () => {
  const clock = new FixedClock(new Date());
  let redis: RedisServer;
  let port: number;
  let t: TestApp;
  let ref: SeededReference;
  let admin: Person;
  let officer: Person;
  let approver: Person;
  let roundId: string;
  let objectiveIds: string[];

  const group = async (name: string) => {
    const person = await registerApplicant(t, { displayName: name });
    const org = await t.post(`${API}/organisations`, ORGANISATION_BODY, { token: person.token });
    return { ...person, organisationId: org.body.id as string };
  };
  const submit = (g: Person & { organisationId: string }) =>
    submitApplication(t, g.token, { organisationId: g.organisationId, roundId, ref, objectiveIds });
  const mailTo = async (email: string, subject?: RegExp) =>
    (await t.mail.all()).filter((m) => m.to.includes(email) && (!subject || subject.test(m.subject)));

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisServer(port);
    t = await createTestApp({ clock, worker: true, env: { REDIS_URL: redis.url } });
    ref = await seedReference(t);
    admin = await createStaffUser(t, [Role.Admin]);
    officer = await createStaffUser(t, [Role.Officer]);
    approver = await createStaffUser(t, [Role.Approver]);
    const round = await createOpenRound(t);
    roundId = round.id;
    objectiveIds = round.objectiveIds;
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('accepts every submission while Redis is down, and the emails arrive once it is back', async () => {
    const groups = [await group('Ann One'), await group('Bea Two'), await group('Cal Three')];
    await t.drainJobs();
    await redis.stop();

    for (const g of groups) await submit(g); // each throws unless the API answered 200
    const outbox = await t.get(`${API}/admin/outbox`, { token: admin.token });
    expect(outbox.status).toBe(200);
    expect(outbox.body.undispatched).toBeGreaterThanOrEqual(3);
    expect(outbox.body.items[0]).toMatchObject({
      queue: 'notifications',
      jobName: 'notifications.application-submitted',
    });
    const jobs = await t.get(`${API}/admin/jobs`, { token: admin.token });
    expect(jobs.status).toBe(503);
    expect(jobs.headers['content-type']).toMatch(/application\/problem\+json/);

    redis = await startRedisServer(port);
    await t.drainJobs(30_000);
    for (const g of groups) {
      expect(await mailTo(g.email, /received your application/i)).toHaveLength(1);
    }
    expect((await t.get(`${API}/admin/outbox`, { token: admin.token })).body.undispatched).toBe(0);
  });

  it('retries an SMTP 451 with backoff and delivers once', async () => {
    const g = await group('Dee Four');
    t.mail.faults.reject(3, 451, [g.email]);
    const id = await submit(g);
    await t.drainJobs(20_000);
    expect(await mailTo(g.email, /received your application/i)).toHaveLength(1);
    const [row] = await t.dataSource.query(
      `SELECT status, attempts FROM email_messages WHERE related_subject_id = $1 AND recipient = $2`,
      [id, g.email],
    );
    expect(row).toEqual({ status: 'sent', attempts: 4 });
    t.mail.faults.accept();
  });

  it('records a rejected address (550) once, shows it to operators and officers, and does not retry', async () => {
    const g = await group('Eve Five');
    t.mail.faults.reject(Infinity, 550, [g.email]);
    const id = await submit(g);
    await t.drainJobs(20_000);
    t.mail.faults.accept();
    const rows = await t.dataSource.query(
      `SELECT status, attempts, last_error FROM email_messages WHERE related_subject_id = $1 AND recipient = $2`,
      [id, g.email],
    );
    expect(rows).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]);
    expect(rows[0].last_error).toMatch(/550/);
    const jobs = await t.get(`${API}/admin/jobs`, { token: admin.token });
    expect(jobs.status).toBe(200);
    expect(jobs.body.failedEmails).toEqual(
      expect.arrayContaining([expect.objectContaining({ recipient: g.email, relatedSubjectId: id })]),
    );
    await t.post(
      `${API}/applications/${id}/conflict-declarations`,
      { hasConflict: false },
      { token: officer.token },
    );
    const timeline = (await t.get(`${API}/applications/${id}/timeline`, { token: officer.token })).body.items;
    expect(timeline).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'email.failed' })]));
    expect(await mailTo(g.email, /received your application/i)).toHaveLength(0);
  });

  it('loses nothing to a flushed Redis: the sweep re-derives the due reminder and it arrives once', async () => {
    const g = await group('Fay Six');
    const id = await recommendApplication(t, {
      applicantToken: g.token,
      officer,
      organisationId: g.organisationId,
      roundId,
      ref,
      objectiveIds,
    });
    const deadline = addDays(calendarDateIn(clock.now(), LONDON), 10);
    await awardApplication(t, id, approver, { acceptanceDeadline: deadline });
    await t.drainJobs();
    const delayed = await t.queues.get(QueueName.Reminders).getDelayed();
    expect(delayed.map((j) => j.name)).toEqual(
      expect.arrayContaining(['reminders.send', 'reminders.lapse-offer']),
    );

    const flusher = new Redis(redis.url);
    await flusher.flushall();
    flusher.disconnect();
    clock.set(instantAt(addDays(deadline, -7), 9, 30, LONDON));
    for (let i = 0; i < 2; i++) {
      await t.queues.get(QueueName.Reminders).add(ReminderJob.Sweep, {}, { jobId: `test-sweep.${i}` });
      await t.drainJobs();
    }
    expect(await mailTo(g.email, /must be accepted/i)).toHaveLength(1);
    // The flush took the delayed lapse too; the sweep put it back.
    const back = await t.queues.get(QueueName.Reminders).getDelayed();
    expect(back.map((j) => j.id)).toContain(
      `lapse-offer.${(await t.dataSource.query(`SELECT id FROM awards WHERE application_id = $1`, [id]))[0].id}.${deadline}`,
    );
  });

  it('shows a failed job with its error, and lets an admin retry it (audited); a job not failed is a 409', async () => {
    const operator = await createStaffUser(t, [Role.Admin]); // the clock has moved on: a fresh session
    const reminders = t.queues.get(QueueName.Reminders);
    // A subject this version cannot plan fails for good at once: an operator's job to look at.
    await reminders.add(
      ReminderJob.Plan,
      { subjectType: 'grant-holder' as never, subjectId: '00000000-0000-4000-8000-000000000001' },
      { jobId: 'plan.unknown-subject' },
    );
    await t.drainJobs();
    const jobs = await t.get(`${API}/admin/jobs`, { token: operator.token });
    expect(jobs.status, jobs.text).toBe(200);
    const report = jobs.body.queues.find((q: { queue: string }) => q.queue === 'reminders');
    const failed = report.failed.find((j: { id: string }) => j.id === 'plan.unknown-subject');
    expect(failed).toMatchObject({ name: 'reminders.plan', state: 'failed', attemptsMade: 1 });
    expect(failed.failedReason).toMatch(/no reminders are planned for subjects of type "grant-holder"/);
    expect(report.counts.failed).toBeGreaterThanOrEqual(1);

    const retried = await t.post(`${API}/admin/jobs/reminders/plan.unknown-subject/retry`, undefined, {
      token: operator.token,
    });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body).toMatchObject({ id: 'plan.unknown-subject', queue: 'reminders' });
    const [entry] = await t.dataSource.query(
      `SELECT actor_user_id, data->>'jobId' AS job_id FROM audit_log WHERE action = 'job.retried'`,
    );
    expect(entry).toEqual({ actor_user_id: operator.userId, job_id: 'plan.unknown-subject' });
    await t.drainJobs();

    const delayed = (await reminders.getDelayed())[0]!;
    const notFailed = await t.post(`${API}/admin/jobs/reminders/${delayed.id}/retry`, undefined, {
      token: operator.token,
    });
    expect(notFailed.status).toBe(409);
    expect(
      (await t.post(`${API}/admin/jobs/reminders/nothing-here/retry`, undefined, { token: operator.token }))
        .status,
    ).toBe(404);
    expect(
      (await t.post(`${API}/admin/jobs/elsewhere/x/retry`, undefined, { token: operator.token })).status,
    ).toBe(400);
  });
});
