import { join } from 'node:path';
import { addDays, addMonths, calendarDateIn, Clock } from '@grants/common';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplicant } from '../support/accounts';
import {
  axeViolations,
  portalSignIn,
  serveToBrowser,
  requireBrowser,
  transferredBytes,
  expectNoAxeViolations,
} from '../support/browser';
import { createOpenRound } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

/** PORTAL_SCREENSHOTS=docs/screenshots: where the journey saves the pictures the README shows. */
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS;
const KEY_PAGES = new Set(['task list', 'budget, errors', 'check answers']);
const PAGE_BUDGET_BYTES = 100 * 1024;

const GROUP = {
  name: 'Barnards Green Residents Group',
  legalForm: 'constituted_community_group',
  addressLine1: '3 Court Road',
  town: 'Malvern',
  postcode: 'WR14 3BU',
  localAuthorityCode: 'E07000235',
};

/**
 * An application made in a real browser: from the open rounds to the confirmation, through the task list,
 * every section's page (with the errors a person meets on the way), and check your answers with the
 * eligibility pre-check. axe checks every page of it; the same journey runs with JavaScript off, and the
 * project's first sections are filled in by keyboard alone.
 */
describe('the portal: applying for a grant, in headless Chromium', () => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let roundId: string;
  let roundTitle: string;
  let startDate: string;
  let endDate: string;
  const checked: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' }, worker: true });
    const round = await createOpenRound(t);
    roundId = round.id;
    roundTitle = round.title;
    const today = calendarDateIn(t.app.get(Clock).now(), 'Europe/London');
    startDate = addDays(today, 30);
    endDate = addDays(addMonths(startDate, 6), -1);
    ({ base, launched } = await serveToBrowser(t));
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
    await t?.close();
  });

  async function check(page: Page, name: string, withAxe: boolean): Promise<void> {
    if (!withAxe) return;
    checked[name] = await axeViolations(page);
    if (SCREENSHOTS && KEY_PAGES.has(name)) {
      await page.screenshot({
        path: join(SCREENSHOTS, `portal-apply-${name.replace(/[^a-z]+/g, '-')}.png`),
        fullPage: true,
      });
    }
  }

  const signedIn = (context: BrowserContext, email: string) => portalSignIn(context, base, email);

  async function section(page: Page, name: string): Promise<void> {
    await page.getByRole('link', { name, exact: true }).click();
    await page.locator('h1', { hasText: name }).waitFor();
  }

  async function save(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  }

  /** The text of what has the keyboard focus (a string: these tests are not compiled against the DOM). */
  const focused = (page: Page): Promise<string> =>
    page.evaluate("document.activeElement?.textContent?.trim() ?? ''");

  const statusOf = (page: Page, name: string): Promise<string> =>
    page.locator('.govuk-task-list__item', { hasText: name }).locator('.govuk-task-list__status').innerText();

  /** The whole application, as a volunteer would fill it in; returns the reference it was sent under. */
  async function apply(
    context: BrowserContext,
    email: string,
    withAxe: boolean,
  ): Promise<{ reference: string; problems: string[] }> {
    const { page, problems } = await signedIn(context, email);
    const summary = page.locator('.govuk-error-summary');

    await page.getByRole('link', { name: 'Funding rounds', exact: true }).click();
    await page.getByRole('button', { name: `Apply to ${roundTitle}` }).click();
    await page.waitForURL(new RegExp(`/portal/rounds/${roundId}/apply$`));
    await check(page, 'start application', withAxe);
    // One organisation: already chosen.
    expect(await page.getByLabel(GROUP.name).isChecked()).toBe(true);
    await page.getByLabel('Project title (optional)').fill('Court Road Speedwatch');
    await page.getByRole('button', { name: 'Start your application' }).click();
    await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').innerText()).toBe('Court Road Speedwatch');
    expect(await page.locator('#progress').innerText()).toMatch(/You have completed 1 of 11 sections/);
    expect(await page.locator('main').innerText()).toMatch(
      /until the round closes on \d{1,2} [A-Z][a-z]+ \d{4}\./,
    );
    await check(page, 'task list', withAxe);
    const url = page.url();

    await section(page, 'Your organisation');
    await check(page, 'organisation checks', withAxe);
    await page.getByLabel('How many committee members are not related to one another?').fill('three');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    expect(await summary.innerText()).toContain('Enter the number of committee members as a whole number');
    await check(page, 'organisation checks, errors', withAxe);
    await page.locator('#constitutionHasDissolutionClause').check();
    await page.getByLabel('How many committee members are not related to one another?').fill('4');
    await page.locator('#bankAccountInGroupName').check();
    await save(page);

    await section(page, 'Your project and its activities');
    await page
      .getByLabel('What will the project do, and why is it needed?')
      .fill('Residents run speed checks with the police on the roads where children walk to school.');
    await page
      .getByLabel('The activities or services the grant will pay for')
      .fill('Monthly speed checks on Court Road\nA leaflet drop to every house on the route');
    await check(page, 'project', withAxe);
    await save(page);
    expect(await statusOf(page, 'Your project and its activities')).toBe('Completed');

    await section(page, 'Plan objectives it serves');
    await check(page, 'objectives', withAxe);
    const first = page.locator('input[name="objectives"]').first();
    await first.check();
    const objectiveId = await first.getAttribute('value');
    await page.locator(`#contribution-${objectiveId}`).fill('Fewer speeding drivers near the school');
    await save(page);

    await section(page, 'Success measures and targets');
    await check(page, 'measures', withAxe);
    const target = page.locator('input[name^="target-"]').first();
    await target.fill('lots');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    expect(await summary.innerText()).toContain('Enter the target as a number');
    await check(page, 'measures, errors', withAxe);
    await page.locator('input[name^="target-"]').first().fill('12');
    await save(page);

    await section(page, 'Areas that benefit');
    await page.getByLabel('Malvern Hills').check();
    await check(page, 'areas', withAxe);
    await save(page);

    await section(page, 'Project dates');
    await page.locator('#startDate-day').fill('31');
    await page.locator('#startDate-month').fill('2');
    await page.locator('#startDate-year').fill('2027');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    expect(await summary.innerText()).toContain('The start date must be a real date');
    await check(page, 'dates, errors', withAxe);
    const [y1, m1, d1] = startDate.split('-');
    const [y2, m2, d2] = endDate.split('-');
    await page.locator('#startDate-day').fill(d1!);
    await page.locator('#startDate-month').fill(m1!);
    await page.locator('#startDate-year').fill(y1!);
    await page.locator('#endDate-day').fill(d2!);
    await page.locator('#endDate-month').fill(m2!);
    await page.locator('#endDate-year').fill(y2!);
    await save(page);
    expect(await statusOf(page, 'Project dates')).toBe('Completed');

    await section(page, 'Budget');
    await page.locator('#line-0-description').fill('Speed detection device');
    await page.locator('#line-0-category').selectOption('equipment');
    await page.locator('#line-0-amount').fill('£1,250');
    await page.locator('#line-1-description').fill('Leaflets');
    await page.locator('#line-1-amount').fill('twenty');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    expect(await summary.innerText()).toContain('Select what kind of cost 2 is');
    expect(await summary.innerText()).toContain('Cost 2 must be an amount in pounds');
    // What was typed stays, so nothing is typed twice.
    expect(await page.locator('#line-0-amount').inputValue()).toBe('£1,250');
    await check(page, 'budget, errors', withAxe);
    await page.locator('#line-1-category').selectOption('publicity');
    await page.locator('#line-1-amount').fill('249.50');
    await page.getByRole('button', { name: 'Save and add another cost' }).click();
    expect(await page.locator('#budget-total').innerText()).toContain('£1,499.50');
    expect(await page.locator('input[name$="-description"]').count()).toBe(5);
    await save(page);

    await section(page, 'Other funding');
    await page.locator('#funding-0-funder').fill('Malvern Town Council');
    await page.locator('#funding-0-amount').fill('300');
    await page.locator('#funding-0-status').selectOption('secured');
    await check(page, 'other funding', withAxe);
    await save(page);

    await section(page, 'When the funding ends');
    await page
      .getByLabel('What will happen when this funding ends?')
      .fill('The device stays with the group.');
    await save(page);

    await section(page, 'Safeguarding');
    await page.locator('#involvesChildrenOrAdultsAtRisk-2').check();
    await page.getByLabel('Our organisation has safeguarding arrangements in place for this project').check();
    await check(page, 'safeguarding', withAxe);
    await save(page);

    // Not yet agreed: check your answers says what is left, and links to it.
    await page.getByRole('button', { name: 'Check your answers' }).click();
    await page.waitForURL(/\/check$/);
    expect(await summary.innerText()).toContain('Agree that the information is true and complete');
    expect(await page.getByRole('button', { name: 'Accept and send' }).count()).toBe(0);
    await check(page, 'check answers, not ready', withAxe);
    await summary.getByRole('link', { name: 'Agree that the grant is one-off' }).click();
    await page.locator('h1', { hasText: 'Declarations' }).waitFor();
    for (const box of await page.locator('input[name="declarations"]').all()) await box.check();
    await check(page, 'declarations', withAxe);
    await save(page);
    expect(await page.locator('#progress').innerText()).toMatch(/You have completed 11 of 11 sections/);

    await page.getByRole('button', { name: 'Check your answers' }).click();
    await page.waitForURL(/\/check$/);
    expect(await summary.count()).toBe(0);
    const main = await page.locator('main').innerText();
    for (const text of [
      'Court Road Speedwatch',
      '£1,499.50',
      'Malvern Town Council',
      'Monthly speed checks',
    ]) {
      expect(main).toContain(text);
    }
    await check(page, 'check answers', withAxe);
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await page.waitForURL(/\/sent$/);
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Application sent');
    const reference = (await page.locator('.govuk-panel__body strong').innerText()).trim();
    await check(page, 'application sent', withAxe);

    // Sent: the answers can be read, not changed, and the dashboard says what happens next.
    await page.goto(url);
    await page.waitForURL(/\/check$/);
    expect(await page.getByRole('link', { name: /^Change/ }).count()).toBe(0);
    await page.goto(`${url}/budget`);
    await page.waitForURL(/\/check$/);
    await page.getByRole('link', { name: 'Your applications' }).click();
    expect(await page.locator('main').innerText()).toContain(reference);
    await check(page, 'dashboard with an application', withAxe);
    await page.close();
    return { reference, problems };
  }

  async function applicantWithGroup(email: string): Promise<void> {
    const applicant = await registerApplicant(t, { email });
    const res = await t.post('/api/v1/organisations', GROUP, { token: applicant.token });
    expect(res.status).toBe(201);
  }

  it('takes a community group from the open rounds to a sent application, with no axe violation', async () => {
    await applicantWithGroup('gwen@example.org');
    const context = await requireBrowser(launched).newContext({ bypassCSP: true });
    let reference: string;
    try {
      const result = await apply(context, 'gwen@example.org', true);
      expect(result.problems).toEqual([]);
      reference = result.reference;
    } finally {
      await context.close();
    }
    const [row] = await t.dataSource.query(
      `SELECT a.status, a.amount_requested_pence::int AS amount, a.group_unrelated_committee_members AS members,
              (SELECT count(*)::int FROM application_budget_lines l WHERE l.application_id = a.id) AS lines,
              (SELECT count(*)::int FROM application_submissions s WHERE s.application_id = a.id) AS submissions
         FROM applications a WHERE a.reference = $1`,
      [reference],
    );
    expect(row).toEqual({ status: 'submitted', amount: 149_950, members: 4, lines: 2, submissions: 1 });
    await t.drainJobs();
    const mail = await t.mail.waitFor('gwen@example.org', /received your application/i);
    expect(mail.text).toContain(reference);
    expectNoAxeViolations(checked, 'portal application', 18);
  }, 180_000);

  it('does the same with JavaScript off', async () => {
    await applicantWithGroup('huw@example.org');
    const context = await requireBrowser(launched).newContext({ javaScriptEnabled: false });
    try {
      expect((await apply(context, 'huw@example.org', false)).problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('fills in the project by keyboard alone', async () => {
    await applicantWithGroup('iola@example.org');
    const context = await requireBrowser(launched).newContext({ bypassCSP: true });
    try {
      const { page, problems } = await signedIn(context, 'iola@example.org');
      await page.goto(`${base}/portal/rounds/${roundId}/apply`);
      await page.getByLabel('Project title (optional)').focus();
      await page.keyboard.type('Keyboard Watch');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);

      // From the top of the task list, Tab reaches the project section's link; Enter follows it.
      await page.locator('#section-2-status').waitFor();
      let found = false;
      for (let i = 0; i < 40 && !found; i++) {
        await page.keyboard.press('Tab');
        found = (await focused(page)) === 'Your project and its activities';
      }
      expect(found).toBe(true);
      await page.keyboard.press('Enter');
      await page.locator('h1', { hasText: 'Your project and its activities' }).waitFor();
      const focusedName = (): Promise<string> => page.evaluate("document.activeElement?.name ?? ''");
      while ((await focusedName()) !== 'title') await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await focusedName()).toBe('summary');
      await page.keyboard.type('Volunteers watch the roads.');
      await page.keyboard.press('Tab');
      expect(await focusedName()).toBe('activities');
      await page.keyboard.type('Speed checks');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Leaflets');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
      expect(await statusOf(page, 'Your project and its activities')).toBe('Completed');

      // Checkboxes by Space, and the form sent by Enter on its button.
      await page.goto(`${page.url()}/objectives`);
      await page.locator('input[name="objectives"]').first().focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Slower traffic');
      while ((await focused(page)) !== 'Save and continue') {
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
      expect(await statusOf(page, 'Plan objectives it serves')).toBe('Completed');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('keeps the application pages under 100 KB on the wire', async () => {
    const browser = requireBrowser(launched);
    const context = await browser.newContext();
    const sizes: Record<string, number> = {};
    try {
      // Iola's application (the keyboard test's) is still a draft: its task list, not the sent summary.
      const { page } = await signedIn(context, 'iola@example.org');
      const link = await page.locator('a[href^="/portal/applications/"]').first().getAttribute('href');
      const cookies = await context.cookies();
      for (const path of [link!, `${link}/budget`, `${link}/check`, `/portal/rounds/${roundId}/apply`]) {
        sizes[path.replace(/[0-9a-f-]{36}/, ':id')] = await transferredBytes(
          browser,
          `${base}${path}`,
          cookies,
        );
      }
    } finally {
      await context.close();
    }
    process.stdout.write(
      `portal application page weight (bytes, nothing cached): ${JSON.stringify(sizes)}\n`,
    );
    for (const [path, bytes] of Object.entries(sizes)) {
      expect(bytes, path).toBeGreaterThan(10_000);
      expect(bytes, path).toBeLessThan(PAGE_BUDGET_BYTES);
    }
  }, 60_000);

  it('refuses other people’s applications, junk ids and unknown sections with the 404 page', async () => {
    await registerApplicant(t, { email: 'jac@example.org' });
    const [{ id }] = await t.dataSource.query(`SELECT id FROM applications ORDER BY created_at LIMIT 1`);
    const context = await requireBrowser(launched).newContext();
    try {
      const { page } = await signedIn(context, 'jac@example.org');
      for (const path of [
        `/portal/applications/${id}`,
        `/portal/applications/${id}/check`,
        `/portal/applications/${id}/budget`,
        '/portal/applications/not-an-id',
        `/portal/applications/${id}/nonsense`,
        '/portal/rounds/00000000-0000-4000-8000-000000000000/apply',
      ]) {
        const res = await page.goto(`${base}${path}`);
        expect(res!.status(), path).toBe(404);
      }
      // A crafted post to someone else's application: 404, and nothing changed.
      const csrf = (await context.cookies()).find((c) => c.name === 'grants_csrf')!.value;
      const before = await t.dataSource.query(`SELECT updated_at FROM applications WHERE id = $1`, [id]);
      const res = await page.request.post(`${base}/portal/applications/${id}/project`, {
        form: { _csrf: csrf, title: 'Taken over' },
      });
      expect(res.status()).toBe(404);
      expect(await t.dataSource.query(`SELECT updated_at FROM applications WHERE id = $1`, [id])).toEqual(
        before,
      );
    } finally {
      await context.close();
    }
  }, 60_000);
});
