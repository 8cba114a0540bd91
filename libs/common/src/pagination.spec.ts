import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error';
import { decodeCursor, encodeCursor, pageOf } from './pagination';

const ID = '3f2b8c1e-9a4d-4e7b-8c6a-1d2e3f4a5b6c';
const craft = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('cursors', () => {
  it('round-trips what pageOf issues', () => {
    const createdAt = new Date('2026-05-01T12:00:00.123Z');
    const page = pageOf(
      [
        { id: ID, createdAt },
        { id: '00000000-0000-4000-8000-000000000000', createdAt },
      ],
      1,
    );
    expect(decodeCursor(page.nextCursor!)).toEqual({ createdAt: '2026-05-01T12:00:00.123Z', id: ID });
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  it.each([
    ['a number Date.parse accepts', craft(['1', '00000000-0000-0000-0000-000000000000'])],
    ['36 dashes as the id', craft(['2026-01-01T00:00:00.000Z', '-'.repeat(36)])],
    ['an instant without milliseconds', craft(['2026-01-01T00:00:00Z', ID])],
    ['an instant with an offset', craft(['2026-01-01T00:00:00.000+01:00', ID])],
    ['an impossible hour', craft(['2026-02-27T25:00:00.000Z', ID])],
    [
      '31 February (Date.parse rolls it over; PostgreSQL refuses it)',
      craft(['2026-02-31T10:00:00.000Z', ID]),
    ],
    ['a uuid with its dashes moved', craft(['2026-01-01T00:00:00.000Z', `${ID.slice(0, 7)}-${ID.slice(8)}`])],
    ['a third element', craft(['2026-01-01T00:00:00.000Z', ID, 1])],
    ['not JSON', 'not-a-cursor'],
  ])('refuses %s with a 400-class error naming the cursor', (_name, raw) => {
    expect(() => decodeCursor(raw)).toThrow(DomainError);
    try {
      decodeCursor(raw);
    } catch (error) {
      expect((error as DomainError).fieldErrors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    }
  });

  it('encodes as base64url JSON', () => {
    expect(encodeCursor({ createdAt: '2026-01-01T00:00:00.000Z', id: ID })).toBe(
      craft(['2026-01-01T00:00:00.000Z', ID]),
    );
  });
});
