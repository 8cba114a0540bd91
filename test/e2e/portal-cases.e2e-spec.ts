import { Role } from '@grants/accounts';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import { awardApplication, recommendApplication } from '../support/applications';
import {
  asSignedIn,
  axeViolations,
  portalSignIn,
  requireBrowser,
  serveToBrowser,
  expectNoAxeViolations,
} from '../support/browser';
import { approveRegisterText } from '../support/portal-journeys';
import { createOpenRound, seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

/** PORTAL_SCREENSHOTS=docs/screenshots: where the key pages' pictures for the README go. */
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS;
const TITLE = 'Lights for the Priory Park path';
const KEY_PAGES = new Set(['ranking', 'register preview']);

/**
 * The officers' views of a round and an award in a real browser, beyond the case page's own forms (which
 * portal-journey.e2e-spec.ts takes from screening to the decision): the round's ranking against its
 * money, the register preview with the text an officer approves, and the case pages refused to everyone
 * else.
 */
describe.each([
  { javaScript: true, state: 'on' },
  { javaScript: false, state: 'off' },
])(
  'the portal: screening, assessing and deciding, in headless Chromium, JavaScript $state',
  ({ javaScript }) => {
    let t: TestApp;
    let base: string;
    let launched: Browser | undefined;
    let applicationId: string;
    const people: Record<string, { email: string; userId: string; token: string }> = {};
    const checked: Record<string, string[]> = {};

    beforeAll(async () => {
      t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
      const ref = await seedReference(t);
      const round = await createOpenRound(t);
      const applicant = await registerApplicant(t, { email: 'kit@example.org' });
      const organisation = await t.post('/api/v1/organisations', ORGANISATION_BODY, {
        token: applicant.token,
      });
      people.lead = await createStaffUser(t, [Role.Officer], {
        email: 'lena@example.org',
        displayName: 'Lena Lead',
      });
      people.ava = await createStaffUser(t, [Role.Approver], {
        email: 'ava@example.org',
        displayName: 'Ava Approver',
      });
      applicationId = await recommendApplication(t, {
        applicantToken: applicant.token,
        officer: people.lead,
        organisationId: organisation.body.id as string,
        roundId: round.id,
        ref,
        objectiveIds: round.objectiveIds.slice(0, 1),
        answers: { title: TITLE },
      });
      await awardApplication(t, applicationId, people.ava);
      ({ base, launched } = await serveToBrowser(t));
    }, 60_000);

    afterAll(async () => {
      await launched?.close();
      await t?.close();
    });

    const as = <T>(who: string, work: (page: Page) => Promise<T>): Promise<T> =>
      asSignedIn(launched, base, people[who]!.email, javaScript, work);

    async function check(page: Page, name: string): Promise<void> {
      if (!javaScript) return;
      checked[name] = await axeViolations(page);
      if (SCREENSHOTS && KEY_PAGES.has(name)) {
        await page.screenshot({
          path: join(SCREENSHOTS, `portal-${name.replace(/[^a-z]+/g, '-')}.png`),
          fullPage: true,
        });
      }
    }

    it('ranks the round against its money, and previews the register entry with the text an officer approves', async () => {
      await as('lead', async (page) => {
        await page.getByRole('link', { name: 'Rankings' }).click();
        await page.locator('#rounds').getByRole('link').first().click();
        await page.locator('#ranking').waitFor();
        const row = page.locator('#ranking tbody tr').first();
        expect(await row.innerText()).toContain('Lights for the Priory Park path');
        expect(await row.innerText()).toContain('decided');
        // Everything recommended is decided: no line to draw, and nothing said not to fit.
        expect(await page.locator('#money-line').count()).toBe(0);
        await check(page, 'ranking');

        await approveRegisterText(
          page,
          `${base}/portal/cases/${applicationId}`,
          'Lighting the Priory Park path',
          check,
        );
      });
      await as('ava', async (page) => {
        // Approvers read the rankings too.
        expect((await page.goto(`${base}/portal/rankings`))!.status()).toBe(200);
      });
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = (SELECT id FROM awards WHERE application_id = $1)
          AND action LIKE '%publication%'`,
        [applicationId],
      );
      expect(row.n).toBeGreaterThan(0);
      expectNoAxeViolations(checked, 'portal ranking and register preview', javaScript ? 3 : 0);
    }, 60_000);

    it('shows an applicant, and any id that is not an application, the 404 page', async () => {
      const context = await requireBrowser(launched).newContext();
      try {
        const { page } = await portalSignIn(context, base, 'kit@example.org');
        for (const path of [`/portal/cases/${applicationId}`, '/portal/rankings']) {
          expect((await page.goto(`${base}${path}`))!.status(), path).toBe(404);
        }
        const [award] = await t.dataSource.query(`SELECT id FROM awards WHERE application_id = $1`, [
          applicationId,
        ]);
        expect((await page.goto(`${base}/portal/awards/${award.id}/publication`))!.status()).toBe(404);
        const csrf = (await context.cookies()).find((c) => c.name === 'grants_csrf')!.value;
        const res = await page.request.post(`${base}/portal/cases/${applicationId}/decision`, {
          form: { _csrf: csrf, outcome: 'award', reasons: 'Self-awarded' },
        });
        expect(res.status()).toBe(404);
      } finally {
        await context.close();
      }
      await as('lead', async (page) => {
        for (const id of ['nope', '00000000-0000-4000-8000-000000000000']) {
          expect((await page.goto(`${base}/portal/cases/${id}`))!.status(), id).toBe(404);
        }
      });
    }, 60_000);
  },
);
