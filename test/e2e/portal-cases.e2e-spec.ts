import { Role } from '@grants/accounts';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import { submitApplication } from '../support/applications';
import {
  asSignedIn,
  axeViolations,
  portalSignIn,
  requireBrowser,
  serveToBrowser,
  expectNoAxeViolations,
} from '../support/browser';
import { createOpenRound, seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

/** PORTAL_SCREENSHOTS=docs/screenshots: where the key pages' pictures for the README go. */
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS;
const KEY_PAGES = new Set([
  'case, to screen',
  'case, to score',
  'case, to decide',
  'ranking',
  'register preview',
]);

/**
 * An application through the officers' hands in a real browser: the lead officer declares no conflict
 * and screens it, assigns two assessors, one of whom declares a conflict while the other scores; the lead
 * moderates and recommends; an approver decides and awards. Each step is the case page's own form, and
 * axe checks the page at every step, the error states included.
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
      applicationId = await submitApplication(t, applicant.token, {
        organisationId: organisation.body.id as string,
        roundId: round.id,
        ref,
        objectiveIds: round.objectiveIds.slice(0, 1),
        answers: { title: 'Lights for the Priory Park path' },
      });
      people.lead = await createStaffUser(t, [Role.Officer], {
        email: 'lena@example.org',
        displayName: 'Lena Lead',
      });
      people.ash = await createStaffUser(t, [Role.Officer], {
        email: 'ash@example.org',
        displayName: 'Ash Assessor',
      });
      people.cal = await createStaffUser(t, [Role.Officer], {
        email: 'cal@example.org',
        displayName: 'Cal Conflicted',
      });
      people.ava = await createStaffUser(t, [Role.Approver], {
        email: 'ava@example.org',
        displayName: 'Ava Approver',
      });
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

    const status = async () =>
      (await t.dataSource.query(`SELECT status FROM applications WHERE id = $1`, [applicationId]))[0].status;

    it('takes an application from screening to an award, each step by its own form', async () => {
      await as('lead', async (page) => {
        // From the officer's home page: the application waiting to be screened.
        await page.getByRole('link', { name: 'Lights for the Priory Park path' }).click();
        await page.waitForURL(new RegExp(`/portal/cases/${applicationId}$`));
        await check(page, 'case, to declare');
        expect(await page.getByRole('button', { name: 'Record the screening' }).count()).toBe(0);
        await page.getByRole('button', { name: 'Declare' }).click();
        expect(await page.locator('.govuk-error-summary').innerText()).toContain(
          'Select whether you have a conflict of interest',
        );
        await check(page, 'case, declaration errors');
        await page.getByLabel('No, I have no conflict of interest').check();
        await page.getByRole('button', { name: 'Declare' }).click();
        await page.getByRole('button', { name: 'Record the screening' }).waitFor();
        await check(page, 'case, to screen');

        // Not eligible without reasons: refused by the form; eligible with a rule not at pass: by the service.
        await page.getByLabel('Not eligible', { exact: true }).check();
        await page.getByRole('button', { name: 'Record the screening' }).click();
        expect(await page.locator('.govuk-error-summary').innerText()).toContain(
          'Give the reasons the applicant will read',
        );
        await check(page, 'case, screening errors');
        const overrides = page.locator('select[name^="override-"]');
        for (const select of await overrides.all()) {
          await select.selectOption('pass');
          const name = await select.getAttribute('name');
          await page.locator(`#${name}-reason`).fill('Checked by hand: this is a new activity');
        }
        await page.getByLabel('Eligible: put it into assessment').check();
        await page.getByRole('button', { name: 'Record the screening' }).click();
        await page.getByRole('button', { name: 'Assign' }).waitFor();
        expect(await status()).toBe('in_assessment');

        await page.getByLabel('Ash Assessor').check();
        await page.getByLabel('Cal Conflicted').check();
        await page.getByRole('button', { name: 'Assign' }).click();
        await page.locator('#assessors').waitFor();
        expect(await page.locator('#assessors').innerText()).toContain('Ash Assessor: has not declared yet');
        await check(page, 'case, assessors assigned');
      });

      await as('cal', async (page) => {
        await page.goto(`${base}/portal/cases/${applicationId}`);
        await page.getByLabel('Yes, I have a conflict of interest').check();
        await page
          .getByLabel('If you have a conflict, what is it?')
          .fill('My sister chairs the association.');
        await page.getByRole('button', { name: 'Declare' }).click();
        await page.getByText('You declared a conflict of interest in this application').waitFor();
        expect(await page.getByRole('button', { name: 'Submit your scores' }).count()).toBe(0);
        await check(page, 'case, conflicted');
      });

      await as('ash', async (page) => {
        await page.goto(`${base}/portal/cases/${applicationId}`);
        await page.getByLabel('No, I have no conflict of interest').check();
        await page.getByRole('button', { name: 'Declare' }).click();
        await page.getByRole('button', { name: 'Submit your scores' }).waitFor();
        await check(page, 'case, to score');
        // Submitting needs every score and comment: the service's rule, shown on the page.
        await page.locator('input[name^="score-"][value="4"]').first().check();
        await page.getByRole('button', { name: 'Submit your scores' }).click();
        expect(await page.locator('.govuk-error-summary').count()).toBe(1);
        await check(page, 'case, scoring errors');
        for (const radio of await page.locator('input[name^="score-"][value="4"]').all()) await radio.check();
        for (const box of await page.locator('textarea[name^="comment-"]').all())
          await box.fill('Clear evidence of need');
        await page.getByRole('button', { name: 'Submit your scores' }).click();
        await page.locator('#score-table').waitFor();
      });

      await as('lead', async (page) => {
        await page.goto(`${base}/portal/cases/${applicationId}`);
        expect(await page.locator('#assessors').innerText()).toContain('Cal Conflicted: declared a conflict');
        await page.getByRole('button', { name: 'Record the recommendation' }).waitFor();
        await check(page, 'case, to recommend');
        await page.getByLabel('Fund in full', { exact: true }).check();
        await page.getByLabel('The panel’s view').fill('A well-evidenced scheme for a dark path.');
        await page.locator('textarea[name^="reason-"]').first().fill('Serves the objective directly.');
        await page.getByRole('button', { name: 'Record the recommendation' }).click();
        await page.getByRole('heading', { name: 'Recommendation' }).waitFor();
        expect(await status()).toBe('recommended');
      });

      await as('ava', async (page) => {
        // The approver's home lists it to decide.
        await page.getByRole('link', { name: 'Lights for the Priory Park path' }).click();
        await page.getByLabel('No, I have no conflict of interest').check();
        await page.getByRole('button', { name: 'Declare' }).click();
        await page.getByRole('button', { name: 'Record the decision' }).waitFor();
        await check(page, 'case, to decide');
        await page.getByLabel('Award a grant', { exact: true }).check();
        await page
          .getByLabel('Special conditions to meet before any payment (optional)')
          .fill('Show the landowner’s consent');
        await page.getByRole('button', { name: 'Record the decision' }).click();
        expect(await page.locator('.govuk-error-summary').innerText()).toContain(
          'Give the reasons for the decision',
        );
        await check(page, 'case, decision errors');
        await page
          .getByLabel('Reasons', { exact: true })
          .fill('Meets objective 3 in an area of rising concern.');
        await page.getByRole('button', { name: 'Record the decision' }).click();
        await page.getByRole('link', { name: /^See the award/ }).waitFor();
        await check(page, 'case, decided');
      });

      expect(await status()).toBe('awarded');
      const [award] = await t.dataSource.query(
        `SELECT a.status, (SELECT count(*)::int FROM award_conditions c WHERE c.award_id = a.id AND c.kind = 'special') AS special
         FROM awards a WHERE a.application_id = $1`,
        [applicationId],
      );
      expect(award).toEqual({ status: 'offered', special: 1 });
      expectNoAxeViolations(checked, 'portal case', javaScript ? 12 : 0);
    }, 180_000);

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

        await page.goto(`${base}/portal/cases/${applicationId}`);
        await page.getByRole('link', { name: /^See the award/ }).click();
        await page.getByRole('link', { name: 'See what the register will say about this grant' }).click();
        await page.locator('#entry').waitFor();
        expect(await page.locator('#publication-status').innerText()).toContain('Now: not published');
        await check(page, 'register preview');
        await page.getByLabel('Title').fill('');
        await page.getByRole('button', { name: 'Approve this text' }).click();
        expect(await page.locator('.govuk-error-summary').innerText()).toContain(
          'Enter the title the public will read',
        );
        await check(page, 'register preview, errors');
        await page.getByLabel('Title').fill('Lighting the Priory Park path');
        await page.getByRole('button', { name: 'Approve this text' }).click();
        await page.getByRole('heading', { name: 'Change the approved text' }).waitFor();
        expect(await page.locator('#entry').innerText()).toContain('Lighting the Priory Park path');
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
      expectNoAxeViolations(checked, 'portal case', javaScript ? 15 : 0);
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
