import { Injectable } from '@nestjs/common';
import { AuthUser, isOfficer } from '@grants/accounts';
import { DomainError, ErrorCode } from '@grants/common';
import { inTransaction } from '@grants/database';
import { EmailMessages, EmailRead, EmailSubject, EmailSummary } from '@grants/notifications';
import { DataSource } from 'typeorm';
import { ApplicationAccess } from './application-access';
import { APPLICATION_AUDIT_SUBJECT } from './audit-subject';

/**
 * The emails the service sent about an application (and so about its award): its members see those sent
 * to them, officers every one, as they may read the application itself. One email is read by the person
 * it went to, or by an officer who may read the application it was about; to anyone else it does not exist.
 */
@Injectable()
export class ApplicationEmails {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly emails: EmailMessages,
  ) {}

  async forApplication(user: AuthUser, applicationId: string): Promise<EmailSummary[]> {
    const { member } = await inTransaction(this.dataSource, (em) =>
      this.access.readable(em, user, applicationId),
    );
    const subject = { type: APPLICATION_AUDIT_SUBJECT, id: applicationId };
    return this.emails.about(subject, member ? user.email : undefined);
  }

  async read(user: AuthUser, emailId: string): Promise<EmailRead> {
    return this.emails.read(user, emailId, (subject) => this.officerMayRead(user, subject));
  }

  private async officerMayRead(user: AuthUser, subject: EmailSubject): Promise<boolean> {
    if (!isOfficer(user) || subject.type !== APPLICATION_AUDIT_SUBJECT) return false;
    try {
      await inTransaction(this.dataSource, (em) => this.access.readable(em, user, subject.id));
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return false;
      throw error;
    }
  }
}
