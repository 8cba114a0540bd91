import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { dropDatabase, ensureDatabase, withDatabase } from '../../tools/local-infra';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = inject('pgServerUrl');
  const name = `grants_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(server, name, inject('templateDatabase'));
  return { url: withDatabase(server, name), drop: () => dropDatabase(server, name) };
}
