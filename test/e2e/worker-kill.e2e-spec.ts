import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Role } from '@grants/accounts';
import { FixedClock } from '@grants/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import { submitApplication } from '../support/applications';
import { createOpenRound, seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
const BATCH = 40;

/** The worker as it runs in production: compiled, in its own process, so it can really be killed. */
function buildWorker(outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
  execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT, stdio: 'pipe' });
  execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  return join(outDir, 'apps/worker/src/main.js');
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A worker process killed with SIGKILL in the middle of a batch of emails: after a restart every due
 * email is delivered exactly once. The SMTP sink holds messages unanswered from the 15th on, so at the
 * moment of the kill some jobs are mid-send (claimed, not accepted) and none sits in the instant
 * between the server's acceptance and the worker's record of it.
 */
describe('a worker killed mid-batch', () => {
  const outDir = join(ROOT, '.data', `test-build-${process.pid}`);
  let main: string;
  let t: TestApp;
  let applicant: { email: string; token: string; userId: string };
  let applicationId: string;
  const children: ChildProcess[] = [];

  const startWorker = (): ChildProcess => {
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      stdio: 'ignore',
      env: {
        ...process.env,
        ...t.env,
        LOG_LEVEL: 'silent',
        WORKER_CONCURRENCY: '4',
        JOB_LOCK_MS: '2000',
        EMAIL_CLAIM_LEASE_SECONDS: '3',
      },
    });
    children.push(child);
    return child;
  };
  const sent = async (): Promise<number> =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM email_messages
          WHERE status = 'sent' AND recipient = $1 AND template = 'application-submitted'`,
        [applicant.email],
      )
    )[0].n;

  beforeAll(async () => {
    main = buildWorker(outDir);
    t = await createTestApp({ clock: new FixedClock(new Date()) });
    const ref = await seedReference(t);
    await createStaffUser(t, [Role.Admin]);
    applicant = await registerApplicant(t, { displayName: 'Kit Killtest' });
    const round = await createOpenRound(t);
    const org = await t.post('/api/v1/organisations', ORGANISATION_BODY, { token: applicant.token });
    applicationId = await submitApplication(t, applicant.token, {
      organisationId: org.body.id,
      roundId: round.id,
      ref,
      objectiveIds: round.objectiveIds,
    });
    // A batch of due emails: the submission's own acknowledgement, and as many more distinct ones.
    await t.dataSource.query(
      `INSERT INTO outbox_messages (queue, job_name, job_id, payload)
       SELECT 'notifications', 'notifications.application-submitted', 'application-submitted.' || $1 || '.batch' || n,
              jsonb_build_object('applicationId', $1::text, 'version', n)
         FROM generate_series(1, $2::int - 1) n`,
      [applicationId, BATCH],
    );
  }, 120_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await t?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('delivers every email exactly once after a SIGKILL and a restart', async () => {
    t.mail.faults.holdAfter(15);
    const first = startWorker();
    await until('15 emails accepted', async () => (await sent()) >= 15);
    const exited = new Promise((r) => first.once('exit', r));
    first.kill('SIGKILL');
    await exited;
    t.mail.faults.release();
    const claimed = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM email_messages WHERE status = 'sending' AND recipient = $1`,
      [applicant.email],
    );
    expect(claimed[0].n).toBeGreaterThan(0); // the kill really did land mid-send

    const second = startWorker();
    await until(`all ${BATCH} emails sent`, async () => (await sent()) === BATCH, 60_000);
    await new Promise((r) => setTimeout(r, 500)); // anything still to come would arrive now
    const delivered = (await t.mail.all()).filter(
      (m) => m.to.includes(applicant.email) && /received your application/i.test(m.subject),
    );
    expect(delivered).toHaveLength(BATCH);
    expect(new Set(delivered.map((m) => m.parsed.messageId)).size).toBe(BATCH);

    const stopped = new Promise<number | null>((r) => second.once('exit', (code) => r(code)));
    second.kill('SIGTERM');
    expect(await stopped).toBe(0);
  }, 120_000);
});
