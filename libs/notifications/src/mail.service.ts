import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { EmailMessage } from './email-message.entity';
import { RenderedEmail } from './email-templates';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  /** What the email is about, for "which emails went out about this application?". */
  related?: { type: string; id: string };
}

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
  private readonly transport: Transporter;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.transport = createTransport({
      pool: true,
      url: config.mail.smtpUrl,
      maxConnections: 3,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  /** Links in emails point at the public site, never at whatever host the request came in on. */
  link(path: string, params: Record<string, string>): string {
    const url = new URL(path, this.config.http.publicBaseUrl.replace(/\/?$/, '/'));
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  }

  /** Sends now, retrying briefly, and records the outcome; resolves to the recorded row. Never throws for SMTP trouble. */
  async send(email: OutgoingEmail): Promise<EmailMessage> {
    let attempts = 0;
    let lastError: string | null = null;
    let messageId: string | null = null;
    while (attempts < MAX_ATTEMPTS) {
      attempts++;
      try {
        const info = await this.transport.sendMail({
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
      messageId,
      status,
      attempts,
      lastError: lastError?.slice(0, 2000) ?? null,
      relatedSubjectType: email.related?.type ?? null,
      relatedSubjectId: email.related?.id ?? null,
      createdAt: this.clock.now(),
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
    this.transport.close();
  }
}
