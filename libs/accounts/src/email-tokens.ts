import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@grants/common';
import { EntityManager } from 'typeorm';
import { EmailToken, EmailTokenPurpose } from './email-token.entity';
import { hashToken, issueToken } from './opaque-token';

const HOUR_MS = 3_600_000;
const INVALID_LINK = 'This link is not valid: it may have expired or been used already';

/** The 400 for a link that is unknown, expired or spent; the same words for each, so none is told apart. */
export function invalidLinkError(): DomainError {
  return DomainError.invalid([{ field: 'token', message: INVALID_LINK }]);
}

export interface IssueEmailToken {
  userId: string;
  purpose: EmailTokenPurpose;
  ttlHours: number;
  /** Earlier unused tokens for the same purpose stop working (reset links); registration links keep theirs. */
  replaceEarlier: boolean;
  /** A registration's chosen password and name, applied only when its link is followed. */
  passwordHash?: string | null;
  displayName?: string | null;
}

export interface SpentEmailToken {
  userId: string;
  passwordHash: string | null;
  displayName: string | null;
}

/** `email_tokens`: single-use, expiring, stored only as a SHA-256 of what was emailed. */
@Injectable()
export class EmailTokens {
  constructor(private readonly clock: Clock) {}

  /** Returns the token to put in the link; it is never stored. */
  async issue(em: EntityManager, input: IssueEmailToken): Promise<string> {
    const now = this.clock.now();
    if (input.replaceEarlier) await this.revokeOutstanding(em, input.userId, input.purpose);
    const { token, hash } = issueToken();
    await em.insert(EmailToken, {
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.ttlHours * HOUR_MS),
      usedAt: null,
      passwordHash: input.passwordHash ?? null,
      displayName: input.displayName ?? null,
    });
    return token;
  }

  /** Whose live token this is, without spending it. */
  async holder(
    em: EntityManager,
    token: string,
    purpose: EmailTokenPurpose,
  ): Promise<{ userId: string; email: string } | null> {
    const rows: { user_id: string; email: string }[] = await em.query(
      `SELECT t.user_id, u.email FROM email_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > $3`,
      [hashToken(token), purpose, this.clock.now()],
    );
    return rows[0] ? { userId: rows[0].user_id, email: rows[0].email } : null;
  }

  /** Spends a token atomically: of two concurrent uses, exactly one gets it. */
  async consume(
    em: EntityManager,
    token: string,
    purpose: EmailTokenPurpose,
  ): Promise<SpentEmailToken | null> {
    const now = this.clock.now();
    const [rows]: [{ user_id: string; password_hash: string | null; display_name: string | null }[], number] =
      await em.query(
        `UPDATE email_tokens SET used_at = $3
          WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
          RETURNING user_id, password_hash, display_name`,
        [hashToken(token), purpose, now],
      );
    const row = rows[0];
    return row
      ? { userId: row.user_id, passwordHash: row.password_hash, displayName: row.display_name }
      : null;
  }

  async revokeOutstanding(em: EntityManager, userId: string, purpose: EmailTokenPurpose): Promise<void> {
    await em.query(
      `UPDATE email_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [userId, purpose, this.clock.now()],
    );
  }

  /** Tokens of a purpose issued to a user since an instant: how many such emails went out. */
  async countRecent(
    em: EntityManager,
    userId: string,
    purpose: EmailTokenPurpose,
    since: Date,
  ): Promise<number> {
    const rows: { n: string }[] = await em.query(
      `SELECT count(*) AS n FROM email_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > $3`,
      [userId, purpose, since],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
