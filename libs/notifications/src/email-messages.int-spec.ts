import { AuditService } from '@grants/audit';
import { DomainError, ErrorCode, FixedClock } from '@grants/common';
import { loadConfig } from '@grants/config';
import { dataSourceOptions } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mailbox } from '../../../test/support/mailbox';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { EmailMessages } from './email-messages';
import { verifyEmailMessage } from './email-templates';
import { MailService } from './mail.service';

const APPLICATION = { type: 'application', id: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b' };
const OTHER_APPLICATION = { type: 'application', id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
const notice = (to: string, key: string, related = APPLICATION) => ({
  to,
  related,
  dedupeKey: key,
  finalAttempt: false,
  template: 'offer-made',
  subject: `Your grant offer (${key})`,
  text: `Dear ${to},\n\nYou have been offered a grant.`,
  html: '<p>You have been offered a grant.</p>',
});
const refused = async (work: Promise<unknown>) => {
  const error = await work.then(() => null).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(ErrorCode.NotFound);
};

describe('EmailMessages', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let mailbox: Mailbox;
  let emails: EmailMessages;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url, ENTITIES, MIGRATIONS, 2));
    await ds.initialize();
    mailbox = await Mailbox.start();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      SMTP_URL: mailbox.url,
      PUBLIC_BASE_URL: 'https://grants.example',
      MAIL_FROM: 'Grants <grants@example.org>',
    });
    const clock = new FixedClock(new Date('2026-05-01T09:00:00Z'));
    const mail = new MailService(config, ds, clock, new AuditService());
    // A minute apart, so "oldest first" and "newest first" have an order to show.
    for (const email of [
      notice('Ann@Example.org', 'offer.ann'),
      notice('bob@example.org', 'offer.bob'),
      notice('ann@example.org', 'other.ann', OTHER_APPLICATION),
    ]) {
      await mail.deliver(email);
      clock.advance(60_000);
    }
    await mail.send({
      to: 'ann@example.org',
      ...verifyEmailMessage({ displayName: 'Ann', link: 'https://x/verify?token=secret', expiresInHours: 1 }),
    });
    await mail.onModuleDestroy();
    for (const row of (await ds.query(
      `SELECT id, coalesce(dedupe_key, template) AS k FROM email_messages`,
    )) as {
      id: string;
      k: string;
    }[])
      ids[row.k] = row.id;
    emails = new EmailMessages(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await mailbox?.close();
    await db?.drop();
  });

  it('lists the emails sent to an address, whatever its case, newest first, and no one else’s', async () => {
    const list = await emails.sentTo('ann@EXAMPLE.org');
    expect(list.map((e) => e.id)).toEqual([ids['verify-email'], ids['other.ann'], ids['offer.ann']]);
    expect(list.every((e) => e.recipient.toLowerCase() === 'ann@example.org')).toBe(true);
    expect(await emails.sentTo('nobody@example.org')).toEqual([]);
  });

  it('keeps the words of a notice, and none of an email with a one-time link', async () => {
    const never = async () => false;
    const offer = await emails.read({ email: 'ann@example.org' }, ids['offer.ann']!, never);
    expect(offer).toMatchObject({
      status: 'sent',
      related: APPLICATION,
      subject: 'Your grant offer (offer.ann)',
    });
    expect(offer.text).toContain('You have been offered a grant.');
    const verify = await emails.read({ email: 'ann@example.org' }, ids['verify-email']!, never);
    expect(verify.text).toBeNull();
    const [{ stored }] = await ds.query(
      `SELECT count(*)::int AS stored FROM email_messages WHERE text_body LIKE '%secret%'`,
    );
    expect(stored).toBe(0);
  });

  it('shows someone else’s email only where the caller’s rule allows its subject, else it does not exist', async () => {
    const asked: unknown[] = [];
    const officerOf = (subject: { id: string }) => async (s: { type: string; id: string }) => {
      asked.push(s);
      return s.type === 'application' && s.id === subject.id;
    };
    await refused(emails.read({ email: 'bob@example.org' }, ids['offer.ann']!, async () => false));
    const read = await emails.read({ email: 'olu@example.org' }, ids['offer.ann']!, officerOf(APPLICATION));
    expect(read.recipient).toBe('Ann@Example.org');
    expect(asked).toEqual([APPLICATION]);
    await refused(emails.read({ email: 'olu@example.org' }, ids['other.ann']!, officerOf(APPLICATION)));
    // Account emails name a user, not an application: an officer's rule about applications never reaches them.
    await refused(emails.read({ email: 'olu@example.org' }, ids['verify-email']!, officerOf(APPLICATION)));
    await refused(emails.read({ email: 'ann@example.org' }, 'not-an-id', async () => true));
    await refused(
      emails.read({ email: 'ann@example.org' }, '00000000-0000-4000-8000-000000000000', async () => true),
    );
  });

  it('lists the emails about a subject, oldest first, or only those to one address', async () => {
    expect((await emails.about(APPLICATION)).map((e) => e.id)).toEqual([ids['offer.ann'], ids['offer.bob']]);
    expect((await emails.about(APPLICATION, 'ANN@example.org')).map((e) => e.id)).toEqual([ids['offer.ann']]);
    expect(await emails.about({ type: 'application', id: '11111111-2222-4333-8444-555555555555' })).toEqual(
      [],
    );
  });
});
