import 'reflect-metadata';
import { dataSourceOptions } from '@grants/database';
import { DataSource } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './index';

/** The data source the TypeORM CLI uses (migration:generate); the app builds its own from validated config. */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error(
    'DATABASE_URL must be set to use the TypeORM CLI (for example postgres://postgres@127.0.0.1:5432/grants)',
  );
}
export default new DataSource(dataSourceOptions(url, ENTITIES, MIGRATIONS));
