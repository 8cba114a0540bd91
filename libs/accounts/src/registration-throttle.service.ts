import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { EntityManager } from 'typeorm';
import { ThrottleVerdict, throttleVerdict } from './sign-in-throttle';

const HOUR_MS = 3_600_000;
/** At most this many registration emails (verification or "already registered") per address per hour. */
export const MAX_REGISTRATION_EMAILS_PER_HOUR = 5;

export interface RegistrationAdmission {
  /** Per client address: refused means 429. */
  verdict: ThrottleVerdict;
  /** Per recipient: false means answer as usual but send nothing (and spend no hash). */
  mailAllowed: boolean;
}

/**
 * Every registration costs an argon2 hash and an email, so both are rationed before either is spent:
 * per client address (a 429 — it says nothing about any account) and per recipient (silently, so the
 * answer still does not say whether the address is registered, and nobody's mailbox can be flooded).
 */
@Injectable()
export class RegistrationThrottleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Counts and records one request; run it in a short transaction of its own, before hashing. */
  async admit(em: EntityManager, email: string, ipAddress: string): Promise<RegistrationAdmission> {
    // Address then email, always in that order (no deadlock); parallel requests cannot slip past a count.
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`register-from:${ipAddress}`]);
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`register:${email}`]);
    const now = this.clock.now();
    const since = new Date(now.getTime() - HOUR_MS);
    const limit = this.config.auth.maxRegistrationsPerAddressPerHour;
    const fromAddress: { requested_at: Date }[] = await em.query(
      `SELECT requested_at FROM registration_requests
        WHERE ip_address = $1 AND requested_at > $2 AND requested_at <= $3
        ORDER BY requested_at DESC LIMIT $4`,
      [ipAddress, since, now, limit],
    );
    const verdict = throttleVerdict(
      fromAddress.map((r) => new Date(r.requested_at)),
      limit,
      HOUR_MS,
      now,
    );
    if (!verdict.allowed) return { verdict, mailAllowed: false };

    const mailed: { n: string }[] = await em.query(
      `SELECT count(*) AS n FROM registration_requests
        WHERE email = $1 AND mail_allowed AND requested_at > $2 AND requested_at <= $3`,
      [email, since, now],
    );
    const mailAllowed = Number(mailed[0]?.n ?? 0) < MAX_REGISTRATION_EMAILS_PER_HOUR;
    await em.query(
      `INSERT INTO registration_requests (email, ip_address, mail_allowed, requested_at) VALUES ($1, $2, $3, $4)`,
      [email, ipAddress, mailAllowed, now],
    );
    // Rows older than the hour no longer count; clearing this email's and address's keeps the table small
    // without a scheduler (the worker does not exist yet), at the cost of one indexed delete.
    await em.query(
      `DELETE FROM registration_requests WHERE id IN (
         SELECT id FROM registration_requests WHERE (email = $1 OR ip_address = $2) AND requested_at <= $3 LIMIT 100)`,
      [email, ipAddress, since],
    );
    // Now and then, everyone else's stale rows too (bounded), for addresses never seen again.
    if (Math.random() < 0.02) {
      await em.query(
        `DELETE FROM registration_requests WHERE id IN (
           SELECT id FROM registration_requests WHERE requested_at <= $1 LIMIT 1000)`,
        [since],
      );
    }
    return { verdict, mailAllowed };
  }
}
