import { Injectable } from '@nestjs/common';
import { AuditService } from '@grants/audit';
import { Clock, DomainError, ErrorCode } from '@grants/common';
import { inTransaction } from '@grants/database';
import { MailService, OutgoingEmail, resetPasswordMessage } from '@grants/notifications';
import { DataSource } from 'typeorm';
import { AuthUser } from './auth-user';
import { ClientInfo } from './client-info';
import { normaliseEmail } from './email-address';
import { EmailTokens, invalidLinkError } from './email-tokens';
import { isWellFormedToken } from './opaque-token';
import { PasswordHasher } from './password-hasher';
import { assertPasswordAllowed } from './password-policy';
import { SessionsService } from './sessions.service';
import { SignInThrottleService } from './sign-in-throttle.service';
import { actorFrom } from './actor';
import { User } from './user.entity';
import { findUserWithPassword } from './user-queries';

const HOUR_MS = 3_600_000;
const RESET_TTL_HOURS = 1;
/** At most this many reset emails per account per hour, so the flow cannot be used to flood a mailbox. */
const MAX_RESET_EMAILS_PER_HOUR = 5;

/** Forgotten passwords (reset by emailed link) and changing a known one. */
@Injectable()
export class PasswordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly throttle: SignInThrottleService,
    private readonly tokens: EmailTokens,
    private readonly mail: MailService,
  ) {}

  /** Always accepted; an email goes out only when the address belongs to a usable account. */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    const email = normaliseEmail(rawEmail);
    const outgoing = await inTransaction(this.dataSource, async (em) => {
      const user = await em.findOneBy(User, { email });
      if (!user || user.disabledAt) return null;
      const since = new Date(this.clock.now().getTime() - HOUR_MS);
      if (
        (await this.tokens.countRecent(em, user.id, 'password_reset', since)) >= MAX_RESET_EMAILS_PER_HOUR
      ) {
        return null;
      }
      const token = await this.tokens.issue(em, {
        userId: user.id,
        purpose: 'password_reset',
        ttlHours: RESET_TTL_HOURS,
        replaceEarlier: true,
      });
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: 'user',
        subjectId: user.id,
        action: 'user.password_reset_requested',
      });
      return {
        to: user.email,
        related: { type: 'user', id: user.id },
        ...resetPasswordMessage({
          displayName: user.displayName,
          link: this.mail.link('reset-password', { token }),
          expiresInHours: RESET_TTL_HOURS,
        }),
      } satisfies OutgoingEmail;
    });
    if (outgoing) this.mail.dispatch(outgoing);
  }

  /** Sets the new password, proves the email (the link reached it) and signs the user out everywhere. */
  async confirmPasswordReset(token: string, newPassword: string): Promise<void> {
    if (!isWellFormedToken(token)) throw invalidLinkError();
    // Check the policy before spending the single-use token, so a refused password does not burn the link.
    const pending = await this.tokens.holder(this.dataSource.manager, token, 'password_reset');
    if (!pending) throw invalidLinkError();
    assertPasswordAllowed('newPassword', newPassword, pending.email);
    const passwordHash = await this.hasher.hash(newPassword);
    await inTransaction(this.dataSource, async (em) => {
      const spent = await this.tokens.consume(em, token, 'password_reset');
      const user = spent ? await em.findOneBy(User, { id: spent.userId }) : null;
      if (!user || user.disabledAt) throw invalidLinkError();
      const now = this.clock.now();
      await em.update(
        User,
        { id: user.id },
        { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now, updatedAt: now },
      );
      const revoked = await this.sessions.revokeAllForUser(em, user.id);
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: 'user',
        subjectId: user.id,
        action: 'user.password_reset',
        data: { sessionsRevoked: revoked },
      });
    });
  }

  /**
   * Changes the password and signs out every other session; the one making the change stays signed in.
   * Like sign-in, both argon2 steps run between two short transactions, holding no connection.
   */
  async changePassword(
    actor: AuthUser,
    input: { currentPassword: string; newPassword: string },
    client: ClientInfo,
  ): Promise<void> {
    assertPasswordAllowed('newPassword', input.newPassword, actor.email);
    const gate = await inTransaction(this.dataSource, async (em) => {
      // A stolen session must not become a way to guess the password without limit: same lock, count
      // and provisional failure as sign-in.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`sign-in:${actor.email}`]);
      const user = await findUserWithPassword(em, actor.email);
      if (!user || user.id !== actor.id) {
        throw new DomainError(ErrorCode.Unauthenticated, 'Sign in again');
      }
      const verdict = await this.throttle.check(em, user.email, client.ipAddress);
      if (!verdict.allowed) {
        throw new DomainError(ErrorCode.Throttled, 'Too many wrong passwords; try again later', {
          retryAfterSeconds: verdict.retryAfterSeconds,
        });
      }
      const attemptId = await this.throttle.recordAttempt(em, user.email, client.ipAddress);
      return { attemptId, oldHash: user.passwordHash };
    });
    const ok = gate.oldHash ? await this.hasher.verify(gate.oldHash, input.currentPassword) : false;
    if (!ok) {
      throw DomainError.invalid([{ field: 'currentPassword', message: 'is not your current password' }]);
    }
    const passwordHash = await this.hasher.hash(input.newPassword);
    await inTransaction(this.dataSource, async (em) => {
      await this.throttle.forget(em, gate.attemptId);
      const now = this.clock.now();
      // Only over the password just checked: a reset in between wins, and this change is refused.
      const result = await em
        .createQueryBuilder()
        .update(User)
        .set({ passwordHash, updatedAt: now })
        .where('id = :id AND password_hash = :oldHash', { id: actor.id, oldHash: gate.oldHash })
        .execute();
      if (!result.affected) throw DomainError.conflict('Your password changed meanwhile; sign in again');
      const revoked = await this.sessions.revokeAllForUser(em, actor.id, actor.sessionId);
      await this.audit.record(em, {
        actor: actorFrom(actor),
        subjectType: 'user',
        subjectId: actor.id,
        action: 'user.password_changed',
        data: { sessionsRevoked: revoked },
      });
    });
  }
}
