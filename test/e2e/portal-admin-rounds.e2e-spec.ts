import { Role } from '@grants/accounts';
import { addDays, calendarDateIn, Clock } from '@grants/common';
import { RoundsService } from '@grants/rounds';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../support/accounts';
import { asSignedIn, expectNoAxeViolations, requireBrowser, serveToBrowser } from '../support/browser';
import { SeededReference, seedReference } from '../support/reference';
import {
  checkPage,
  expectSignedInPagesWithinBudget,
  fillDateInput,
  serviceNavLink,
} from '../support/portal-pages';
import { createTestApp, TestApp } from '../support/test-app';

/** PORTAL_SCREENSHOTS=docs/screenshots: the pages whose pictures the README may show. */
const KEY_PAGES = new Set(['admin rounds, with drafts', 'admin new round, errors', 'admin round, open']);

/**
 * An administrator sets up a funding round in a real browser: every term on one form (after the errors a
 * person meets: no name, money that is not money, a round that closes before it opens), UK times on the
 * funder's clocks, the service refusing a largest grant over the fund year's cap; then changes the draft,
 * publishes it, and it is open on the public rounds page. Once open, its frozen terms are refused and its
 * close may move later; a copy makes the next round as a draft. Again with JavaScript off; an officer who is
 * not an administrator finds none of it.
 */
