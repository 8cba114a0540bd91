import { Injectable } from '@nestjs/common';
import { AuditService } from '@grants/audit';
import { DomainError, ErrorCode } from '@grants/common';
import { inTransaction } from '@grants/database';
import { DataSource } from 'typeorm';
import { AuthUser } from './auth-user';
import { ClientInfo } from './client-info';
import { normaliseEmail } from './email-address';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { SignInThrottleService } from './sign-in-throttle.service';
import { actorFrom } from './actor';
import { User } from './user.entity';
import { findUserWithPassword } from './user-queries';
import { toUserView, UserView } from './user-view';

export const BAD_CREDENTIALS = 'The email address or password is not right';

export interface LoginResult {
  token: string;
  sessionId: string;
  expiresAt: Date;
  user: UserView;
}

function unauthenticated(message: string): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, message);
}

/** Signing in and out, and the guard's question "who holds this token?". */
@Injectable()
export class SignInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly throttle: SignInThrottleService,
  ) {}

  /**
   * Unknown email, no password yet and wrong password all give the same 401 after the same argon2 work.
   * Only a caller who gave the right password learns more ("verify your email first", "disabled"): that
   * tells them nothing they could not learn by owning the address, and the throttle runs first.
   *
   * argon2 runs with no connection held: a burst of sign-ins for one email used to queue on the email's
   * lock while each held a pooled connection, and a handful of them exhausted the pool.
   */
  async login(input: { email: string; password: string }, client: ClientInfo): Promise<LoginResult> {
    const email = normaliseEmail(input.email);
    const gate = await inTransaction(this.dataSource, async (em) => {
      // One admission per email at a time, and the attempt is written before the lock is let go, so a
      // burst of parallel guesses cannot slip past the count.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`sign-in:${email}`]);
      const verdict = await this.throttle.check(em, email, client.ipAddress);
      if (!verdict.allowed)
        return { kind: 'throttled' as const, retryAfterSeconds: verdict.retryAfterSeconds };
      const attemptId = await this.throttle.recordAttempt(em, email, client.ipAddress);
      await this.throttle.prune(em, email, client.ipAddress);
      return { kind: 'admitted' as const, attemptId, user: await findUserWithPassword(em, email) };
    });
    if (gate.kind === 'throttled') {
      throw new DomainError(
        ErrorCode.Throttled,
        `Too many failed sign-in attempts; try again in ${gate.retryAfterSeconds} seconds`,
        { retryAfterSeconds: gate.retryAfterSeconds },
      );
    }

    const checked = gate.user?.passwordHash ?? null;
    const ok = checked
      ? await this.hasher.verify(checked, input.password)
      : await this.hasher.verifyNothing(input.password);
    if (!ok || !gate.user || !checked) throw unauthenticated(BAD_CREDENTIALS);
    const rehashed = this.hasher.needsRehash(checked) ? await this.hasher.hash(input.password) : null;

    const userId = gate.user.id;
    const outcome = await inTransaction(this.dataSource, async (em) => {
      const user = await em
        .createQueryBuilder(User, 'u')
        .addSelect('u.passwordHash')
        .where('u.id = :userId', { userId })
        .setLock('pessimistic_write')
        .getOne();
      // The password changed while it was being checked (a reset, say): the old one no longer opens it.
      if (!user || user.passwordHash !== checked) return { kind: 'failed' as const };
      await this.throttle.markSucceeded(em, gate.attemptId);
      if (user.disabledAt) return { kind: 'disabled' as const };
      if (!user.emailVerifiedAt) return { kind: 'unverified' as const };
      if (rehashed) await em.update(User, { id: user.id }, { passwordHash: rehashed });
      const session = await this.sessions.create(em, user.id, client);
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: 'user',
        subjectId: user.id,
        action: 'user.signed_in',
        data: { sessionId: session.sessionId },
      });
      return { kind: 'ok' as const, session, user };
    });
    switch (outcome.kind) {
      case 'failed':
        throw unauthenticated(BAD_CREDENTIALS);
      case 'disabled':
        throw unauthenticated('This account has been disabled; contact the grants team');
      case 'unverified':
        throw unauthenticated(
          'Verify your email first: follow the link we sent you (register again to get a new one)',
        );
      case 'ok':
        return {
          token: outcome.session.token,
          sessionId: outcome.session.sessionId,
          expiresAt: outcome.session.expiresAt,
          user: toUserView(outcome.user),
        };
    }
  }

  async logout(user: AuthUser): Promise<void> {
    await inTransaction(this.dataSource, async (em) => {
      await this.sessions.revoke(em, user.sessionId);
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: 'user',
        subjectId: user.id,
        action: 'user.signed_out',
        data: { sessionId: user.sessionId },
      });
    });
  }

  /** The guard's question: who holds this token? */
  authenticate(token: string): Promise<AuthUser | null> {
    return this.sessions.authenticate(token);
  }
}
