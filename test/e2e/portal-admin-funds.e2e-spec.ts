import { Role } from '@grants/accounts';
import { formatPence } from '@grants/common';
import { FundsService } from '@grants/funds';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@grants/audit';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import { awardApplication, recommendApplication } from '../support/applications';
import {
  asSignedIn,
  axeViolations,
  expectNoAxeViolations,
  requireBrowser,
  serveToBrowser,
} from '../support/browser';
import { createOpenRound, seedReference } from '../support/reference';
import {
  checkPage,
  expectSignedInPagesWithinBudget,
  fillDateInput,
  serviceNavLink,
} from '../support/portal-pages';
import { createTestApp, TestApp } from '../support/test-app';

/** PORTAL_SCREENSHOTS=docs/screenshots: the pages whose pictures the README may show. */
const KEY_PAGES = new Set(['admin funds, errors', 'admin fund, with its year', 'admin fund year, done']);

/**
 * An administrator looks after the money in a real browser: adds a fund (after the errors a person meets,
 * and the service's refusal of a key already taken), adds its financial year (bad money, a year that ends
 * before it starts, then the service refusing the same year twice and an overlapping one), adds two sources
 * of the year's money and sets its over-allocation tolerance, and reads the year's position as the ledger
 * has it. The same journey runs with JavaScript off; an officer who is not an administrator finds none of it.
 */
