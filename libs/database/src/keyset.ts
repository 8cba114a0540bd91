import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Keyset paging over (created_at, id), the shape every list's cursor has (see decodeCursor in @grants/common).
 *
 * PostgreSQL keeps microseconds; a cursor carries a JS Date, which keeps milliseconds. Comparing the raw
 * column with the cursor would, ascending, find the cursor's own row again (12:00:00.123456 > 12:00:00.123)
 * and, descending, skip its neighbours from the same millisecond. So both the comparison and the ORDER BY
 * use the column truncated to milliseconds, with the id breaking ties: the order the cursor can express.
 */
export type KeysetDirection = 'ASC' | 'DESC';

export interface KeysetPosition {
  createdAt: string;
  id: string;
}

const ALIAS = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkedAlias(alias: string): string {
  if (!ALIAS.test(alias)) throw new Error(`keyset: invariant broken, "${alias}" is not a plain table alias`);
  return alias;
}

const truncated = (alias: string): string => `date_trunc('milliseconds', ${checkedAlias(alias)}.created_at)`;

/** The WHERE fragment for a raw query; the placeholders name where the cursor's two values are bound. */
export function keysetAfterSql(
  alias: string,
  direction: KeysetDirection,
  createdAtPlaceholder: string,
  idPlaceholder: string,
): string {
  const op = direction === 'ASC' ? '>' : '<';
  return `(${truncated(alias)}, ${alias}.id) ${op} (${createdAtPlaceholder}::timestamptz, ${idPlaceholder}::uuid)`;
}

/** The ORDER BY list (without the keywords) matching keysetAfterSql. */
export function keysetOrderSql(alias: string, direction: KeysetDirection): string {
  return `${truncated(alias)} ${direction}, ${alias}.id ${direction}`;
}

/** Orders the query by the keyset and, given a cursor, starts it just after the cursor's row. */
export function applyKeyset<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  direction: KeysetDirection,
  after: KeysetPosition | null,
): SelectQueryBuilder<T> {
  qb.orderBy(truncated(alias), direction).addOrderBy(`${alias}.id`, direction);
  if (after) {
    qb.andWhere(keysetAfterSql(alias, direction, ':keysetCreatedAt', ':keysetId'), {
      keysetCreatedAt: after.createdAt,
      keysetId: after.id,
    });
  }
  return qb;
}
