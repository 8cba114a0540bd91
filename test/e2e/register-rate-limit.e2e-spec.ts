import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemShapeErrors } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';

describe('the public register is rate-limited per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 problem+json with Retry-After once the minute’s allowance is spent, and not elsewhere', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.get('/api/v1/register/grants')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const refused = await t.get('/api/v1/register/360giving.json');
    expect(refused.status).toBe(429);
    expect(problemShapeErrors(refused)).toEqual([]);
    expect(refused.body.code).toBe('throttled');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.get('/api/v1/rounds')).status).toBe(200);
  });
});
