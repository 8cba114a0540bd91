import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AuditRecord, AuditService } from '@grants/audit';
import { Clock } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { prepared } from '@grants/database';
import type { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { EmailMessage } from './email-message.entity';
import { RenderedEmail } from './email-templates';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  /** What the email is about, for "which emails went out about this application?". */
  related?: { type: string; id: string };
}

/**
 * What a queued delivery needs beyond the email: its key, and whether this is the job's last try. Queued
 * emails are the worker's notices, whose links open portal pages and carry no secret, so their text is
 * kept for the recipient to read again; `send` is for one-time links and keeps none.
 */
export interface QueuedEmail extends OutgoingEmail {
  dedupeKey: string;
  finalAttempt: boolean;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed';

/** How a queued email ended, for the caller to put on the record in the same transaction. */
export interface DeliveryRecord {
  id: string;
  status: 'sent' | 'failed';
  attempts: number;
  messageId: string | null;
  lastError: string | null;
}

/** The audit entry (the timeline's line) to write with the outcome, in the same statement. */
export type OnDelivered = (record: DeliveryRecord) => AuditRecord;

/** A failure worth retrying (4xx replies, connections refused or dropped); the job's backoff retries it. */
export class TemporaryEmailFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemporaryEmailFailure';
  }
}

/** A 5xx reply (a rejected address, say) will never succeed: record it for officers and stop. */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Claims the email for one sender: a new row, or a row still `sending` whose last claim has lapsed (its
 * sender died or gave up). A row claimed by a live sender returns nothing; a finished row returns its
 * status untouched, so the caller skips it.
 */
const CLAIM = `INSERT INTO email_messages (recipient, template, subject, status, attempts, related_subject_type,
    related_subject_id, dedupe_key, claimed_until, created_at, updated_at, text_body)
  VALUES ($1, $2, $3, 'sending', 1, $4, $5, $6, now() + make_interval(secs => $8), $7, $7, $9)
  ON CONFLICT (dedupe_key) DO UPDATE
    SET attempts = email_messages.attempts + (CASE WHEN email_messages.status = 'sending' THEN 1 ELSE 0 END),
        claimed_until = CASE WHEN email_messages.status = 'sending' THEN EXCLUDED.claimed_until END,
        updated_at = CASE WHEN email_messages.status = 'sending' THEN EXCLUDED.updated_at
                          ELSE email_messages.updated_at END
    WHERE email_messages.status <> 'sending' OR email_messages.claimed_until IS NULL
       OR email_messages.claimed_until < now()
  RETURNING id, status, attempts`;

/** SMTP accepted the message but its record could not be written: retrying would send it again. */
export class UnrecordedDelivery extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnrecordedDelivery';
  }
}

