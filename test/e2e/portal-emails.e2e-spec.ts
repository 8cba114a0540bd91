import { Role } from '@grants/accounts';
import { ApplicationEmails } from '@grants/applications';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asSignedIn,
  axeViolations,
  expectNoAxeViolations,
  portalSignIn,
  requireBrowser,
  serveToBrowser,
  transferredBytes,
} from '../support/browser';
import { GrantPeople, paidGrant } from '../support/grants';
import { createTestApp, TestApp } from '../support/test-app';

const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS;
const KEY_PAGES = new Set(['emails sent to you', 'offer email']);
const PAGE_BUDGET_BYTES = 100_000;

/**
 * The emails the service sent, in a real browser: the grant holder finds the offer email among the
 * emails sent to them and reads it; the grant's page lists the emails about it, to the holder (theirs)
 * and to officers (everyone's, with the address); another applicant asking for the email meets the 404 page.
 */
describe.each([
  { javaScript: true, state: 'on' },
  { javaScript: false, state: 'off' },
])('the portal: emails sent to people, JavaScript $state', ({ javaScript }) => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let awardId: string;
  let people: GrantPeople;
  let offerEmailId: string;
  const checked: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' }, worker: true });
    ({ awardId, people } = await paidGrant(t, 100_000));
    await t.drainJobs();
    const [row] = await t.dataSource.query(
      `SELECT id FROM email_messages WHERE template = 'offer-made' AND recipient = $1`,
      [people.holder.email],
    );
    offerEmailId = row.id;
    ({ base, launched } = await serveToBrowser(t));
  }, 120_000);

  afterAll(async () => {
    await launched?.close();
    await t?.close();
  });

  const as = (who: keyof GrantPeople, work: (page: Page) => Promise<void>): Promise<void> =>
    asSignedIn(launched, base, people[who].email, javaScript, work);
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

  it('lets the grant holder read the offer email, from their emails and from the grant’s page', async () => {
    await as('holder', async (page) => {
      await page.getByRole('link', { name: 'Emails sent to you' }).click();
      await page.waitForURL(/\/portal\/emails$/);
      const rows = await page.locator('#emails tbody tr').allInnerTexts();
      // Newest first: the payment after the offer, and the address confirmation before both.
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.at(-1)).toContain('Confirm your email');
      const offerRow = rows.findIndex((r) => r.includes('We are offering you a grant'));
      expect(offerRow).toBeGreaterThan(0);
      expect(rows[offerRow]).toContain('Sent');
      expect(rows[offerRow]).toMatch(/\d{4} at (\d{1,2}(:\d{2})?(am|pm)|midday|midnight)/);
      await check(page, 'emails sent to you');
      await page.getByRole('link', { name: /We are offering you a grant/ }).click();
      await page.waitForURL(new RegExp(`/portal/emails/${offerEmailId}$`));
      const text = await page.locator('#email-text').innerText();
      expect(text).toContain('Good news: we are offering your group a grant');
      expect(await page.locator('.govuk-summary-list').innerText()).toContain(people.holder.email);
      await check(page, 'offer email');
      // The address confirmation carried a one-time link: its words were never kept.
      await page.goto(`${base}/portal/emails`);
      await page.getByRole('link', { name: /Confirm your email/ }).click();
      expect(await page.locator('main').innerText()).toContain('The words of this email are not kept');
      expect(await page.locator('#email-text').count()).toBe(0);
      await check(page, 'email with no words kept');

      await page.goto(`${base}/portal/awards/${awardId}`);
      const listed = await page.locator('#emails').innerText();
      expect(listed).toContain('We are offering you a grant');
      expect(listed).not.toContain('Confirm your email');
      await check(page, 'award with emails');
    });
    // What the page listed is what the service holds for them about this application.
    const { applicationId } = (
      await t.dataSource.query(`SELECT application_id AS "applicationId" FROM awards WHERE id = $1`, [
        awardId,
      ])
    )[0];
    const holder = {
      id: people.holder.userId,
      email: people.holder.email,
      displayName: 'Hana Holder',
      roles: [Role.Applicant],
      sessionId: 'test',
    };
    const theirs = await t.app.get(ApplicationEmails).forApplication(holder, applicationId);
    expect(theirs.map((e) => e.id)).toContain(offerEmailId);
    expect(theirs.every((e) => e.recipient === people.holder.email)).toBe(true);
  }, 120_000);

  it('shows officers every email about the grant, with its address, and each one to read', async () => {
    await as('officer', async (page) => {
      await page.goto(`${base}/portal/awards/${awardId}`);
      const row = page.locator('#emails tr', { hasText: 'We are offering you a grant' });
      expect(await row.innerText()).toContain(people.holder.email);
      await row.getByRole('link').click();
      await page.waitForURL(new RegExp(`/portal/emails/${offerEmailId}$`));
      expect(await page.locator('#email-text').innerText()).toContain('Read and accept the offer');
      expect(await page.getByRole('link', { name: 'Back to the case' }).count()).toBe(1);
      await check(page, 'offer email, officer');
      // An officer has no emails of their own here beyond their account's.
      await page.goto(`${base}/portal/emails`);
      expect(await page.locator('main').innerText()).not.toContain('We are offering you a grant');
    });
    expectNoAxeViolations(checked, 'portal emails', javaScript ? 5 : 0);
  }, 60_000);

  it('shows another applicant the 404 page for someone else’s email, and none of it in their list', async () => {
    await as('outsider', async (page) => {
      for (const path of [
        `/portal/emails/${offerEmailId}`,
        '/portal/emails/not-an-id',
        `/portal/awards/${awardId}`,
      ]) {
        const res = await page.goto(`${base}${path}`);
        expect(res!.status(), path).toBe(404);
        expect(await page.locator('h1').innerText()).toBe('Page not found');
        expect(await page.locator('main').innerText()).not.toContain('offering');
      }
      if (javaScript) expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${base}/portal/emails`);
      const mine = await page.locator('main').innerText();
      expect(mine).toContain('Confirm your email');
      expect(mine).not.toContain('We are offering you a grant');
    });
  }, 60_000);

  it('keeps the email pages under 100 KB on the wire', async () => {
    const browser = requireBrowser(launched);
    const context = await browser.newContext();
    const sizes: Record<string, number> = {};
    try {
      await portalSignIn(context, base, people.holder.email);
      for (const path of ['/portal/emails', `/portal/emails/${offerEmailId}`, `/portal/awards/${awardId}`]) {
        sizes[path.replace(/[0-9a-f-]{36}/, ':id')] = await transferredBytes(
          browser,
          `${base}${path}`,
          await context.cookies(),
        );
      }
    } finally {
      await context.close();
    }
    process.stdout.write(`portal email page weight (bytes, nothing cached): ${JSON.stringify(sizes)}\n`);
    for (const [path, bytes] of Object.entries(sizes)) {
      expect(bytes, path).toBeGreaterThan(10_000);
      expect(bytes, path).toBeLessThan(PAGE_BUDGET_BYTES);
    }
  }, 60_000);
});
