import { Inject, Injectable } from '@nestjs/common';
import { Actor, AuditService, SYSTEM_ACTOR } from '@grants/audit';
import {
  Clock,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  DomainError,
  ErrorCode,
  FieldError,
  Page,
  pageOf,
} from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { inTransaction, isUniqueViolation } from '@grants/database';
import {
  alreadyRegisteredMessage,
  MailService,
  OutgoingEmail,
  resetPasswordMessage,
  setPasswordMessage,
  verifyEmailMessage,
} from '@grants/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from './auth-user';
import { normaliseEmail } from './email-address';
import { EmailToken, EmailTokenPurpose } from './email-token.entity';
import { hashToken, isWellFormedToken, issueToken } from './opaque-token';
import { PasswordHasher } from './password-hasher';
import { passwordProblems } from './password-policy';
import { Role } from './role';
import { SessionsService } from './sessions.service';
import { SignInThrottleService } from './sign-in-throttle.service';
import { staffRoleProblems } from './staff-roles';
import { User } from './user.entity';
import { toUserView, UserView } from './user-view';

const HOUR_MS = 3_600_000;
const RESET_TTL_HOURS = 1;
/** At most this many reset emails per account per hour, so the flow cannot be used to flood a mailbox. */
const MAX_RESET_EMAILS_PER_HOUR = 5;
const INVALID_LINK = 'This link is not valid: it may have expired or been used already';
const BAD_CREDENTIALS = 'The email address or password is not right';

export interface ClientInfo {
  ipAddress: string;
  userAgent?: string | null;
}

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
}

export interface StaffUserInput {
  email: string;
  displayName: string;
  roles: Role[];
  approvalLimitPence?: number | null;
  password?: string;
}

export interface UserPatch {
  roles?: Role[];
  displayName?: string;
  approvalLimitPence?: number | null;
  disabled?: boolean;
}

export interface LoginResult {
  token: string;
  sessionId: string;
  expiresAt: Date;
  user: UserView;
}

export interface ListUsersInput {
  limit?: number;
  cursor?: string;
  role?: Role;
}

function actorOf(user: Pick<User | AuthUser, 'id' | 'roles'>, acting?: Role): Actor {
  return { userId: user.id, role: acting ?? user.roles[0] ?? Role.Applicant };
}

function unauthenticated(message: string): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, message);
}

