import { Injectable } from '@nestjs/common';
import { APPLICATION_AUDIT_SUBJECT } from '@grants/applications';
import { SYSTEM_ACTOR } from '@grants/audit';
import {
  DeliveryOutcome,
  MailService,
  RenderedEmail,
  TemporaryEmailFailure,
  UnrecordedDelivery,
} from '@grants/notifications';
import { UnrecoverableError } from 'bullmq';
import { Recipient } from './notification-facts';

/** The part of a BullMQ job a send needs: its id (the email's key) and whether this is its last try. */
export interface JobAttempt {
  id: string;
  finalAttempt: boolean;
}

export interface Sending {
  job: JobAttempt;
  recipients: Recipient[];
  render: (recipient: Recipient) => RenderedEmail;
  /** The application whose timeline shows the email. */
  applicationId: string;
  /** Officers' messages are internal: an applicant's timeline never shows them. */
  audience: 'applicant' | 'staff';
}

export type JobOutcome = { outcome: 'done' | 'skipped'; sent: number; failed: number; skipped: number };

export const SKIPPED: JobOutcome = { outcome: 'skipped', sent: 0, failed: 0, skipped: 0 };

/**
 * Sends one job's emails, one per recipient, each under its own key (job id + user), and puts each
 * outcome on the application's timeline. A retry sends only what has not gone; a temporary failure for
 * one recipient fails the job after the others have been tried, so the backoff retries just that one.
 */
@Injectable()
export class NotificationSender {
  constructor(private readonly mail: MailService) {}

  async send(sending: Sending): Promise<JobOutcome> {
    const counts: Record<DeliveryOutcome, number> = { sent: 0, failed: 0, skipped: 0 };
    let temporary: TemporaryEmailFailure | null = null;
    const action = sending.audience === 'staff' ? 'staff-email' : 'email';
    for (const recipient of sending.recipients) {
      const email = sending.render(recipient);
      try {
        const outcome = await this.mail.deliver(
          {
            ...email,
            to: recipient.email,
            related: { type: APPLICATION_AUDIT_SUBJECT, id: sending.applicationId },
            dedupeKey: `${sending.job.id}.${sending.audience}.${recipient.userId}`,
            finalAttempt: sending.job.finalAttempt,
          },
          (record) => ({
            actor: SYSTEM_ACTOR,
            subjectType: APPLICATION_AUDIT_SUBJECT,
            subjectId: sending.applicationId,
            action: `${action}.${record.status}`,
            data: {
              emailId: record.id,
              template: email.template,
              subject: email.subject,
              recipient: recipient.email,
              messageId: record.messageId,
              attempts: record.attempts,
              lastError: record.lastError,
            },
          }),
        );
        counts[outcome]++;
      } catch (error) {
        // Sent but not recorded: a retry would send it again, so an operator looks instead.
        if (error instanceof UnrecordedDelivery) throw new UnrecoverableError(error.message);
        if (!(error instanceof TemporaryEmailFailure)) throw error;
        temporary = error;
      }
    }
    if (temporary) throw temporary;
    return { outcome: counts.sent + counts.failed ? 'done' : 'skipped', ...counts };
  }
}
