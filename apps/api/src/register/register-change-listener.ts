import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { Client } from 'pg';
import { RegisterAnswerCache } from './answer-cache';

export const REGISTER_CHANGED_CHANNEL = 'register_changed';
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;
/** A connection that has silently gone (no error, no end) is found by the next ping failing. */
const PING_EVERY_MS = 30_000;
const PING_TIMEOUT_MS = 5_000;

/**
 * Holds one connection of its own LISTENing on `register_changed` (see the RegisterChangeNotice
 * migration) and empties the answer cache on every notice. While it is not connected the cache is off and
 * every read goes to the database, so an outage costs speed, never correctness.
 */
@Injectable()
export class RegisterChangeListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RegisterChangeListener.name);
  private client: Client | undefined;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: RegisterAnswerCache,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.cache.enabled) await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const client = this.client;
    this.client = undefined;
    this.cache.setLive(false);
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.database.url,
      application_name: 'grants-register-listener',
      keepAlive: true,
      query_timeout: PING_TIMEOUT_MS,
    });
    client.on('error', (error: Error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    client.on('notification', () => this.cache.invalidate());
    try {
      await client.connect();
      await client.query(`LISTEN ${REGISTER_CHANGED_CHANNEL}`);
    } catch (error) {
      this.lost(client, error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = RETRY_MIN_MS;
    this.cache.setLive(true);
    this.pingTimer = setInterval(() => {
      client.query('SELECT 1').catch((error: Error) => this.lost(client, error.message));
    }, PING_EVERY_MS).unref();
  }

  private lost(client: Client, reason: string): void {
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (this.client !== client && this.client !== undefined) return;
    const wasLive = this.client === client;
    this.client = undefined;
    clearInterval(this.pingTimer);
    this.cache.setLive(false);
    if (this.stopped || this.retryTimer) return;
    if (wasLive) this.logger.warn({ reason }, 'Register change notices stopped; answering from the database');
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, wait).unref();
  }
}