@Injectable()
export class AccountsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly throttle: SignInThrottleService,
    private readonly mail: MailService,
  ) {}

  // ---- registration and verification -------------------------------------------------------------

  /**
   * Always answers the same way: a duplicate email gets no new account, and its owner is told by email
   * instead, so the response never says whether an address is registered. The password is hashed on
   * every path and mail leaves in the background, so the timing does not say it either.
   */
  async register(input: RegisterInput): Promise<void> {
    const email = normaliseEmail(input.email);
    const displayName = input.displayName.trim();
    this.assertPasswordAllowed('password', input.password, email);
    if (!displayName) throw DomainError.invalid([{ field: 'displayName', message: 'should not be empty' }]);
    const passwordHash = await this.hasher.hash(input.password);
    const outgoing = await inTransaction(this.dataSource, async (em) => {
      const now = this.clock.now();
      const inserted: User[] = await em.query(
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
        return this.verificationEmail(em, userId, email, displayName);
      }
      const existing = await em.findOneByOrFail(User, { email });
      if (existing.disabledAt) return null;
      // Someone who registered but lost the link gets a fresh one; the new password is ignored.
      if (!existing.emailVerifiedAt) {
        return this.verificationEmail(em, existing.id, existing.email, existing.displayName);
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
  ): Promise<OutgoingEmail> {
    const hours = this.config.auth.emailTokenTtlHours;
    const token = await this.issueEmailToken(em, userId, 'verify_email', hours);
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

  async verifyEmail(token: string): Promise<UserView> {
    if (!isWellFormedToken(token)) throw DomainError.invalid([{ field: 'token', message: INVALID_LINK }]);
    return inTransaction(this.dataSource, async (em) => {
      const userId = await this.consumeEmailToken(em, token, 'verify_email');
      const user = userId ? await em.findOneBy(User, { id: userId }) : null;
      if (!user || user.disabledAt) {
        throw DomainError.invalid([{ field: 'token', message: INVALID_LINK }]);
      }
      if (!user.emailVerifiedAt) {
        const now = this.clock.now();
        await em.update(User, { id: user.id }, { emailVerifiedAt: now, updatedAt: now });
        user.emailVerifiedAt = now;
        user.updatedAt = now;
        await this.audit.record(em, {
          actor: actorOf(user),
          subjectType: 'user',
          subjectId: user.id,
          action: 'user.email_verified',
        });
      }
      return toUserView(user);
    });
  }

  // ---- signing in and out ------------------------------------------------------------------------

  /**
   * Unknown email, no password yet and wrong password all give the same 401 after the same argon2 work.
   * Only a caller who gave the right password learns more ("verify your email first", "disabled"): that
   * tells them nothing they could not learn by owning the address, and the throttle runs first.
   */
  async login(input: { email: string; password: string }, client: ClientInfo): Promise<LoginResult> {
    const email = normaliseEmail(input.email);
    const outcome = await inTransaction(this.dataSource, async (em) => {
      // One sign-in per email at a time, so a burst of parallel guesses cannot slip past the count.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`sign-in:${email}`]);
      const verdict = await this.throttle.check(em, email, client.ipAddress);
      if (!verdict.allowed)
        return { kind: 'throttled' as const, retryAfterSeconds: verdict.retryAfterSeconds };

      const user = await this.findWithPassword(em, email);
      const ok = user?.passwordHash
        ? await this.hasher.verify(user.passwordHash, input.password)
        : await this.hasher.verifyNothing(input.password);
      await this.throttle.record(em, email, client.ipAddress, ok);
      if (!ok || !user) return { kind: 'failed' as const };
      if (user.disabledAt) return { kind: 'disabled' as const };
      if (!user.emailVerifiedAt) return { kind: 'unverified' as const };

      if (user.passwordHash && this.hasher.needsRehash(user.passwordHash)) {
        await em.update(User, { id: user.id }, { passwordHash: await this.hasher.hash(input.password) });
      }
      const session = await this.sessions.create(em, user.id, client);
      await this.audit.record(em, {
        actor: actorOf(user),
        subjectType: 'user',
        subjectId: user.id,
        action: 'user.signed_in',
        data: { sessionId: session.sessionId },
      });
      return { kind: 'ok' as const, session, user };
    });
    switch (outcome.kind) {
      case 'throttled':
        throw new DomainError(
          ErrorCode.Throttled,
          `Too many failed sign-in attempts; try again in ${outcome.retryAfterSeconds} seconds`,
          { retryAfterSeconds: outcome.retryAfterSeconds },
        );
      case 'failed':
        throw unauthenticated(BAD_CREDENTIALS);
      case 'disabled':
        throw unauthenticated('This account has been disabled; contact the grants team');
      case 'unverified':
        throw unauthenticated(
          'Verify your email first: follow the link we sent you (register again to get a new one)',
        );
      case 'ok':
        // Now and then, old attempts are cleared here: there is no scheduler until the worker arrives.
        if (Math.random() < 0.02) await this.throttle.prune(this.dataSource.manager);
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
        actor: actorOf(user),
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

  // ---- passwords ---------------------------------------------------------------------------------

  /** Always accepted; an email goes out only when the address belongs to a usable account. */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    const email = normaliseEmail(rawEmail);
    const outgoing = await inTransaction(this.dataSource, async (em) => {
      const user = await em.findOneBy(User, { email });
      if (!user || user.disabledAt) return null;
      const recent: { n: string }[] = await em.query(
        `SELECT count(*) AS n FROM email_tokens WHERE user_id = $1 AND purpose = 'password_reset' AND created_at > $2`,
        [user.id, new Date(this.clock.now().getTime() - HOUR_MS)],
      );
      if (Number(recent[0]?.n ?? 0) >= MAX_RESET_EMAILS_PER_HOUR) return null;
      const token = await this.issueEmailToken(em, user.id, 'password_reset', RESET_TTL_HOURS);
      await this.audit.record(em, {
        actor: actorOf(user),
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
    if (!isWellFormedToken(token)) throw DomainError.invalid([{ field: 'token', message: INVALID_LINK }]);
    // Check the policy before spending the single-use token, so a refused password does not burn the link.
    const pending = await this.dataSource.query(
      `SELECT u.email FROM email_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.purpose = 'password_reset' AND t.used_at IS NULL AND t.expires_at > $2`,
      [hashToken(token), this.clock.now()],
    );
    const email: string | undefined = pending[0]?.email;
    if (!email) throw DomainError.invalid([{ field: 'token', message: INVALID_LINK }]);
    this.assertPasswordAllowed('newPassword', newPassword, email);
    const passwordHash = await this.hasher.hash(newPassword);
    await inTransaction(this.dataSource, async (em) => {
      const userId = await this.consumeEmailToken(em, token, 'password_reset');
      const user = userId ? await em.findOneBy(User, { id: userId }) : null;
      if (!user || user.disabledAt) throw DomainError.invalid([{ field: 'token', message: INVALID_LINK }]);
      const now = this.clock.now();
      await em.update(
        User,
        { id: user.id },
        { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now, updatedAt: now },
      );
      const revoked = await this.sessions.revokeAllForUser(em, user.id);
      await this.audit.record(em, {
        actor: actorOf(user),
        subjectType: 'user',
        subjectId: user.id,
        action: 'user.password_reset',
        data: { sessionsRevoked: revoked },
      });
    });
  }

  /** Changes the password and signs out every other session; the one making the change stays signed in. */
  async changePassword(
    actor: AuthUser,
    input: { currentPassword: string; newPassword: string },
    client: ClientInfo,
  ): Promise<void> {
    const wrong = await inTransaction(this.dataSource, async (em) => {
      const user = await this.findWithPassword(em, actor.email);
      if (!user || user.id !== actor.id) throw unauthenticated('Sign in again');
      // A stolen session must not become a way to guess the password without limit.
      const verdict = await this.throttle.check(em, user.email, client.ipAddress);
      if (!verdict.allowed) {
        throw new DomainError(ErrorCode.Throttled, 'Too many wrong passwords; try again later', {
          retryAfterSeconds: verdict.retryAfterSeconds,
        });
      }
      const ok = user.passwordHash
        ? await this.hasher.verify(user.passwordHash, input.currentPassword)
        : false;
      if (!ok) {
        await this.throttle.record(em, user.email, client.ipAddress, false);
        return true;
      }
      this.assertPasswordAllowed('newPassword', input.newPassword, user.email);
      const now = this.clock.now();
      await em.update(
        User,
        { id: user.id },
        { passwordHash: await this.hasher.hash(input.newPassword), updatedAt: now },
      );
      const revoked = await this.sessions.revokeAllForUser(em, user.id, actor.sessionId);
      await this.audit.record(em, {
        actor: actorOf(actor),
        subjectType: 'user',
        subjectId: user.id,
        action: 'user.password_changed',
        data: { sessionsRevoked: revoked },
      });
      return false;
    });
    if (wrong) {
      throw DomainError.invalid([{ field: 'currentPassword', message: 'is not your current password' }]);
    }
  }

  // ---- users -------------------------------------------------------------------------------------

  async getUser(id: string): Promise<UserView> {
    const user = await this.dataSource.manager.findOneBy(User, { id });
    if (!user) throw DomainError.notFound('The user');
    return toUserView(user);
  }

  /**
   * Find-or-create by email, for the seed and for tests: running it twice changes nothing. A new
   * account is verified at once (an administrator vouches for the address); without a password its
   * owner is emailed a link to choose one.
   */
  async createStaffUser(
    input: StaffUserInput,
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<{ user: UserView; created: boolean }> {
    const prepared = await this.prepareStaff(input);
    const result = await inTransaction(this.dataSource, async (em) => {
      const existing = await em.findOneBy(User, { email: prepared.email });
      if (existing) return { user: existing, created: false, outgoing: null };
      const { user, outgoing } = await this.insertStaff(em, prepared, actor);
      return { user, created: true, outgoing };
    });
    if (result.outgoing) this.mail.dispatch(result.outgoing);
    return { user: toUserView(result.user), created: result.created };
  }

  /** An administrator creates an officer account; an existing email is a 409 (staff emails are not secret). */
  async createUser(admin: AuthUser, input: StaffUserInput): Promise<UserView> {
    const prepared = await this.prepareStaff(input);
    let result: { user: User; outgoing: OutgoingEmail | null };
    try {
      result = await inTransaction(this.dataSource, async (em) => {
        if (await em.existsBy(User, { email: prepared.email })) throw this.emailTaken();
        return this.insertStaff(em, prepared, actorOf(admin, Role.Admin));
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw this.emailTaken();
      throw error;
    }
    if (result.outgoing) this.mail.dispatch(result.outgoing);
    return toUserView(result.user);
  }

  async listUsers(input: ListUsersInput): Promise<Page<UserView>> {
    const limit = input.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(input.cursor);
    const qb = this.dataSource.manager
      .createQueryBuilder(User, 'u')
      // Cursors carry milliseconds; truncating keeps rows created within one millisecond apart in order.
      .orderBy(`date_trunc('milliseconds', u.created_at)`, 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(limit + 1);
    if (cursor) {
      qb.where(
        `(date_trunc('milliseconds', u.created_at), u.id) > (:createdAt::timestamptz, :id::uuid)`,
        cursor,
      );
    }
    if (input.role) qb.andWhere(':role = ANY(u.roles)', { role: input.role });
    const page = pageOf(await qb.getMany(), limit);
    return { items: page.items.map(toUserView), nextCursor: page.nextCursor };
  }

  async updateUser(admin: AuthUser, id: string, patch: UserPatch): Promise<UserView> {
    const user = await inTransaction(this.dataSource, async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw DomainError.notFound('The user');
      const before = toUserView(user);
      const roles = patch.roles ?? user.roles;
      const problems: FieldError[] = [];
      if (patch.roles) {
        const isApplicant = patch.roles.includes(Role.Applicant);
        if (isApplicant && patch.roles.length > 1) {
          problems.push({ field: 'roles', message: 'an applicant cannot also hold an officer role' });
        } else if (!isApplicant) {
          problems.push(...staffRoleProblems(patch.roles, undefined).filter((p) => p.field === 'roles'));
        }
        if (user.roles.includes(Role.Applicant) !== isApplicant) {
          problems.push({
            field: 'roles',
            message: 'an applicant account cannot become a staff account, or the reverse',
          });
        }
      }
      if (
        patch.approvalLimitPence !== undefined &&
        patch.approvalLimitPence !== null &&
        !roles.includes(Role.Approver)
      ) {
        problems.push({ field: 'approvalLimitPence', message: 'only an approver has an approval limit' });
      }
      if (patch.displayName !== undefined && !patch.displayName.trim()) {
        problems.push({ field: 'displayName', message: 'should not be empty' });
      }
      if (problems.length) throw DomainError.invalid(problems);
      // An administrator cannot lock themselves (and perhaps everyone) out.
      if (
        user.id === admin.id &&
        (patch.disabled === true || (patch.roles && !patch.roles.includes(Role.Admin)))
      ) {
        throw DomainError.rule('You cannot disable your own account or remove your own admin role');
      }

      const now = this.clock.now();
      const changes: Partial<User> = {};
      if (patch.roles) changes.roles = patch.roles;
      if (patch.displayName !== undefined) changes.displayName = patch.displayName.trim();
      if (patch.approvalLimitPence !== undefined) changes.approvalLimitPence = patch.approvalLimitPence;
      if (!roles.includes(Role.Approver) && user.approvalLimitPence !== null)
        changes.approvalLimitPence = null;
      if (patch.disabled === true && !user.disabledAt) changes.disabledAt = now;
      if (patch.disabled === false && user.disabledAt) changes.disabledAt = null;
      if (Object.keys(changes).length === 0) return user;
      changes.updatedAt = now;
      await em.update(User, { id }, changes);
      Object.assign(user, changes);
      const after = toUserView(user);
      const actor = actorOf(admin, Role.Admin);

      if (changes.disabledAt !== undefined) {
        const revoked = changes.disabledAt ? await this.sessions.revokeAllForUser(em, id) : 0;
        await this.audit.record(em, {
          actor,
          subjectType: 'user',
          subjectId: id,
          action: changes.disabledAt ? 'user.disabled' : 'user.enabled',
          fromStatus: before.disabled ? 'disabled' : 'active',
          toStatus: after.disabled ? 'disabled' : 'active',
          data: { sessionsRevoked: revoked },
        });
      }
      const changed = (['roles', 'displayName', 'approvalLimitPence'] as const).filter(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
      );
      if (changed.length) {
        await this.audit.record(em, {
          actor,
          subjectType: 'user',
          subjectId: id,
          action: 'user.updated',
          data: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])),
        });
      }
      return user;
    });
    return toUserView(user);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private emailTaken(): DomainError {
    return DomainError.conflict('A user with this email address already exists');
  }

  private assertPasswordAllowed(field: string, password: string, email: string): void {
    const problems = passwordProblems(password, { email });
    if (problems.length) throw DomainError.invalid(problems.map((message) => ({ field, message })));
  }

  private findWithPassword(em: EntityManager, email: string): Promise<User | null> {
    return em
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
  }

  private async prepareStaff(
    input: StaffUserInput,
  ): Promise<StaffUserInput & { passwordHash: string | null }> {
    const email = normaliseEmail(input.email);
    const problems = staffRoleProblems(input.roles, input.approvalLimitPence);
    if (!input.displayName.trim()) problems.push({ field: 'displayName', message: 'should not be empty' });
    if (problems.length) throw DomainError.invalid(problems);
    if (input.password !== undefined) this.assertPasswordAllowed('password', input.password, email);
    return {
      ...input,
      email,
      displayName: input.displayName.trim(),
      passwordHash: input.password !== undefined ? await this.hasher.hash(input.password) : null,
    };
  }

  private async insertStaff(
    em: EntityManager,
    input: StaffUserInput & { passwordHash: string | null },
    actor: Actor,
  ): Promise<{ user: User; outgoing: OutgoingEmail | null }> {
    const now = this.clock.now();
    const user = await em.getRepository(User).save(
      em.getRepository(User).create({
        email: input.email,
        displayName: input.displayName,
        passwordHash: input.passwordHash,
        roles: [...input.roles],
        emailVerifiedAt: now,
        approvalLimitPence: input.approvalLimitPence ?? null,
        disabledAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.audit.record(em, {
      actor,
      subjectType: 'user',
      subjectId: user.id,
      action: 'user.created',
      data: { roles: user.roles, approvalLimitPence: user.approvalLimitPence },
    });
    if (input.passwordHash) return { user, outgoing: null };
    const hours = this.config.auth.emailTokenTtlHours;
    const token = await this.issueEmailToken(em, user.id, 'password_reset', hours);
    return {
      user,
      outgoing: {
        to: user.email,
        related: { type: 'user', id: user.id },
        ...setPasswordMessage({
          displayName: user.displayName,
          link: this.mail.link('reset-password', { token }),
          expiresInHours: hours,
        }),
      },
    };
  }

  /** A new single-use token; earlier unused ones for the same purpose stop working. */
  private async issueEmailToken(
    em: EntityManager,
    userId: string,
    purpose: EmailTokenPurpose,
    ttlHours: number,
  ): Promise<string> {
    const now = this.clock.now();
    await em.query(
      `UPDATE email_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [userId, purpose, now],
    );
    const { token, hash } = issueToken();
    await em.insert(EmailToken, {
      userId,
      purpose,
      tokenHash: hash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlHours * HOUR_MS),
      usedAt: null,
    });
    return token;
  }

  /** Spends a token atomically: of two concurrent uses, exactly one gets the user id. */
  private async consumeEmailToken(
    em: EntityManager,
    token: string,
    purpose: EmailTokenPurpose,
  ): Promise<string | null> {
    const now = this.clock.now();
    const [rows]: [{ user_id: string }[], number] = await em.query(
      `UPDATE email_tokens SET used_at = $3
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
        RETURNING user_id`,
      [hashToken(token), purpose, now],
    );
    return rows[0]?.user_id ?? null;
  }
}
