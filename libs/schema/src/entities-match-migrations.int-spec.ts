import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '@grants/database';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { ENTITIES, MIGRATIONS } from './index';

interface DbColumn {
  table_name: string;
  column_name: string;
  is_nullable: 'YES' | 'NO';
  udt_name: string;
}

/** How PostgreSQL names a column's type (information_schema.udt_name) for each type an entity may declare. */
const UDT: Record<string, string> = {
  uuid: 'uuid',
  text: 'text',
  citext: 'citext',
  'character varying': 'varchar',
  varchar: 'varchar',
  bigint: 'int8',
  int: 'int4',
  integer: 'int4',
  smallint: 'int2',
  boolean: 'bool',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  date: 'date',
  jsonb: 'jsonb',
  json: 'json',
  bytea: 'bytea',
  inet: 'inet',
};

/**
 * The schema is hand-written SQL; the entities are written by hand too. This holds them together: every
 * mapped column exists in the migrated database with the type and nullability the entity claims, so a
 * migration that forgets a column, or an entity that drifts from its table, fails here rather than at run time.
 */
describe('entities match the migrated schema', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let columns: Map<string, DbColumn>;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(database.url, ENTITIES, MIGRATIONS, 2));
    await dataSource.initialize();
    const rows: DbColumn[] = await dataSource.query(
      `SELECT table_name, column_name, is_nullable, udt_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('maps every entity to a table, and every column to a column of the declared type and nullability', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const entity of dataSource.entityMetadatas) {
      for (const column of entity.columns) {
        const key = `${entity.tableName}.${column.databaseName}`;
        const found = columns.get(key);
        checked++;
        if (!found) {
          problems.push(`${key}: no such column (entity ${entity.name}.${column.propertyName})`);
          continue;
        }
        const declared = typeof column.type === 'string' ? column.type : '';
        const expected = UDT[declared];
        const actual = column.isArray ? found.udt_name.replace(/^_/, '') : found.udt_name;
        if (expected !== undefined && expected !== actual) {
          problems.push(
            `${key}: entity says ${declared}${column.isArray ? '[]' : ''}, table has ${found.udt_name}`,
          );
        }
        if (column.isArray && !found.udt_name.startsWith('_'))
          problems.push(`${key}: entity says array, table has ${found.udt_name}`);
        const nullable = found.is_nullable === 'YES';
        if (!column.isPrimary && !column.isGenerated && column.isNullable !== nullable) {
          problems.push(
            `${key}: entity says ${column.isNullable ? 'nullable' : 'NOT NULL'}, table is ${nullable ? 'nullable' : 'NOT NULL'}`,
          );
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});
