import { Role } from '@grants/accounts';
import { FixedClock } from '@grants/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { dbFingerprint } from '../support/db-fingerprint';
import { malformedCases, operationsOf } from '../support/malformed-inputs';
import { SeededReference, createOpenRound, seedReference } from '../support/reference';
import { HttpResult, TestApp, createTestApp } from '../support/test-app';

const DAY_MS = 86_400_000;

describe('reference data: funder, areas, plan, funds and rounds', () => {
  const clock = new FixedClock(new Date('2026-05-10T12:00:00Z'));
  let t: TestApp;
  let ref: SeededReference;
  let admin: string;
  let officer: string;
  let applicant: string;

  const at = (days: number): string => new Date(clock.now().getTime() + days * DAY_MS).toISOString();
  const roundBody = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    fundYearId: ref.fundYearId,
    planVersionId: ref.planVersionId,
    title: 'Small grants 2026',
    description: 'One-off grants for specific activities.',
    opensAt: at(7),
    closesAt: at(60),
    minAwardPence: 50_000,
    maxAwardPence: 2_500_000,
    maxProjectMonths: 12,
    acceptanceWindowDays: 28,
    objectiveIds: ref.objectives.filter((o) => [3, 8].includes(o.number)).map((o) => o.id),
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ref = await seedReference(t);
    admin = (await createStaffUser(t, [Role.Admin])).token;
    officer = (await createStaffUser(t, [Role.Officer])).token;
    applicant = (await registerApplicant(t)).token;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('public reads', () => {
    it('GET /funder and GET /areas', async () => {
      const funder = await t.get('/api/v1/funder');
      expect(funder.status).toBe(200);
      expect(funder.body).toMatchObject({ slug: 'west-mercia-pcc', publisherPrefix: '360G-wmpcc' });
      const areas = await t.get('/api/v1/areas');
      expect(areas.status).toBe(200);
      expect(areas.body.areas).toHaveLength(11);
      expect(areas.body.areas).toContainEqual({
        code: 'E07000238',
        name: 'Wychavon',
        type: 'NMD',
        parentCode: 'E10000034',
      });
      const south = areas.body.partnerships.find((p: any) => p.key === 'south-worcestershire');
      expect(south.areaCodes).toEqual(['E07000235', 'E07000237', 'E07000238']);
    });

    it('GET /plans and GET /plans/:id give the published tree: 4 aims, 13 objectives with measures', async () => {
      const list = await t.get('/api/v1/plans');
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      const plan = await t.get(`/api/v1/plans/${ref.planId}`);
      expect(plan.status).toBe(200);
      expect(plan.body.current.version).toMatchObject({ number: 1, status: 'published' });
      expect(plan.body.current.aims.map((a: any) => a.code)).toEqual(['A1', 'A2', 'A3', 'A4']);
      const objectives = plan.body.current.aims.flatMap((a: any) => a.objectives);
      expect(objectives.map((o: any) => o.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      expect(objectives[7].measures.map((m: any) => m.code)).toEqual([
        '8.1',
        '8.2',
        '8.3',
        '8.4',
        '8.5',
        '8.6',
        '8.7',
      ]);
      expect((await t.get(`/api/v1/plans/${ref.planId}?version=1`)).status).toBe(200);
      expect((await t.get(`/api/v1/plans/${ref.planId}?version=9`)).status).toBe(404);
      expect((await t.get(`/api/v1/plans/${ref.planId}?version=abc`)).status).toBe(400);
      const version = await t.get(`/api/v1/plan-versions/${ref.planVersionId}`);
      expect(version.status).toBe(200);
      expect(version.body.aims).toHaveLength(4);
    });

    it('GET /funds and GET /funds/:id give years with caps and sources', async () => {
      const funds = await t.get('/api/v1/funds');
      expect(funds.status).toBe(200);
      const csf = funds.body.items.find((f: any) => f.key === 'community-safety-fund');
      expect(csf.years.map((y: any) => [y.label, y.capPence])).toEqual([
        ['2013/14', 100_000_000],
        ['2014/15', 100_000_000],
        ['2015/16', 100_000_000],
        ['2016/17', 100_000_000],
      ]);
      const one = await t.get(`/api/v1/funds/${csf.id}`);
      expect(one.body.years[0].sources.map((s: any) => [s.name, s.amountPence])).toEqual([
        ['Home Office community safety grant', 99_000_000],
        ['Police fund contribution', 1_000_000],
      ]);
      expect(one.body.years[0].sourcesTotalPence).toBe(100_000_000);
      expect((await t.get('/api/v1/funds/not-a-uuid')).status).toBe(400);
      expect((await t.get('/api/v1/funds/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });

  describe('rounds', () => {
    it('refuses writes to the anonymous (401) and to non-admins (403)', async () => {
      expect((await t.post('/api/v1/rounds', roundBody())).status).toBe(401);
      expect((await t.post('/api/v1/rounds', roundBody(), { token: officer })).status).toBe(403);
      expect((await t.post('/api/v1/rounds', roundBody(), { token: applicant })).status).toBe(403);
      expect((await t.post('/api/v1/funds', { key: 'x', name: 'X' }, { token: applicant })).status).toBe(403);
      expect((await t.post(`/api/v1/plans/${ref.planId}/versions`, {}, { token: officer })).status).toBe(403);
    });

    it('lets an admin create a round, which stays invisible (404) to the public until published', async () => {
      const created = await t.post('/api/v1/rounds', roundBody(), { token: admin });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ phase: 'draft', publishedAt: null, minAwardPence: 50_000 });
      const id = created.body.id;
      expect((await t.get(`/api/v1/rounds/${id}`)).status).toBe(404);
      expect((await t.get(`/api/v1/rounds/${id}`, { token: applicant })).status).toBe(404);
      expect((await t.get(`/api/v1/rounds/${id}`, { token: officer })).status).toBe(200);
      expect((await t.get('/api/v1/rounds')).body.items.map((r: any) => r.id)).not.toContain(id);
      expect((await t.get('/api/v1/rounds', { token: officer })).body.items.map((r: any) => r.id)).toContain(
        id,
      );

      const published = await t.post(`/api/v1/rounds/${id}/publish`, undefined, { token: admin });
      expect(published.status).toBe(200);
      expect(published.body.phase).toBe('upcoming');
      expect((await t.post(`/api/v1/rounds/${id}/publish`, undefined, { token: admin })).status).toBe(409);

      const shown = await t.get(`/api/v1/rounds/${id}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({
        title: 'Small grants 2026',
        phase: 'upcoming',
        fund: { key: 'community-safety-fund', name: 'Community Safety Fund' },
        fundYear: { label: '2016/17', startsOn: '2016-04-01', endsOn: '2017-03-31' },
        planVersion: { number: 1 },
        minAwardPence: 50_000,
        maxAwardPence: 2_500_000,
        maxProjectMonths: 12,
        acceptanceWindowDays: 28,
      });
      expect(shown.body.objectives.map((o: any) => o.number)).toEqual([3, 8]);
      expect(shown.body.objectives[1].measures).toHaveLength(7);
      expect((await t.get('/api/v1/rounds?status=upcoming')).body.items.map((r: any) => r.id)).toContain(id);
      expect((await t.get('/api/v1/rounds?status=open')).body.items.map((r: any) => r.id)).not.toContain(id);

      // Before it opens, everything may change.
      const changed = await t.patch(`/api/v1/rounds/${id}`, { minAwardPence: 100_000 }, { token: admin });
      expect(changed.status).toBe(200);
      expect(changed.body.minAwardPence).toBe(100_000);

      const audit = await t.dataSource.query(
        `SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY seq`,
        [id],
      );
      expect(audit.map((a: any) => a.action)).toEqual(['round.created', 'round.published', 'round.updated']);
    });

    it('refuses rounds that break the rules (422), naming the fields', async () => {
      const overCap = await t.post('/api/v1/rounds', roundBody({ maxAwardPence: 100_000_001 }), {
        token: admin,
      });
      expect(overCap.status).toBe(422);
      expect(overCap.body.errors).toEqual([
        { field: 'maxAwardPence', message: "must not exceed the fund year's cap of £1,000,000.00" },
      ]);
      const reversed = await t.post(
        '/api/v1/rounds',
        roundBody({ minAwardPence: 10_000, maxAwardPence: 5_000 }),
        {
          token: admin,
        },
      );
      expect(reversed.status).toBe(422);
      const window = await t.post('/api/v1/rounds', roundBody({ opensAt: at(10), closesAt: at(5) }), {
        token: admin,
      });
      expect(window.body.errors).toEqual([{ field: 'closesAt', message: 'must be after opensAt' }]);
      const foreign = await t.post(
        '/api/v1/rounds',
        roundBody({ objectiveIds: ['00000000-0000-4000-8000-000000000000'] }),
        { token: admin },
      );
      expect(foreign.status).toBe(422);
      expect(foreign.body.errors[0].field).toBe('objectiveIds');
      const noYear = await t.post(
        '/api/v1/rounds',
        roundBody({ fundYearId: '00000000-0000-4000-8000-000000000000' }),
        { token: admin },
      );
      expect(noYear.body.errors).toEqual([{ field: 'fundYearId', message: 'no such fund year' }]);
      const malformed = await t.post(
        '/api/v1/rounds',
        roundBody({ opensAt: '2026-13-01T00:00:00Z', extra: 1 }),
        {
          token: admin,
        },
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['extra']));
    });

    it('freezes an opened round (409) except title, description and a later close', async () => {
      const round = await createOpenRound(t);
      const url = `/api/v1/rounds/${round.id}`;
      expect((await t.get('/api/v1/rounds?status=open')).body.items.map((r: any) => r.id)).toContain(
        round.id,
      );
      for (const change of [
        { maxAwardPence: 1_000_000 },
        { minAwardPence: 60_000 },
        { opensAt: at(1) },
        { objectiveIds: [ref.objectives[0]!.id] },
        { closesAt: at(30) },
      ]) {
        const res = await t.patch(url, change, { token: admin });
        expect(res.status, JSON.stringify(change)).toBe(409);
      }
      const ok = await t.patch(
        url,
        { title: 'Renamed round', description: 'New guidance', closesAt: at(90) },
        { token: admin },
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ title: 'Renamed round', phase: 'open', closesAt: at(90) });
      expect((await t.patch(url, { title: 'x' }, { token: officer })).status).toBe(403);
    });

    it('pages the list with a cursor', async () => {
      await createOpenRound(t);
      await createOpenRound(t);
      const first = await t.get('/api/v1/rounds?limit=1');
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await t.get(`/api/v1/rounds?limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      expect((await t.get('/api/v1/rounds?status=draft')).status).toBe(400);
      expect((await t.get('/api/v1/rounds?cursor=garbage')).status).toBe(400);
    });

    it('pages through rounds created within one millisecond, each exactly once', async () => {
      const created = [await createOpenRound(t), await createOpenRound(t), await createOpenRound(t)];
      const ids = created.map((r) => r.id);
      // PostgreSQL keeps microseconds and a cursor milliseconds: put the rows apart by microseconds only.
      await t.dataSource.query(
        `UPDATE rounds r SET created_at = timestamptz '2020-03-01 12:00:00.123+00' + (x.n * interval '1 microsecond')
           FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n) WHERE r.id = x.id`,
        [ids],
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 40; i++) {
        const res: HttpResult = await t.get(`/api/v1/rounds?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((r: { id: string }) => r.id));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeNull();
      expect(seen.slice(0, 3)).toEqual([...ids].sort());
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('refuses crafted cursors with 400, not 500', async () => {
      const craft = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
      for (const cursor of [
        craft(['1', '00000000-0000-0000-0000-000000000000']),
        craft(['2026-01-01T00:00:00.000Z', '-'.repeat(36)]),
        craft(['2026-02-31T00:00:00.000Z', '00000000-0000-0000-0000-000000000000']),
      ]) {
        const res = await t.get(`/api/v1/rounds?cursor=${cursor}`);
        expect(res.status, cursor).toBe(400);
        expect(res.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
      }
    });
  });

  describe('plan variation and funds over HTTP', () => {
    it('creates a draft version copying the latest, hidden from the public, editable until published', async () => {
      const created = await t.post(
        `/api/v1/plans/${ref.planId}/versions`,
        { label: 'Revised plan' },
        { token: admin },
      );
      expect(created.status).toBe(201);
      const draftId = created.body.version.id;
      expect(created.body.aims.flatMap((a: any) => a.objectives)).toHaveLength(13);
      expect((await t.get(`/api/v1/plan-versions/${draftId}`)).status).toBe(404);
      expect((await t.get(`/api/v1/plan-versions/${draftId}`, { token: officer })).status).toBe(200);

      const a4 = created.body.aims.find((a: any) => a.code === 'A4');
      const added = await t.post(
        `/api/v1/plan-versions/${draftId}/objectives`,
        { aimId: a4.id, number: 14, title: 'A new objective' },
        { token: admin },
      );
      expect(added.status).toBe(201);
      const measure = await t.post(
        `/api/v1/objectives/${added.body.id}/measures`,
        { code: '14.1', description: 'Something counted', unit: 'count' },
        { token: admin },
      );
      expect(measure.status).toBe(201);
      expect(
        (
          await t.post(
            `/api/v1/objectives/${added.body.id}/measures`,
            { code: '14.2', description: 'x', unit: 'kg' },
            { token: admin },
          )
        ).status,
      ).toBe(400);
      expect(
        (await t.patch(`/api/v1/objectives/${added.body.id}`, { number: 13 }, { token: admin })).status,
      ).toBe(409);
      expect(
        (await t.patch(`/api/v1/plan-versions/${draftId}`, { effectiveFrom: '2014-04-01' }, { token: admin }))
          .status,
      ).toBe(200);
      expect(
        (await t.post(`/api/v1/plan-versions/${draftId}/publish`, undefined, { token: admin })).status,
      ).toBe(200);

      // Published versions are immutable.
      expect(
        (await t.patch(`/api/v1/plan-versions/${draftId}`, { label: 'x' }, { token: admin })).status,
      ).toBe(409);
      expect(
        (await t.patch(`/api/v1/objectives/${added.body.id}`, { title: 'x' }, { token: admin })).status,
      ).toBe(409);
      expect(
        (await t.patch(`/api/v1/plan-versions/${ref.planVersionId}`, { label: 'x' }, { token: admin }))
          .status,
      ).toBe(409);
      const plan = await t.get(`/api/v1/plans/${ref.planId}`);
      expect(plan.body.current.version.number).toBe(2);
    });

    it('lets an admin add a fund, a year and a source; duplicates are 409 and overlaps 400', async () => {
      const fund = await t.post(
        '/api/v1/funds',
        { key: 'victims-fund', name: 'Victims Fund' },
        { token: admin },
      );
      expect(fund.status).toBe(201);
      expect(
        (await t.post('/api/v1/funds', { key: 'victims-fund', name: 'Again' }, { token: admin })).status,
      ).toBe(409);
      const year = await t.post(
        `/api/v1/funds/${fund.body.id}/years`,
        { label: '2017/18', startsOn: '2017-04-01', endsOn: '2018-03-31', capPence: 5_000_000 },
        { token: admin },
      );
      expect(year.status).toBe(201);
      const overlap = await t.post(
        `/api/v1/funds/${fund.body.id}/years`,
        { label: 'other', startsOn: '2018-01-01', endsOn: '2018-12-31', capPence: 1 },
        { token: admin },
      );
      expect(overlap.status).toBe(400);
      const source = await t.post(
        `/api/v1/fund-years/${year.body.id}/sources`,
        { name: 'Ministry of Justice victims grant', kind: 'grant', amountPence: 5_000_000 },
        { token: admin },
      );
      expect(source.status).toBe(201);
      const shown = await t.get(`/api/v1/funds/${fund.body.id}`);
      expect(shown.body.years[0].sources).toHaveLength(1);
    });
  });
  describe('malformed input', () => {
    it('answers every malformed request to these endpoints with a 4xx, never a 500, and changes nothing', async () => {
      const round = await createOpenRound(t);
      // A draft already exists, so even a well-formed "start a variation" is refused.
      expect((await t.post(`/api/v1/plans/${ref.planId}/versions`, {}, { token: admin })).status).toBe(201);
      const v1 = (await t.get(`/api/v1/plan-versions/${ref.planVersionId}`)).body;
      const objective = v1.aims[0].objectives[0];
      const fund = (await t.get('/api/v1/funds')).body.items[0];
      // Every id points at something that cannot change any more (published) or that a bad body cannot alter.
      const idFor: Record<string, string> = {
        rounds: round.id,
        plans: ref.planId,
        'plan-versions': ref.planVersionId,
        aims: v1.aims[0].id,
        objectives: objective.id,
        'success-measures': objective.measures[0].id,
        funds: fund.id,
        'fund-years': fund.years[0].id,
      };
      const doc = (await t.get('/api/openapi.json')).body;
      const ops = operationsOf(doc).filter((op) =>
        /^\/api\/v1\/(funder|areas|plans|plan-versions|aims|objectives|success-measures|funds|fund-years|rounds)\b/.test(
          op.path,
        ),
      );
      expect(ops.length).toBeGreaterThanOrEqual(25);
      const before = await dbFingerprint(t.dataSource);
      const failures: string[] = [];
      for (const op of ops) {
        const resource = op.path.split('/')[3]!;
        const id = idFor[resource]!;
        // Bad ids go into the path first; whatever placeholder is left gets the real id.
        for (const c of malformedCases(doc, op, op.path)) {
          const res = await t.request(op.method, c.url.replace(/\{[^}]+\}/g, id), undefined, {
            token: admin,
            raw: c.raw,
            headers: c.contentType ? { 'content-type': c.contentType } : {},
          });
          if (res.status >= 500 || res.status < 400)
            failures.push(`${op.method} ${op.path} ${c.name}: ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
    });
  });
});
