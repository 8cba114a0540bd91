import { DataSource } from 'typeorm';

// Any fixed 64-bit key will do; it only has to be the same in every replica.
const MIGRATION_LOCK_KEY = 72_011_2013;

/**
 * Runs pending migrations under a session advisory lock so replicas booting together never race.
 * Needs a pool of at least two connections: one holds the lock while the migrations run on another.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const done = await dataSource.runMigrations({ transaction: 'each' });
      return done.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
