import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { EntityManager } from 'typeorm';
import { combineVerdicts, ThrottleVerdict, throttleVerdict } from './sign-in-throttle';

/** Sign-in throttling kept in PostgreSQL, so the API needs nothing else to resist password guessing. */
@Injectable()
export class SignInThrottleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private get windowMs(): number {
    return this.config.auth.throttleWindowMinutes * 60_000;
  }

  async check(em: EntityManager, email: string, ipAddress: string): Promise<ThrottleVerdict> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.windowMs);
    const { maxFailuresPerAccount, maxFailuresPerAddress } = this.config.auth;
    // Per account, a successful sign-in wipes the slate: the owner proved they know the password.
    const accountFailures: { attempted_at: Date }[] = await em.query(
      `SELECT attempted_at FROM sign_in_attempts
        WHERE email = $1 AND NOT succeeded AND attempted_at > $2 AND attempted_at <= $3
          AND id > COALESCE((SELECT max(id) FROM sign_in_attempts WHERE email = $1 AND succeeded), 0)
        ORDER BY attempted_at DESC LIMIT $4`,
      [email, since, now, maxFailuresPerAccount],
    );
    const addressFailures: { attempted_at: Date }[] = await em.query(
      `SELECT attempted_at FROM sign_in_attempts
        WHERE ip_address = $1 AND NOT succeeded AND attempted_at > $2 AND attempted_at <= $3
        ORDER BY attempted_at DESC LIMIT $4`,
      [ipAddress, since, now, maxFailuresPerAddress],
    );
    const dates = (rows: { attempted_at: Date }[]): Date[] => rows.map((r) => new Date(r.attempted_at));
    return combineVerdicts(
      throttleVerdict(dates(accountFailures), maxFailuresPerAccount, this.windowMs, now),
      throttleVerdict(dates(addressFailures), maxFailuresPerAddress, this.windowMs, now),
    );
  }

  /**
   * Every attempt is written as a failure before the password is checked (and so before the lock on the
   * email is let go), so parallel guesses always see each other; a right password then marks it succeeded.
   */
  async recordAttempt(em: EntityManager, email: string, ipAddress: string): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO sign_in_attempts (email, ip_address, succeeded, attempted_at)
       VALUES ($1, $2, false, $3) RETURNING id`,
      [email, ipAddress, this.clock.now()],
    );
    return rows[0]!.id;
  }

  /** Per account, a success wipes the slate: later checks count only failures after it. */
  async markSucceeded(em: EntityManager, attemptId: string): Promise<void> {
    await em.query(`UPDATE sign_in_attempts SET succeeded = true WHERE id = $1`, [attemptId]);
  }

  /** For checks that prove the password without signing in (changing it): neither a failure nor a success. */
  async forget(em: EntityManager, attemptId: string): Promise<void> {
    await em.query(`DELETE FROM sign_in_attempts WHERE id = $1`, [attemptId]);
  }

  /**
   * Rows older than the window no longer change any verdict (the success that wiped a slate is older than
   * the failures it wiped). Pruning only on successes let a flood of failures grow the table without end,
   * so every attempt clears its own email's and address's stale rows (a bounded, indexed delete), and
   * now and then a bounded sweep clears everyone else's, for keys never tried again.
   */
  async prune(em: EntityManager, email: string, ipAddress: string): Promise<void> {
    const before = new Date(this.clock.now().getTime() - this.windowMs);
    await em.query(
      `DELETE FROM sign_in_attempts WHERE id IN (
         SELECT id FROM sign_in_attempts WHERE (email = $1 OR ip_address = $2) AND attempted_at < $3 LIMIT 100)`,
      [email, ipAddress, before],
    );
    if (Math.random() < 0.02) {
      await em.query(
        `DELETE FROM sign_in_attempts WHERE id IN (
           SELECT id FROM sign_in_attempts WHERE attempted_at < $1 LIMIT 1000)`,
        [before],
      );
    }
  }
}
