import { Role } from '@grants/accounts';
import { calendarDateIn, Clock } from '@grants/common';
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
import { acceptOffer, meetConditions, recordPayment, sendFinalReport } from '../support/portal-journeys';
import { createOpenRound, seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

/** PORTAL_SCREENSHOTS=docs/screenshots: where the key pages' pictures for the README go. */
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS;
const KEY_PAGES = new Set(['offer', 'award, to pay', 'report, errors', 'report to review']);

/**
 * A grant after the decision, in a real browser: the grant holder's signatory reads the offer and accepts
 * it (after the errors a person meets), an officer checks the conditions that stand before payment,
 * finance pays, the grant holder sees the payment and sends a monitoring report with figures and a case
 * study, the officer asks for changes, the report comes back and is accepted. Another offer is declined.
 */
describe.each([
  { javaScript: true, state: 'on' },
  { javaScript: false, state: 'off' },
])(
  'the portal: an offer accepted, paid and reported on, in headless Chromium, JavaScript $state',
  ({ javaScript }) => {
    let t: TestApp;
    let base: string;
    let launched: Browser | undefined;
    let awardId: string;
    let secondAwardId: string;
    let today: string;
    const people: Record<string, { email: string; userId: string; token: string }> = {};
    const checked: Record<string, string[]> = {};

    beforeAll(async () => {
      t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
      today = calendarDateIn(t.app.get(Clock).now(), 'Europe/London');
      const ref = await seedReference(t);
      const round = await createOpenRound(t);
      const applicant = await registerApplicant(t, { email: 'lil@example.org' });
      people.holder = applicant;
      const organisation = await t.post('/api/v1/organisations', ORGANISATION_BODY, {
        token: applicant.token,
      });
      people.officer = await createStaffUser(t, [Role.Officer], { email: 'olu@example.org' });
      people.finance = await createStaffUser(t, [Role.Finance], { email: 'fin@example.org' });
      const approver = await createStaffUser(t, [Role.Approver]);
      const award = async (title: string) => {
        const id = await recommendApplication(t, {
          applicantToken: applicant.token,
          officer: people.officer!,
          organisationId: organisation.body.id as string,
          roundId: round.id,
          ref,
          objectiveIds: round.objectiveIds.slice(0, 1),
          answers: { title },
        });
        const decision = await awardApplication(t, id, approver, {
          specialConditions: [{ text: 'Show the landowner’s written consent', timing: 'before_payment' }],
        });
        return decision.award.id as string;
      };
      awardId = await award('Safer Alleys');
      secondAwardId = await award('Second Scheme');
      ({ base, launched } = await serveToBrowser(t));
    }, 90_000);

    afterAll(async () => {
      await launched?.close();
      await t?.close();
    });

    const as = (who: string, work: (page: Page) => Promise<void>): Promise<void> =>
      asSignedIn(launched, base, people[who]!.email, javaScript, work);

    const check = async (page: Page, name: string) => {
      if (!javaScript) return;
      checked[name] = await axeViolations(page);
      if (SCREENSHOTS && KEY_PAGES.has(name)) {
        await page.screenshot({
          path: join(SCREENSHOTS, `portal-${name.replace(/[^a-z]+/g, '-')}.png`),
          fullPage: true,
        });
      }
    };
    const award = async (id: string) =>
      (
        await t.dataSource.query(
          `SELECT status, paid_pence::int AS paid, amount_pence::int AS amount FROM awards WHERE id = $1`,
          [id],
        )
      )[0];

    // With JavaScript off, the same pages are the cross-role journey's (portal-journey.e2e-spec.ts).
    it.runIf(javaScript)(
      'takes a grant from its offer to an accepted monitoring report, each by its own page',
      async () => {
        const awardUrl = `${base}/portal/awards/${awardId}`;
        await as('holder', async (page) => {
          await page.locator('#grants').getByRole('link').first().waitFor();
          await check(page, 'dashboard with grants');
          await acceptOffer(page, awardUrl, { name: 'Lil Holder', role: 'Chair' }, check);
        });
        expect((await award(awardId)).status).toBe('accepted');

        await as('finance', async (page) => {
          // Not yet payable: the before-payment condition is still to be checked.
          expect(await page.locator('main').innerText()).toContain('No grant is ready for a payment.');
        });

        await as('officer', async (page) => {
          await meetConditions(page, check);
          expect(page.url()).toBe(awardUrl);
        });

        const [{ reference }] = await t.dataSource.query(`SELECT reference FROM awards WHERE id = $1`, [
          awardId,
        ]);
        await as('finance', (page) => recordPayment(page, reference, today, check));
        expect((await award(awardId)).paid).toBe(10_000);

        const [report] = await t.dataSource.query(
          `SELECT id FROM monitoring_reports WHERE award_id = $1 ORDER BY position LIMIT 1`,
          [awardId],
        );
        await as('holder', async (page) => {
          expect(await sendFinalReport(page, awardUrl, check)).toBe(
            `${base}/portal/monitoring-reports/${report.id}`,
          );
        });

        await as('officer', async (page) => {
          await page.locator('#reports-to-review').getByRole('link').first().click();
          await page.getByRole('button', { name: 'Record the review' }).waitFor();
          await check(page, 'report to review');
          await page.locator('#outcome-2').check();
          await page.getByRole('button', { name: 'Record the review' }).click();
          expect(await page.locator('.govuk-error-summary').innerText()).toContain(
            'Say what the grant holder needs to change',
          );
          await page.locator('#outcome-2').check();
          await page.locator('#comments').fill('Please give the spend on every line.');
          await page.getByRole('button', { name: 'Record the review' }).click();
          await page.getByText('Changes asked for').waitFor();
        });

        await as('holder', async (page) => {
          await page.goto(`${base}/portal/monitoring-reports/${report.id}`);
          expect(await page.locator('main').innerText()).toContain('Please give the spend on every line.');
          for (const box of await page.locator('input[name^="spend-"]').all()) await box.fill('40');
          await page.getByRole('button', { name: 'Send the report' }).click();
          await page.getByText('Sent, being reviewed').waitFor();
        });

        await as('officer', async (page) => {
          await page.goto(`${base}/portal/monitoring-reports/${report.id}`);
          await page.locator('#outcome').check();
          await page.getByRole('button', { name: 'Record the review' }).click();
          await page.getByText('Accepted', { exact: true }).waitFor();
        });
        const [stored] = await t.dataSource.query(
          `SELECT m.status, (SELECT count(*)::int FROM monitoring_case_studies c WHERE c.report_id = m.id AND c.consent_to_publish) AS stories
         FROM monitoring_reports m WHERE m.id = $1`,
          [report.id],
        );
        expect(stored).toEqual({ status: 'accepted', stories: 1 });
        // The final report accepted: the grant is complete.
        expect((await award(awardId)).status).toBe('completed');

        // The report's figure and its story reach the success-measure report.
        const [{ fund_year_id: fundYearId }] = await t.dataSource.query(
          `SELECT fund_year_id FROM awards WHERE id = $1`,
          [awardId],
        );
        await as('officer', async (page) => {
          await page.getByRole('link', { name: 'Reports' }).click();
          await page.locator(`a[href="/portal/reports/measures?fundYearId=${fundYearId}"]`).click();
          await page.locator('#measures').waitFor();
          // Both grants (the second still an offer) committed to the measure with targets of 40 each; one has
          // an accepted report, and it reported 12.
          const rows = await page.locator('#measures tbody tr').allInnerTexts();
          expect(rows.filter((r) => /\t2\t80\t1\t12$/.test(r))).toHaveLength(1);
          expect(await page.locator('main').innerText()).toContain('Walking home');
          await check(page, 'success measures');
          expect((await page.goto(`${base}/portal/reports/measures?fundYearId=nope`))!.status()).toBe(404);
        });

        expectNoAxeViolations(checked, 'portal grant', javaScript ? 12 : 0);
      },
      180_000,
    );

    it('declines an offer with a reason, and the money goes back to the fund', async () => {
      await as('holder', async (page) => {
        await page.goto(`${base}/portal/awards/${secondAwardId}`);
        await page.getByRole('link', { name: 'Decline the offer' }).click();
        await page.getByRole('button', { name: 'Decline the offer' }).click();
        expect(await page.locator('.govuk-error-summary').innerText()).toContain(
          'Tell us why you are declining the offer',
        );
        if (javaScript) expect(await axeViolations(page)).toEqual([]);
        await page.getByLabel('Why are you declining the offer?').fill('The town council is paying for it.');
        await page.getByRole('button', { name: 'Decline the offer' }).click();
        await page.locator('h1', { hasText: 'Grant' }).waitFor();
        expect(await page.locator('main').innerText()).toContain('Declined');
      });
      expect((await award(secondAwardId)).status).toBe('declined');
    }, 60_000);

    it('lets no one act outside their role, and changes nothing when they try', async () => {
      const before = await t.dataSource.query(`SELECT status, paid_pence FROM awards ORDER BY id`);
      const context = await requireBrowser(launched).newContext();
      try {
        const { page } = await portalSignIn(context, base, 'olu@example.org');
        const csrf = (await context.cookies()).find((c) => c.name === 'grants_csrf')!.value;
        // An officer is not finance, and accepts no offer.
        for (const [path, form] of [
          [
            `/portal/awards/${awardId}/payments`,
            { amount: '5', 'on-day': '1', 'on-month': '1', 'on-year': '2026', reference: 'x' },
          ],
          [`/portal/awards/${secondAwardId}/accept`, { signatoryName: 'x', signatoryPosition: 'y' }],
          ['/portal/awards/not-an-id/payments', {}],
        ] as const) {
          const res = await page.request.post(`${base}${path}`, { form: { _csrf: csrf, ...form } });
          expect(res.status(), path).toBe(404);
        }
        expect(
          (await page.goto(
            `${base}/portal/monitoring-reports/00000000-0000-4000-8000-000000000000`,
          ))!.status(),
        ).toBe(404);
      } finally {
        await context.close();
      }
      expect(await t.dataSource.query(`SELECT status, paid_pence FROM awards ORDER BY id`)).toEqual(before);
    }, 60_000);
  },
);
