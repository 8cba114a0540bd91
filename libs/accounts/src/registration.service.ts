import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@grants/audit';
import { Clock, DomainError, ErrorCode } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { inTransaction } from '@grants/database';
import {
  alreadyRegisteredMessage,
  MailService,
  OutgoingEmail,
  verifyEmailMessage,
} from '@grants/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { ClientInfo } from './client-info';
import { normaliseEmail } from './email-address';
import { EmailTokens, invalidLinkError } from './email-tokens';
import { isWellFormedToken } from './opaque-token';
import { PasswordHasher } from './password-hasher';
import { assertPasswordAllowed } from './password-policy';
import { RegistrationThrottleService } from './registration-throttle.service';
import { Role } from './role';
import { actorFrom } from './actor';
import { User } from './user.entity';
import { toUserView, UserView } from './user-view';

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
}

/**
 * Applicants register themselves, and the emailed link is what makes the account theirs. The password
 * chosen in a registration rides on that registration's link: a stranger who registers someone else's
 * address first can never sign in with their own password, because only the mailbox's owner can follow
 * a link, and following it activates the password chosen with it.
 */
@Injectable()
export class RegistrationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: EmailTokens,
    private readonly throttle: RegistrationThrottleService,
    private readonly mail: MailService,
  ) {}

  /**
   * Always answers the same way: a duplicate email gets no new account, and its owner is told by email
   * instead, so the response never says whether an address is registered. The password is hashed on
   * every admitted path and mail leaves in the background, so the timing does not say it either.
   */
  async register(input: RegisterInput, client: ClientInfo): Promise<void> {
    const email = normaliseEmail(input.email);
    const displayName = input.displayName.trim();
    assertPasswordAllowed('password', input.password, email);
    if (!displayName) throw DomainError.invalid([{ field: 'displayName', message: 'should not be empty' }]);

    const admission = await inTransaction(this.dataSource, (em) =>
      this.throttle.admit(em, email, client.ipAddress),
    );
    if (!admission.verdict.allowed) {
      const wait = admission.verdict.retryAfterSeconds;
      throw new DomainError(
        ErrorCode.Throttled,
        `Too many registrations from this address; try again in ${wait} seconds`,
        { retryAfterSeconds: wait },
      );
    }
    // The address has had its ration of mail this hour: the same answer, nothing sent, nothing hashed.
    if (!admission.mailAllowed) return;

    const passwordHash = await this.hasher.hash(input.password);
    const outgoing = await inTransaction(this.dataSource, async (em) => {
      const now = this.clock.now();
      // The hash on a new, unverified row only lets its registrant hear "verify your email first" when
      // signing in early; following a link replaces it with that link's own.
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO users (email, display_name, password_hash, roles, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (email) DO NOTHING
         RETURNING id`,
        [email, displayName, passwordHash, [Role.Applicant], now],
      );
      if (inserted[0]) {
        const userId = inserted[0].id;
        await this.audit.record(em, {
          actor: { userId, role: Role.Applicant },
          subjectType: 'user',
          subjectId: userId,
          action: 'user.registered',
          data: { roles: [Role.Applicant] },
        });
        return this.verificationEmail(em, userId, email, displayName, passwordHash);
      }
      const existing = await em.findOneByOrFail(User, { email });
      if (existing.disabledAt) return null;
      // Registering again before verifying sends a new link carrying this registration's password.
      // Earlier links keep working, each with its own password: whoever holds the mailbox chooses.
      if (!existing.emailVerifiedAt) {
        return this.verificationEmail(em, existing.id, existing.email, displayName, passwordHash);
      }
      return {
        to: existing.email,
        related: { type: 'user', id: existing.id },
        ...alreadyRegisteredMessage({
          displayName: existing.displayName,
          resetLink: this.mail.link('reset-password', {}),
        }),
      } satisfies OutgoingEmail;
    });
    if (outgoing) this.mail.dispatch(outgoing);
  }

  private async verificationEmail(
    em: EntityManager,
    userId: string,
    email: string,
    displayName: string,
    passwordHash: string,
  ): Promise<OutgoingEmail> {
    const hours = this.config.auth.emailTokenTtlHours;
    const token = await this.tokens.issue(em, {
      userId,
      purpose: 'verify_email',
      ttlHours: hours,
      replaceEarlier: false,
      passwordHash,
      displayName,
    });
    return {
      to: email,
      related: { type: 'user', id: userId },
      ...verifyEmailMessage({
        displayName,
        link: this.mail.link('verify-email', { token }),
        expiresInHours: hours,
      }),
    };
  }

  /**
   * Proves the address and makes the password (and name) chosen in that link's registration the
   * account's. The other registrations' links stop working: the account now has its owner.
   */
  async verifyEmail(token: string): Promise<UserView> {
    if (!isWellFormedToken(token)) throw invalidLinkError();
    return inTransaction(this.dataSource, async (em) => {
      const holder = await this.tokens.holder(em, token, 'verify_email');
      if (!holder) throw invalidLinkError();
      // The user row is locked before any token is spent, so two links followed at once cannot deadlock
      // and only the first decides the password.
      const user = await em.findOne(User, {
        where: { id: holder.userId },
        lock: { mode: 'pessimistic_write' },
      });
      const spent = await this.tokens.consume(em, token, 'verify_email');
      if (!spent || !user || user.disabledAt) throw invalidLinkError();
      if (user.emailVerifiedAt) return toUserView(user);

      const now = this.clock.now();
      const changes: Partial<User> = { emailVerifiedAt: now, updatedAt: now };
      // Links issued before registrations carried a password have none: the row's own stays.
      if (spent.passwordHash) changes.passwordHash = spent.passwordHash;
      if (spent.displayName) changes.displayName = spent.displayName;
      await em.update(User, { id: user.id }, changes);
      await this.tokens.revokeOutstanding(em, user.id, 'verify_email');
      const { passwordHash: _secret, ...visible } = changes;
      Object.assign(user, visible);
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: 'user',
        subjectId: user.id,
        action: 'user.email_verified',
        data: { passwordFromLink: spent.passwordHash !== null },
      });
      return toUserView(user);
    });
  }
}
