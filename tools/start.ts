import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { StaffUsersService } from '@grants/accounts';
import { ConfigError, loadConfig } from '@grants/config';
import { dataSourceOptions, runMigrationsLocked } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { DataSource } from 'typeorm';
import { createApi } from '../apps/api/src/create-api';
import { createWorker } from '../apps/worker/src/create-worker';
import {
  ensureDatabase,
  ensurePostgres,
  ensureRedis,
  portAnswers,
  Running,
  withDatabase,
} from './local-infra';
import { startSmtpSink } from './smtp-sink';
import { seedForQuickStart } from './quick-start-seed';

/**
 * `npm start`: the whole service on one machine with no configuration. Anything configured in the
 * environment is used as is; whatever is missing is started locally.
 */
const say = (m: string): void => void process.stdout.write(`${m}\n`);

async function main(): Promise<void> {
  const dataDir = resolve(process.env.GRANTS_DATA_DIR ?? '.data');
  const stops: Array<() => Promise<void>> = [];
  mkdirSync(dataDir, { recursive: true });

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pg: Running = await ensurePostgres(resolve(dataDir, 'postgres'), say);
    stops.push(pg.stop);
    await ensureDatabase(pg.url, 'grants');
    databaseUrl = withDatabase(pg.url, 'grants');
  }

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await ensureRedis(say);
    stops.push(redis.stop);
    redisUrl = redis.url;
  }

  let smtpUrl = process.env.SMTP_URL;
  const mailDir = resolve(dataDir, 'mail');
  if (!smtpUrl) {
    const sink = await startSmtpSink({ dir: mailDir });
    stops.push(sink.close);
    smtpUrl = sink.url;
  }

  const port = process.env.PORT ?? '3000';
  if (await portAnswers(Number(port))) {
    throw new ConfigError([
      `port ${port} is already in use: stop what is using it or set PORT to a free port`,
    ]);
  }
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    SMTP_URL: smtpUrl,
    PORT: port,
  });

  const dataSource = new DataSource(dataSourceOptions(config.database.url, ENTITIES, MIGRATIONS, 2));
  await dataSource.initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    if (applied.length) say(`Migrated the database: ${applied.length} migration(s) applied`);
    const app = await createApi({ config });
    const demo = await seedForQuickStart(
      dataSource,
      app.get(StaffUsersService),
      resolve(config.profilePath),
      resolve(dataDir, 'demo-credentials.json'),
    );
    await app.listen({ host: config.http.host, port: config.http.port });
    // The worker beside the API, in this process: emails, reminders and deadlines work out of the box.
    const worker = await createWorker({ config });
    const base = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`;
    say('');
    say(`The grants service is running for ${demo.funderName}.`);
    say(`  API:          ${base}/api/v1`);
    say(`  API docs:     ${base}/api/docs`);
    say(`  OpenAPI:      ${base}/api/openapi.json`);
    say(`  Health:       ${base}/api/v1/health/ready`);
    if (!process.env.SMTP_URL) say(`  Mail sent:    ${mailDir} (one .eml file per message)`);
    say(`  Worker:       running in this process (queues in Redis at ${redisUrl})`);
    say(`  Demo round:   ${demo.roundTitle} (${base}/api/v1/rounds/${demo.roundId})`);
    say(`  Demo officer accounts (also in ${resolve(dataDir, 'demo-credentials.json')}):`);
    for (const u of demo.users) say(`    ${u.roles.join(', ').padEnd(18)} ${u.email}  ${u.password}`);
    say('Press Ctrl+C to stop.');

    const shutdown = async (): Promise<void> => {
      await worker.stop();
      await app.close();
      await dataSource.destroy();
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nThe service could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
