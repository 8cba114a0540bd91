import { AppConfig } from './app-config';

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Collects every problem instead of stopping at the first, so one boot tells the operator everything. */
class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  string(name: string, fallback?: string): string {
    const v = this.raw(name) ?? fallback;
    if (v === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return v;
  }

  url(name: string, protocols: string[], fallback?: string): string {
    const v = this.string(name, fallback);
    if (v === '') return v;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) {
        this.problems.push(`${name} must be a ${protocols.join(' or ')} URL (got ${u.protocol})`);
      }
    } catch {
      this.problems.push(`${name} must be a URL (got "${v}")`);
    }
    return v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${v}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (['true', '1', 'yes'].includes(v.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(v.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${v}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
      return fallback;
    }
    return v as T;
  }

  list(name: string): string[] {
    const v = this.raw(name);
    return v === undefined
      ? []
      : v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  }
}

/** Reads and validates the whole environment; throws one ConfigError naming every problem. */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const appEnv = r.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const port = r.int('PORT', 3000, 0, 65535);
  const config: AppConfig = {
    env: appEnv,
    logLevel: r.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    http: {
      host: r.string('HOST', '127.0.0.1'),
      port,
      publicBaseUrl: r.url('PUBLIC_BASE_URL', ['http:', 'https:'], `http://localhost:${port}`),
      publicRateLimitPerMinute: r.int('PUBLIC_RATE_LIMIT_PER_MINUTE', 600, 1, 10_000_000),
      registerCacheBytes: r.int('REGISTER_CACHE_BYTES', 8 * 1024 * 1024, 0, 1024 * 1024 * 1024),
      corsOrigins: r.list('CORS_ORIGINS'),
      bodyLimitBytes: r.int('BODY_LIMIT_BYTES', 256 * 1024, 1024, 50 * 1024 * 1024),
      trustProxy: r.bool('TRUST_PROXY', false),
    },
    database: {
      url: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
      poolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 500),
      migrateOnBoot: r.bool('MIGRATE_ON_BOOT', false),
    },
    redis: { url: r.url('REDIS_URL', ['redis:', 'rediss:']) },
    mail: {
      smtpUrl: r.url('SMTP_URL', ['smtp:', 'smtps:']),
      from: r.string('MAIL_FROM', 'Community Safety Fund <grants@localhost>'),
      claimLeaseSeconds: r.int('EMAIL_CLAIM_LEASE_SECONDS', 90, 1, 3600),
    },
    jobs: {
      prefix: r.string('JOBS_PREFIX', 'grants'),
      concurrency: r.int('WORKER_CONCURRENCY', 16, 1, 1000),
      attempts: r.int('JOB_ATTEMPTS', 10, 1, 100),
      backoffMs: r.int('JOB_BACKOFF_MS', 5000, 1, 24 * 60 * 60 * 1000),
      lockMs: r.int('JOB_LOCK_MS', 30_000, 1000, 10 * 60 * 1000),
      shutdownGraceMs: r.int('WORKER_SHUTDOWN_GRACE_MS', 25_000, 0, 10 * 60 * 1000),
      relayIntervalMs: r.int('OUTBOX_RELAY_INTERVAL_MS', 250, 10, 60_000),
    },
    auth: {
      sessionTtlHours: r.int('SESSION_TTL_HOURS', 12, 1, 24 * 90),
      cookieName: r.string('SESSION_COOKIE_NAME', 'grants_session'),
      cookieSecure: r.bool('SESSION_COOKIE_SECURE', appEnv === 'production'),
      emailTokenTtlHours: r.int('EMAIL_TOKEN_TTL_HOURS', 24, 1, 24 * 14),
      maxFailuresPerAccount: r.int('SIGNIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
      maxFailuresPerAddress: r.int('SIGNIN_MAX_FAILURES_PER_ADDRESS', 20, 1, 10000),
      throttleWindowMinutes: r.int('SIGNIN_THROTTLE_WINDOW_MINUTES', 15, 1, 24 * 60),
      maxRegistrationsPerAddressPerHour: r.int('REGISTER_MAX_PER_ADDRESS_PER_HOUR', 20, 1, 100000),
    },
    documents: {
      dir: r.string('DOCUMENTS_DIR', '.data/documents'),
      maxBytes: r.int('DOCUMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    },
    profilePath: r.string('PROFILE_PATH', 'profiles/west-mercia.json'),
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}
