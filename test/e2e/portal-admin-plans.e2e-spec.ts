import { join } from 'node:path';
import { Role } from '@grants/accounts';
import { SYSTEM_ACTOR } from '@grants/audit';
import { PlansService, PlanVersion } from '@grants/plans';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../support/accounts';
import {
  asSignedIn,
  axeViolations,
  expectNoAxeViolations,
  portalSignIn,
  requireBrowser,
  serveToBrowser,
  transferredBytes,
} from '../support/browser';
import { seedReference, SeededReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

/** PORTAL_SCREENSHOTS=docs/screenshots: where the key pages' pictures for the README go. */
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS;
/** The pages the README shows, each whole or (the long tree of a version) as a screen's worth. */
const KEY_PAGES = new Map([
  ['draft version', false],
  ['objective, errors', true],
]);
/** What a page may cost on a slow phone: HTML, CSS and JS on the wire, nothing cached. */
const PAGE_BUDGET_BYTES = 100 * 1024;
const VERSION_URL = /\/portal\/admin\/plan-versions\/([0-9a-f-]{36})(#[a-z]+-[0-9a-f-]{36})?$/;
const LABEL = 'Revised plan after the Police and Crime Panel’s report';

/**
 * The Police and Crime Plan varied in a real browser, as an administrator does it: a new draft version
 * (a copy of the published one), its details, an aim, an objective and a success measure added, one changed,
 * one removed, and the draft published, after the problems a person meets on the way (blank and too-long
 * answers, a number already taken, the service's rules on publishing and removing). The published version
 * is then what the API's public plan reads report, and it refuses every change. Officers who are not
 * administrators get the 404 page.
 */
describe.each([
  { javaScript: true, state: 'on' },
  { javaScript: false, state: 'off' },
])(
  'the portal: an administrator varies the Police and Crime Plan, in headless Chromium, JavaScript $state',
  ({ javaScript }) => {
    let t: TestApp;
    let base: string;
    let launched: Browser | undefined;
    let ref: SeededReference;
    let admin: { email: string };
    let officer: { email: string };
    const checked: Record<string, string[]> = {};

    beforeAll(async () => {
      t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
      ref = await seedReference(t);
      admin = await createStaffUser(t, [Role.Admin], { email: 'ada@example.org' });
      officer = await createStaffUser(t, [Role.Officer, Role.Approver, Role.Finance], {
        email: 'olu@example.org',
      });
      ({ base, launched } = await serveToBrowser(t));
    }, 60_000);

    afterAll(async () => {
      await launched?.close();
      await t?.close();
    });

    const as = <T>(email: string, work: (page: Page) => Promise<T>): Promise<T> =>
      asSignedIn(launched, base, email, javaScript, work);
    const check = async (page: Page, name: string): Promise<void> => {
      if (!javaScript) return;
      checked[name] = await axeViolations(page);
      if (SCREENSHOTS && KEY_PAGES.has(name)) {
        await page.screenshot({
          path: join(SCREENSHOTS, `portal-plan-${name.replace(/[^a-z]+/g, '-')}.png`),
          fullPage: KEY_PAGES.get(name),
        });
      }
    };
    const summaryOf = (page: Page): Promise<string> => page.locator('.govuk-error-summary').innerText();
    const h1 = (page: Page): Promise<string> => page.locator('h1').innerText();
    const main = (page: Page): Promise<string> => page.locator('main').innerText();
    /** The forms a page offers that change the plan (the sign-out form is in every page's main). */
    const planForms = (page: Page) => page.locator('form[action^="/portal/admin/"]');
    const versions = () =>
      t.dataSource.query(`SELECT number, status FROM plan_versions WHERE plan_id = $1 ORDER BY number`, [
        ref.planId,
      ]);

    it('starts a draft, adds, changes and removes its parts, publishes it, and the API reports it', async () => {
      const draftId = await as(admin.email, async (page) => {
        await page.getByRole('link', { name: 'Police and Crime Plan' }).click();
        await page.waitForURL(/\/portal\/admin\/plans$/);
        expect(await h1(page)).toBe('Police and Crime Plan');
        expect(await page.locator('tbody tr').allInnerTexts()).toEqual([
          expect.stringMatching(/^Version 1\s[\s\S]*Published\t1 April 2013\t/),
        ]);
        await check(page, 'plans');

        await page.getByRole('link', { name: /^Start a new version/ }).click();
        await page.waitForURL(new RegExp(`/portal/admin/plans/${ref.planId}/new-version$`));
        await check(page, 'new version');
        await page.getByLabel('Name of the version (optional)').fill('x'.repeat(301));
        await page.getByRole('button', { name: 'Start version 2' }).click();
        expect(await summaryOf(page)).toContain('Name must be 300 characters or fewer');
        await check(page, 'new version, errors');
        await page.getByLabel('Name of the version (optional)').fill(LABEL);
        await page.getByLabel('Notes (optional)').fill('Objective 14 added to listen to victims.');
        await page.getByRole('button', { name: 'Start version 2' }).click();
        await page.waitForURL(VERSION_URL);
        expect(await h1(page)).toBe(`Version 2: ${LABEL}`);
        // A copy of version 1: every objective and measure is there, to change.
        const copied = await main(page);
        expect(copied).toContain('Draft');
        for (const o of ref.objectives) expect(copied).toContain(`Objective ${o.number}: ${o.title}`);
        await check(page, 'draft version');

        // Not yet: the service's rule on publishing, in its own words.
        await page.getByRole('button', { name: 'Publish version 2' }).click();
        expect(await summaryOf(page)).toContain(
          'A plan version needs the date it takes effect before it is published',
        );
        await check(page, 'publish refused');

        await page.getByRole('link', { name: 'Change the name' }).click();
        await page.getByLabel('Name of the version').fill('');
        await page.locator('#effectiveFrom-day').fill('31');
        await page.locator('#effectiveFrom-month').fill('2');
        await page.locator('#effectiveFrom-year').fill('2014');
        await page.getByRole('button', { name: 'Save the details' }).click();
        expect(await summaryOf(page)).toContain('Enter the version’s name');
        expect(await summaryOf(page)).toContain('The date it takes effect must be a real date');
        await check(page, 'details, errors');
        await page.getByLabel('Name of the version').fill(LABEL);
        await page.locator('#effectiveFrom-day').fill('1');
        await page.locator('#effectiveFrom-month').fill('4');
        await page.getByRole('button', { name: 'Save the details' }).click();
        await page.waitForURL(VERSION_URL);
        expect(await page.locator('#version-details').innerText()).toContain('1 April 2014');

        await page.getByRole('link', { name: 'Add an aim' }).click();
        await page.getByRole('button', { name: 'Add the aim' }).click();
        expect(await summaryOf(page)).toContain('Enter the aim’s code, like A5');
        expect(await summaryOf(page)).toContain('Enter the aim’s title');
        await check(page, 'aim, errors');
        await page.getByLabel('Code').fill('A1');
        await page.getByLabel('Title').fill('t'.repeat(501));
        await page.getByRole('button', { name: 'Add the aim' }).click();
        expect(await page.locator('.govuk-error-summary li').allInnerTexts()).toEqual([
          'Aim title must be 500 characters or fewer',
        ]);
        expect(await page.getByLabel('Title').inputValue()).toBe('t'.repeat(501));
        await page.getByLabel('Title').fill('To listen to the people and victims of crime');
        await page.getByRole('button', { name: 'Add the aim' }).click();
        // A code another aim has: the service's conflict, beside the code.
        expect(await summaryOf(page)).toContain('This version already has an aim with code A1');
        await page.getByLabel('Code').fill('A5');
        await page.getByRole('button', { name: 'Add the aim' }).click();
        await page.waitForURL(VERSION_URL);
        expect(await main(page)).toContain('Aim A5: To listen to the people and victims of crime');

        await page.getByRole('link', { name: 'Add an objective to aim A5' }).click();
        await check(page, 'new objective');
        expect(await page.getByLabel('Number').inputValue()).toBe('14');
        await page.getByLabel('Number').fill('13');
        await page.getByLabel('Title').fill('To hear victims before policies change');
        await page.getByRole('button', { name: 'Add the objective' }).click();
        expect(await summaryOf(page)).toContain('This version already has an objective numbered 13');
        await check(page, 'objective, errors');
        await page.getByLabel('Number').fill('14');
        await page.getByRole('button', { name: 'Add the objective' }).click();
        await page.waitForURL(VERSION_URL);

        await page.getByRole('link', { name: 'Add a success measure to objective 14' }).click();
        await page.getByRole('button', { name: 'Add the success measure' }).click();
        expect(await summaryOf(page)).toContain('Enter the success measure’s code');
        expect(await summaryOf(page)).toContain('Select how the success measure is counted');
        await check(page, 'measure, errors');
        await page.getByLabel('Code').fill('14.1');
        await page.getByLabel('Success measure').fill('Number of victims’ panels held');
        await page.getByLabel('A number').check();
        await page.getByRole('button', { name: 'Add the success measure' }).click();
        await page.waitForURL(VERSION_URL);
        const [, id] = VERSION_URL.exec(page.url())!;

        // Changed: objective 14's title. Removed: the first success measure of objective 8.
        await page.getByRole('link', { name: 'Change objective 14' }).click();
        await check(page, 'objective');
        await page.getByLabel('Title').fill('To hear victims before the plan’s policies change');
        await page.getByRole('button', { name: 'Save objective 14' }).click();
        await page.waitForURL(VERSION_URL);
        expect(await main(page)).toContain('Objective 14: To hear victims before the plan’s policies change');
        const eight = ref.objectives.find((o) => o.number === 8)!.measures[0]!;
        await page.getByRole('link', { name: eight.description, exact: true }).click();
        await check(page, 'measure');
        await page.getByRole('button', { name: `Remove success measure ${eight.code}` }).click();
        await page.waitForURL(VERSION_URL);
        expect(await page.locator(`#objective-${await objectiveId(id!, 8)}`).innerText()).not.toContain(
          eight.description,
        );

        // An aim with objectives stays: the service's rule, on the aim's page.
        await page.getByRole('link', { name: 'Change aim A5' }).click();
        await page.getByRole('button', { name: 'Remove aim A5' }).click();
        expect(await summaryOf(page)).toContain('The aim still has objectives; move or delete them first');
        await check(page, 'remove refused');

        // One draft at a time.
        await page.goto(`${base}/portal/admin/plans/${ref.planId}/new-version`);
        await page.getByRole('button', { name: 'Start version 3' }).click();
        expect(await summaryOf(page)).toContain(
          'Version 2 of this plan is still a draft; publish it before starting another',
        );
        expect(await versions()).toEqual([
          { number: 1, status: 'published' },
          { number: 2, status: 'draft' },
        ]);
        return id!;
      });

      // Aim A5's page open in a second tab while the draft is published in the first.
      await as(admin.email, async (page) => {
        const tab = await page.context().newPage();
        await tab.goto(`${base}/portal/admin/aims/${await aimId(draftId, 'A5')}`);
        await page.goto(`${base}/portal/admin/plan-versions/${draftId}`);
        await page.getByRole('button', { name: 'Publish version 2' }).click();
        await page.waitForURL(VERSION_URL);
        expect(await page.locator('#version-details').innerText()).toMatch(/Status\s+Published/);
        expect(await planForms(page).count()).toBe(0);
        expect(await page.getByRole('link', { name: /^Change/ }).count()).toBe(0);
        await check(page, 'published version');

        await tab.getByLabel('Title').fill('Changed after publishing');
        await tab.getByRole('button', { name: 'Save aim A5' }).click();
        expect(await summaryOf(tab)).toContain(
          'Plan version 2 is published and cannot change; start a new version to vary the plan',
        );
        expect(await h1(tab)).toBe(`Version 2: ${LABEL}`);
        expect(await planForms(tab).count()).toBe(0);
        await check(tab, 'change refused');
        // Its parts' pages offer no form either.
        await tab.goto(`${base}/portal/admin/aims/${await aimId(draftId, 'A5')}`);
        expect(await h1(tab)).toBe(`Version 2: ${LABEL}`);
        expect(await planForms(tab).count()).toBe(0);
        await tab.close();

        await page.getByRole('link', { name: 'Back to the plan’s versions' }).click();
        expect(await page.locator('tbody tr').allInnerTexts()).toEqual([
          expect.stringMatching(/^Version 1\s[\s\S]*Published\t1 April 2013\t/),
          expect.stringMatching(new RegExp(`^Version 2\\b[\\s\\S]*${LABEL}\\tPublished\\t1 April 2014\\t`)),
        ]);
        expect(await page.getByRole('link', { name: /^Start a new version/ }).count()).toBe(1);
      });

      // The API's public read: version 2 is the plan now, as the pages made it.
      const plan = (await t.get(`/api/v1/plans/${ref.planId}`)).body;
      expect(plan.versions.map((v: { status: string }) => v.status)).toEqual(['published', 'published']);
      const { version, aims } = plan.current;
      expect(version).toMatchObject({
        id: draftId,
        number: 2,
        label: LABEL,
        status: 'published',
        effectiveFrom: '2014-04-01',
        notes: 'Objective 14 added to listen to victims.',
      });
      expect(aims.map((a: { code: string }) => a.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
      const objectives = aims.flatMap((a: { objectives: unknown[] }) => a.objectives);
      expect(aims[4]).toMatchObject({
        title: 'To listen to the people and victims of crime',
        position: 5,
        objectives: [
          {
            number: 14,
            title: 'To hear victims before the plan’s policies change',
            description: '',
            measures: [{ code: '14.1', description: 'Number of victims’ panels held', unit: 'count' }],
          },
        ],
      });
      const eight = ref.objectives.find((o) => o.number === 8)!;
      expect(
        objectives
          .find((o: { number: number }) => o.number === 8)
          .measures.map((m: { code: string }) => m.code),
      ).toEqual(eight.measures.slice(1).map((m) => m.code));
      expect(objectives).toHaveLength(ref.objectives.length + 1);
      // Version 1 is as it was.
      const first = (await t.get(`/api/v1/plans/${ref.planId}?version=1`)).body.current;
      expect(first.aims.flatMap((a: { objectives: unknown[] }) => a.objectives)).toHaveLength(
        ref.objectives.length,
      );

      expectNoAxeViolations(checked, 'portal plan administration', javaScript ? 15 : 0);
    }, 180_000);

    it('gives officers who are not administrators the 404 page, and answers junk with a page; nothing changes', async () => {
      const plans = t.app.get(PlansService);
      const draft = await draftVersion();
      const aim = (await plans.getVersionTree(draft.id)).aims[0]!;
      const before = await versions();
      const context = await requireBrowser(launched).newContext({ javaScriptEnabled: javaScript });
      try {
        const { page } = await portalSignIn(context, base, officer.email);
        expect(await page.getByRole('link', { name: 'Police and Crime Plan' }).count()).toBe(0);
        for (const path of [
          '/portal/admin/plans',
          `/portal/admin/plans/${ref.planId}/new-version`,
          `/portal/admin/plan-versions/${draft.id}`,
          `/portal/admin/plan-versions/${draft.id}/details`,
          `/portal/admin/aims/${aim.id}`,
        ]) {
          const res = await page.goto(`${base}${path}`);
          expect(res!.status(), path).toBe(404);
          expect(await h1(page), path).toBe('Page not found');
        }
        const csrf = (await context.cookies()).find((c) => c.name === 'grants_csrf')!.value;
        for (const [path, form] of [
          [`/portal/admin/plan-versions/${draft.id}/publish`, {}],
          [`/portal/admin/plans/${ref.planId}/new-version`, {}],
          [`/portal/admin/aims/${aim.id}`, { code: 'Z9', title: 'Taken over', position: '1' }],
          [`/portal/admin/aims/${aim.id}/remove`, {}],
        ] as const) {
          const res = await page.request.post(`${base}${path}`, { form: { _csrf: csrf, ...form } });
          expect(res.status(), path).toBe(404);
        }
      } finally {
        await context.close();
      }
      expect(await versions()).toEqual(before);
      expect((await plans.getVersionTree(draft.id)).aims[0]).toEqual(aim);

      // An administrator asking for what is not there, or not an id at all: the 404 page too; and junk
      // posted to the forms is a page with its problems, never a 500, and changes nothing.
      const tree = await plans.getVersionTree(draft.id);
      await as(admin.email, async (page) => {
        const csrf = (await page.context().cookies()).find((c) => c.name === 'grants_csrf')!.value;
        const post = (path: string, form: Record<string, string>) =>
          page.request.post(`${base}/portal/admin${path}`, { form: { _csrf: csrf, ...form } });
        const junk = [
          [
            `/plan-versions/${draft.id}/aims/new`,
            { code: 'A9', title: 'Nul\u0000here', position: '-1' },
            400,
          ],
          [
            `/plan-versions/${draft.id}/objectives/new`,
            { aimId: 'not-an-id', number: '1e3', title: 'x' },
            400,
          ],
          [
            `/objectives/${tree.aims[0]!.objectives[0]!.id}/measures/new`,
            { code: '1.99', description: 'x', unit: 'miles' },
            400,
          ],
          [
            `/plan-versions/${draft.id}/details`,
            {
              label: 'x',
              'effectiveFrom-day': '1',
              'effectiveFrom-month': '13',
              'effectiveFrom-year': '2014',
            },
            400,
          ],
          ['/aims/not-an-id', { code: 'A9', title: 'x', position: '1' }, 404],
          ['/success-measures/00000000-0000-4000-8000-000000000000/remove', {}, 404],
        ] as const;
        for (const [path, form, status] of junk) {
          const res = await post(path, form);
          expect(res.status(), path).toBe(status);
          expect(res.headers()['content-type'], path).toBe('text/html; charset=utf-8');
        }
        // A field sent twice counts once (the last), as a browser's form never sends it.
        const twice = await page.request.post(`${base}/portal/admin/plan-versions/${draft.id}/aims/new`, {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          data: `_csrf=${csrf}&code=A1&code=&title=x&position=1`,
        });
        expect(twice.status()).toBe(400);
        expect(await twice.text()).toContain('Enter the aim’s code');
        // JSON is not a form (its values may be objects): refused as a form without its token is.
        const json = await page.request.post(`${base}/portal/admin/plan-versions/${draft.id}/aims/new`, {
          data: { _csrf: csrf, code: { a: 1 }, title: ['x'], position: 1 },
        });
        expect(json.status()).toBe(403);
        expect(await json.text()).toContain('This form has expired');
        for (const path of [
          '/portal/admin/plan-versions/not-an-id',
          '/portal/admin/plan-versions/00000000-0000-4000-8000-000000000000',
          '/portal/admin/aims/00000000-0000-4000-8000-000000000000',
          '/portal/admin/objectives/not-an-id/measures/new',
          '/portal/admin/success-measures/00000000-0000-4000-8000-000000000000',
          '/portal/admin/plans/00000000-0000-4000-8000-000000000000/new-version',
        ]) {
          expect((await page.goto(`${base}${path}`))!.status(), path).toBe(404);
        }
      });
      expect(await plans.getVersionTree(draft.id)).toEqual(tree);
    }, 60_000);

    // What the pages weigh does not depend on the visitor's JavaScript: measured once.
    if (javaScript)
      it('keeps the plan’s pages under 100 KB on the wire', async () => {
        const browser = requireBrowser(launched);
        const context = await browser.newContext();
        const sizes: Record<string, number> = {};
        try {
          await portalSignIn(context, base, admin.email);
          const cookies = await context.cookies();
          const draft = await draftVersion();
          const objective = (await t.app.get(PlansService).getVersionTree(draft.id)).aims[0]!.objectives[0]!;
          for (const [name, path] of [
            ['the plans', '/portal/admin/plans'],
            ['version 1, published', `/portal/admin/plan-versions/${ref.planVersionId}`],
            ['a draft version', `/portal/admin/plan-versions/${draft.id}`],
            ['a draft’s objective', `/portal/admin/objectives/${objective.id}`],
          ] as const) {
            sizes[name] = await transferredBytes(browser, `${base}${path}`, cookies);
          }
        } finally {
          await context.close();
        }
        process.stdout.write(`portal plan page weight (bytes, nothing cached): ${JSON.stringify(sizes)}\n`);
        for (const [path, bytes] of Object.entries(sizes)) {
          expect(bytes, path).toBeGreaterThan(10_000);
          expect(bytes, path).toBeLessThan(PAGE_BUDGET_BYTES);
        }
      }, 60_000);

    /** The plan's draft version, started (through the service) when there is none. */
    async function draftVersion(): Promise<PlanVersion> {
      const plans = t.app.get(PlansService);
      const [plan] = await plans.listPlans({ includeDrafts: true });
      return (
        plan!.versions.find((v) => v.status === 'draft') ??
        (await plans.createVersion(ref.planId, {}, SYSTEM_ACTOR)).version
      );
    }

    async function objectiveId(versionId: string, number: number): Promise<string> {
      const tree = await t.app.get(PlansService).getVersionTree(versionId);
      return tree.aims.flatMap((a) => a.objectives).find((o) => o.number === number)!.id;
    }

    async function aimId(versionId: string, code: string): Promise<string> {
      return (await t.app.get(PlansService).getVersionTree(versionId)).aims.find((a) => a.code === code)!.id;
    }
  },
);
