import { DataSource, EntityManager } from 'typeorm';

/**
 * A report's reads in one read-only REPEATABLE READ transaction: every query sees the same snapshot, so the
 * position and the breakdowns beside it can never disagree because a payment landed between two queries.
 * A read-only transaction at this level never fails to serialise, so there is nothing to retry.
 */
export function inSnapshot<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', async (em) => {
    await em.query('SET TRANSACTION READ ONLY');
    // The breakdowns' row estimates run high enough to trip JIT compilation, which cost more than the query
    // (2.8–5.2 s of a 3.2–6 s report over 100,000 awards: bench/README.md); the sorts fit in 32 MB.
    await em.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`);
    return work(em);
  });
}
