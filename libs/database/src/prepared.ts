import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A statement PostgreSQL plans once per connection and reuses (a named prepared statement), for the few
 * statements on paths where planning is a large share of the work: on small tables a decision's CTEs cost
 * more to plan than to run. `em.query(prepared(...), params)` hands pg a query config instead of a string;
 * pg accepts either, and TypeORM passes it through untouched. The name must be unique per text.
 */
export function prepared(name: string, text: string): string {
  const config = { name, text, toString: () => text };
  return config as unknown as string;
}

/**
 * One row by id, locked FOR UPDATE, through a prepared statement, as the entity TypeORM would have built:
 * columns mapped to properties and their transformers applied. For the row locks on the busiest paths.
 */
export async function lockedById<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: string,
): Promise<T | null> {
  const metadata = em.connection.getMetadata(entity);
  const columns = metadata.columns.map((c) => `"${c.databaseName}"`).join(', ');
  const text = `SELECT ${columns} FROM "${metadata.tableName}" WHERE id = $1 FOR UPDATE`;
  const [row]: Record<string, unknown>[] = await em.query(prepared(`locked.${metadata.tableName}`, text), [
    id,
  ]);
  if (!row) return null;
  const out = metadata.create() as T;
  // The driver's own hydration, as a find would apply it (dates stay YYYY-MM-DD strings, transformers run).
  const driver = em.connection.driver;
  for (const c of metadata.columns) {
    (out as Record<string, unknown>)[c.propertyName] = driver.prepareHydratedValue(row[c.databaseName], c);
  }
  return out;
}
