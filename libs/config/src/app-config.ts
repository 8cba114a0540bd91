export interface HttpConfig {
  host: string;
  port: number;
  /** Where people reach the service; used in links inside emails. */
  publicBaseUrl: string;
  /** Origins allowed to call the API from a browser; empty means CORS is closed. */
  corsOrigins: string[];
  bodyLimitBytes: number;
  trustProxy: boolean;
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

export interface MailConfig {
  smtpUrl: string;
  from: string;
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
  auth: AuthConfig;
  documents: DocumentsConfig;
  /** The funder's profile data file (see profiles/). */
  profilePath: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
