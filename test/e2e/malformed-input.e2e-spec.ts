import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiWorld, buildApiWorld, concretePath } from '../support/api-world';
import { dbFingerprint } from '../support/db-fingerprint';
import { MalformedCase, malformedCases, Operation, operationsOf } from '../support/malformed-inputs';
import { problemShapeErrors } from '../support/problems';
import { createTestApp, HttpResult, TestApp } from '../support/test-app';

/**
 * Every operation the API documents, driven from its own OpenAPI document so a new route is covered the
 * day it is added, gets every malformed request the generator knows, from each kind of caller. The rule
 * has no exceptions: a malformed request is refused (4xx, never 2xx or 5xx) as a well-formed problem and
 * changes nothing. It holds for queries too: every route refuses query parameters it does not declare
 * (routes without any refuse all), just as bodies refuse unknown fields, and a route that takes no body
 * refuses one, so no case is "not malformed for that route".
 */
const DOCUMENTATION = /^\/api\/(docs|openapi)/;

/** The checks every reply to a malformed request must pass; empty when it does. */
function verdict(res: HttpResult): string[] {
  if (res.status >= 500) return ['a server error'];
  if (res.status < 400) return ['not refused'];
  return problemShapeErrors(res);
}

describe('malformed input at every endpoint', () => {
  let t: TestApp;
  let world: ApiWorld;
  let doc: any;
  let operations: Operation[];
  const casesFor = new Map<Operation, MalformedCase[]>();

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildApiWorld(t);
    doc = (await t.get('/api/openapi.json')).body;
    operations = operationsOf(doc).filter((op) => !DOCUMENTATION.test(op.path));
    for (const op of operations) {
      casesFor.set(op, malformedCases(doc, op, concretePath(op.path, world.idFor, world.idsByPath)));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds every operation and has cases for each (so the big test cannot pass by testing nothing)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(55);
    const keys = operations.map((op) => `${op.method} ${op.path}`);
    for (const known of [
      'POST /api/v1/auth/logout',
      'PATCH /api/v1/applications/{id}',
      'DELETE /api/v1/aims/{id}',
      'GET /api/v1/users',
      'GET /api/v1/health/live',
    ]) {
      expect(keys).toContain(known);
    }
    for (const op of operations)
      expect(casesFor.get(op)!.length, `${op.method} ${op.path}`).toBeGreaterThan(5);
    const total = [...casesFor.values()].reduce((n, cases) => n + cases.length, 0);
    expect(total).toBeGreaterThan(1500);
    const patch = casesFor.get(
      operations.find((op) => op.method === 'PATCH' && op.path.endsWith('/applications/{id}'))!,
    )!;
    expect(patch.map((c) => c.name)).toEqual(
      expect.arrayContaining(['unknown field', '__proto__ key', 'title huge string', 'path id=not-a-uuid']),
    );
    // Every placeholder was filled, and path cases keep the real ids in the other parameters.
    for (const cases of casesFor.values()) {
      for (const c of cases) expect(c.url).not.toMatch(/[{}]/);
    }
  });

  it('would catch a success, a server error and a 400 without field errors', () => {
    const headers = { 'content-type': 'application/problem+json', 'x-correlation-id': 'c' };
    const problem = { type: 't', title: 't', detail: 'd', code: 'validation_failed', correlationId: 'c' };
    expect(verdict({ status: 200, headers: {}, body: {}, text: '{}' })).toEqual(['not refused']);
    expect(verdict({ status: 500, headers, body: { ...problem, status: 500 }, text: '' })).toEqual([
      'a server error',
    ]);
    expect(verdict({ status: 400, headers, body: { ...problem, status: 400 }, text: '' })).toEqual([
      'a 400 without errors[] naming the fields',
    ]);
    expect(
      verdict({
        status: 400,
        headers,
        body: { ...problem, status: 400, errors: [{ field: 'x', message: 'm' }] },
        text: '',
      }),
    ).toEqual([]);
  });

  it('refuses every malformed request from every caller with a problem, never a 500, changing nothing', async () => {
    const callers: { name: string; token?: string }[] = [
      { name: 'anonymous' },
      { name: 'applicant', token: world.applicant.token },
      { name: 'admin', token: world.admin.token },
      { name: 'officer', token: world.officer.token },
      { name: 'approver', token: world.approver.token },
      { name: 'finance', token: world.finance.token },
    ];
    const failures: string[] = [];
    let sent = 0;
    const statuses: Record<string, number> = {};
    let before = await dbFingerprint(t.dataSource);
    for (const op of operations) {
      for (const caller of callers) {
        for (const c of casesFor.get(op)!) {
          const res = await t.request(op.method, c.url, undefined, {
            token: caller.token,
            raw: c.raw,
            headers: c.contentType ? { 'content-type': c.contentType } : {},
          });
          sent++;
          const tally = `${caller.name} ${res.status}`;
          statuses[tally] = (statuses[tally] ?? 0) + 1;
          const problems = verdict(res);
          if (problems.length) {
            failures.push(
              `${caller.name} ${op.method} ${op.path} [${c.name}] → ${res.status} (${problems.join('; ')}) ${res.text.slice(0, 300)}`,
            );
          }
        }
      }
      const after = await dbFingerprint(t.dataSource);
      const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
      if (changed.length) failures.push(`${op.method} ${op.path}: changed ${changed.join(', ')}`);
      before = after;
    }
    // The tokens were sent thousands of times with garbage (logout, password change…); they must all still work.
    for (const caller of callers.filter((c) => c.token)) {
      const me = await t.get('/api/v1/me', { token: caller.token });
      if (me.status !== 200) failures.push(`the ${caller.name}'s session no longer works: ${me.status}`);
    }
    console.info(`malformed input: ${operations.length} operations, ${sent} requests`, statuses);
    expect(failures).toEqual([]);
    // Most garbage from signed-in callers must have got past the guard and been refused by validation.
    expect(statuses['applicant 400']).toBeGreaterThan(800);
    expect(statuses['admin 400']).toBeGreaterThan(1200);
  }, 600_000);
});
