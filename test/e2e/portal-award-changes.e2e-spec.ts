import { AwardQueries } from '@grants/awards';
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
const KEY_PAGES = new Set(['award with changes', 'vary, refused', 'revoke', 'timeline']);
const PAGE_BUDGET_BYTES = 100_000;
const PAID = 300_000;

/**
 * A paid grant changed after the fact, in a real browser: finance records money returned and the net paid
 * balances; an approver varies the grant (after the service refuses an increase and a cut below what is
 * paid) and the change shows as its history; the timeline lists every step in order; and the approver
 * revokes the grant from its own confirmation page. Staff without the route's role meet the 404 page.
 */
describe.each([
  { javaScript: true, state: 'on' },
  { javaScript: false, state: 'off' },
])('the portal: a grant’s returns, variations and revocation, JavaScript $state', ({ javaScript }) => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let awardId: string;
  let people: GrantPeople;
  let today: string;
  const checked: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    ({ awardId, people, today } = await paidGrant(t, PAID));
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
  /** The award as the service reads it back, for a member of staff. */
  const stored = async () => {
    const [staff] = await t.dataSource.query(
      `SELECT id, email, display_name AS "displayName" FROM users WHERE id = $1`,
      [people.approver.userId],
    );
    return t.app.get(AwardQueries).get({ ...staff, roles: ['approver'], sessionId: 'test' }, awardId);
  };
  const dateFields = (prefix: string, date: string): Record<string, string> => {
    const [yy, mm, dd] = date.split('-');
    return {
      [`${prefix}-day`]: String(Number(dd)),
      [`${prefix}-month`]: String(Number(mm)),
      [`${prefix}-year`]: yy!,
    };
  };
  const fillDate = async (page: Page, prefix: string, date: string) => {
    for (const [name, value] of Object.entries(dateFields(prefix, date)))
      await page.locator(`#${name}`).fill(value);
  };

  it('lets no one change a grant outside their role, and changes nothing when they try', async () => {
    const before = await stored();
    const context = await requireBrowser(launched).newContext({ javaScriptEnabled: javaScript });
    try {
      for (const [who, refused] of [
        ['officer', ['returns', 'variations', 'revoke']],
        ['approver', ['returns']],
        ['finance', ['variations', 'revoke']],
        ['holder', ['returns', 'variations', 'revoke']],
        ['outsider', ['returns', 'variations', 'revoke', 'timeline']],
      ] as const) {
        await context.clearCookies();
        const { page } = await portalSignIn(context, base, people[who].email);
        const csrf = (await context.cookies()).find((c) => c.name === 'grants_csrf')!.value;
        for (const path of refused) {
          const url = `${base}/portal/awards/${awardId}/${path}`;
          expect((await page.goto(url))!.status(), `${who} GET ${path}`).toBe(404);
          expect(await page.locator('h1').innerText()).toBe('Page not found');
          if (path === 'timeline') continue;
          const res = await page.request.post(url, {
            form: { _csrf: csrf, amount: '10', ...dateFields('on', today), reference: 'x', reason: 'x' },
          });
          expect(res.status(), `${who} POST ${path}`).toBe(404);
        }
      }
      // Finance, with a bad id and with a body of the wrong shape: the 404 page and a problem, never a 500.
      await context.clearCookies();
      const { page } = await portalSignIn(context, base, people.finance.email);
      const csrf = (await context.cookies()).find((c) => c.name === 'grants_csrf')!.value;
      expect((await page.goto(`${base}/portal/awards/not-an-id/returns`))!.status()).toBe(404);
      const junk = await page.request.post(`${base}/portal/awards/${awardId}/returns`, {
        form: {
          _csrf: csrf,
          amount: '-5',
          'on-day': '31',
          'on-month': '2',
          'on-year': '20x6',
          reference: ' ',
        },
      });
      expect(junk.status()).toBe(400);
      expect(await junk.text()).toContain('Enter the amount returned in pounds');
    } finally {
      await context.close();
    }
    expect(await stored()).toEqual(before);
  }, 120_000);

  it('keeps the grant’s change pages under 100 KB on the wire', async () => {
    const browser = requireBrowser(launched);
    const sizes: Record<string, number> = {};
    for (const [who, paths] of [
      ['finance', ['', '/returns']],
      ['approver', ['/variations', '/revoke', '/timeline']],
    ] as const) {
      const context = await browser.newContext();
      try {
        await portalSignIn(context, base, people[who].email);
        for (const path of paths) {
          sizes[`/portal/awards/:id${path}`] = await transferredBytes(
            browser,
            `${base}/portal/awards/${awardId}${path}`,
            await context.cookies(),
          );
        }
      } finally {
        await context.close();
      }
    }
    process.stdout.write(
      `portal award changes page weight (bytes, nothing cached): ${JSON.stringify(sizes)}\n`,
    );
    for (const [path, bytes] of Object.entries(sizes)) {
      expect(bytes, path).toBeGreaterThan(10_000);
      expect(bytes, path).toBeLessThan(PAGE_BUDGET_BYTES);
    }
  }, 60_000);
  it('records a return, varies the grant (after two refusals), shows the timeline and revokes it', async () => {
    await as('finance', async (page) => {
      await page.goto(`${base}/portal/awards/${awardId}`);
      await page.getByRole('link', { name: 'Record money returned' }).click();
      await page.waitForURL(new RegExp(`/portal/awards/${awardId}/returns$`));
      await check(page, 'return');
      await page.getByRole('button', { name: 'Record the return' }).click();
      const summary = page.locator('.govuk-error-summary');
      expect(await summary.innerText()).toContain('Enter the amount returned in pounds');
      expect(await summary.innerText()).toContain('Enter the date the money was returned');
      expect(await summary.innerText()).toContain('Enter the bank or remittance reference');
      await check(page, 'return, errors');
      // More than was paid: the service's rule, in its words, and what was typed kept.
      await page.getByLabel('Amount returned').fill('5000');
      await fillDate(page, 'on', today);
      await page.getByLabel('Bank or remittance reference').fill('RETURN 42');
      await page.getByRole('button', { name: 'Record the return' }).click();
      expect(await summary.innerText()).toContain('At most 300000 pence can be returned');
      expect(await page.getByLabel('Bank or remittance reference').inputValue()).toBe('RETURN 42');
      await check(page, 'return, refused');
      await page.getByLabel('Amount returned').fill('250.50');
      await page.getByRole('button', { name: 'Record the return' }).click();
      await page.waitForURL(new RegExp(`/portal/awards/${awardId}$`));
      expect(await page.locator('#payments').innerText()).toContain('RETURN 42');
      expect(await page.locator('#net-paid').innerText()).toBe('£2,749.50');
    });
    const afterReturn = await stored();
    expect(afterReturn).toMatchObject({
      paidPence: PAID,
      returnedPence: 25_050,
      netSpendPence: PAID - 25_050,
    });

    const amount = afterReturn.amountPence;
    await as('approver', async (page) => {
      await page.goto(`${base}/portal/awards/${awardId}`);
      await page.getByRole('link', { name: 'Vary the grant' }).click();
      await check(page, 'vary');
      await page.getByRole('button', { name: 'Vary the grant' }).click();
      const summary = page.locator('.govuk-error-summary');
      expect(await summary.innerText()).toContain('Enter a new amount, a new end date, or both');
      expect(await summary.innerText()).toContain('Say why the grant is being varied');
      await page.getByLabel('Why is the grant being varied?').fill('One of the three venues withdrew.');
      await page.getByLabel('New amount (optional)').fill(String(amount / 100 + 1000));
      await page.getByRole('button', { name: 'Vary the grant' }).click();
      expect(await summary.innerText()).toContain('A variation may only reduce the award');
      await page.getByLabel('New amount (optional)').fill('1000');
      await page.getByRole('button', { name: 'Vary the grant' }).click();
      expect(await summary.innerText()).toContain('already paid');
      expect(await page.getByLabel('Why is the grant being varied?').inputValue()).toBe(
        'One of the three venues withdrew.',
      );
      await check(page, 'vary, refused');
      await page.getByLabel('New amount (optional)').fill('4000');
      await fillDate(page, 'endDate', '2028-03-31');
      await page.getByRole('button', { name: 'Vary the grant' }).click();
      await page.waitForURL(new RegExp(`/portal/awards/${awardId}$`));
      const history = await page.locator('#variations').innerText();
      expect(history).toContain('£4,000.00');
      expect(history).toContain('31 March 2028');
      expect(history).toContain('One of the three venues withdrew.');
      await check(page, 'award with changes');
    });
    expect(await stored()).toMatchObject({ amountPence: 400_000, endDate: '2028-03-31' });

    await as('holder', async (page) => {
      await page.goto(`${base}/portal/awards/${awardId}`);
      expect(await page.locator('#variations').innerText()).toContain('One of the three venues withdrew.');
      await page.getByRole('link', { name: 'See what has happened to this grant' }).click();
      const steps = await page.locator('#timeline h2').allInnerTexts();
      const order = [
        'Application sent',
        // One decision: the offer is written, then the application moves to awarded.
        'Offer made',
        'Grant awarded',
        'Offer accepted',
        'Payment made',
        'Money returned',
        'Grant varied',
      ];
      const at = order.map((s) => steps.findIndex((x) => x.startsWith(s)));
      expect(
        at.every((i) => i >= 0),
        JSON.stringify(steps),
      ).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      const text = await page.locator('#timeline').innerText();
      // The grant holder is named; staff only by role, and their own notes stay theirs.
      expect(text).toContain('by Hana Holder (applicant)');
      expect(text).toContain('by Grants approver');
      expect(text).not.toContain('Ada Approver');
      expect(text).not.toContain('Seen on the visit');
      expect(text).toMatch(/\d{1,2} \w+ \d{4} at (\d{1,2}(:\d{2})?(am|pm)|midday|midnight)/);
      await check(page, 'timeline, grant holder');
    });

    await as('officer', async (page) => {
      await page.goto(`${base}/portal/awards/${awardId}/timeline`);
      const text = await page.locator('#timeline').innerText();
      expect(text).toContain('by Ada Approver (grants approver)');
      expect(text).toContain('Seen on the visit');
      expect(text).toContain('Money returned: £250.50, RETURN 42');
      await check(page, 'timeline');
    });

    await as('approver', async (page) => {
      await page.goto(`${base}/portal/awards/${awardId}`);
      await page.getByRole('link', { name: 'Revoke the grant' }).click();
      await page.waitForURL(new RegExp(`/portal/awards/${awardId}/revoke$`));
      expect(await page.locator('h1').innerText()).toBe('Are you sure you want to revoke this grant?');
      expect(await page.locator('.govuk-warning-text').innerText()).toContain('You cannot undo this');
      await check(page, 'revoke');
      await page.getByLabel('Repayment due (optional)').fill('lots');
      await page.getByRole('button', { name: 'Revoke the grant' }).click();
      const summary = page.locator('.govuk-error-summary');
      expect(await summary.innerText()).toContain('Say which condition was breached, and how');
      expect(await summary.innerText()).toContain('Enter the repayment due in pounds');
      await check(page, 'revoke, errors');
      expect((await stored()).status).toBe('accepted');
      await page.getByLabel('Which condition was breached, and how?').fill('The money paid for a holiday.');
      await page.getByLabel('Repayment due (optional)').fill('1000');
      await page.getByRole('button', { name: 'Revoke the grant' }).click();
      await page.waitForURL(new RegExp(`/portal/awards/${awardId}$`));
      expect(await page.locator('main').innerText()).toContain('The money paid for a holiday.');
      // Revoked: nothing more to vary or revoke.
      expect(await page.getByRole('link', { name: 'Vary the grant' }).count()).toBe(0);
      expect((await page.goto(`${base}/portal/awards/${awardId}/revoke`))!.status()).toBe(404);
    });
    expect(await stored()).toMatchObject({ status: 'revoked', repaymentDuePence: 100_000 });

    expectNoAxeViolations(checked, 'portal award changes', javaScript ? 10 : 0);
  }, 240_000);
});
