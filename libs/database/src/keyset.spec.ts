import { describe, expect, it } from 'vitest';
import { keysetAfterSql, keysetOrderSql } from './keyset';

describe('keyset SQL', () => {
  it('compares and orders at millisecond precision, the precision of a cursor', () => {
    expect(keysetAfterSql('r', 'ASC', '$1', '$2')).toBe(
      "(date_trunc('milliseconds', r.created_at), r.id) > ($1::timestamptz, $2::uuid)",
    );
    expect(keysetAfterSql('a', 'DESC', ':at', ':id')).toBe(
      "(date_trunc('milliseconds', a.created_at), a.id) < (:at::timestamptz, :id::uuid)",
    );
    expect(keysetOrderSql('a', 'DESC')).toBe("date_trunc('milliseconds', a.created_at) DESC, a.id DESC");
  });

  it('refuses anything but a plain alias', () => {
    expect(() => keysetOrderSql('a; DROP TABLE x', 'ASC')).toThrow(/invariant/);
  });
});
