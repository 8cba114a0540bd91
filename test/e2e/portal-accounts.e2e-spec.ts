import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplicant, TEST_PASSWORD, tokenFromMail } from '../support/accounts';
import {
  axeViolations,
  portalSignIn,
  serveToBrowser,
  requireBrowser,
  transferredBytes,
  watchedPage,
  expectNoAxeViolations,
} from '../support/browser';
import { createOpenRound } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long and memorable passphrase';
/** PORTAL_SCREENSHOTS=docs/screenshots: where the journey saves the pictures the README shows. */
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS;
const KEY_PAGES = new Set([
  'start',
  'create account, errors',
  'dashboard',
  'organisation, errors',
  'open rounds',
]);

/** What a page may cost on a slow phone: HTML, CSS and JS on the wire, nothing cached. */
const PAGE_BUDGET_BYTES = 100 * 1024;

/**
 * The portal's account journeys in a real browser: create an account (with the errors on the way),
 * confirm the email from the link that really crossed SMTP, sign in, see the dashboard and the open
 * rounds, sign out. Every page of it is checked by axe, including the error states, and the same journey
 * runs again with JavaScript off.
 */
describe('the portal: an applicant’s account, in headless Chromium', () => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let roundTitle: string;
  const checked: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    roundTitle = (await createOpenRound(t)).title;
    ({ base, launched } = await serveToBrowser(t));
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
    await t?.close();
  });

  /** axe on the page as it stands, remembered under `name` for the one assertion at the end. */
  async function check(page: Page, name: string): Promise<void> {
    checked[name] = await axeViolations(page);
    if (SCREENSHOTS && KEY_PAGES.has(name)) {
      await page.screenshot({
        path: join(SCREENSHOTS, `portal-${name.replace(/[^a-z]+/g, '-')}.png`),
        fullPage: true,
      });
    }
  }

  async function journey(context: BrowserContext, email: string, withAxe: boolean): Promise<string[]> {
    const { page, problems } = await watchedPage(context);
    const axe = (name: string): Promise<void> => (withAxe ? check(page, name) : Promise.resolve());

    await page.goto(`${base}/portal`);
    expect(await page.locator('h1').innerText()).toBe('Apply for a community safety grant');
    await axe('start');
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL(/\/portal\/create-account$/);
    await axe('create account');

    // Nothing filled in: the error summary lists each field and links to it.
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await page.title()).toMatch(/^Error: Create an account/);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.innerText()).toContain('Enter your full name');
    expect(await summary.innerText()).toContain('Enter your email address');
    expect(await summary.innerText()).toContain('Enter a password');
    await axe('create account, errors');

    await page.getByLabel('Full name').fill('Ann Example');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Create a password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await summary.innerText()).toContain('Password must be at least 12 characters');
    // What was typed stays, but never the password.
    expect(await page.getByLabel('Full name').inputValue()).toBe('Ann Example');
    expect(await page.getByLabel('Create a password').inputValue()).toBe('');
    await page.getByLabel('Create a password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/portal\/check-your-email$/);
    await axe('check your email');

    const mail = await t.mail.waitFor(email, /confirm your email/i);
    expect(mail.text).toContain('http://localhost:3000/portal/verify-email?token=');
    await page.goto(`${base}/portal/verify-email?token=${tokenFromMail(mail.text)}`);
    await axe('confirm email');
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Email address confirmed');
    await axe('email confirmed');

    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await page.waitForURL(/\/portal\/sign-in/);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await summary.innerText()).toContain('Enter the correct email address and password');
    await axe('sign in, wrong password');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/portal\/dashboard$/);
    expect(await page.locator('h1').innerText()).toBe('Your applications');
    expect(await page.locator('main').innerText()).toContain('You have no applications yet');
    await axe('dashboard');

    await page.getByRole('button', { name: 'Add your organisation' }).click();
    await page.waitForURL(/\/portal\/organisations\/new$/);
    await axe('organisation');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    expect(await summary.innerText()).toContain('Enter the name of your organisation');
    expect(await summary.innerText()).toContain('Select the type of organisation');
    expect(await summary.innerText()).toContain('Select the area your organisation works in');
    await axe('organisation, errors');
    // A registered charity without its number: the service's own rule, in the page's words.
    await page.getByLabel('Organisation name').fill(`${email.split('@')[0]}'s Neighbourhood Watch`);
    await page.getByLabel('Registered charity', { exact: true }).check();
    await page.getByLabel('Address line 1').fill('12 Church Street');
    await page.getByLabel('Town or city').fill('Malvern');
    await page.getByLabel('Postcode').fill('wr14 3aa');
    await page.getByLabel('Area your organisation works in').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Save and continue' }).click();
    expect(await summary.innerText()).toMatch(/charity number/i);
    expect(await page.getByLabel('Organisation name').inputValue()).toContain('Neighbourhood Watch');
    await page.getByLabel('Charity number (if you have one)').fill('1123456');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/portal\/dashboard$/);
    expect(await page.locator('main').innerText()).toContain('Neighbourhood Watch');

    await page.getByRole('link', { name: 'Funding rounds', exact: true }).click();
    await page.waitForURL(/\/portal\/rounds$/);
    expect(await page.locator('main').innerText()).toContain(roundTitle);
    await axe('open rounds');

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.locator('h1').innerText()).toBe('You have signed out');
    await page.goto(`${base}/portal/dashboard`);
    await page.waitForURL(/\/portal\/sign-in\?next=%2Fportal%2Fdashboard$/);
    await axe('sign in');
    await page.close();
    return problems;
  }

  it('takes an applicant from the start page to their dashboard and out again, with no axe violation', async () => {
    const browser = requireBrowser(launched);
    // axe goes in as an inline script, which the CSP refuses: only this context bypasses it.
    const context = await browser.newContext({ bypassCSP: true });
    try {
      expect(await journey(context, 'ann@example.org', true)).toEqual([]);
    } finally {
      await context.close();
    }
    expectNoAxeViolations(checked, 'portal accounts', 10);
  }, 120_000);

  it('does the same with JavaScript off, within the CSP', async () => {
    const context = await requireBrowser(launched).newContext({ javaScriptEnabled: false });
    try {
      expect(await journey(context, 'bob@example.org', false)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('resets a forgotten password from the emailed link, and the old one stops working', async () => {
    const { email } = await registerApplicant(t, { email: 'cara@example.org' });
    const context = await requireBrowser(launched).newContext({ bypassCSP: true });
    try {
      const { page, problems } = await watchedPage(context);
      await page.goto(`${base}/portal/sign-in`);
      await page.getByRole('link', { name: 'I have forgotten my password' }).click();
      await page.waitForURL(/\/portal\/reset-password$/);
      await page.getByRole('button', { name: 'Send the link' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter your email address');
      await check(page, 'reset password, errors');
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Send the link' }).click();
      await page.waitForURL(/\/portal\/check-your-email$/);

      const mail = await t.mail.waitFor(email, /reset your .*password/i);
      expect(mail.text).toContain('http://localhost:3000/portal/reset-password?token=');
      const link = `${base}/portal/reset-password?token=${tokenFromMail(mail.text)}`;
      await page.goto(link);
      await check(page, 'new password');
      await page.getByLabel('New password').fill('short');
      await page.getByRole('button', { name: 'Change password' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'Password must be at least 12 characters',
      );
      await page.getByLabel('New password').fill('another long memorable passphrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      expect(await page.locator('.govuk-panel__title').innerText()).toBe('Your password has been changed');
      await check(page, 'password changed');

      // The link works once.
      await page.goto(link);
      await page.getByLabel('New password').fill('yet another long passphrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      expect(await page.locator('h1').innerText()).toBe('This link has expired');

      await page.goto(`${base}/portal/sign-in`);
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'Enter the correct email address',
      );
      await page.getByLabel('Password', { exact: true }).fill('another long memorable passphrase');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/portal\/dashboard$/);
      expect(problems).toEqual([]);
      for (const name of ['reset password, errors', 'new password', 'password changed']) {
        expect(checked[name], name).toEqual([]);
      }
    } finally {
      await context.close();
    }
  }, 60_000);

  it('warns before the session times out, keeps it on request, and signs out when it runs out', async () => {
    const { email } = await registerApplicant(t, { email: 'dai@example.org' });
    const context = await requireBrowser(launched).newContext({ bypassCSP: true });
    try {
      await context.clock.install();
      const { page, problems } = await portalSignIn(context, base, email);
      const dialog = page.getByRole('dialog', { name: 'You are about to be signed out' });
      const seconds = Number(await page.locator('#session-timeout').getAttribute('data-session-seconds'));
      expect(seconds).toBe(12 * 3600);
      await page.clock.fastForward((seconds - 121) * 1000);
      expect(await dialog.isVisible()).toBe(false);
      await page.clock.fastForward(2_000);
      await dialog.waitFor();
      await check(page, 'session timeout warning');
      // Focus is in the dialog, on its first button: Enter keeps the session.
      expect(await page.evaluate("document.activeElement?.textContent?.trim() ?? ''")).toBe('Stay signed in');
      const kept = page.waitForResponse((r) => r.url().endsWith('/portal/session'));
      await page.keyboard.press('Enter');
      expect((await kept).status()).toBe(204);
      await dialog.waitFor({ state: 'hidden' });
      // Left alone after that, the session ends: the page signs out by itself.
      await page.clock.fastForward(seconds * 1000);
      await page.locator('h1', { hasText: 'You have signed out' }).waitFor();
      expect(await page.locator('main').innerText()).toContain(
        'We signed you out because you had not done anything',
      );
      await page.goto(`${base}/portal/dashboard`);
      await page.waitForURL(/\/portal\/sign-in/);
      expect(problems).toEqual([]);
      expect(checked['session timeout warning']).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('keeps every page under 100 KB on the wire, govuk-frontend’s assets included', async () => {
    const browser = requireBrowser(launched);
    const sizes: Record<string, number> = {};
    for (const path of ['/portal', '/portal/create-account', '/portal/sign-in', '/portal/rounds']) {
      sizes[path] = await transferredBytes(browser, `${base}${path}`);
    }
    process.stdout.write(`portal page weight (bytes, nothing cached): ${JSON.stringify(sizes)}\n`);
    for (const [path, bytes] of Object.entries(sizes)) {
      expect(bytes, path).toBeGreaterThan(10_000);
      expect(bytes, path).toBeLessThan(PAGE_BUDGET_BYTES);
    }
  }, 60_000);

  it('refuses a form posted without this browser’s form token, and changes nothing', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM registration_requests`);
    const res = await fetch(`${base}/portal/create-account`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'displayName=Eve&email=eve%40example.org&password=a+long+enough+passphrase',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This form has expired');
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM registration_requests`)).toEqual(before);
    // A form body anywhere else is still the API's 415.
    const api = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=eve%40example.org',
    });
    expect(api.status).toBe(415);
  });

  it('answers junk with a page, never a 500', async () => {
    for (const url of [
      '/portal/nothing-here',
      '/portal/verify-email?token=%00',
      '/portal/sign-in?next=https://evil.example',
    ]) {
      const res = await fetch(`${base}${url}`);
      expect(res.status, url).toBeLessThan(500);
      expect(res.headers.get('content-type'), url).toBe('text/html; charset=utf-8');
      expect(await res.text(), url).not.toContain('evil.example');
    }
  });
});
