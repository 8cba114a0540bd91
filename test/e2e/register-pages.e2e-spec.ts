import { FixedClock, formatPence } from '@grants/common';
import { encodeRegisterCursor, MonthlyPublication, RegisterEntry } from '@grants/register';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variedRegister } from '../../libs/register/src/register-fixtures';
import { fillDecisions, fillRegister } from '../../tools/register-seed';
import { axeViolations, launchChromium, requireBrowser, watchedPage } from '../support/browser';
import { seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const INDIVIDUAL = 8; // fixture kind 8: Margaret Thistlewood, an individual
const SENSITIVE = 9; // fixture kind 9: a refuge, whose address is never published
const WITHDRAWN = 10;
const REFUSALS = 25; // with the 30 awards, more than a page of decisions
const WITHDRAWAL_REASON = 'Published in error: this grant was recorded against the wrong organisation.';

const OUTCOME_STORY = 'A farmer who joined the scheme now runs the village’s watch group.';

const idFromHref = (href: string): string => decodeURIComponent(href.replace('/register/grants/', ''));

describe('the public register’s web pages', () => {
  let t: TestApp;
  let base: string;
  let entries: RegisterEntry[];
  let published: RegisterEntry[];
  let withdrawn: RegisterEntry;

  beforeAll(async () => {
    t = await createTestApp({
      clock: new FixedClock(new Date('2026-12-02T10:00:00Z')),
      // The browser asks for a page and its assets from one address; the limiter is not under test here.
      env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' },
    });
    await seedReference(t);
    const ds = t.dataSource;
    entries = await fillRegister(ds, variedRegister(30), new Date('2026-11-03T09:00:00Z'));
    withdrawn = entries[WITHDRAWN]!;
    // As the publisher withdraws (register-publisher.ts): a tombstone, no content, no search terms.
    const at = '2026-11-20T12:00:00.000Z';
    const tombstone = {
      id: withdrawn.id,
      status: 'withdrawn',
      version: 2,
      firstPublishedAt: withdrawn.firstPublishedAt,
      dateModified: at,
      withdrawnAt: at,
      withdrawalReason: WITHDRAWAL_REASON,
    };
    await ds.query(
      `UPDATE register_entries SET status = 'withdrawn', version = 2, entry = $2, grant_json = NULL, csv_row = NULL,
              area_codes = '{}', objective_numbers = '{}', aim_codes = '{}', recipient_name = '',
              search = ''::tsvector, date_modified = $3, withdrawn_at = $3, withdrawal_reason = $4
        WHERE id = $1`,
      [withdrawn.id, JSON.stringify(tombstone), at, WITHDRAWAL_REASON],
    );
    await ds.query(
      `INSERT INTO register_entry_versions (entry_id, version, change, entry, reason, recorded_at)
       VALUES ($1, 2, 'withdrawn', $2, $3, $4)`,
      [withdrawn.id, JSON.stringify(tombstone), WITHDRAWAL_REASON, at],
    );
    await ds.query(`UPDATE register_state SET revision = revision + 1`);
    await fillDecisions(ds, entries, REFUSALS);
    // Outcomes as the publication job copies them from an accepted report (published-outcomes.ts).
    const first = entries[0]!;
    await ds.query(
      `INSERT INTO register_figures (grant_id, measure_code, objective_number, measure_description, unit, value,
         reported_to, source_report_id)
       VALUES ($1, '8.2', $2, 'Number of new watch schemes', 'count', 12, '2026-10-31', gen_random_uuid())`,
      [first.id, first.objectives[0]!.number],
    );
    await ds.query(
      `INSERT INTO register_case_studies (grant_id, source_report_id, position, objective_numbers, story, published_at)
       VALUES ($1, gen_random_uuid(), 0, $2, $3, now())`,
      [first.id, first.objectives.map((o) => o.number), OUTCOME_STORY],
    );
    await t.app.get(MonthlyPublication).publishFinishedMonths();
    published = entries.filter((e) => e.id !== withdrawn.id);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The grants a filter should find, worked out from the fixtures rather than asked of the database. */
  const words = (e: RegisterEntry): string => `${e.title} ${e.description} ${e.recipient.name}`.toLowerCase();
  const inArea = (e: RegisterEntry, code: string): boolean =>
    e.recipient.area.code === code || e.beneficiaryAreas.some((a) => a.code === code);
  const farmWatch = (): string[] =>
    published.filter((e) => words(e).includes('farm') && words(e).includes('watch')).map((e) => e.id);

  describe('over HTTP', () => {
    const html = async (
      url: string,
    ): Promise<{ status: number; type: string; cache: string; text: string }> => {
      const res = await t.get(url);
      return {
        status: res.status,
        type: String(res.headers['content-type']),
        cache: String(res.headers['cache-control']),
        text: res.text,
      };
    };

    it('shows outcomes by objective: the reported figure and the published story with its grant', async () => {
      const res = await html('/register/outcomes');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Number of new watch schemes');
      expect(res.text).toContain('A farmer who joined the scheme now runs the village’s watch group.');
      expect(res.text).toContain(`/register/grants/${encodeURIComponent(entries[0]!.id)}`);
    });

    it('serves every page as cacheable UTF-8 HTML, titled in the GOV.UK way', async () => {
      const pages: [string, string][] = [
        ['/register', 'Grants awarded'],
        [`/register/grants/${published[0]!.id}`, published[0]!.title],
        [`/register/grants/${withdrawn.id}`, `Withdrawn grant ${withdrawn.id}`],
        ['/register/decisions', 'Published decisions'],
        ['/register/publications', 'Monthly publications'],
        ['/register/outcomes', 'Outcomes'],
      ];
      for (const [url, title] of pages) {
        const res = await html(url);
        expect(res.status, url).toBe(200);
        expect(res.type, url).toBe('text/html; charset=utf-8');
        expect(res.cache, url).toBe('public, max-age=60');
        expect(res.text, url).toContain('<html lang="en-GB"');
        expect(res.text, url).toContain(`<title>${title} – Grants register – West Mercia PCC</title>`);
      }
    });

    it('answers an unknown or malformed grant, or any other path, with the HTML 404 page', async () => {
      for (const url of [
        '/register/grants/360G-wmpcc-a0000000-0000-4000-8000-999999999999',
        '/register/grants/not-a-grant',
        '/register/grants/360G-' + 'x'.repeat(190),
        '/register/grants/..%2F..%2Fpackage.json',
        '/register/grants/%00',
        '/register/nothing-here',
        '/register/',
      ]) {
        const res = await html(url);
        expect(res.status, url).toBe(404);
        expect(res.type, url).toBe('text/html; charset=utf-8');
        expect(res.text, url).toContain('Page not found');
      }
    });

    it('shows bad filters as the form with a GOV.UK error summary and a 400', async () => {
      const res = await html('/register?minAmount=abc&maxAmount=10');
      expect(res.status).toBe(400);
      expect(res.type).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('<title>Error: Grants awarded – Grants register – West Mercia PCC</title>');
      expect(res.text).toContain('govuk-error-summary');
      expect(res.text).toContain('href="#minAmount"');
      expect(res.text).toContain('Minimum amount must be a number of pounds, like 500 or 1250.50');
      expect(res.text).toContain('value="abc"');
      const reversed = await html('/register?minAmount=1000&maxAmount=10');
      expect(reversed.status).toBe(400);
      expect(reversed.text).toContain('Maximum amount must be the same as or more than the minimum amount');
    });

    it('never answers junk with a 500', async () => {
      const junk = [
        '/register?objective=abc&minAmount=%00&cursor=zzz',
        '/register?q=%00',
        '/register?q[]=x&area[a]=b',
        '/register?area=%3Cscript%3E&round=not-a-uuid&fundYear=%FF%FE',
        '/register?maxAmount=1e309&minAmount=-0',
        `/register?cursor=${'a'.repeat(500)}`,
        `/register?q=${'x'.repeat(5000)}`,
        '/register?objective=9999999999999999999999',
        '/register?%00=1',
        '/register/decisions?cursor=zzz',
        '/register/decisions?cursor=%00',
        '/register/decisions?cursor[]=x',
        '/register/publications?x=%00',
        `/register/grants/${published[0]!.id}?x=%00`,
      ];
      for (const url of junk) {
        const res = await html(url);
        expect(res.status, url).toBeLessThan(500);
        expect(res.type, url).toBe('text/html; charset=utf-8');
      }
      expect((await html('/register?objective=abc&minAmount=%00&cursor=zzz')).status).toBe(400);
      expect((await html('/register/decisions?cursor=zzz')).status).toBe(400);
    });

    it('escapes what it is given', async () => {
      const res = await html('/register?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('<script>alert(1)');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('narrows by words and by amount, in pounds', async () => {
      const hrefs = (text: string): string[] =>
        [...text.matchAll(/href="(\/register\/grants\/[^"]+)"/g)].map((m) => idFromHref(m[1]!));
      expect(hrefs((await html('/register?q=farm+watch')).text).sort()).toEqual(farmWatch().sort());
      const expected = published
        .filter((e) => e.amountAwardedPence >= 500_000 && e.amountAwardedPence <= 1_250_050)
        .map((e) => e.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(hrefs((await html('/register?minAmount=5000&maxAmount=12500.50')).text).sort()).toEqual(
        expected.sort(),
      );
      // All 29 published grants fit one page; the withdrawn one is not listed.
      const all = hrefs((await html('/register')).text);
      expect(all).toHaveLength(published.length);
      expect(all).not.toContain(withdrawn.id);
    });

    it('follows a page link: the grants after the cursor, and a way back to the first page', async () => {
      const byOrder = [...published].sort((a, b) =>
        a.awardDate === b.awardDate ? (a.id < b.id ? 1 : -1) : a.awardDate < b.awardDate ? 1 : -1,
      );
      const after = byOrder[9]!;
      const res = await html(`/register?cursor=${encodeRegisterCursor(after.awardDate, after.id)}`);
      expect(res.status).toBe(200);
      const ids = [...res.text.matchAll(/href="(\/register\/grants\/[^"]+)"/g)].map((m) => idFromHref(m[1]!));
      expect(ids).toEqual(byOrder.slice(10).map((e) => e.id));
      expect(res.text).toContain('Back to the first page');
    });

    it('pages through the decisions with the GOV.UK pagination component', async () => {
      const first = await html('/register/decisions');
      const rows = (text: string): number => (text.match(/<tr class="govuk-table__row">/g) ?? []).length - 1;
      expect(rows(first.text)).toBe(50);
      const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next"/.exec(first.text);
      expect(next).not.toBeNull();
      const second = await html(next![1]!.replace(/&amp;/g, '&'));
      expect(second.status).toBe(200);
      expect(rows(second.text)).toBe(entries.length + REFUSALS - 50);
    });

    it('serves the assets from an allow-list, cached for a year, and nothing else', async () => {
      const page = (await html('/register')).text;
      const css = /href="(\/register\/assets\/[0-9a-f]+\/govuk-frontend\.min\.css)"/.exec(page)![1]!;
      const folder = css.slice(0, css.lastIndexOf('/'));
      for (const [name, type] of [
        ['govuk-frontend.min.css', 'text/css; charset=utf-8'],
        ['govuk-frontend.min.js', 'text/javascript; charset=utf-8'],
        ['register.mjs', 'text/javascript; charset=utf-8'],
      ]) {
        const res = await t.get(`${folder}/${name}`);
        expect(res.status, name).toBe(200);
        expect(res.headers['content-type'], name).toBe(type);
        expect(res.headers['cache-control'], name).toBe('public, max-age=31536000, immutable');
      }
      for (const url of [
        `${folder}/package.json`,
        `${folder}/..%2F..%2Fpackage.json`,
        `${folder}/%2E%2E%2Fgovuk-frontend.min.css`,
        '/register/assets/0000000000/govuk-frontend.min.css',
        '/register/assets/govuk-frontend.min.css',
        `${folder}/fonts/bold-b542beb274-v2.woff2`,
      ]) {
        expect((await t.get(url)).status, url).toBe(404);
      }
    });
  });

  describe('in headless Chromium', () => {
    let launched: Browser | undefined;
    let axeContext: BrowserContext | undefined;

    beforeAll(async () => {
      // No Chromium is a failure of every test below, not a reason to skip them: CI installs it.
      launched = await launchChromium();
      // axe goes in as an inline script, which the pages' CSP would refuse; only this context bypasses it.
      axeContext = await launched?.newContext({ bypassCSP: true });
    });
    afterAll(async () => {
      await launched?.close();
    });

    const browser = (): Browser => requireBrowser(launched);

    /** Opens a page in a context that keeps the CSP, failing on any script error, CSP refusal or broken asset. */
    async function open(context: BrowserContext, url: string): Promise<{ page: Page; problems: string[] }> {
      const { page, problems } = await watchedPage(context);
      await page.goto(`${base}${url}`);
      await page.waitForLoadState('load');
      return { page, problems };
    }

    async function axe(url: string): Promise<string[]> {
      browser();
      const page = await axeContext!.newPage();
      try {
        await page.goto(`${base}${url}`);
        return await axeViolations(page);
      } finally {
        await page.close();
      }
    }

    it('has no WCAG 2.2 AA failures that axe can find, on every kind of page', async () => {
      const objective = published[0]!.objectives[0]!.number;
      const pages: Record<string, string> = {
        list: '/register',
        'list with filters': `/register?q=watch&objective=${objective}&minAmount=500`,
        'error state': '/register?minAmount=abc&maxAmount=-1',
        grant: `/register/grants/${published[0]!.id}`,
        'withdrawn grant': `/register/grants/${withdrawn.id}`,
        decisions: '/register/decisions',
        publications: '/register/publications',
        outcomes: '/register/outcomes',
        'not found': '/register/grants/360G-wmpcc-nope',
      };
      const found: Record<string, string[]> = {};
      for (const [name, url] of Object.entries(pages)) found[name] = await axe(url);
      const counts = Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.length]));
      process.stdout.write(`axe violations per page: ${JSON.stringify(counts)}\n`);
      expect(found).toEqual(Object.fromEntries(Object.keys(pages).map((k) => [k, []])));
    }, 90_000);

    it('works within the CSP: the served script starts govuk-frontend, nothing is refused', async () => {
      const context = await browser().newContext();
      try {
        for (const url of ['/register', `/register/grants/${published[0]!.id}`, '/register/decisions']) {
          const { page, problems } = await open(context, url);
          await page.waitForFunction('document.body.classList.contains("govuk-frontend-supported")');
          expect(await page.evaluate('document.body.classList.contains("js-enabled")'), url).toBe(true);
          expect(problems, url).toEqual([]);
        }
        // With JavaScript, the error summary takes focus, so a screen reader hears it first.
        const { page, problems } = await open(context, '/register?minAmount=abc');
        await page.waitForFunction('document.activeElement?.classList.contains("govuk-error-summary")');
        await page.getByRole('link', { name: 'Minimum amount must be a number of pounds' }).click();
        await page.waitForFunction('document.activeElement?.id === "minAmount"');
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

    async function searchAndOpen(context: BrowserContext): Promise<void> {
      const { page, problems } = await open(context, '/register');
      await page.getByLabel('Words').fill('farm watch');
      await Promise.all([
        page.waitForURL(/[?&]q=farm\+watch/),
        page.getByRole('button', { name: 'Apply filters' }).click(),
      ]);
      const expected = farmWatch();
      expect(expected.length).toBeGreaterThan(0);
      const links = page.locator('#results tbody a');
      const hrefs: string[] = [];
      for (let i = 0; i < (await links.count()); i++)
        hrefs.push(idFromHref((await links.nth(i).getAttribute('href'))!));
      expect([...hrefs].sort()).toEqual([...expected].sort());
      expect(await page.locator('#results-count').innerText()).toContain(`Showing ${expected.length} grants`);
      expect(await page.getByLabel('Words').inputValue()).toBe('farm watch');

      const grant = published.find((e) => e.id === hrefs[0])!;
      await Promise.all([page.waitForURL(/\/register\/grants\//), links.first().click()]);
      expect((await page.locator('h1').innerText()).trim()).toBe(grant.title);
      expect(await page.locator('#key-facts').innerText()).toContain(formatPence(grant.amountAwardedPence));
      expect(problems).toEqual([]);
      await page.close();
    }

    it('searches by words, narrows by objective and area, and opens a grant from the results', async () => {
      const context = await browser().newContext();
      try {
        await searchAndOpen(context);

        // The objective and area with the most grants in common, but not all of them.
        const combos = published.flatMap((e) =>
          e.objectives.flatMap((o) =>
            [e.recipient.area, ...e.beneficiaryAreas].map((a) => ({
              objective: o.number,
              area: a.code,
              name: a.name,
            })),
          ),
        );
        const expectedFor = (c: { objective: number; area: string }): string[] =>
          published
            .filter((e) => e.objectives.some((o) => o.number === c.objective) && inArea(e, c.area))
            .map((e) => e.id);
        const combo = combos.sort((a, b) => expectedFor(b).length - expectedFor(a).length)[0]!;
        const expected = expectedFor(combo);
        expect(expected.length).toBeGreaterThan(1);
        expect(expected.length).toBeLessThan(published.length);

        const { page, problems } = await open(context, '/register');
        await page.getByLabel('Plan objective').selectOption(String(combo.objective));
        await page.getByLabel('Area').selectOption({ label: combo.name });
        await Promise.all([
          page.waitForURL(/objective=/),
          page.getByRole('button', { name: 'Apply filters' }).click(),
        ]);
        const links = page.locator('#results tbody a');
        const hrefs: string[] = [];
        for (let i = 0; i < (await links.count()); i++)
          hrefs.push(idFromHref((await links.nth(i).getAttribute('href'))!));
        expect(hrefs.sort()).toEqual([...expected].sort());
        // The form shows what it filtered by, and offers a way out.
        expect(await page.getByLabel('Plan objective').inputValue()).toBe(String(combo.objective));
        expect(await page.getByLabel('Area').inputValue()).toBe(combo.area);
        await Promise.all([
          page.waitForURL(/\/register$/),
          page.getByRole('link', { name: 'Clear filters' }).click(),
        ]);
        expect(await page.locator('#results tbody tr').count()).toBe(published.length);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('does the same search with JavaScript switched off', async () => {
      const context = await browser().newContext({ javaScriptEnabled: false });
      try {
        await searchAndOpen(context);
        const { page } = await open(context, '/register?minAmount=abc');
        expect(await page.locator('.govuk-error-summary').innerText()).toContain(
          'Minimum amount must be a number of pounds, like 500 or 1250.50',
        );
        expect(await page.evaluate('document.body.classList.contains("js-enabled")')).toBe(false);
      } finally {
        await context.close();
      }
    });

    it("shows no individual's name or address, and no sensitive organisation's address", async () => {
      const context = await browser().newContext({ javaScriptEnabled: false });
      try {
        const person = entries[INDIVIDUAL]!;
        expect(person.recipient.kind).toBe('individual');
        const { page } = await open(context, `/register/grants/${person.id}`);
        const html = await page.content();
        for (const secret of ['Margaret', 'Thistlewood', 'Quarry Bank', 'TF13 6QQ', 'Much Wenlock']) {
          expect(html, secret).not.toContain(secret);
        }
        expect(await page.locator('#recipient').innerText()).toContain(
          'An individual, not named to protect their privacy',
        );
        expect(await page.locator('#recipient').innerText()).not.toContain('Address');

        const refuge = entries[SENSITIVE]!;
        const sensitive = await open(context, `/register/grants/${refuge.id}`);
        const refugeHtml = await sensitive.page.content();
        expect(refugeHtml).toContain('Sanctuary Housing for Women');
        for (const secret of ['99 Undisclosed Way', 'Refuge Annexe', 'Catshill', 'B61 0ZZ']) {
          expect(refugeHtml, secret).not.toContain(secret);
        }
        expect(await sensitive.page.locator('#recipient').innerText()).not.toContain('Address');
        // An ordinary organisation's address is shown.
        const ordinary = await open(context, `/register/grants/${entries[0]!.id}`);
        expect(await ordinary.page.locator('#recipient').innerText()).toContain('WR1 1DB');
      } finally {
        await context.close();
      }
    });

    it('shows a withdrawn grant as withdrawn, with the reason and dates, and nothing of its content', async () => {
      const context = await browser().newContext();
      try {
        const { page, problems } = await open(context, `/register/grants/${withdrawn.id}`);
        const banner = await page.locator('#withdrawn').innerText();
        expect(banner).toContain('This grant was withdrawn on 20 November 2026');
        expect(banner).toContain(WITHDRAWAL_REASON);
        const text = await page.locator('main').innerText();
        expect(text).toContain('First published');
        expect(text).toContain('3 November 2026');
        expect(text).not.toContain(withdrawn.title);
        expect(text).not.toContain(withdrawn.recipient.name);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('shows the monthly publications with their counts and files', async () => {
      const context = await browser().newContext();
      try {
        const { page, problems } = await open(context, '/register/publications');
        const row = page.locator('#publications tbody tr').filter({ hasText: 'November 2026' });
        const cells = await row.locator('td').allInnerTexts();
        // Added, changed, withdrawn: the withdrawn grant was added and withdrawn in the same month.
        expect(cells.slice(1, 4)).toEqual([String(published.length), '0', '1']);
        expect(await row.getByRole('link').getAttribute('href')).toBe(
          '/api/v1/register/publications/2026-11',
        );
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
