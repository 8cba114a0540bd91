import { Role } from '@grants/accounts';
import { FixedClock, instantAt } from '@grants/common';
import { QueueName, RegisterJob } from '@grants/jobs';
import { validatePackage } from '@grants/register';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import { acceptOffer, awardApplication, recommendApplication } from '../support/applications';
import { createOpenRound, seedReference, SeededReference } from '../support/reference';
import { createTestApp, HttpResult, TestApp } from '../support/test-app';
import { problemShapeErrors } from '../support/problems';

const API = '/api/v1';
const clock = new FixedClock(instantAt('2026-12-02', 10, 0, 'Europe/London'));

function expectProblem(res: HttpResult, status: number): void {
  expect(res.status, res.text).toBe(status);
  expect(problemShapeErrors(res)).toEqual([]);
}

interface Person {
  userId: string;
  email: string;
  token: string;
}

/**
 * The register end to end, API and worker in-process on real PostgreSQL and Redis: a decision is
 * published, an accepted grant reaches the register through the publication job (and only with its
 * text approved), variations correct it, a revocation or an officer's withdrawal leaves a tombstone,
 * and the open-data files and the monthly publication follow.
 */
describe('the public register', () => {
  let t: TestApp;
  let ref: SeededReference;
  let applicant: Person;
  let officer: Person;
  let approver: Person;
  let roundId: string;
  let objectiveIds: string[];
  const as = (p: Person) => ({ token: p.token });
  const publishJobRuns = async (awardId: string, tag: string) => {
    await t.queues
      .get(QueueName.Register)
      .add(RegisterJob.PublishGrant, { awardId }, { jobId: `test.${tag}` });
    await t.drainJobs();
  };
  const revision = async () =>
    (await t.dataSource.query(`SELECT revision::int AS r FROM register_state`))[0].r as number;

  /** An award to a new organisation of this shape, offered and (unless told otherwise) accepted. */
  const grantTo = async (
    organisation: Record<string, unknown>,
    opts: { accept?: boolean } = {},
  ): Promise<{ awardId: string; applicationId: string }> => {
    const org = await t.post(`${API}/organisations`, organisation, as(applicant));
    expect(org.status, org.text).toBe(201);
    const applicationId = await recommendApplication(t, {
      applicantToken: applicant.token,
      officer,
      organisationId: org.body.id,
      roundId,
      ref,
      objectiveIds,
    });
    const decision = await awardApplication(t, applicationId, approver);
    const awardId: string = decision.award.id;
    if (opts.accept !== false) {
      await acceptOffer(t, decision.award, as(applicant));
    }
    await t.drainJobs();
    return { awardId, applicationId };
  };
  const approve = async (awardId: string, title: string) => {
    const r = await t.put(
      `${API}/awards/${awardId}/publication`,
      { title, description: 'Twelve new street watch schemes, with training and signs.' },
      as(officer),
    );
    expect(r.status, r.text).toBe(200);
    await t.drainJobs();
    return r.body;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, worker: true });
    ref = await seedReference(t);
    officer = await createStaffUser(t, [Role.Officer], { displayName: 'Olive Officer' });
    approver = await createStaffUser(t, [Role.Approver], { displayName: 'The Commissioner' });
    applicant = await registerApplicant(t, { displayName: 'Ada Applicant' });
    const round = await createOpenRound(t);
    roundId = round.id;
    objectiveIds = round.objectiveIds;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('a grant from decision to withdrawal', () => {
    let awardId: string;
    let applicationId: string;
    let registerId: string;

    beforeAll(async () => {
      const org = await t.post(`${API}/organisations`, ORGANISATION_BODY, as(applicant));
      applicationId = await recommendApplication(t, {
        applicantToken: applicant.token,
        officer,
        organisationId: org.body.id,
        roundId,
        ref,
        objectiveIds,
      });
      const decision = await awardApplication(t, applicationId, approver);
      awardId = decision.award.id;
      registerId = `360G-wmpcc-${awardId}`;
      await t.drainJobs();
    });

    it('publishes the decision at once, with no personal data, but not yet the grant', async () => {
      const decisions = (await t.get(`${API}/register/decisions`)).body.items;
      expect(decisions).toHaveLength(1);
      expect(decisions[0]).toMatchObject({
        outcome: 'award',
        decisionMakerRole: 'approver',
        reasons: 'Meets the plan’s objectives.',
        grantId: null,
      });
      expect(JSON.stringify(decisions)).not.toContain(ORGANISATION_BODY.name);
      expect((await t.get(`${API}/register/grants`)).body.items).toEqual([]);
      expect((await t.get(`${API}/register/grants/${registerId}`)).status).toBe(404);
    });

    it('shows officers what would be published and why it is not yet', async () => {
      const preview = await t.get(`${API}/awards/${awardId}/publication`, as(officer));
      expect(preview.status, preview.text).toBe(200);
      expect(preview.body).toMatchObject({
        registerId,
        current: { status: 'not-published', entry: null },
        next: { action: 'none', reason: expect.stringMatching(/accepted/) },
        approvedText: null,
      });
      expect(preview.body.entry).toMatchObject({
        id: registerId,
        recipient: { name: ORGANISATION_BODY.name },
      });
      expect(preview.body.giving360).toMatchObject({ id: registerId, currency: 'GBP' });
      expect(preview.body.csvRow).toContain(registerId);
      expectProblem(await t.get(`${API}/awards/${awardId}/publication`, as(applicant)), 403);
    });

    it('refuses bad approvals and changes nothing', async () => {
      const before = await revision();
      const blank = await t.put(
        `${API}/awards/${awardId}/publication`,
        { title: ' ', description: 'x' },
        as(officer),
      );
      expectProblem(blank, 400);
      expect(blank.body.errors[0].field).toBe('title');
      expectProblem(
        await t.put(
          `${API}/awards/${awardId}/publication`,
          { title: 'x'.repeat(201), description: 'x' },
          as(officer),
        ),
        400,
      );
      expectProblem(
        await t.post(`${API}/awards/${awardId}/publication/withdrawal`, { reason: 'Wrong' }, as(officer)),
        409,
      );
      const rows = await t.dataSource.query(`SELECT 1 FROM award_publications WHERE award_id = $1`, [
        awardId,
      ]);
      expect(rows).toEqual([]);
      expect(await revision()).toBe(before);
    });

    it('publishes once the offer is accepted and the text approved, through the publication job', async () => {
      await approve(awardId, 'Street watch schemes in Malvern');
      expect((await t.get(`${API}/register/grants`)).body.items).toEqual([]);
      const award = (await t.get(`${API}/awards/${awardId}`, as(applicant))).body;
      await acceptOffer(t, award, as(applicant));
      await t.drainJobs();

      const list = await t.get(`${API}/register/grants`);
      expect(list.status).toBe(200);
      expect(list.headers['cache-control']).toMatch(/public, max-age=60/);
      expect(list.body.items).toHaveLength(1);
      const entry = list.body.items[0];
      expect(entry).toMatchObject({
        id: registerId,
        status: 'published',
        version: 1,
        title: 'Street watch schemes in Malvern',
        recipient: {
          kind: 'organisation',
          name: ORGANISATION_BODY.name,
          identifier: 'GB-COH-01234567',
          companyNumber: '01234567',
          address: { streetAddress: '12 Church Street', town: 'Malvern', postcode: 'WR14 3AA' },
          area: { code: 'E07000235', name: 'Malvern Hills', type: 'NMD' },
        },
        amountAwardedPence: award.amountPence,
        amountPaidPence: 0,
        fundYear: expect.any(String),
        round: { id: roundId },
        conditions: award.conditions.map((c: { text: string }) => c.text),
        reasons: { recommendation: 'Recommended by the panel.', decision: 'Meets the plan’s objectives.' },
      });
      expect(entry.objectives.length).toBeGreaterThan(0);

      const detail = await t.get(`${API}/register/grants/${registerId}`);
      expect(detail.body.history).toEqual([
        { version: 1, change: 'published', reason: null, recordedAt: clock.now().toISOString() },
      ]);
      const decisions = (await t.get(`${API}/register/decisions`)).body.items;
      expect(decisions[0].grantId).toBe(registerId);
      const audit = await t.dataSource.query(
        `SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'register.%'`,
        [awardId],
      );
      expect(audit).toEqual([{ action: 'register.published' }]);
    });

    it('is cacheable: the same answer gives the same ETag, and If-None-Match gets a 304', async () => {
      const first = await t.get(`${API}/register/grants/${registerId}`);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^W\/"/);
      const again = await t.get(`${API}/register/grants/${registerId}`, {
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
    });

    it('changes nothing when the publication job runs again', async () => {
      const before = await revision();
      const body = (await t.get(`${API}/register/grants/${registerId}`)).text;
      await publishJobRuns(awardId, 'again-1');
      await publishJobRuns(awardId, 'again-2');
      expect(await revision()).toBe(before);
      expect((await t.get(`${API}/register/grants/${registerId}`)).text).toBe(body);
    });

    it('puts the grant in both open-data files, valid 360Giving', async () => {
      const json = await t.get(`${API}/register/360giving.json`);
      expect(json.status).toBe(200);
      expect(json.headers['content-type']).toMatch(/application\/json/);
      expect(json.headers['content-disposition']).toMatch(/attachment/);
      const pkg = JSON.parse(json.text);
      expect(pkg.grants.map((g: { id: string }) => g.id)).toEqual([registerId]);
      expect(validatePackage(pkg, '360G-wmpcc')).toEqual([]);
      expect(pkg.grants[0].recipientOrganization[0]).toMatchObject({ id: 'GB-COH-01234567' });

      const csv = await t.get(`${API}/register/grants.csv`);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toMatch(/^Identifier,Title,Description,Currency,/);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(registerId);

      const etag = json.headers.etag as string;
      const cached = await t.get(`${API}/register/360giving.json`, { headers: { 'if-none-match': etag } });
      expect(cached.status).toBe(304);
    });

    it('corrects the entry when the award is varied, keeping its history and dateModified', async () => {
      clock.set(new Date(clock.now().getTime() + 3_600_000));
      const award = (await t.get(`${API}/awards/${awardId}`, as(approver))).body;
      const varied = await t.post(
        `${API}/awards/${awardId}/variations`,
        { amountPence: award.amountPence - 100_000, reason: 'One venue withdrew' },
        as(approver),
      );
      expect(varied.status, varied.text).toBe(200);
      await t.drainJobs();
      const detail = (await t.get(`${API}/register/grants/${registerId}`)).body;
      expect(detail).toMatchObject({
        version: 2,
        amountAwardedPence: award.amountPence - 100_000,
        dateModified: clock.now().toISOString(),
      });
      expect(detail.firstPublishedAt).not.toBe(detail.dateModified);
      expect(detail.history.map((h: { change: string }) => h.change)).toEqual(['published', 'corrected']);
      const pkg = JSON.parse((await t.get(`${API}/register/360giving.json`)).text);
      expect(pkg.grants[0]).toMatchObject({ amountAwarded: (award.amountPence - 100_000) / 100 });
      expect(pkg.grants[0].dateModified).toBe(clock.now().toISOString());
    });

    it('withdraws the entry with a public reason when the award is revoked, and keeps a tombstone', async () => {
      const revoked = await t.post(
        `${API}/awards/${awardId}/revoke`,
        { reason: 'Breach of condition 2' },
        as(approver),
      );
      expect(revoked.status, revoked.text).toBe(200);
      await t.drainJobs();
      const detail = (await t.get(`${API}/register/grants/${registerId}`)).body;
      expect(detail).toMatchObject({
        id: registerId,
        status: 'withdrawn',
        version: 3,
        withdrawalReason: expect.stringMatching(
          /revoked this grant on .* because its conditions were not met/,
        ),
      });
      // The internal reason stays internal, and the content is gone.
      expect(JSON.stringify(detail)).not.toContain('Breach of condition 2');
      expect(detail.title).toBeUndefined();
      expect(detail.history.map((h: { change: string }) => h.change)).toEqual([
        'published',
        'corrected',
        'withdrawn',
      ]);
      expect((await t.get(`${API}/register/grants`)).body.items).toEqual([]);
      expect((await t.get(`${API}/register/grants.csv`)).text.trim().split('\r\n')).toHaveLength(1);
      const decisions = (await t.get(`${API}/register/decisions`)).body.items;
      expect(decisions[0].grantId).toBeNull();
      await publishJobRuns(awardId, 'after-withdrawal');
      expect((await t.get(`${API}/register/grants/${registerId}`)).body.version).toBe(3);
    });
  });

  describe('redaction and correction', () => {
    it('never names or locates an individual, and shows a sensitive organisation by area only', async () => {
      const person = await grantTo({
        name: 'Jane Q Person',
        legalForm: 'individual',
        addressLine1: '4 Private Lane',
        town: 'Ludlow',
        postcode: 'SY8 1AA',
        localAuthorityCode: 'E06000051',
      });
      await approve(person.awardId, 'A young person’s mentoring scheme');
      const refuge = await grantTo({
        ...ORGANISATION_BODY,
        name: 'Safe House Refuge',
        legalForm: 'registered_charity',
        charityNumber: '1123456',
        companyNumber: undefined,
        addressLine1: '99 Hidden Road',
        sensitive: true,
      });
      await approve(refuge.awardId, 'Refuge support workers');

      const personEntry = (await t.get(`${API}/register/grants/360G-wmpcc-${person.awardId}`)).body;
      expect(personEntry.recipient).toMatchObject({
        kind: 'individual',
        name: 'Individual recipient',
        identifier: `360G-wmpcc-ind-${person.awardId}`,
        address: null,
        area: { code: 'E06000051' },
      });
      const refugeEntry = (await t.get(`${API}/register/grants/360G-wmpcc-${refuge.awardId}`)).body;
      expect(refugeEntry.recipient).toMatchObject({
        name: 'Safe House Refuge',
        identifier: 'GB-CHC-1123456',
        address: null,
      });

      const files =
        (await t.get(`${API}/register/360giving.json`)).text +
        (await t.get(`${API}/register/grants.csv`)).text;
      const lists =
        (await t.get(`${API}/register/grants`)).text + (await t.get(`${API}/register/decisions`)).text;
      for (const secret of ['Jane Q Person', '4 Private Lane', 'SY8 1AA', '99 Hidden Road']) {
        expect(files + lists).not.toContain(secret);
      }
      expect(
        validatePackage(JSON.parse((await t.get(`${API}/register/360giving.json`)).text), '360G-wmpcc'),
      ).toEqual([]);
    });

    it('corrects the text when an officer re-approves it, and withdraws an entry published in error', async () => {
      const grant = await grantTo({ ...ORGANISATION_BODY, name: 'Wyre Forest Youth Club' });
      await approve(grant.awardId, 'Youth club nights');
      const id = `360G-wmpcc-${grant.awardId}`;
      await approve(grant.awardId, 'Youth club nights in Kidderminster');
      expect((await t.get(`${API}/register/grants/${id}`)).body).toMatchObject({
        version: 2,
        title: 'Youth club nights in Kidderminster',
      });

      const reason = 'Published in error: recorded against the wrong organisation.';
      const withdrawn = await t.post(
        `${API}/awards/${grant.awardId}/publication/withdrawal`,
        { reason },
        as(officer),
      );
      expect(withdrawn.status, withdrawn.text).toBe(200);
      await t.drainJobs();
      expect((await t.get(`${API}/register/grants/${id}`)).body).toMatchObject({
        status: 'withdrawn',
        withdrawalReason: reason,
      });
      expectProblem(
        await t.post(`${API}/awards/${grant.awardId}/publication/withdrawal`, { reason }, as(officer)),
        409,
      );
      const preview = (await t.get(`${API}/awards/${grant.awardId}/publication`, as(officer))).body;
      expect(preview).toMatchObject({ current: { status: 'withdrawn' }, next: { action: 'none' } });
    });
  });

  describe('following the record', () => {
    it('republishes when the recipient changes: an organisation marked sensitive loses its address', async () => {
      const grant = await grantTo({
        ...ORGANISATION_BODY,
        name: 'Ludlow Women’s Aid',
        localAuthorityCode: 'E06000051',
      });
      await approve(grant.awardId, 'Outreach workers');
      const id = `360G-wmpcc-${grant.awardId}`;
      expect((await t.get(`${API}/register/grants/${id}`)).body.recipient.address).not.toBeNull();
      const [{ organisation_id }] = await t.dataSource.query(
        `SELECT organisation_id FROM awards WHERE id = $1`,
        [grant.awardId],
      );
      const patched = await t.patch(
        `${API}/organisations/${organisation_id}`,
        { sensitive: true },
        as(applicant),
      );
      expect(patched.status, patched.text).toBe(200);
      await t.drainJobs();
      const entry = (await t.get(`${API}/register/grants/${id}`)).body;
      expect(entry).toMatchObject({ version: 2, recipient: { name: 'Ludlow Women’s Aid', address: null } });
      expect((await t.get(`${API}/register/grants.csv`)).text).not.toContain('12 Church Street, Ludlow');
    });

    it('publishes at decision where the profile says so, and withdraws the grant if the offer is declined', async () => {
      await t.dataSource.query(`UPDATE funders SET publish_on = 'decision'`);
      try {
        const grant = await grantTo(
          { ...ORGANISATION_BODY, name: 'Bromsgrove Street Pastors' },
          { accept: false },
        );
        await approve(grant.awardId, 'Night-time economy patrols');
        const id = `360G-wmpcc-${grant.awardId}`;
        expect((await t.get(`${API}/register/grants/${id}`)).body).toMatchObject({ status: 'published' });
        const declined = await t.post(
          `${API}/awards/${grant.awardId}/decline`,
          { reason: 'Funded elsewhere' },
          as(applicant),
        );
        expect(declined.status, declined.text).toBe(200);
        await t.drainJobs();
        expect((await t.get(`${API}/register/grants/${id}`)).body).toMatchObject({
          status: 'withdrawn',
          withdrawalReason: expect.stringMatching(/^The recipient declined the offer on /),
        });
      } finally {
        await t.dataSource.query(`UPDATE funders SET publish_on = 'acceptance'`);
      }
    });
  });

  describe('filters and paging', () => {
    it('filters by area, objective and amount, searches words, and pages with a cursor', async () => {
      const all = (await t.get(`${API}/register/grants`)).body.items;
      expect(all.length).toBeGreaterThanOrEqual(2);
      const byArea = (await t.get(`${API}/register/grants?area=E06000051`)).body.items;
      expect(byArea.map((e: { title: string }) => e.title).sort()).toEqual([
        'A young person’s mentoring scheme',
        'Outreach workers',
      ]);
      const words = (await t.get(`${API}/register/grants?q=refuge`)).body.items;
      expect(words.map((e: { title: string }) => e.title)).toEqual(['Refuge support workers']);
      const none = (await t.get(`${API}/register/grants?minAmountPence=999999999`)).body.items;
      expect(none).toEqual([]);
      const first = (await t.get(`${API}/register/grants?limit=1`)).body;
      expect(first.items).toHaveLength(1);
      const second = (await t.get(`${API}/register/grants?limit=1&cursor=${first.nextCursor}`)).body;
      expect(second.items).toHaveLength(1);
      expect(second.items[0].id).not.toBe(first.items[0].id);
    });

    it('answers bad filters with a problem naming the field', async () => {
      for (const [query, field] of [
        ['area=London', 'area'],
        ['objective=abc', 'objective'],
        ['minAmountPence=-1', 'minAmountPence'],
        ['minAmountPence=5&maxAmountPence=4', 'minAmountPence'],
        ['round=nope', 'round'],
        ['cursor=zzz', 'cursor'],
        ['limit=1000', 'limit'],
        ['colour=red', 'colour'],
      ] as const) {
        const r = await t.get(`${API}/register/grants?${query}`);
        expectProblem(r, 400);
        expect(
          r.body.errors.map((e: { field: string }) => e.field),
          query,
        ).toContain(field);
      }
      expectProblem(await t.get(`${API}/register/grants/not-a-grant`), 400);
      expectProblem(await t.get(`${API}/register/grants/360G-wmpcc-unknown`), 404);
      expectProblem(await t.get(`${API}/register/publications/2026-13`), 400);
      expectProblem(await t.get(`${API}/register/publications/2020-01`), 404);
    });
  });

  describe('the monthly publication', () => {
    it('records each finished month once, with what was added, changed and withdrawn, and its file', async () => {
      clock.set(instantAt('2027-01-01', 0, 30, 'Europe/London'));
      await t.queues
        .get(QueueName.Register)
        .add(RegisterJob.MonthlyPublication, {}, { jobId: 'test.monthly-1' });
      await t.drainJobs();
      await t.queues
        .get(QueueName.Register)
        .add(RegisterJob.MonthlyPublication, {}, { jobId: 'test.monthly-2' });
      await t.drainJobs();
      const list = (await t.get(`${API}/register/publications`)).body.items;
      expect(list.map((p: { month: string }) => p.month)).toEqual(['2026-12']);
      const [december] = list;
      expect(december).toMatchObject({
        added: 3,
        withdrawn: 3,
        fileUrl: '/api/v1/register/publications/2026-12',
      });
      expect(december.changes).toHaveLength(6);
      const file = await t.get(december.fileUrl);
      expect(file.status).toBe(200);
      const pkg = JSON.parse(file.text);
      expect(pkg.grants).toHaveLength(3);
      expect(validatePackage(pkg, '360G-wmpcc')).toEqual([]);
    });
  });
});
