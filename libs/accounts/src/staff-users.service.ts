import { Inject, Injectable } from '@nestjs/common';
import { Actor, AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { Clock, decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, pageOf } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { applyKeyset, inTransaction, isUniqueViolation } from '@grants/database';
import { MailService, OutgoingEmail, setPasswordMessage } from '@grants/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from './auth-user';
import { normaliseEmail } from './email-address';
import { EmailTokens } from './email-tokens';
import { PasswordHasher } from './password-hasher';
import { assertPasswordAllowed } from './password-policy';
import { Role } from './role';
import { SessionsService } from './sessions.service';
import { staffRoleProblems } from './staff-roles';
import { actorFrom } from './actor';
import { User } from './user.entity';
import { UserPatch, userPatchProblems } from './user-patch';
import { toUserView, UserView } from './user-view';

export interface StaffUserInput {
  email: string;
  displayName: string;
  roles: Role[];
  approvalLimitPence?: number | null;
  password?: string;
}

export interface ListUsersInput {
  limit?: number;
  cursor?: string;
  role?: Role;
}

type PreparedStaff = StaffUserInput & { passwordHash: string | null };

/** The people who run the fund: administrators create, list, change and disable accounts. */
@Injectable()
export class StaffUsersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly tokens: EmailTokens,
    private readonly mail: MailService,
  ) {}

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
    const prepared = await this.prepare(input);
    const result = await inTransaction(this.dataSource, async (em) => {
      const existing = await em.findOneBy(User, { email: prepared.email });
      if (existing) return { user: existing, created: false, outgoing: null };
      const { user, outgoing } = await this.insert(em, prepared, actor);
      return { user, created: true, outgoing };
    });
    if (result.outgoing) this.mail.dispatch(result.outgoing);
    return { user: toUserView(result.user), created: result.created };
  }

  /** An administrator creates an officer account; an existing email is a 409 (staff emails are not secret). */
  async createUser(admin: AuthUser, input: StaffUserInput): Promise<UserView> {
    const prepared = await this.prepare(input);
    let result: { user: User; outgoing: OutgoingEmail | null };
    try {
      result = await inTransaction(this.dataSource, async (em) => {
        if (await em.existsBy(User, { email: prepared.email })) throw emailTaken();
        return this.insert(em, prepared, actorFrom(admin, Role.Admin));
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw emailTaken();
      throw error;
    }
    if (result.outgoing) this.mail.dispatch(result.outgoing);
    return toUserView(result.user);
  }

  async listUsers(input: ListUsersInput): Promise<Page<UserView>> {
    const limit = input.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.dataSource.manager.createQueryBuilder(User, 'u').take(limit + 1);
    applyKeyset(qb, 'u', 'ASC', decodeCursor(input.cursor));
    if (input.role) qb.andWhere(':role = ANY(u.roles)', { role: input.role });
    const page = pageOf(await qb.getMany(), limit);
    return { items: page.items.map(toUserView), nextCursor: page.nextCursor };
  }

  async updateUser(admin: AuthUser, id: string, patch: UserPatch): Promise<UserView> {
    const user = await inTransaction(this.dataSource, async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw DomainError.notFound('The user');
      const problems = userPatchProblems(user, patch, admin.id);
      if (problems.fields.length) throw DomainError.invalid(problems.fields);
      if (problems.rule) throw DomainError.rule(problems.rule);

      const before = toUserView(user);
      const roles = patch.roles ?? user.roles;
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
      const actor = actorFrom(admin, Role.Admin);

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

  private async prepare(input: StaffUserInput): Promise<PreparedStaff> {
    const email = normaliseEmail(input.email);
    const problems = staffRoleProblems(input.roles, input.approvalLimitPence);
    if (!input.displayName.trim()) problems.push({ field: 'displayName', message: 'should not be empty' });
    if (problems.length) throw DomainError.invalid(problems);
    if (input.password !== undefined) assertPasswordAllowed('password', input.password, email);
    return {
      ...input,
      email,
      displayName: input.displayName.trim(),
      passwordHash: input.password !== undefined ? await this.hasher.hash(input.password) : null,
    };
  }

  private async insert(
    em: EntityManager,
    input: PreparedStaff,
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
    const token = await this.tokens.issue(em, {
      userId: user.id,
      purpose: 'password_reset',
      ttlHours: hours,
      replaceEarlier: true,
    });
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
}

function emailTaken(): DomainError {
  return DomainError.conflict('A user with this email address already exists');
}
