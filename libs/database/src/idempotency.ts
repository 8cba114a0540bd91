import { createHash } from 'node:crypto';
import { DomainError, ErrorCode } from '@grants/common';
import { EntityManager } from 'typeorm';

export interface IdempotentRequest {
  userId: string;
  /** The client's Idempotency-Key header, or undefined when it sent none. */
  key: string | undefined;
  /** The operation and its target, e.g. "POST /applications/<id>/decision". */
  scope: string;
  body: unknown;
}

/** Canonical JSON: keys sorted, so the same body sent with its fields in another order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Runs `work` once per (user, key), inside the caller's transaction. The key row is inserted first, so a
 * concurrent retry with the same key waits on it; if the first commits, the retry finds the stored response
 * and replays it; if the first rolls back, the retry does the work itself. The same key with another body or
 * for another operation is a 422. Without a key, the work simply runs.
 */
export async function idempotent<T>(
  em: EntityManager,
  req: IdempotentRequest,
  work: () => Promise<T>,
): Promise<T> {
  if (req.key === undefined) return work();
  const hash = createHash('sha256').update(canonical(req.body)).digest('hex');
  const inserted: unknown[] = await em.query(
    `INSERT INTO idempotency_keys (user_id, key, scope, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
    [req.userId, req.key, req.scope, hash],
  );
  if (inserted.length === 0) {
    const [row]: { scope: string; request_hash: string; response: T }[] = await em.query(
      `SELECT scope, request_hash, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [req.userId, req.key],
    );
    if (!row || row.scope !== req.scope || row.request_hash !== hash) {
      throw new DomainError(
        ErrorCode.BusinessRule,
        'This Idempotency-Key was already used for a different request; use a new key for a new request',
        {},
        [{ field: 'Idempotency-Key', message: 'already used with another body or operation' }],
      );
    }
    return row.response;
  }
  const result = await work();
  // Stored as JSON, so a replay answers exactly what the first response serialised to.
  await em.query(`UPDATE idempotency_keys SET response = $3::json WHERE user_id = $1 AND key = $2`, [
    req.userId,
    req.key,
    JSON.stringify(result),
  ]);
  return result;
}