describe('the portal: administering funding rounds, in headless Chromium', () => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let ref: SeededReference;
  let adminEmail: string;
  let officerEmail: string;
  let today: string;
  const checked: Record<string, string[]> = {};
  const made: { roundId?: string; copyId?: string } = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    ref = await seedReference(t);
    today = calendarDateIn(t.app.get(Clock).now(), 'Europe/London');
    adminEmail = (await createStaffUser(t, [Role.Admin], { email: 'ada@example.org' })).email;
    officerEmail = (await createStaffUser(t, [Role.Officer], { email: 'owen@example.org' })).email;
    ({ base, launched } = await serveToBrowser(t));
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
    await t?.close();
  });

  const summary = (page: Page) => page.locator('.govuk-error-summary');

  /** "5pm on 31 July 2027" for a date in the test's window. */
  const longDate = (date: string): string =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });

  async function publicRounds(): Promise<string> {
    return (await fetch(`${base}/portal/rounds`)).text();
  }

  async function journey(page: Page, title: string, axe: boolean): Promise<string> {
    const check = async (name: string): Promise<void> => {
      if (axe) await checkPage(page, `admin ${name}`, checked, KEY_PAGES);
    };
    const objective = (n: number) => ref.objectives.find((o) => o.number === n)!;

    await serviceNavLink(page, 'Round set-up').click();
    await page.waitForURL(/\/portal\/admin\/rounds$/);
    expect(await page.locator('h1').innerText()).toBe('Rounds');
    await check('rounds');
    await page.getByRole('button', { name: 'Set up a round' }).click();
    await page.waitForURL(/\/portal\/admin\/rounds\/new$/);
    // The service's defaults are on the form, to be seen and changed.
    expect(await page.getByLabel('Longest a project may last').inputValue()).toBe('12');
    expect(await page.getByLabel('Time it opens').inputValue()).toBe('9am');
    expect(await page.locator('#criterion-0-title').inputValue()).toBe("Fit with the plan's objectives");
    expect(await page.getByLabel('Costs it does not pay for (optional)').inputValue()).toContain(
      'ongoing core running costs',
    );
    await check('new round');

    // No name, money that is not money, and a round that would close before it opens.
    await page.getByLabel('Fund year the grants are paid from').selectOption(ref.fundYearId);
    await page.getByLabel('Version of the plan').selectOption(ref.planVersionId);
    await fillDateInput(page, 'Date it opens', addDays(today, -1));
    await fillDateInput(page, 'Date it closes', addDays(today, -2));
    await page.getByLabel('Smallest grant').fill('five hundred');
    await page.getByLabel('Largest grant').fill('25,000');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    expect(await page.title()).toMatch(/^Error: Set up a round/);
    for (const message of [
      'Enter the round’s name',
      'The round must close after it opens',
      'The smallest grant must be an amount in pounds, like 500 or 500.00',
      'Select at least one objective the round funds',
    ]) {
      expect(await summary(page).innerText()).toContain(message);
    }
    // What was typed stays.
    expect(await page.getByLabel('Largest grant').inputValue()).toBe('25,000');
    expect(await page.getByLabel('Fund year the grants are paid from').inputValue()).toBe(ref.fundYearId);
    await check('new round, errors');

    // Right this time, but the largest grant is more than the fund year's cap: the service refuses it.
    await page.getByLabel('Name', { exact: true }).fill(title);
    await page
      .getByLabel('Description (optional)')
      .fill('One-off grants for groups.\n\nApply by the closing date.');
    await fillDateInput(page, 'Date it closes', addDays(today, 60));
    await page.getByLabel('Time it closes').fill('17:30');
    await page.getByLabel('Smallest grant').fill('500');
    await page.getByLabel('Largest grant').fill('2,000,000');
    for (const n of [3, 5]) {
      await page.getByLabel(`${n}. ${objective(n).title}`, { exact: true }).check();
    }
    await page.getByLabel('Registered charity', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    expect(await summary(page).innerText()).toContain(
      "The largest grant must not exceed the fund year's cap of £1,000,000.00",
    );
    await check('new round, refused');
    await page.getByLabel('Largest grant').fill('25000');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.waitForURL(/\/portal\/admin\/rounds\/[0-9a-f-]{36}$/);
    const roundId = page.url().split('/').pop()!;
    expect(await page.locator('h1').innerText()).toBe(title);
    expect(await page.locator('#status').innerText()).toBe('Draft');
    const terms = await page.locator('#terms').innerText();
    expect(terms).toContain(`9am on ${longDate(addDays(today, -1))}`);
    expect(terms).toContain(`5:30pm on ${longDate(addDays(today, 60))}`);
    expect(terms).toContain('£500.00 to £25,000.00');
    expect(terms).not.toContain('Registered charity');
    expect(await page.locator('#objectives').innerText()).toContain(objective(5).title);
    await check('round, draft');
    // What the service stored: the London times as instants, the pounds as pence.
    const stored = await t.app.get(RoundsService).getView(roundId, { includeDrafts: true });
    expect(calendarDateIn(stored.opensAt, 'Europe/London')).toBe(addDays(today, -1));
    expect(stored.maxAwardPence).toBe(2_500_000);
    expect(stored.acceptedLegalForms).not.toContain('registered_charity');
    expect(stored.objectiveIds).toHaveLength(2);
    expect(stored.criteria).toHaveLength(6);
    expect(stored.standardConditions).toHaveLength(6);
    // A draft is not on the public page.
    expect(await publicRounds()).not.toContain(title);

    // Change the draft: a longer name, a smaller largest grant, a criterion fewer.
    await page.getByRole('link', { name: 'Change the round' }).click();
    await page.waitForURL(new RegExp(`/portal/admin/rounds/${roundId}/edit$`));
    expect(await page.getByLabel('Time it closes').inputValue()).toBe('5:30pm');
    expect(await page.getByLabel('Largest grant').inputValue()).toBe('25000');
    await check('round, change');
    await page.getByLabel('Name', { exact: true }).fill(`${title}: small grants`);
    await page.getByLabel('Largest grant').fill('20000');
    await page.locator('#criterion-5-title').fill('');
    await page.locator('#criterion-5-guidance').fill('');
    await page.locator('#criterion-5-weight').fill('');
    await page.getByLabel('Smallest grant').fill('');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    expect(await summary(page).innerText()).toContain('Enter the smallest grant in pounds, like 500');
    await page.getByLabel('Smallest grant').fill('500');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.waitForURL(new RegExp(`/portal/admin/rounds/${roundId}$`));
    expect(await page.locator('h1').innerText()).toBe(`${title}: small grants`);
    expect(await page.locator('#terms').innerText()).toContain('£500.00 to £20,000.00');
    expect(await page.locator('#criteria tbody tr').count()).toBe(5);

    // Publish: it is open, and on the public page.
    await page.getByRole('button', { name: 'Publish the round' }).click();
    await page.waitForURL(new RegExp(`/portal/admin/rounds/${roundId}$`));
    expect(await page.locator('#status').innerText()).toBe('Open');
    await check('round, open');
    expect(await publicRounds()).toContain(`${title}: small grants`);
    // Publishing twice (the back button, a second tab) is the service's refusal on the page.
    const csrf = (await page.context().cookies()).find((c) => c.name === 'grants_csrf')!.value;
    const again = await page.request.post(`${base}/portal/admin/rounds/${roundId}/publish`, {
      form: { _csrf: csrf },
    });
    expect(again.status()).toBe(400);
    expect(await again.text()).toContain('The round is already published');

    // Open, its limits are frozen; its close can move later.
    await page.getByRole('link', { name: 'Change the round' }).click();
    await page.getByLabel('Smallest grant').fill('750');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    expect(await summary(page).innerText()).toContain(
      'The round has opened, so the smallest grant can no longer change',
    );
    await check('round, change refused');
    await page.getByLabel('Smallest grant').fill('500');
    await fillDateInput(page, 'Date it closes', addDays(today, 61));
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.waitForURL(new RegExp(`/portal/admin/rounds/${roundId}$`));
    expect(await page.locator('#terms').innerText()).toContain(`5:30pm on ${longDate(addDays(today, 61))}`);

    // The next round from this one: a window that closes before it opens first.
    await page.getByRole('link', { name: 'Make the next round from this one' }).click();
    await page.waitForURL(new RegExp(`/portal/admin/rounds/${roundId}/copy$`));
    expect(await page.getByLabel('Name of the new round').inputValue()).toBe(`${title}: small grants`);
    await check('round, copy');
    await page.getByLabel('Name of the new round').fill(`${title}: next year`);
    await fillDateInput(page, 'Date it opens', addDays(today, 365));
    await fillDateInput(page, 'Date it closes', addDays(today, 300));
    await page.getByRole('button', { name: 'Make the new round' }).click();
    expect(await summary(page).innerText()).toContain('The round must close after it opens');
    await check('round, copy errors');
    await fillDateInput(page, 'Date it closes', addDays(today, 425));
    await page.getByRole('button', { name: 'Make the new round' }).click();
    await page.waitForURL(/\/portal\/admin\/rounds\/[0-9a-f-]{36}$/);
    const copyId = page.url().split('/').pop()!;
    expect(copyId).not.toBe(roundId);
    expect(await page.locator('h1').innerText()).toBe(`${title}: next year`);
    expect(await page.locator('#status').innerText()).toBe('Draft');
    expect(await page.locator('#terms').innerText()).toContain('£500.00 to £20,000.00');
    expect(await page.locator('#terms').innerText()).toContain(`5:30pm on ${longDate(addDays(today, 425))}`);

    // Every round, drafts too, with where each stands.
    await serviceNavLink(page, 'Round set-up').click();
    const rows = page.locator('#rounds tbody tr');
    expect(await rows.filter({ hasText: `${title}: small grants` }).innerText()).toContain('Open');
    expect(await rows.filter({ hasText: `${title}: next year` }).innerText()).toContain('Draft');
    await check('rounds, with drafts');
    // The public page still lists open rounds only.
    const open = await publicRounds();
    expect(open).toContain(`${title}: small grants`);
    expect(open).not.toContain(`${title}: next year`);
    made.roundId ??= roundId;
    made.copyId ??= copyId;
    return roundId;
  }

  it('takes an administrator from a new round to an open one on the public page, with no axe violation', async () => {
    await asSignedIn(launched, base, adminEmail, true, (page) => journey(page, 'Safer Streets 2027', true));
    expectNoAxeViolations(checked, 'portal round administration', 11);
  }, 180_000);

  it('does the same with JavaScript off, within the CSP', async () => {
    await asSignedIn(launched, base, adminEmail, false, (page) => journey(page, 'Quiet Lanes 2027', false));
  }, 180_000);

  it('shows an officer who is not an administrator the 404 page for all of it, and no link to it', async () => {
    expect(made.copyId).toBeDefined();
    await asSignedIn(launched, base, officerEmail, true, async (page) => {
      expect(await serviceNavLink(page, 'Round set-up').count()).toBe(0);
      for (const path of [
        '/portal/admin/rounds',
        '/portal/admin/rounds/new',
        `/portal/admin/rounds/${made.copyId}`,
        `/portal/admin/rounds/${made.copyId}/edit`,
        `/portal/admin/rounds/${made.copyId}/copy`,
      ]) {
        const res = await page.goto(`${base}${path}`);
        expect(res!.status(), path).toBe(404);
        expect(await page.locator('h1').innerText()).toBe('Page not found');
      }
      const csrf = (await page.context().cookies()).find((c) => c.name === 'grants_csrf')!.value;
      for (const path of [
        '/portal/admin/rounds/new',
        `/portal/admin/rounds/${made.copyId}/edit`,
        `/portal/admin/rounds/${made.copyId}/publish`,
        `/portal/admin/rounds/${made.copyId}/copy`,
      ]) {
        const res = await page.request.post(`${base}${path}`, { form: { _csrf: csrf, title: 'Sneaky' } });
        expect(res.status(), path).toBe(404);
      }
      // The officers' own rounds page is still theirs.
      expect((await page.goto(`${base}/portal/rounds`))!.status()).toBe(200);
    });
    const copy = await t.app.get(RoundsService).getView(made.copyId!, { includeDrafts: true });
    expect(copy.phase).toBe('draft');
    // Junk ids, absent rounds and cursors this service never issued are the 404 page for an administrator too.
    await asSignedIn(launched, base, adminEmail, true, async (page) => {
      for (const path of [
        '/portal/admin/rounds/not-a-uuid',
        '/portal/admin/rounds/00000000-0000-4000-8000-000000000000',
        '/portal/admin/rounds/00000000-0000-4000-8000-000000000000/edit',
        '/portal/admin/rounds?cursor=junk',
      ]) {
        expect((await page.goto(`${base}${path}`))!.status(), path).toBe(404);
      }
    });
  }, 60_000);

  it('answers junk posted to its forms with the problems on the page, never a 500, and changes nothing', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM rounds`);
    await asSignedIn(launched, base, adminEmail, true, async (page) => {
      const csrf = (await page.context().cookies()).find((c) => c.name === 'grants_csrf')!.value;
      const junk = {
        _csrf: csrf,
        title: 'x'.repeat(301),
        fundYearId: 'not-an-id',
        'opensAt-day': '99',
        'opensAt-month': '13',
        'opensAt-year': '20',
        'closesAt-time': '25:00',
        minAward: '1e6',
        maxAward: '£££',
        maxProjectMonths: '-1',
        criterionRows: 'lots',
        conditionRows: '1000000',
        'condition-0-text': 'Something',
        'condition-0-timing': 'never',
        objectiveIds: '../../etc/passwd',
        acceptedLegalForms: 'pirate_ship',
      };
      for (const path of ['/portal/admin/rounds/new', `/portal/admin/rounds/${made.copyId}/edit`]) {
        const res = await page.request.post(`${base}${path}`, { form: junk });
        expect(res.status(), path).toBe(400);
        const html = await res.text();
        for (const message of [
          'The round’s name must be 300 characters or fewer',
          'The date the round opens must be a real date',
          'The time the round closes must be a time, like 9am, 5:30pm or 17:30',
          'Select the fund year the grants are paid from',
          'The smallest grant must be an amount in pounds',
          'Select at least one objective the round funds',
          'Select at least one type of organisation that may apply',
          'Add at least one assessment criterion',
        ]) {
          expect(html, `${path}: ${message}`).toContain(message);
        }
      }
      const copy = await page.request.post(`${base}/portal/admin/rounds/${made.copyId}/copy`, {
        form: { _csrf: csrf, fundYearId: '00000000-0000-4000-8000-000000000000', 'opensAt-day': 'x' },
      });
      expect(copy.status()).toBe(400);
      const missing = await page.request.post(
        `${base}/portal/admin/rounds/00000000-0000-4000-8000-000000000000/publish`,
        { form: { _csrf: csrf } },
      );
      expect(missing.status()).toBe(404);
    });
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM rounds`)).toEqual(before);
  }, 60_000);

  it('keeps the round pages under 100 KB on the wire', async () => {
    await expectSignedInPagesWithinBudget(
      requireBrowser(launched),
      base,
      adminEmail,
      [
        '/portal/admin/rounds',
        '/portal/admin/rounds/new',
        `/portal/admin/rounds/${made.roundId}`,
        `/portal/admin/rounds/${made.roundId}/edit`,
        `/portal/admin/rounds/${made.roundId}/copy`,
      ],
      'portal round administration',
    );
  }, 60_000);
});
