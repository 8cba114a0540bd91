import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestApp } from '../support/test-app';

describe('health and the HTTP basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is live and ready with PostgreSQL and Redis up', async () => {
    expect((await t.get('/api/v1/health/live')).status).toBe(200);
    const ready = await t.get('/api/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('returns a correlation id, keeping a sane one the caller sent', async () => {
    const res = await t.get('/api/v1/health/live', { headers: { 'x-correlation-id': 'trace-123' } });
    expect(res.headers['x-correlation-id']).toBe('trace-123');
    const other = await t.get('/api/v1/health/live', {
      headers: { 'x-correlation-id': 'bad id with spaces' },
    });
    expect(other.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown paths with problem+json 404', async () => {
    const res = await t.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'not_found', correlationId: expect.any(String) });
  });

  it('sends security headers', async () => {
    const res = await t.get('/api/v1/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const crossSite = await t.get('/api/v1/health/live', {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(crossSite.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.request('OPTIONS', '/api/v1/auth/login', undefined, {
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await t.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect((await t.get('/api/docs')).status).toBe(200);
  });
  it('takes JSON bodies only: a form post is 415, whatever its fields', async () => {
    const form = await t.post('/api/v1/auth/password-reset', undefined, {
      raw: 'email=someone%40example.org',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(form.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await t.post('/api/v1/auth/password-reset', { email: 'someone@example.org' })).status).toBe(202);
  });
  it('opens CORS only to the origins configured', async () => {
    const open = await createTestApp({ env: { CORS_ORIGINS: 'https://portal.example' } });
    try {
      const allowed = await open.get('/api/v1/health/live', {
        headers: { origin: 'https://portal.example' },
      });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example');
      const other = await open.get('/api/v1/health/live', {
        headers: { origin: 'https://elsewhere.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});
