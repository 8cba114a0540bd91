import { DataSourceOptions, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// Entities and migrations are passed as lists, never globs: the same list serves the app, the tests
// (which run TypeScript directly) and the CLI (which runs compiled JavaScript).
export function dataSourceOptions(
  url: string,
  entities: MixedList<Function>,
  migrations: MixedList<Function>,
  poolSize = 10,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // Failed statements surface as errors the caller handles (a unique violation becomes a 409) or logs
    // once as a 500; TypeORM's own console logging would only duplicate them outside the structured log.
    logging: false,
    poolSize,
    extra: { max: poolSize, application_name: 'grants' },
  };
}
