import { DataSource, EntityManager } from 'typeorm';

/**
 * A report's reads in one read-only REPEATABLE READ transaction: every query sees the same snapshot, so the
 * position and the breakdowns beside it can never disagree because a payment landed between two queries.
 * A read-only transaction at this level never fails to serialise, so there is nothing to retry.
 */
export function inSnapshot<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', async (em) => {
    await em.query('SET TRANSACTION READ ONLY');
    return work(em);
  });
}
