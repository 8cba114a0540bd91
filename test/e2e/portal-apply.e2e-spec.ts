import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplicant } from '../support/accounts';
import { portalSignIn, serveToBrowser, requireBrowser, transferredBytes } from '../support/browser';
import { taskStatus } from '../support/portal-journeys';
import { createOpenRound } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

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
 * The application form in a real browser, beyond the whole journey (portal-journey.e2e-spec.ts, which
 * fills in every section with JavaScript on and off): the project's first sections filled in by keyboard
 * alone, the pages' weight on the wire, and other people's applications refused.
 */
describe('the portal: applying for a grant, in headless Chromium', () => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let roundId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    const round = await createOpenRound(t);
    roundId = round.id;
    ({ base, launched } = await serveToBrowser(t));
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
    await t?.close();
  });

  const signedIn = (context: BrowserContext, email: string) => portalSignIn(context, base, email);

  /** The text of what has the keyboard focus (a string: these tests are not compiled against the DOM). */
  const focused = (page: Page): Promise<string> =>
    page.evaluate("document.activeElement?.textContent?.trim() ?? ''");

  async function applicantWithGroup(email: string): Promise<void> {
    const applicant = await registerApplicant(t, { email });
    const res = await t.post('/api/v1/organisations', GROUP, { token: applicant.token });
    expect(res.status).toBe(201);
  }

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
      expect(await taskStatus(page, 'Your project and its activities')).toBe('Completed');

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
      expect(await taskStatus(page, 'Plan objectives it serves')).toBe('Completed');
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