describe('the portal: administering funds, fund years and their sources, in headless Chromium', () => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let adminEmail: string;
  let officerEmail: string;
  const checked: Record<string, string[]> = {};
  /** The fund and year the first journey made, for the later tests. */
  const made: { fundId?: string; fundYearId?: string } = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    await seedReference(t);
    adminEmail = (await createStaffUser(t, [Role.Admin], { email: 'ada@example.org' })).email;
    officerEmail = (await createStaffUser(t, [Role.Officer], { email: 'owen@example.org' })).email;
    ({ base, launched } = await serveToBrowser(t));
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
    await t?.close();
  });

  const summary = (page: Page) => page.locator('.govuk-error-summary');

  async function journey(page: Page, names: { key: string; name: string }, axe: boolean): Promise<void> {
    const check = async (name: string): Promise<void> => {
      if (axe) await checkPage(page, `admin ${name}`, checked, KEY_PAGES);
    };

    await serviceNavLink(page, 'Funds').click();
    await page.waitForURL(/\/portal\/admin\/funds$/);
    expect(await page.locator('h1').innerText()).toBe('Funds');
    // The seeded profile's funds are there already.
    expect(await page.locator('#funds').innerText()).toContain('Community Safety Fund');
    await check('funds');

    // Nothing filled in, then a key with capitals and spaces.
    await page.getByRole('button', { name: 'Add the fund' }).click();
    expect(await page.title()).toMatch(/^Error: Funds/);
    expect(await summary(page).innerText()).toContain('Enter a short name for the fund, like victims-fund');
    expect(await summary(page).innerText()).toContain('Enter the fund’s name');
    await check('funds, errors');
    await page.getByLabel('Name', { exact: true }).fill(names.name);
    await page.getByLabel('Short name').fill('Victims Fund');
    await page.getByRole('button', { name: 'Add the fund' }).click();
    expect(await summary(page).innerText()).toContain('lower-case letters, digits and hyphens');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(names.name);
    // A key the profile's fund already has: the service refuses it, in its words.
    await page.getByLabel('Short name').fill('community-safety-fund');
    await page.getByRole('button', { name: 'Add the fund' }).click();
    expect(await summary(page).innerText()).toContain('A fund with key community-safety-fund already exists');
    await page.getByLabel('Short name').fill(names.key);
    await page.getByLabel('Description (optional)').fill('Services for victims and witnesses.');
    await page.getByRole('button', { name: 'Add the fund' }).click();
    await page.waitForURL(/\/portal\/admin\/funds\/[0-9a-f-]{36}$/);
    const fundId = page.url().split('/').pop()!;
    expect(await page.locator('h1').innerText()).toBe(names.name);
    expect(await page.locator('#years').innerText()).toContain('This fund has no financial years yet.');
    await check('fund');

    // The year: nothing, then bad money and a year that ends before it starts.
    await page.getByRole('button', { name: 'Add the year' }).click();
    for (const message of [
      'Enter the financial year, like 2027/28',
      'Enter the first day of the year, like 1 4 2027',
      'Enter the last day of the year, like 31 3 2028',
      'Enter the cap: the most that may be committed in the year, in pounds',
    ]) {
      expect(await summary(page).innerText()).toContain(message);
    }
    await check('fund, year errors');
    await page.getByLabel('Financial year').fill('2027/28');
    await fillDateInput(page, 'First day of the year', '2027-04-01');
    await fillDateInput(page, 'Last day of the year', '2027-03-31');
    await page.getByLabel('Cap').fill('a quarter of a million');
    await page.getByRole('button', { name: 'Add the year' }).click();
    expect(await summary(page).innerText()).toContain('The last day of the year must be after the first');
    expect(await summary(page).innerText()).toContain('The cap must be an amount in pounds');
    expect(await page.getByLabel('Financial year').inputValue()).toBe('2027/28');
    await fillDateInput(page, 'Last day of the year', '2028-03-31');
    await page.getByLabel('Cap').fill('250,000');
    await page.getByRole('button', { name: 'Add the year' }).click();
    await page.waitForURL(new RegExp(`/portal/admin/funds/${fundId}$`));
    expect(await page.locator('#years').innerText()).toContain('2027/28');
    expect(await page.locator('#years').innerText()).toContain('£250,000.00');

    // The same year again, and one that overlaps it: the service refuses both.
    await page.getByLabel('Financial year').fill('2027/28');
    await fillDateInput(page, 'First day of the year', '2027-04-01');
    await fillDateInput(page, 'Last day of the year', '2028-03-31');
    await page.getByLabel('Cap').fill('1000');
    await page.getByRole('button', { name: 'Add the year' }).click();
    expect(await summary(page).innerText()).toContain('The fund already has a year labelled 2027/28');
    await page.getByLabel('Financial year').fill('2027/28 (2)');
    await fillDateInput(page, 'First day of the year', '2028-01-01');
    await fillDateInput(page, 'Last day of the year', '2028-12-31');
    await page.getByRole('button', { name: 'Add the year' }).click();
    expect(await summary(page).innerText()).toContain('The start of the year overlaps the fund');
    await check('fund, year refused');

    // Two sources of the year's money.
    await page.getByRole('link', { name: 'Sources and tolerance for 2027/28' }).click();
    await page.waitForURL(/\/portal\/admin\/fund-years\/[0-9a-f-]{36}$/);
    const fundYearId = page.url().split('/').pop()!;
    expect(await page.locator('h1').innerText()).toBe('2027/28');
    expect(await page.locator('#sources').innerText()).toContain('No sources yet.');
    await check('fund year');
    await page.getByRole('button', { name: 'Add the source' }).click();
    expect(await summary(page).innerText()).toContain('Enter where the money comes from');
    expect(await summary(page).innerText()).toContain('Select what kind of source it is');
    expect(await summary(page).innerText()).toContain('Enter the amount in pounds');
    await check('fund year, source errors');
    await page.getByLabel('Where the money comes from').fill('Home Office victims grant');
    await page.getByLabel('A grant (from the Home Office, say)').check();
    await page.getByLabel('Amount').fill('200000.005');
    await page.getByRole('button', { name: 'Add the source' }).click();
    expect(await summary(page).innerText()).toContain('The amount must be in pounds');
    await page.getByLabel('Amount').fill('200000');
    await page.getByRole('button', { name: 'Add the source' }).click();
    await page.waitForURL(new RegExp(`/portal/admin/fund-years/${fundYearId}$`));
    await page.getByLabel('Where the money comes from').fill('Police fund contribution');
    await page.getByLabel('A contribution (from the police fund, say)').check();
    await page.getByLabel('Amount').fill('£50,000.00');
    await page.getByRole('button', { name: 'Add the source' }).click();
    await page.waitForURL(new RegExp(`/portal/admin/fund-years/${fundYearId}$`));
    const sources = await page.locator('#sources').innerText();
    expect(sources).toContain('Home Office victims grant');
    expect(sources).toContain('£200,000.00');
    expect(sources).toContain('Police fund contribution');
    expect(sources).toContain('£50,000.00');
    expect(sources).toMatch(/Together\s+£250,000\.00/);
    // The same name twice in a year is the service's refusal.
    await page.getByLabel('Where the money comes from').fill('Police fund contribution');
    await page.getByLabel('Other', { exact: true }).check();
    await page.getByLabel('Amount').fill('1');
    await page.getByRole('button', { name: 'Add the source' }).click();
    expect(await summary(page).innerText()).toContain(
      'The fund year already has a source named Police fund contribution',
    );

    // The tolerance needs a reason; then the year's position shows it.
    await page.getByLabel('Tolerance', { exact: true }).fill('25000');
    await page.getByRole('button', { name: 'Set the tolerance' }).click();
    expect(await summary(page).innerText()).toContain('Give the reason for the tolerance');
    await check('fund year, tolerance errors');
    await page.getByLabel('Reason').fill('About one offer in ten lapses.');
    await page.getByRole('button', { name: 'Set the tolerance' }).click();
    await page.waitForURL(new RegExp(`/portal/admin/fund-years/${fundYearId}$`));
    const position = await t.app.get(FundsService).position(fundYearId);
    expect(position.overAllocationTolerancePence).toBe(2_500_000);
    expect(position.sourcesTotalPence).toBe(25_000_000);
    const shown = await page.locator('#position').innerText();
    expect(shown).toMatch(/Cap\s+£250,000\.00/);
    expect(shown).toMatch(/Over-allocation tolerance\s+£25,000\.00/);
    expect(shown).toMatch(/Committed\s+£0\.00/);
    expect(shown).toMatch(/Paid\s+£0\.00/);
    expect(shown).toMatch(new RegExp(`Remaining under the cap\\s+${formatPence(position.availablePence)}`));
    expect(shown).toMatch(new RegExp(`A new award may be up to\\s+${formatPence(position.headroomPence)}`));
    expect(position.headroomPence).toBe(27_500_000);
    await check('fund year, done');

    // The fund's page: the year with its cap, sources and money.
    await page.getByRole('link', { name: names.name }).click();
    await page.waitForURL(new RegExp(`/portal/admin/funds/${fundId}$`));
    const years = await page.locator('#years').innerText();
    expect(years).toContain('1 April 2027 to 31 March 2028');
    expect(years).toContain('Home Office victims grant: £200,000.00');
    expect(years).toContain('Police fund contribution: £50,000.00');
    expect(years).toMatch(/Committed\s+£0\.00/);
    expect(years).toMatch(/Remaining under the cap\s+£250,000\.00/);
    expect(years).toMatch(/Over-allocation tolerance\s+£25,000\.00/);
    await check('fund, with its year');
    await serviceNavLink(page, 'Funds').click();
    expect(await page.locator('#funds').innerText()).toContain(names.name);
    made.fundId ??= fundId;
    made.fundYearId ??= fundYearId;
  }

  it('takes an administrator through a fund, its year and two sources to the year’s money, with no axe violation', async () => {
    await asSignedIn(launched, base, adminEmail, true, (page) =>
      journey(page, { key: 'victims-fund', name: 'Victims Services Fund' }, true),
    );
    expectNoAxeViolations(checked, 'portal fund administration', 10);
  }, 120_000);

  it('does the same with JavaScript off, within the CSP', async () => {
    await asSignedIn(launched, base, adminEmail, false, (page) =>
      journey(page, { key: 'witness-fund', name: 'Witness Care Fund' }, false),
    );
  }, 120_000);

  it('shows what the ledger has committed, and refuses a tolerance below it, in pounds', async () => {
    // A small fund year, over-allocated within its tolerance by two awards of £6,000 against a £10,000 cap.
    const funds = t.app.get(FundsService);
    const fund = await funds.createFund({ key: 'small-fund', name: 'Small Grants Fund' }, SYSTEM_ACTOR);
    const year = await funds.addYear(
      fund.id,
      {
        label: '2026/27',
        startsOn: '2026-04-01',
        endsOn: '2027-03-31',
        capPence: 1_000_000,
        overAllocationTolerancePence: 500_000,
      },
      SYSTEM_ACTOR,
    );
    const ref = await seedReference(t);
    const round = await createOpenRound(t, { fundYearId: year.id, maxAwardPence: 1_000_000 });
    const applicant = await registerApplicant(t, { email: 'gwen@example.org' });
    const organisation = await t.post('/api/v1/organisations', ORGANISATION_BODY, { token: applicant.token });
    const officer = await createStaffUser(t, [Role.Officer]);
    const approver = await createStaffUser(t, [Role.Approver]);
    for (const title of ['Safer Alleys', 'Lights on the Towpath']) {
      const id = await recommendApplication(t, {
        applicantToken: applicant.token,
        officer,
        organisationId: organisation.body.id as string,
        roundId: round.id,
        ref,
        objectiveIds: round.objectiveIds.slice(0, 1),
        recommendation: { outcome: 'fund_in_part', amountPence: 600_000 },
        answers: {
          title,
          amountRequestedPence: 800_000,
          budgetLines: [
            { description: 'Radios', category: 'equipment', amountPence: 200_000 },
            { description: 'Volunteer training', category: 'training', amountPence: 600_000 },
          ],
        },
      });
      await awardApplication(t, id, approver, { amountPence: 600_000 });
    }
    const before = await funds.position(year.id);
    expect(before.netCommittedPence).toBe(1_200_000);

    await asSignedIn(launched, base, adminEmail, true, async (page) => {
      await page.goto(`${base}/portal/admin/funds/${fund.id}`);
      const years = await page.locator('#years').innerText();
      expect(years).toMatch(/Committed\s+£12,000\.00/);
      expect(years).toMatch(/Remaining under the cap\s+-£2,000\.00/);
      await page.getByRole('link', { name: 'Sources and tolerance for 2026/27' }).click();
      expect(await page.locator('#position').innerText()).toMatch(/A new award may be up to\s+£3,000\.00/);
      await page.getByLabel('Tolerance', { exact: true }).fill('1000');
      await page.getByLabel('Reason').fill('Fewer offers lapse than we thought.');
      await page.getByRole('button', { name: 'Set the tolerance' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'The year has £12,000.00 committed: more than its cap of £10,000.00 and a tolerance of £1,000.00 allow',
      );
      expect(await page.getByLabel('Reason').inputValue()).toBe('Fewer offers lapse than we thought.');
      checked['fund year, tolerance refused'] = await axeViolations(page);
    });
    expect((await funds.position(year.id)).overAllocationTolerancePence).toBe(500_000);
    expect(checked['fund year, tolerance refused']).toEqual([]);
  }, 120_000);

  it('shows an officer who is not an administrator the 404 page for all of it, and no link to it', async () => {
    expect(made.fundYearId).toBeDefined();
    const paths = [
      '/portal/admin/funds',
      `/portal/admin/funds/${made.fundId}`,
      `/portal/admin/fund-years/${made.fundYearId}`,
    ];
    await asSignedIn(launched, base, officerEmail, true, async (page) => {
      expect(await serviceNavLink(page, 'Funds').count()).toBe(0);
      expect(await serviceNavLink(page, 'Round set-up').count()).toBe(0);
      for (const path of paths) {
        const res = await page.goto(`${base}${path}`);
        expect(res!.status(), path).toBe(404);
        expect(await page.locator('h1').innerText()).toBe('Page not found');
      }
      const csrf = (await page.context().cookies()).find((c) => c.name === 'grants_csrf')!.value;
      for (const [path, form] of [
        ['/portal/admin/funds', { key: 'sneaky-fund', name: 'Sneaky' }],
        [`/portal/admin/funds/${made.fundId}/years`, { label: '2030/31' }],
        [
          `/portal/admin/fund-years/${made.fundYearId}/sources`,
          { sourceName: 'x', kind: 'grant', amount: '1' },
        ],
        [`/portal/admin/fund-years/${made.fundYearId}/tolerance`, { toleranceAmount: '1', reason: 'x' }],
      ] as const) {
        const res = await page.request.post(`${base}${path}`, { form: { _csrf: csrf, ...form } });
        expect(res.status(), path).toBe(404);
      }
    });
    expect(await t.dataSource.query(`SELECT id FROM funds WHERE key = 'sneaky-fund'`)).toEqual([]);
    // And junk or absent ids are the 404 page for an administrator too.
    await asSignedIn(launched, base, adminEmail, true, async (page) => {
      for (const path of [
        '/portal/admin/funds/not-a-uuid',
        '/portal/admin/funds/00000000-0000-4000-8000-000000000000',
        '/portal/admin/fund-years/00000000-0000-4000-8000-000000000000',
      ]) {
        expect((await page.goto(`${base}${path}`))!.status(), path).toBe(404);
      }
    });
  }, 60_000);

  it('keeps the fund pages under 100 KB on the wire', async () => {
    await expectSignedInPagesWithinBudget(
      requireBrowser(launched),
      base,
      adminEmail,
      [
        '/portal/admin/funds',
        `/portal/admin/funds/${made.fundId}`,
        `/portal/admin/fund-years/${made.fundYearId}`,
      ],
      'portal fund administration',
    );
  }, 60_000);
});
