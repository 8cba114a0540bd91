import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplicant, TEST_PASSWORD } from '../support/accounts';
import { ApiWorld, buildApiWorld, concretePath, Person, TINY_PDF } from '../support/api-world';
import { dbFingerprint } from '../support/db-fingerprint';
import { problemShapeErrors } from '../support/problems';
import { createTestApp, HttpResult, TestApp } from '../support/test-app';

/**
 * Who may call what, for every operation of the OpenAPI document. The document says it itself: `x-public`
 * marks what anyone may call and `x-roles` the roles an operation needs (both written by the @Public and
 * @Roles decorators the guard reads). The lists below pin that policy, so a route added without a decision
 * (a new admin write that forgot @Roles, say) fails here instead of being open to every applicant.
 */
const DOCUMENTATION = /^\/api\/(docs|openapi)/;

/** Anyone may call these. */
const PUBLIC = [
  'GET /api/v1/health/live',
  'GET /api/v1/health/ready',
  'GET /api/v1/funder',
  'GET /api/v1/areas',
  'GET /api/v1/plans',
  'GET /api/v1/plans/{id}',
  'GET /api/v1/plan-versions/{id}',
  'GET /api/v1/funds',
  'GET /api/v1/funds/{id}',
  'GET /api/v1/rounds',
  'GET /api/v1/rounds/{id}',
  'GET /api/v1/fund-years/{id}/position',
  'GET /api/v1/register/grants',
  'GET /api/v1/register/grants/{id}',
  'GET /api/v1/register/grants.csv',
  'GET /api/v1/register/360giving.json',
  'GET /api/v1/register/decisions',
  'GET /api/v1/register/publications',
  'GET /api/v1/register/outcomes',
  'GET /api/v1/register/publications/{month}',
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/verify-email',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/confirm',
];

/** Any signed-in user may call these without a particular role; records not theirs are 404 inside. */
const ANY_SIGNED_IN = [
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password',
  'GET /api/v1/me',
  'GET /api/v1/me/organisations',
  'GET /api/v1/organisations',
  'GET /api/v1/organisations/{id}',
  'PATCH /api/v1/organisations/{id}',
  'GET /api/v1/organisations/{id}/members',
  'POST /api/v1/organisations/{id}/members',
  'GET /api/v1/applications',
  'GET /api/v1/applications/{id}',
  'PATCH /api/v1/applications/{id}',
  'POST /api/v1/applications/{id}/submit',
  'POST /api/v1/applications/{id}/withdraw',
  'GET /api/v1/applications/{id}/timeline',
  'GET /api/v1/applications/{id}/submissions',
  'POST /api/v1/applications/{id}/eligibility-check',
  'GET /api/v1/applications/{id}/eligibility',
  'POST /api/v1/applications/{id}/documents',
  'GET /api/v1/applications/{id}/documents',
  'GET /api/v1/applications/{id}/documents/{documentId}',
  'DELETE /api/v1/applications/{id}/documents/{documentId}',
  'GET /api/v1/applications/{id}/information-requests',
  'GET /api/v1/applications/{id}/screening',
  'GET /api/v1/applications/{id}/decision',
  'GET /api/v1/awards',
  'GET /api/v1/awards/{id}',
  'GET /api/v1/awards/{id}/monitoring-reports',
  'GET /api/v1/monitoring-reports/{id}',
];

/** Operations whose body is a file, not JSON: the query that describes it (the file is a tiny PDF). */
const UPLOADS: Record<string, string> = {
  'POST /api/v1/applications/{id}/documents': 'kind=other&fileName=access.pdf',
};

/** The resources an applicant owns through its organisation: another applicant must not learn they exist. */
const OWNED = ['organisations', 'applications', 'awards', 'monitoring-reports'];

/**
 * Reads for every staff role and no applicant: the officers' reports (docs/reporting.md), with the query each
 * needs to answer 200. Their x-roles are pinned here, so a report cannot quietly open to applicants.
 */
