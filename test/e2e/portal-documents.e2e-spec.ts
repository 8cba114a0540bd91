import { Role } from '@grants/accounts';
import { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import { submitApplication } from '../support/applications';
import { portalSignIn, requireBrowser, serveToBrowser, transferredBytes } from '../support/browser';
import { createOpenRound, seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const MAX_BYTES = 4096;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * The documents page's upload as a plain multipart form (the browser journeys use it by hand in
 * portal-journey.e2e-spec.ts): what the parser takes and refuses, the limits, who may download and
 * remove, and that nothing is stored when a post is refused.
 */
describe('the portal: an application’s documents, sent as a multipart form', () => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let draftId: string;
  let submittedId: string;
  let applicantEmail: string;

  beforeAll(async () => {
    t = await createTestApp({
      env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000', DOCUMENT_MAX_BYTES: String(MAX_BYTES) },
    });
    const ref = await seedReference(t);
    const round = await createOpenRound(t);
    const applicant = await registerApplicant(t, { email: 'pip@example.org' });
    applicantEmail = applicant.email;
    const organisation = await t.post('/api/v1/organisations', ORGANISATION_BODY, { token: applicant.token });
    const draft = await t.post(
      '/api/v1/applications',
      { organisationId: organisation.body.id, roundId: round.id },
      { token: applicant.token },
    );
    draftId = draft.body.id as string;
    submittedId = await submitApplication(t, applicant.token, {
      organisationId: organisation.body.id as string,
      roundId: round.id,
      ref,
      objectiveIds: round.objectiveIds.slice(0, 1),
    });
    await registerApplicant(t, { email: 'stranger@example.org' });
    await createStaffUser(t, [Role.Officer], { email: 'ola@example.org' });
    ({ base, launched } = await serveToBrowser(t));
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
    await t?.close();
  });

  async function signedIn<T>(email: string, work: (context: BrowserContext, csrf: string) => Promise<T>) {
    const context = await requireBrowser(launched).newContext();
    try {
      await portalSignIn(context, base, email);
      const csrf = (await context.cookies()).find((c) => c.name === 'grants_csrf')!.value;
      return await work(context, csrf);
    } finally {
      await context.close();
    }
  }

  const stored = async (id: string): Promise<number> =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM application_documents WHERE application_id = $1`,
        [id],
      )
    )[0].n;

  const upload = (context: BrowserContext, csrf: string, id: string, file: Buffer, kind = 'constitution') =>
    context.request.post(`${base}/portal/applications/${id}/documents`, {
      multipart: {
        _csrf: csrf,
        kind,
        file: { name: 'Rules.pdf', mimeType: 'application/pdf', buffer: file },
      },
      maxRedirects: 0,
    });

  it('stores a document sent by the form, and says what is wrong with one it refuses', async () => {
    await signedIn(applicantEmail, async (context, csrf) => {
      const sent = await upload(context, csrf, draftId, PDF);
      expect(sent.status()).toBe(303);
      expect(await stored(draftId)).toBe(1);

      const cases: [Buffer, string, string][] = [
        [Buffer.alloc(MAX_BYTES + 1, 'a'), 'constitution', 'The selected file must be smaller than 4 KB'],
        [Buffer.from('plain text, not a document'), 'constitution', 'The selected file must be a PDF'],
        [Buffer.alloc(0), 'constitution', 'The selected file is empty'],
        [PDF, 'a-kind-there-is-not', 'Select what the document is'],
      ];
      for (const [file, kind, message] of cases) {
        const res = await upload(context, csrf, draftId, file, kind);
        expect(res.status(), message).toBe(400);
        expect(await res.text(), message).toContain(message);
      }
      expect(await stored(draftId)).toBe(1);
    });
  });

  it('refuses a form without its token, a body far over the limit, and junk, never with a 500', async () => {
    await signedIn(applicantEmail, async (context, csrf) => {
      const url = `${base}/portal/applications/${draftId}/documents`;
      const noToken = await context.request.post(url, {
        multipart: {
          kind: 'constitution',
          file: { name: 'a.pdf', mimeType: 'application/pdf', buffer: PDF },
        },
      });
      expect(noToken.status()).toBe(403);
      const huge = await upload(context, csrf, draftId, Buffer.alloc(3 * MAX_BYTES + 70_000, 'a'));
      expect(huge.status()).toBe(413);
      const junk = await context.request.post(url, {
        headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
        data: '--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n' + csrf + '\r\n--xyz-- no end',
      });
      expect(junk.status()).toBeLessThan(500);
      const noBoundary = await context.request.post(url, {
        headers: { 'content-type': 'multipart/form-data' },
        data: 'whatever',
      });
      expect(noBoundary.status()).toBe(400);
      // Multipart is for this one form: anywhere else it is refused before it is read.
      for (const path of [`/portal/applications/${draftId}/project`, `/api/v1/applications/${draftId}`]) {
        const res = await context.request.post(`${base}${path}`, {
          multipart: { _csrf: csrf, title: 'Through the back door' },
        });
        expect(res.status(), path).toBe(415);
      }
    });
    expect(await stored(draftId)).toBe(1);
  });

  it('lets the applicant and, once it is sent, officers download a file; no one else', async () => {
    const [doc] = await t.dataSource.query(
      `SELECT id FROM application_documents WHERE application_id = $1 LIMIT 1`,
      [submittedId],
    );
    const path = `/portal/applications/${submittedId}/documents/${doc.id}`;
    for (const email of [applicantEmail, 'ola@example.org']) {
      await signedIn(email, async (context) => {
        const res = await context.request.get(`${base}${path}`);
        expect(res.status(), email).toBe(200);
        expect(res.headers()['content-type']).toBe('application/pdf');
        expect(res.headers()['content-disposition']).toMatch(/^attachment/);
        expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
      });
    }
    await signedIn('ola@example.org', async (context) => {
      const page = await context.newPage();
      await page.goto(`${base}/portal/cases/${submittedId}`);
      expect(await page.locator('#supporting-documents a').count()).toBe(3);
    });
    await signedIn('stranger@example.org', async (context, csrf) => {
      expect((await context.request.get(`${base}${path}`)).status()).toBe(404);
      expect((await context.request.get(`${base}/portal/applications/${draftId}/documents`)).status()).toBe(
        404,
      );
      expect((await upload(context, csrf, draftId, PDF)).status()).toBe(404);
      const [mine] = await t.dataSource.query(
        `SELECT id FROM application_documents WHERE application_id = $1`,
        [draftId],
      );
      const removed = await context.request.post(
        `${base}/portal/applications/${draftId}/documents/${mine.id}/remove`,
        { form: { _csrf: csrf }, maxRedirects: 0 },
      );
      expect(removed.status()).toBe(404);
    });
    expect(await stored(draftId)).toBe(1);
  });

  it('removes a draft’s document, but not a sent application’s, and weighs the page', async () => {
    await signedIn(applicantEmail, async (context, csrf) => {
      const page = await context.newPage();
      await page.goto(`${base}/portal/applications/${draftId}/documents`);
      await page.getByRole('button', { name: /^Remove/ }).click();
      await page.waitForURL(/\/documents$/);
      expect(await page.locator('#documents').count()).toBe(0);
      expect(await stored(draftId)).toBe(0);

      const [sent] = await t.dataSource.query(
        `SELECT id FROM application_documents WHERE application_id = $1 LIMIT 1`,
        [submittedId],
      );
      const res = await context.request.post(
        `${base}/portal/applications/${submittedId}/documents/${sent.id}/remove`,
        { form: { _csrf: csrf }, maxRedirects: 0 },
      );
      expect(res.status()).toBe(303);
      expect(res.headers().location).toMatch(/\/check$/);
      expect(await stored(submittedId)).toBe(3);

      const bytes = await transferredBytes(
        requireBrowser(launched),
        `${base}/portal/applications/${draftId}/documents`,
        await context.cookies(),
      );
      process.stdout.write(`portal documents page weight (bytes, nothing cached): ${bytes}\n`);
      expect(bytes).toBeGreaterThan(10_000);
      expect(bytes).toBeLessThan(100 * 1024);
    });
  });
});
