import { describe, expect, it } from 'vitest';
import { RegisterAnswerCache } from './answer-cache';

const answer = (body: string) => ({ body, etag: 'W/"e"' });
// Each of these weighs 2 × (2 + 100 + 5) = 214 bytes.
const body = (c: string) => c.repeat(100);

function liveCache(maxBytes: number): RegisterAnswerCache {
  const cache = new RegisterAnswerCache(maxBytes);
  cache.setLive(true);
  return cache;
}

describe('RegisterAnswerCache', () => {
  it('keeps what was read and gives it back', () => {
    const cache = liveCache(10_000);
    cache.set('g1', answer(body('a')), cache.token());
    expect(cache.get('g1')?.body).toBe(body('a'));
    expect(cache.get('g2')).toBeUndefined();
  });

  it('drops the least recently used first once past its budget', () => {
    const cache = liveCache(3 * 214);
    cache.set('g1', answer(body('a')), cache.token());
    cache.set('g2', answer(body('b')), cache.token());
    cache.set('g3', answer(body('c')), cache.token());
    cache.get('g1');
    cache.set('g4', answer(body('d')), cache.token());
    expect(cache.get('g2')).toBeUndefined();
    expect(cache.size).toBe(3);
    expect(['g1', 'g3', 'g4'].map((id) => cache.get(id)?.body[0])).toEqual(['a', 'c', 'd']);
  });

  it('counts a replaced answer once', () => {
    const cache = liveCache(2 * 214);
    cache.set('g1', answer(body('a')), cache.token());
    cache.set('g1', answer(body('b')), cache.token());
    cache.set('g2', answer(body('c')), cache.token());
    expect(cache.size).toBe(2);
    expect(cache.get('g1')?.body[0]).toBe('b');
  });

  it('refuses an answer bigger than its whole budget', () => {
    const cache = liveCache(100);
    cache.set('g1', answer(body('a')), cache.token());
    expect(cache.size).toBe(0);
  });

  it('does not store a read that began before a change', () => {
    const cache = liveCache(10_000);
    const token = cache.token();
    cache.invalidate();
    cache.set('g1', answer(body('a')), token);
    expect(cache.get('g1')).toBeUndefined();
  });

  it('empties on a change', () => {
    const cache = liveCache(10_000);
    cache.set('g1', answer(body('a')), cache.token());
    cache.invalidate();
    expect(cache.size).toBe(0);
  });

  it('is not used while the change notices are not arriving, and starts empty when they return', () => {
    const cache = new RegisterAnswerCache(10_000);
    cache.set('g1', answer(body('a')), cache.token());
    expect(cache.get('g1')).toBeUndefined();
    cache.setLive(true);
    const token = cache.token();
    cache.set('g1', answer(body('a')), token);
    cache.setLive(false);
    expect(cache.get('g1')).toBeUndefined();
    cache.setLive(true);
    expect(cache.size).toBe(0);
  });

  it('never goes live with no budget', () => {
    const cache = new RegisterAnswerCache(0);
    cache.setLive(true);
    expect(cache.enabled).toBe(false);
    expect(cache.isLive).toBe(false);
  });
});
