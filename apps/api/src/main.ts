import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from '@grants/config';
import { dataSourceOptions, runMigrationsLocked } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { DataSource } from 'typeorm';
import { createApi } from './create-api';

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Production boot migrates only when asked, and then under the advisory lock, so replicas never race. */
async function migrateIfAsked(config: AppConfig): Promise<void> {
  if (!config.database.migrateOnBoot) return;
  const dataSource = new DataSource(dataSourceOptions(config.database.url, ENTITIES, MIGRATIONS, 2));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  await migrateIfAsked(config);
  const app = await createApi({ config });
  await app.listen({ host: config.http.host, port: config.http.port });
}

main().catch((error: unknown) => {
  process.stderr.write(`The API could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
