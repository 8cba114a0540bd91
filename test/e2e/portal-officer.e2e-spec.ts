import { join } from 'node:path';
import { Role } from '@grants/accounts';
import { formatPence } from '@grants/common';
import { FundsService } from '@grants/funds';
import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import {
  acceptOffer,
  awardApplication,
  recommendApplication,
  submitApplication,
} from '../support/applications';
import { axeViolations, portalSignIn, serveToBrowser, requireBrowser } from '../support/browser';
import { createOpenRound, seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

/** PORTAL_SCREENSHOTS=docs/screenshots: where these pages' pictures for the README go. */
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS;

/**
 * An officer's home page in a real browser: the work waiting at each step, read through the same services
 * as the API, and the current fund year's money; an applicant signing in gets their own dashboard instead.
 */
describe('the portal: an officer’s home page, in headless Chromium', () => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let officerEmail: string;
  let applicantEmail: string;
  let title: string;
  let fundYearId: string;
  let officerToken: string;
  let applicantToken: string;
  let organisationId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    const ref = await seedReference(t);
    const round = await createOpenRound(t);
    fundYearId = round.fundYearId;
    const applicant = await registerApplicant(t, { email: 'dee@example.org' });
    applicantEmail = applicant.email;
    const organisation = await t.post('/api/v1/organisations', ORGANISATION_BODY, { token: applicant.token });
    applicantToken = applicant.token;
    organisationId = organisation.body.id as string;
    title = 'Safer streets after dark';
    await submitApplication(t, applicant.token, {
      organisationId: organisation.body.id as string,
      roundId: round.id,
      ref,
      objectiveIds: round.objectiveIds.slice(0, 1),
      answers: { title },
    });
    const officer = await createStaffUser(t, [Role.Officer], { email: 'owen@example.org' });
    officerEmail = officer.email;
    officerToken = officer.token;
    // A second application, awarded and accepted, whose first report is then made overdue.
    const second = await recommendApplication(t, {
      applicantToken: applicant.token,
      officer,
      organisationId: organisation.body.id as string,
      roundId: round.id,
      ref,
      objectiveIds: round.objectiveIds.slice(0, 1),
      answers: { title: 'Lights on the towpath' },
    });
    const approver = await createStaffUser(t, [Role.Approver]);
    const decision = await awardApplication(t, second, approver);
    await acceptOffer(t, decision.award, applicant);
    await t.dataSource.query(
      `UPDATE monitoring_reports SET due_on = DATE '2026-01-15'
        WHERE id = (SELECT id FROM monitoring_reports WHERE award_id = $1 ORDER BY position LIMIT 1)`,
      [decision.award.id],
    );
    ({ base, launched } = await serveToBrowser(t));
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
    await t?.close();
  });

  async function signIn(email: string) {
    const context = await requireBrowser(launched).newContext({ bypassCSP: true });
    return { context, ...(await portalSignIn(context, base, email)) };
  }

  it('shows an officer the application waiting to be screened and the fund year’s money', async () => {
    const { context, page, problems } = await signIn(officerEmail);
    try {
      expect(await page.locator('h1').innerText()).toBe('Your work');
      const main = await page.locator('main').innerText();
      expect(main).toContain('To screen (1)');
      expect(main).toContain(title);
      expect(main).toContain('No applications are being assessed.');
      expect(main).toContain('Monitoring reports overdue (1)');
      if (SCREENSHOTS)
        await page.screenshot({ path: join(SCREENSHOTS, 'portal-officer-home.png'), fullPage: true });
      expect(main).toContain('15 January 2026');
      const position = await t.app.get(FundsService).position(fundYearId);
      expect(main).toContain(`${position.fundYear.label} (ended`);
      expect(main).toContain(formatPence(position.capPence));
      expect(main).toContain(formatPence(position.availablePence));
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('draws the fund year’s money by area, partnership and objective, as charts and tables', async () => {
    const { context, page, problems } = await signIn(officerEmail);
    try {
      await page.getByRole('link', { name: 'Reports' }).click();
      await page.waitForURL(/\/portal\/reports$/);
      expect(await axeViolations(page)).toEqual([]);
      const position = await t.app.get(FundsService).position(fundYearId);
      await page
        .getByRole('link', { name: new RegExp(`${position.fundYear.label}$`) })
        .first()
        .click();
      await page.waitForURL(new RegExp(`/portal/reports/fund-years/${fundYearId}$`));
      const charts = page.locator('svg.portal-chart');
      expect(await charts.count()).toBe(3);
      if (SCREENSHOTS)
        await page.screenshot({ path: join(SCREENSHOTS, 'portal-fund-year-report.png'), fullPage: true });
      expect(
        await page.getByRole('img', { name: /^By local authority area: money committed and paid/ }).count(),
      ).toBe(1);
      // The accepted award's money is in the year: its bar, its row, and the year's totals.
      const report = (await t.get(`/api/v1/reports/fund-years/${fundYearId}`, { token: officerToken })).body;
      const area = report.byArea[0];
      expect(area.committedPence).toBeGreaterThan(0);
      expect(await page.locator('main').innerText()).toContain(formatPence(area.committedPence));
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('puts every fund year of the plan side by side, as charts and a table', async () => {
    const { context, page, problems } = await signIn(officerEmail);
    try {
      await page.goto(`${base}/portal/reports`);
      await page.locator('a[href^="/portal/reports/plans/"]').first().click();
      await page.waitForURL(/\/portal\/reports\/plans\/[0-9a-f-]{36}$/);
      expect(await page.locator('svg.portal-chart').count()).toBe(3);
      const planId = page.url().split('/').pop()!;
      const report = (await t.get(`/api/v1/reports/plan-period?planId=${planId}`, { token: officerToken }))
        .body;
      const main = await page.locator('main').innerText();
      for (const y of report.fundYears) expect(main).toContain(y.fundYear.label);
      const area = report.byArea[0];
      expect(area.total.committedPence).toBeGreaterThan(0);
      expect(main).toContain(formatPence(area.total.committedPence));
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('keeps the reports from anyone who is not staff, and answers a bad id with the 404 page', async () => {
    const { context, page } = await signIn(applicantEmail);
    try {
      for (const path of [
        '/portal/reports',
        `/portal/reports/fund-years/${fundYearId}`,
        '/portal/reports/plans/00000000-0000-4000-8000-000000000000',
      ]) {
        const res = await page.goto(`${base}${path}`);
        expect(res!.status(), path).toBe(404);
      }
    } finally {
      await context.close();
    }
    const officer = await signIn(officerEmail);
    try {
      for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
        for (const kind of ['fund-years', 'plans']) {
          const res = await officer.page.goto(`${base}/portal/reports/${kind}/${id}`);
          expect(res!.status(), `${kind} ${id}`).toBe(404);
        }
      }
    } finally {
      await officer.context.close();
    }
  }, 60_000);

  it('gives an applicant their own dashboard, never the officers’ work', async () => {
    const { context, page } = await signIn(applicantEmail);
    try {
      expect(await page.locator('h1').innerText()).toBe('Your applications');
      const main = await page.locator('main').innerText();
      expect(main).toContain(title);
      expect(main).toContain('Sent');
      expect(main).not.toContain('To screen');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('lets an invited volunteer join the organisation from their dashboard, once', async () => {
    const invitee = await registerApplicant(t, { email: 'ifan@example.org' });
    const invited = await t.post(
      `/api/v1/organisations/${organisationId}/members`,
      { email: invitee.email },
      { token: applicantToken },
    );
    expect(invited.status).toBe(202);
    const { context, page, problems } = await signIn(invitee.email);
    try {
      const banner = page.getByRole('region', { name: 'Invitation' });
      expect(await banner.innerText()).toContain(`You have been invited to join ${ORGANISATION_BODY.name}`);
      expect(await axeViolations(page)).toEqual([]);
      const form = await page.locator('form[action^="/portal/invitations/"]').getAttribute('action');
      await page.getByRole('button', { name: `Join ${ORGANISATION_BODY.name}` }).click();
      await page.waitForURL(/\/portal\/dashboard$/);
      expect(await page.getByRole('region', { name: 'Invitation' }).count()).toBe(0);
      expect(await page.locator('main').innerText()).toContain(
        `You apply on behalf of ${ORGANISATION_BODY.name}`,
      );
      const members = await t.get(`/api/v1/organisations/${organisationId}/members`, {
        token: applicantToken,
      });
      expect(JSON.stringify(members.body)).toContain(invitee.email);
      // The same answer again (a double click, the back button): the closed page, and nothing changes.
      const csrf = (await context.cookies()).find((c) => c.name === 'grants_csrf')!.value;
      const again = await page.request.post(`${base}${form}`, { form: { _csrf: csrf, answer: 'decline' } });
      expect(again.status()).toBe(409);
      expect(await again.text()).toContain('This invitation is closed');
      const after = await t.get(`/api/v1/organisations/${organisationId}/members`, { token: applicantToken });
      expect(after.body).toEqual(members.body);
      const junk = await page.request.post(`${base}${form}`, { form: { _csrf: csrf, answer: 'maybe' } });
      expect(junk.status()).toBe(404);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('lets an administrator add a member of staff, change their roles and disable them; no one else', async () => {
    const admin = await createStaffUser(t, [Role.Admin], { email: 'ada@example.org' });
    const { context, page, problems } = await signIn(admin.email);
    try {
      await page.getByRole('link', { name: 'Staff accounts' }).click();
      await page.waitForURL(/\/portal\/admin\/users$/);
      expect(await page.locator('#users').innerText()).toContain(officerEmail);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Add the account' }).click();
      const summary = page.locator('.govuk-error-summary');
      expect(await summary.innerText()).toContain('Enter their full name');
      expect(await summary.innerText()).toContain('Select at least one role');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Full name').fill('Pat Newstaff');
      await page.getByLabel('Email address').fill('pat@example.org');
      await page.locator('#roles').check();
      await page.getByRole('button', { name: 'Add the account' }).click();
      await page.locator('#users', { hasText: 'Pat Newstaff (pat@example.org)' }).waitFor();
      await t.mail.waitFor('pat@example.org');
      const [pat] = await t.dataSource.query(`SELECT id FROM users WHERE email = 'pat@example.org'`);
      const form = page.locator(`form[action="/portal/admin/users/${pat.id}"]`);
      await form.locator('input[value="finance"]').check();
      await form.getByRole('button', { name: /^Save roles/ }).click();
      await page.locator('#users').waitFor();
      expect((await t.dataSource.query(`SELECT roles FROM users WHERE id = $1`, [pat.id]))[0].roles).toEqual([
        'officer',
        'finance',
      ]);
      await page
        .locator(`form[action="/portal/admin/users/${pat.id}"]`)
        .getByRole('button', { name: /^Disable/ })
        .click();
      await page.locator('#users', { hasText: 'Pat Newstaff (pat@example.org), disabled' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
    const officer = await signIn(officerEmail);
    try {
      expect((await officer.page.goto(`${base}/portal/admin/users`))!.status()).toBe(404);
      expect(await officer.page.getByRole('link', { name: 'Staff accounts' }).count()).toBe(0);
    } finally {
      await officer.context.close();
    }
  }, 60_000);
});