/** The pooled transport's settings: one place, so the benchmark's raw baseline uses exactly these. */
export const MAIL_POOL = {
  pool: true,
  maxConnections: 3,
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

const MAX_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [200, 1000];

type Transporter = ReturnType<typeof createTransport>;

/**
 * Sends email over pooled SMTP and records every outcome in `email_messages`. Callers send only after
 * their transaction has committed, so nobody is emailed about a change that rolled back.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private transport: Transporter | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /**
   * nodemailer is loaded with the first email. An API process sends one rarely (a verification, a reset),
   * and nodemailer's modules would otherwise sit in its memory from boot.
   */
  private smtp(): Transporter {
    if (!this.transport) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const nodemailer = require('nodemailer') as typeof import('nodemailer');
      this.transport = nodemailer.createTransport({ ...MAIL_POOL, url: this.config.mail.smtpUrl });
    }
    return this.transport;
  }

  /**
   * Links in emails open the portal's pages (apps/api/src/portal) on the public site, never on whatever
   * host the request came in on.
   */
  link(page: string, params: Record<string, string>): string {
    const url = new URL(`portal/${page}`, this.config.http.publicBaseUrl.replace(/\/?$/, '/'));
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  }

  /**
   * The worker's path: claims the email by its key (a second run finds it sent and skips), sends once
   * with a Message-ID derived from the key, and records the outcome. Only the moment between the SMTP
   * server's acceptance and the row's update can, if the process dies there, send a key twice; the
   * repeated Message-ID lets mail clients fold the copy away.
   */
  async deliver(email: QueuedEmail, onOutcome?: OnDelivered): Promise<DeliveryOutcome> {
    const [claim] = (await this.dataSource.query(prepared('email.claim', CLAIM), [
      email.to,
      email.template,
      email.subject,
      email.related?.type ?? null,
      email.related?.id ?? null,
      email.dedupeKey,
      this.clock.now(),
      this.config.mail.claimLeaseSeconds,
      email.text,
    ])) as Array<{ id: string; status: string; attempts: number }>;
    // Another sender holds it now: try again later rather than skip, or it could be lost with that sender.
    if (!claim) throw new TemporaryEmailFailure('another worker is sending this email');
    if (claim.status !== 'sending') return 'skipped';
    const messageId = `<${createHash('sha256').update(email.dedupeKey).digest('hex').slice(0, 40)}@${this.messageIdDomain()}>`;
    try {
      await this.smtp().sendMail({
        from: this.config.mail.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
      });
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const permanent = isPermanentSmtpFailure(error);
      if (!permanent && !email.finalAttempt) {
        await this.dataSource.query(
          `UPDATE email_messages SET last_error = $2, updated_at = $3, claimed_until = NULL WHERE id = $1`,
          [claim.id, lastError, this.clock.now()],
        );
        throw new TemporaryEmailFailure(lastError);
      }
      this.logger.error(
        { template: email.template, attempts: claim.attempts, error: lastError },
        'email could not be sent',
      );
      await this.finish(
        { id: claim.id, status: 'failed', attempts: claim.attempts, messageId: null, lastError },
        onOutcome,
      );
      return 'failed';
    }
    await this.finish(
      { id: claim.id, status: 'sent', attempts: claim.attempts, messageId, lastError: null },
      onOutcome,
    );
    return 'sent';
  }

  /** The outcome and its audit entry in one statement: one round trip, and they stand or fall together. */
  private async finish(record: DeliveryRecord, onOutcome?: OnDelivered): Promise<void> {
    for (const wait of [0, 200, 1000, 5000]) {
      if (wait) await new Promise((r) => setTimeout(r, wait));
      try {
        await this.writeOutcome(record, onOutcome);
        return;
      } catch (error) {
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'email outcome not recorded; retrying',
        );
      }
    }
    throw new UnrecordedDelivery(`email ${record.id} was ${record.status} but could not be recorded`);
  }

  private async writeOutcome(record: DeliveryRecord, onOutcome?: OnDelivered): Promise<void> {
    const update = `UPDATE email_messages SET status = $2, message_id = $3, last_error = $4, updated_at = $5, claimed_until = NULL WHERE id = $1`;
    const params = [record.id, record.status, record.messageId, record.lastError, this.clock.now()];
    if (!onOutcome) {
      await this.dataSource.query(prepared('email.finish', update), params);
      return;
    }
    await this.audit.recordAlong(this.dataSource.manager, { writes: [update], params }, onOutcome(record));
  }

  private messageIdDomain(): string {
    const match = /@([^>\s]+)>?\s*$/.exec(this.config.mail.from);
    return match?.[1] ?? 'localhost';
  }

  /**
   * Sends now, retrying briefly, and records the outcome; resolves to the recorded row. Never throws for
   * SMTP trouble. These are the account emails with one-time links, so their text is not kept.
   */
  async send(email: OutgoingEmail): Promise<EmailMessage> {
    let attempts = 0;
    let lastError: string | null = null;
    let messageId: string | null = null;
    while (attempts < MAX_ATTEMPTS) {
      attempts++;
      try {
        const info = await this.smtp().sendMail({
          from: this.config.mail.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
        });
        messageId = typeof info.messageId === 'string' ? info.messageId : null;
        lastError = null;
        break;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        const delay = RETRY_DELAYS_MS[attempts - 1];
        if (delay === undefined) break;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    const status = lastError === null ? 'sent' : 'failed';
    if (status === 'failed') {
      this.logger.error({ template: email.template, attempts, error: lastError }, 'email could not be sent');
    }
    const row = this.dataSource.getRepository(EmailMessage).create({
      recipient: email.to,
      template: email.template,
      subject: email.subject,
      textBody: null,
      messageId,
      status,
      attempts,
      lastError: lastError?.slice(0, 2000) ?? null,
      relatedSubjectType: email.related?.type ?? null,
      relatedSubjectId: email.related?.id ?? null,
      createdAt: this.clock.now(),
      updatedAt: this.clock.now(),
    });
    return this.dataSource.getRepository(EmailMessage).save(row);
  }

  /**
   * Sends in the background. Public endpoints use this so that whether an email went out (say, to a
   * registered address) cannot be read from the response time. Shutdown waits for these to finish.
   */
  dispatch(email: OutgoingEmail): void {
    const job = this.send(email)
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.error({ err: error, template: email.template }, 'email record failed'),
      )
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  /** Resolves once every background send has finished (tests and shutdown). */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.drain();
    this.transport?.close();
  }
}
