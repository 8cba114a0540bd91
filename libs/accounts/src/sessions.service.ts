import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { prepared } from '@grants/database';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { AuthUser } from './auth-user';
import { hashToken, isWellFormedToken, issueToken } from './opaque-token';
import { Role } from './role';
import { Session } from './session.entity';

const HOUR_MS = 3_600_000;
/** Sliding expiry is extended at most this often, so a busy client does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;
/** However active, a session ends this long after sign-in; the user signs in again. */
const ABSOLUTE_LIFETIME_MS = 30 * 24 * HOUR_MS;

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

interface SessionRow {
  session_id: string;
  created_at: Date;
  last_used_at: Date;
  user_id: string;
  email: string;
  display_name: string;
  roles: Role[];
}

@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  private get ttlMs(): number {
    return this.config.auth.sessionTtlHours * HOUR_MS;
  }

  private expiryFrom(createdAt: Date, now: Date): Date {
    return new Date(Math.min(now.getTime() + this.ttlMs, createdAt.getTime() + ABSOLUTE_LIFETIME_MS));
  }

  async create(
    em: EntityManager,
    userId: string,
    client: { ipAddress?: string | null; userAgent?: string | null } = {},
  ): Promise<NewSession> {
    const { token, hash } = issueToken();
    const now = this.clock.now();
    const expiresAt = this.expiryFrom(now, now);
    const session = await em.getRepository(Session).save(
      em.getRepository(Session).create({
        userId,
        tokenHash: hash,
        createdAt: now,
        lastUsedAt: now,
        expiresAt,
        revokedAt: null,
        ipAddress: client.ipAddress?.slice(0, 100) ?? null,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
      }),
    );
    return { token, sessionId: session.id, expiresAt };
  }

  /** The signed-in user behind a token, or null when it is unknown, expired, revoked, or the user is disabled. */
  async authenticate(token: string): Promise<AuthUser | null> {
    if (!isWellFormedToken(token)) return null;
    const now = this.clock.now();
    // Prepared: every signed-in request runs it.
    const rows: SessionRow[] = await this.dataSource.query(
      prepared(
        'accounts.authenticate',
        `SELECT s.id AS session_id, s.created_at, s.last_used_at,
              u.id AS user_id, u.email, u.display_name, u.roles
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
          AND u.disabled_at IS NULL AND u.email_verified_at IS NOT NULL`,
      ),
      [hashToken(token), now],
    );
    const row = rows[0];
    if (!row) return null;
    if (now.getTime() - new Date(row.last_used_at).getTime() >= TOUCH_INTERVAL_MS) {
      await this.dataSource.query(
        `UPDATE sessions SET last_used_at = $2, expires_at = $3 WHERE id = $1 AND revoked_at IS NULL`,
        [row.session_id, now, this.expiryFrom(new Date(row.created_at), now)],
      );
    }
    return {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      roles: row.roles,
      sessionId: row.session_id,
    };
  }

  async revoke(em: EntityManager, sessionId: string): Promise<void> {
    await em.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** Revokes every live session of the user, except one to keep (the caller's own, on password change). */
  async revokeAllForUser(em: EntityManager, userId: string, keepSessionId?: string): Promise<number> {
    const result = await em.update(
      Session,
      keepSessionId
        ? { userId, revokedAt: IsNull(), id: Not(keepSessionId) }
        : { userId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    return result.affected ?? 0;
  }
}