const STAFF_ROLES = ['officer', 'approver', 'finance', 'admin'];
const STAFF_READS: Record<string, (world: ApiWorld) => string> = {
  'GET /api/v1/reports/fund-years/{id}': () => '',
  'GET /api/v1/reports/measures': (world) => `fundYearId=${world.idFor['fund-years']}`,
  'GET /api/v1/reports/plan-period': (world) => `planId=${world.idFor.plans}`,
};

/** A valid body for each operation that takes one, so that a refusal is about who asks, not what is sent. */
function validBodies(world: ApiWorld): Record<string, unknown> {
  return {
    'PATCH /api/v1/organisations/{id}': { town: 'Elsewhere' },
    'POST /api/v1/organisations/{id}/members': { email: 'new.member@example.org' },
    'PATCH /api/v1/applications/{id}': { title: 'Mine now' },
    'POST /api/v1/applications/{id}/withdraw': { reason: 'Funded elsewhere' },
    'POST /api/v1/applications/{id}/information-requests/{requestId}/response': {
      response: 'The volunteers are trained Street Pastors from four local churches.',
    },
    'POST /api/v1/applications/{id}/information-requests': {
      answers: ['summary'],
      message: 'Please say more about who the volunteers are.',
    },
    'POST /api/v1/applications/{id}/screening': { outcome: 'eligible' },
    'POST /api/v1/applications/{id}/decision': { outcome: 'refuse', reasons: 'Not this time.' },
    'POST /api/v1/awards/{id}/accept': {
      amountPence: world.award.amountPence,
      signatoryName: 'Ada Applicant',
      signatoryPosition: 'Chair',
      acceptedConditionIds: world.award.conditionIds,
    },
    'POST /api/v1/awards/{id}/decline': { reason: 'Funded elsewhere' },
    'POST /api/v1/awards/{id}/conditions/{conditionId}/status': { status: 'met', note: 'Seen' },
    'POST /api/v1/awards/{id}/payments': { amountPence: 100, on: '2026-01-01', reference: 'BACS 1' },
    'POST /api/v1/awards/{id}/returns': { amountPence: 100, on: '2026-01-01', reference: 'BACS 2' },
    'POST /api/v1/awards/{id}/variations': { amountPence: 100, reason: 'Smaller' },
    'POST /api/v1/awards/{id}/revoke': { reason: 'Breach' },
    'PUT /api/v1/monitoring-reports/{id}': { progress: 'Going well' },
    'PATCH /api/v1/monitoring-reports/{id}': { dueOn: '2027-06-30', reason: 'Extended' },
    'POST /api/v1/monitoring-reports/{id}/review': { outcome: 'accept' },
    'PUT /api/v1/awards/{id}/publication': { title: 'Street watch', description: 'New schemes' },
    'POST /api/v1/awards/{id}/publication/withdrawal': { reason: 'Published in error' },
    'POST /api/v1/fund-years/{id}/over-allocation-tolerance': {
      overAllocationTolerancePence: 0,
      reason: 'x',
    },
    'POST /api/v1/applications/{id}/conflict-declarations': { hasConflict: false },
    'POST /api/v1/applications/{id}/assessors': { assessorIds: [world.officer.userId] },
    'PUT /api/v1/applications/{id}/assessments/mine': { scores: [] },
    'POST /api/v1/applications/{id}/recommendation': {
      moderatedScores: [{ criterionId: world.officer.userId, score: 3 }],
      outcome: 'refuse',
      summary: 'Not this time.',
      reasons: [{ objectiveId: world.officer.userId, reason: 'Weak evidence of need.' }],
    },
    'POST /api/v1/applications': { organisationId: world.organisationId, roundId: world.openRoundId },
    'POST /api/v1/auth/register': {
      email: 'someone.new@example.org',
      password: TEST_PASSWORD,
      displayName: 'Someone New',
    },
    'POST /api/v1/auth/verify-email': { token: 'A'.repeat(43) },
    'POST /api/v1/auth/login': { email: world.applicant.email, password: TEST_PASSWORD },
    'POST /api/v1/auth/password-reset': { email: world.applicant.email },
    'POST /api/v1/auth/password-reset/confirm': {
      token: 'A'.repeat(43),
      newPassword: `${TEST_PASSWORD} new`,
    },
  };
}

