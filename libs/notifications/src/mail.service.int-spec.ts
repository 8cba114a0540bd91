import { AuditService } from '@grants/audit';
import { FixedClock } from '@grants/common';
import { AppConfig, loadConfig } from '@grants/config';
import { dataSourceOptions } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mailbox } from '../../../test/support/mailbox';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { EmailMessage } from './email-message.entity';
import { verifyEmailMessage } from './email-templates';
import { MailService, TemporaryEmailFailure } from './mail.service';

function configFor(databaseUrl: string, smtpUrl: string): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: 'redis://127.0.0.1:6379',
    SMTP_URL: smtpUrl,
    PUBLIC_BASE_URL: 'https://grants.example',
    MAIL_FROM: 'Grants <grants@example.org>',
  });
}

describe('MailService', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let mailbox: Mailbox;
  const clock = new FixedClock(new Date('2026-05-01T09:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url, ENTITIES, MIGRATIONS, 2));
    await ds.initialize();
    mailbox = await Mailbox.start();
  });
  afterAll(async () => {
    await ds?.destroy();
    await mailbox?.close();
    await db?.drop();
  });

  it('sends over SMTP and records the message as sent', async () => {
    const mail = new MailService(configFor(db.url, mailbox.url), ds, clock, new AuditService());
    const link = mail.link('verify-email', { token: 'abc' });
    expect(link).toBe('https://grants.example/portal/verify-email?token=abc');
    const row = await mail.send({
      to: 'ann@example.org',
      related: { type: 'user', id: '4b7c1f0e-2d53-4e8a-9a51-0f6c2e1d9b11' },
      ...verifyEmailMessage({ displayName: 'Ann', link, expiresInHours: 24 }),
    });
    await mail.onModuleDestroy();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, template: 'verify-email', lastError: null });
    const received = await mailbox.waitFor('ann@example.org', /confirm your email/i);
    expect(received.parsed.from?.text).toContain('grants@example.org');
    expect(received.text).toContain(link);
    expect(received.html).toContain('<html lang="en-GB">');
    expect(row.messageId).toEqual(expect.any(String));
  });

  it('records a failure, after retrying, when SMTP is unreachable', async () => {
    const mail = new MailService(configFor(db.url, 'smtp://127.0.0.1:1'), ds, clock, new AuditService());
    mail.dispatch({
      to: 'bob@example.org',
      ...verifyEmailMessage({ displayName: 'Bob', link: 'https://x/y', expiresInHours: 1 }),
    });
    await mail.drain();
    await mail.onModuleDestroy();
    const rows = await ds.getRepository(EmailMessage).findBy({ recipient: 'bob@example.org' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed', attempts: 3, messageId: null });
    expect(rows[0]!.lastError).toEqual(expect.any(String));
  });

  it('lets one sender at a time claim an email: a second concurrent run neither sends nor skips it', async () => {
    const mail = new MailService(configFor(db.url, mailbox.url), ds, clock, new AuditService());
    const email = {
      to: 'cat@example.org',
      dedupeKey: 'test-job.applicant.cat',
      finalAttempt: false,
      ...verifyEmailMessage({ displayName: 'Cat', link: 'https://x/y', expiresInHours: 1 }),
    };
    const outcomes = await Promise.allSettled([mail.deliver(email), mail.deliver(email)]);
    const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : o.reason));
    expect(values.filter((v) => v === 'sent')).toHaveLength(1);
    for (const v of values.filter((x) => x !== 'sent')) {
      expect(v === 'skipped' || v instanceof TemporaryEmailFailure).toBe(true);
    }
    // Once it is sent, any later run skips it.
    expect(await mail.deliver(email)).toBe('skipped');
    await mail.onModuleDestroy();
    const received = (await mailbox.all()).filter((m) => m.to.includes('cat@example.org'));
    expect(received).toHaveLength(1);
    const [row] = await ds.query(`SELECT status, claimed_until FROM email_messages WHERE dedupe_key = $1`, [
      email.dedupeKey,
    ]);
    expect(row).toEqual({ status: 'sent', claimed_until: null });
  });
});
