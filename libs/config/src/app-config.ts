export interface HttpConfig {
  host: string;
  port: number;
  /** Where people reach the service; used in links inside emails. */
  publicBaseUrl: string;
  /** Origins allowed to call the API from a browser; empty means CORS is closed. */
  corsOrigins: string[];
  bodyLimitBytes: number;
  trustProxy: boolean;
  /** Requests per minute one client address may make to the public register (API, files and pages). */
  publicRateLimitPerMinute: number;
  /** Bytes of recently read register entries the API keeps in memory; 0 reads every one from the database. */
  registerCacheBytes: number;
}

export interface DatabaseConfig {
  url: string;
  poolSize: number;
  /** Run pending migrations at boot (under an advisory lock, so replicas never race). */
  migrateOnBoot: boolean;
}

export interface RedisConfig {
  url: string;
}

export interface JobsConfig {
  /** Namespaces every BullMQ key, so deployments (or test runs) can share one Redis. */
  prefix: string;
  /** Jobs each worker replica runs at once. */
  concurrency: number;
  /** Tries per job before it stays failed for an operator; the first retry waits backoffMs, then doubling. */
  attempts: number;
  backoffMs: number;
  /** A running job's lock; a replica that dies holding it has its jobs handed on after this long. */
  lockMs: number;
  /** How long SIGTERM waits for active jobs before handing them back to the queue. */
  shutdownGraceMs: number;
  /** How often the outbox relay looks for rows when the last look found none. */
  relayIntervalMs: number;
}

export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** How long a worker's claim on an email lasts; longer than one send can take. */
  claimLeaseSeconds: number;
}

export interface AuthConfig {
  sessionTtlHours: number;
  cookieName: string;
  cookieSecure: boolean;
  emailTokenTtlHours: number;
  /** Failed sign-ins allowed per account, and per address, inside the window before 429. */
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  throttleWindowMinutes: number;
  /** Registrations allowed per client address per hour before 429 (each costs a hash and an email). */
  maxRegistrationsPerAddressPerHour: number;
}

export interface DocumentsConfig {
  /** Where the local-disk storage keeps supporting documents (relative paths are from the working directory). */
  dir: string;
  /** The largest supporting document accepted, in bytes; enforced while the upload streams in. */
  maxBytes: number;
}

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  http: HttpConfig;
  database: DatabaseConfig;
  redis: RedisConfig;
  mail: MailConfig;
  jobs: JobsConfig;
  auth: AuthConfig;
  documents: DocumentsConfig;
  /** The funder's profile data file (see profiles/). */
  profilePath: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
