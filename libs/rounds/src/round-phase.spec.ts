import { describe, expect, it } from 'vitest';
import { hasOpened, roundPhase } from './round-phase';

const opensAt = new Date('2026-05-01T09:00:00Z');
const closesAt = new Date('2026-06-01T17:00:00Z');
const published = { publishedAt: new Date('2026-04-01T00:00:00Z'), opensAt, closesAt };

describe('roundPhase', () => {
  it('is draft while unpublished, whatever the time', () => {
    expect(roundPhase({ ...published, publishedAt: null }, new Date('2026-05-15T00:00:00Z'))).toBe('draft');
  });

  it('is upcoming before opensAt, open from opensAt (inclusive) to closesAt (exclusive), then closed', () => {
    expect(roundPhase(published, new Date(opensAt.getTime() - 1))).toBe('upcoming');
    expect(roundPhase(published, opensAt)).toBe('open');
    expect(roundPhase(published, new Date(closesAt.getTime() - 1))).toBe('open');
    expect(roundPhase(published, closesAt)).toBe('closed');
  });

  it('counts a round as opened only once published and past opensAt', () => {
    expect(hasOpened(published, opensAt)).toBe(true);
    expect(hasOpened(published, new Date(opensAt.getTime() - 1))).toBe(false);
    expect(hasOpened({ ...published, publishedAt: null }, closesAt)).toBe(false);
  });
});