interface Op {
  key: string;
  method: string;
  path: string;
  hasBody: boolean;
  isPublic: boolean;
  roles?: string[];
}

function operationsOf(doc: any): Op[] {
  const ops: Op[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    if (DOCUMENTATION.test(path)) continue;
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        hasBody: op.requestBody !== undefined,
        isPublic: op['x-public'] === true,
        roles: op['x-roles'],
      });
    }
  }
  return ops;
}

function owned(op: Op): boolean {
  return OWNED.some((resource) => op.path.includes(`/${resource}/{`));
}

describe('access to every operation', () => {
  let t: TestApp;
  let world: ApiWorld;
  let stranger: Person;
  let ops: Op[];
  let bodies: Record<string, unknown>;

  const send = (op: Op, url: string, who?: Person): Promise<HttpResult> =>
    UPLOADS[op.key]
      ? t.request(op.method, `${url}?${UPLOADS[op.key]}`, undefined, {
          token: who?.token,
          raw: TINY_PDF,
          headers: { 'content-type': 'application/octet-stream' },
        })
      : t.request(op.method, url, op.hasBody ? (bodies[op.key] ?? {}) : undefined, { token: who?.token });
  const describeRes = (who: string, op: Op, res: HttpResult): string =>
    `${who} ${op.key} → ${res.status} ${res.text.slice(0, 200)}`;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildApiWorld(t);
    stranger = await registerApplicant(t, { displayName: 'Another Applicant' });
    bodies = validBodies(world);
    ops = operationsOf((await t.get('/api/openapi.json')).body);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has decided who may call each operation, and documents it', () => {
    const undecided = ops
      .filter((op) => !op.isPublic && !op.roles?.length && !ANY_SIGNED_IN.includes(op.key))
      .map((op) => op.key);
    expect(undecided, 'operations with neither @Public, @Roles nor a place in ANY_SIGNED_IN').toEqual([]);
    expect(ops.filter((op) => op.isPublic).map((op) => op.key)).toEqual(expect.arrayContaining(PUBLIC));
    expect(
      ops
        .filter((op) => op.isPublic)
        .map((op) => op.key)
        .sort(),
    ).toEqual([...PUBLIC].sort());
    for (const key of ANY_SIGNED_IN) expect(ops.map((op) => op.key)).toContain(key);
    const adminOnly = ops.filter((op) => op.roles?.length && !op.roles.includes('applicant'));
    expect(adminOnly.length).toBeGreaterThanOrEqual(20);
    for (const op of ops.filter((o) => o.isPublic && o.hasBody)) {
      expect(bodies[op.key], `a valid body for ${op.key}`).toBeDefined();
    }
    for (const op of ops.filter((o) => owned(o) && o.hasBody)) {
      expect(bodies[op.key] ?? UPLOADS[op.key], `a valid body for ${op.key}`).toBeDefined();
    }
  });

  it('gives another applicant 404 on every route of the first applicant’s organisation and application', async () => {
    // Officers' routes turn applicants away by role (403, below) before any record is looked at.
    const targets = ops.filter(
      (op) => owned(op) && !op.isPublic && (!op.roles?.length || op.roles.includes('applicant')),
    );
    // Starting an application names the organisation in the body rather than the path.
    targets.push(ops.find((op) => op.key === 'POST /api/v1/applications')!);
    expect(targets.length).toBeGreaterThanOrEqual(11);
    const failures: string[] = [];
    const before = await dbFingerprint(t.dataSource);
    for (const op of targets) {
      const res = await send(op, concretePath(op.path, world.idFor, world.idsByPath), stranger);
      if (res.status !== 404 || res.body?.code !== 'not_found' || problemShapeErrors(res).length) {
        failures.push(describeRes('stranger', op, res));
      }
      // Theirs and nobody's must look alike, or the 404 would give away that the record exists.
      if (op.path.includes('{')) {
        const missing = await send(op, op.path.replace(/\{[^}]+\}/g, randomUUID()), stranger);
        if (missing.status !== res.status || missing.body?.detail !== res.body?.detail) {
          failures.push(`${op.key}: a missing record answers ${missing.status} "${missing.body?.detail}"`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await dbFingerprint(t.dataSource)).toEqual(before);

    // The same requests from the owner are not refused, so it was the asker that made them 404.
    // Submit goes before withdraw, which ends the application; accepting an offer before declining it.
    const order = (op: Op): number => (op.path.endsWith('/withdraw') || op.path.endsWith('/decline') ? 1 : 0);
    for (const op of [...targets].sort((a, b) => order(a) - order(b))) {
      const res = await send(op, concretePath(op.path, world.idFor, world.idsByPath), world.applicant);
      if ([400, 401, 403, 404].includes(res.status) || res.status >= 500) {
        failures.push(describeRes('owner', op, res));
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives 403 to a signed-in user without the roles an operation needs, changing nothing', async () => {
    const people: { name: string; roles: string[]; person: Person }[] = [
      { name: 'applicant', roles: ['applicant'], person: world.applicant },
      { name: 'officer', roles: ['officer'], person: world.officer },
      { name: 'admin', roles: ['admin'], person: world.admin },
    ];
    const failures: string[] = [];
    let checked = 0;
    const before = await dbFingerprint(t.dataSource);
    for (const op of ops.filter((o) => o.roles?.length)) {
      for (const who of people.filter((p) => !p.roles.some((r) => op.roles!.includes(r)))) {
        const res = await send(op, concretePath(op.path, world.idFor, world.idsByPath), who.person);
        checked++;
        if (res.status !== 403 || res.body?.code !== 'forbidden' || problemShapeErrors(res).length) {
          failures.push(describeRes(who.name, op, res));
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(40);
    expect(await dbFingerprint(t.dataSource)).toEqual(before);
  });

  it('gives 401 to the anonymous on every operation that is not public, changing nothing', async () => {
    const failures: string[] = [];
    const before = await dbFingerprint(t.dataSource);
    const closed = ops.filter((op) => !op.isPublic);
    for (const op of closed) {
      const res = await send(op, concretePath(op.path, world.idFor, world.idsByPath));
      if (res.status !== 401 || res.body?.code !== 'unauthenticated' || problemShapeErrors(res).length) {
        failures.push(describeRes('anonymous', op, res));
      }
    }
    expect(failures).toEqual([]);
    expect(closed.length).toBeGreaterThanOrEqual(35);
    expect(await dbFingerprint(t.dataSource)).toEqual(before);
  });

  it('lets the anonymous reach every public operation', async () => {
    const failures: string[] = [];
    const publicOps = ops.filter((op) => op.isPublic);
    for (const op of publicOps) {
      const res = await send(op, concretePath(op.path, world.publicIdFor));
      // A public read succeeds; a public write may refuse what it was given, but never for want of a session.
      const ok =
        op.method === 'GET' ? res.status === 200 : res.status < 500 && ![401, 403].includes(res.status);
      if (!ok) failures.push(describeRes('anonymous', op, res));
    }
    expect(failures).toEqual([]);
    expect(publicOps.length).toBe(PUBLIC.length);
  });

  it('lets every staff role, and only staff, read the reports', async () => {
    const failures: string[] = [];
    const staff = [world.officer, world.approver, world.finance, world.admin];
    for (const [key, query] of Object.entries(STAFF_READS)) {
      const op = ops.find((o) => o.key === key);
      if (!op) {
        failures.push(`${key} is not in the document`);
        continue;
      }
      if (JSON.stringify(op.roles) !== JSON.stringify(STAFF_ROLES))
        failures.push(`${key}: x-roles ${op.roles}`);
      const q = query(world);
      const url = `${concretePath(op.path, world.idFor, world.idsByPath)}${q ? `?${q}` : ''}`;
      for (const person of staff) {
        const res = await t.get(url, { token: person.token });
        if (res.status !== 200) failures.push(describeRes(person.email, op, res));
      }
      const applicant = await t.get(url, { token: world.applicant.token });
      if (applicant.status !== 403) failures.push(describeRes('applicant', op, applicant));
    }
    expect(failures).toEqual([]);
  });
});
