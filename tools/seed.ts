import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule, StaffUsersService } from '@grants/accounts';
import { AuditModule } from '@grants/audit';
import { SystemClock } from '@grants/common';
import { ClockModule, ConfigError, ConfigModule, loadConfig } from '@grants/config';
import { dataSourceOptions, runMigrationsLocked } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import {
  DemoUser,
  ProfileFileError,
  loadProfileFile,
  seedDemoRound,
  seedDemoUsers,
  seedProfile,
} from '@grants/seed';
import { DataSource } from 'typeorm';

const USAGE = 'usage: node dist/tools/seed.js [--profile <path>] [--demo]';

interface Args {
  profile: string;
  demo: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { profile: process.env.PROFILE_PATH ?? 'profiles/west-mercia.json', demo: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--demo') args.demo = true;
    else if (a === '--profile' && argv[i + 1]) args.profile = argv[++i]!;
    else if (a.startsWith('--profile=')) args.profile = a.slice('--profile='.length);
    else throw new ConfigError([`unknown argument ${a}`, USAGE]);
  }
  return args;
}

/**
 * Demo officer accounts go through StaffUsersService, which lives in Nest; an application context with
 * just accounts is enough. Staff accounts created with a password send no mail, so SMTP and Redis need
 * not be running: unset ones get harmless placeholders.
 */
async function createDemoUsers(databaseUrl: string, contactEmail: string): Promise<DemoUser[]> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:2525',
  });
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      ClockModule.forRoot(new SystemClock()),
      TypeOrmModule.forRoot(dataSourceOptions(config.database.url, ENTITIES, MIGRATIONS, 2)),
      AuditModule,
      AccountsModule,
    ],
  })
  class SeedAccountsModule {}
  const context = await NestFactory.createApplicationContext(SeedAccountsModule, { logger: false });
  try {
    return await seedDemoUsers(context.get(StaffUsersService), contactEmail);
  } finally {
    await context.close();
  }
}

/** `npm run seed [-- --profile <path>] [-- --demo]`: loads a funder's profile, idempotently. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new ConfigError([
      'DATABASE_URL is required (for example postgres://postgres@127.0.0.1:5432/grants)',
    ]);
  const profile = loadProfileFile(args.profile);
  const say = (m: string): void => void process.stdout.write(`${m}\n`);

  const dataSource = new DataSource(dataSourceOptions(url, ENTITIES, MIGRATIONS, 2));
  await dataSource.initialize();
  try {
    // Seeding a database that is behind would fail half-way; migrating first (under the lock) is always safe.
    await runMigrationsLocked(dataSource);
    const result = await seedProfile(dataSource, profile);
    say(
      result.changes.length
        ? `Seeded ${result.funderName}: ${result.changes.length} change(s)\n${result.changes.map((c) => `  ${c}`).join('\n')}`
        : `${result.funderName}: the database already matches ${args.profile}`,
    );
    if (args.demo) {
      const round = await seedDemoRound(dataSource, profile, result);
      say(`Demo round: ${round.title} (${round.id}), open until ${round.closesAt.toISOString()}`);
      const users = await createDemoUsers(url, profile.funder.contactEmail);
      say('Demo officer accounts:');
      for (const u of users) {
        say(
          `  ${u.roles.join(', ').padEnd(10)} ${u.email}  ${u.password ?? '(already existed; password unchanged)'}`,
        );
      }
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof ProfileFileError || error instanceof ConfigError || error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
