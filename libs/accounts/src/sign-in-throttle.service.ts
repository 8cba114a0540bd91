import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { EntityManager } from 'typeorm';
import { combineVerdicts, ThrottleVerdict, throttleVerdict } from './sign-in-throttle';
import { SignInAttempt } from './sign-in-attempt.entity';

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

  async record(em: EntityManager, email: string, ipAddress: string, succeeded: boolean): Promise<void> {
    await em.insert(SignInAttempt, { email, ipAddress, succeeded, attemptedAt: this.clock.now() });
  }

  /** Rows older than the window no longer matter. */
  async prune(em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM sign_in_attempts WHERE attempted_at < $1`, [
      new Date(this.clock.now().getTime() - this.windowMs),
    ]);
  }
}
