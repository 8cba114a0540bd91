import { Injectable } from '@nestjs/common';
import { DomainError } from '@grants/common';
import { DataSource } from 'typeorm';
import { EmailStatus } from './email-message.entity';

/** What an email was about: the subject its sender named (an application, a user, an organisation). */
export interface EmailSubject {
  type: string;
  id: string;
}

/** An email as a list shows it: to whom, what, when, and whether it went. */
export interface EmailSummary {
  id: string;
  recipient: string;
  subject: string;
  template: string;
  status: EmailStatus;
  /** When the service first tried to send it. */
  createdAt: Date;
}

/** One email to read: its words where they were kept (null for one-time links, and emails from before). */
export interface EmailRead extends EmailSummary {
  text: string | null;
  related: EmailSubject | null;
}

/** The most a list shows: a person gets a few emails a month, so this is years of them. */
export const EMAIL_LIST_LIMIT = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SUMMARY = `id, recipient, subject, template, status, created_at AS "createdAt"`;

type Row = EmailSummary & {
  text: string | null;
  relatedType: string | null;
  relatedId: string | null;
};

/**
 * Reading the emails the service sent. A person reads those addressed to them; anything else only where
 * the caller's own rule says the reader may see what the email was about (an officer and an application
 * they may read), so the rule for each subject stays with the capability that owns it.
 */
@Injectable()
export class EmailMessages {
  constructor(private readonly dataSource: DataSource) {}

  /** Every email sent to this address, newest first. Addresses match whatever their case. */
  async sentTo(address: string): Promise<EmailSummary[]> {
    return this.dataSource.query(
      `SELECT ${SUMMARY} FROM email_messages WHERE lower(recipient) = lower($1)
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      [address, EMAIL_LIST_LIMIT],
    );
  }

  /**
   * The emails about one subject, oldest first, or only those to `to`. The caller has already decided the
   * reader may see the subject: this names no reader.
   */
  async about(subject: EmailSubject, to?: string): Promise<EmailSummary[]> {
    return this.dataSource.query(
      `SELECT ${SUMMARY} FROM email_messages
        WHERE related_subject_type = $1 AND related_subject_id = $2 AND ($3::text IS NULL OR lower(recipient) = lower($3))
        ORDER BY created_at, id LIMIT $4`,
      [subject.type, subject.id, to ?? null, EMAIL_LIST_LIMIT],
    );
  }

  /**
   * One email, for the person it was sent to, or for a reader `mayReadAbout` its subject allows; to anyone
   * else it does not exist (404, as for an id that is not there).
   */
  async read(
    reader: { email: string },
    id: string,
    mayReadAbout: (subject: EmailSubject) => Promise<boolean>,
  ): Promise<EmailRead> {
    if (!UUID.test(id)) throw DomainError.notFound('The email');
    const [row] = (await this.dataSource.query(
      `SELECT ${SUMMARY}, text_body AS text, related_subject_type AS "relatedType",
              related_subject_id AS "relatedId"
         FROM email_messages WHERE id = $1`,
      [id],
    )) as Row[];
    if (!row) throw DomainError.notFound('The email');
    const { relatedType, relatedId, ...email } = row;
    const related = relatedType && relatedId ? { type: relatedType, id: relatedId } : null;
    const addressed = email.recipient.toLowerCase() === reader.email.toLowerCase();
    if (!addressed && !(related && (await mayReadAbout(related)))) throw DomainError.notFound('The email');
    return { ...email, related };
  }
}
