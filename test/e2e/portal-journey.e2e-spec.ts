import { join } from 'node:path';
import { Role } from '@grants/accounts';
import { addDays, addMonths, calendarDateIn, Clock } from '@grants/common';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, TEST_PASSWORD } from '../support/accounts';
import {
  asSignedIn,
  axeViolations,
  expectNoAxeViolations,
  requireBrowser,
  serveToBrowser,
  watchedPage,
} from '../support/browser';
import {
  acceptOffer,
  acceptReport,
  addOrganisation,
  applyForGrant,
  approveRegisterText,
  Check,
  declareAndScore,
  declareConflict,
  decideAward,
  meetConditions,
  recommendInFull,
  recordPayment,
  screenAndAssign,
  sendFinalReport,
  signUp,
} from '../support/portal-journeys';
import { expectSignedInPagesWithinBudget } from '../support/portal-pages';
import { createOpenRound } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

const GROUP = 'Court Road Residents Association';
const TITLE = 'Court Road Speedwatch';
const PUBLIC_TITLE = 'Speed checks on Court Road';
/** PORTAL_SCREENSHOTS=docs/screenshots: where the key pages' pictures for the README go, by page. */
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS;
const KEY_PAGES: Record<string, string> = {
  'task list': 'portal-apply-task-list',
  'budget, errors': 'portal-apply-budget-errors',
  'check answers': 'portal-apply-check-answers',
  'case, to screen': 'portal-case-to-screen',
  'case, to score': 'portal-case-to-score',
  'case, to decide': 'portal-case-to-decide',
};

/**
 * One grant through every pair of hands, in a real browser and nothing but the portal's pages: a
 * volunteer signs up, adds their group and applies; the lead officer screens it and assigns two
 * assessors, one of whom declares a conflict while the other scores; the lead recommends and an approver
 * awards; the volunteer accepts as signatory; the officer checks the conditions; finance pays; the
 * volunteer sends the final monitoring report and the officer accepts it; the public reads the grant on
 * the register. axe checks every page on the way, error states included, and the same journey runs with
 * JavaScript off.
 */
describe.each([
  { javaScript: true, state: 'on' },
  { javaScript: false, state: 'off' },
])('the portal: one grant from sign-up to the public register, JavaScript $state', ({ javaScript }) => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let round: { id: string; title: string };
  let today: string;
  const volunteer = { name: 'Nia Volunteer', email: 'nia@example.org', password: TEST_PASSWORD };
  const staff: Record<string, string> = {};
  const checked: Record<string, string[]> = {};
  /** Every page the journey checked, by who saw it, to weigh afterwards as them. */
  const seen: Record<string, Set<string>> = {};
  let visitor = volunteer.email;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' }, worker: true });
    round = await createOpenRound(t);
    today = calendarDateIn(t.app.get(Clock).now(), 'Europe/London');
    const people = [
      ['lead', [Role.Officer], 'Lena Lead'],
      ['ash', [Role.Officer], 'Ash Assessor'],
      ['cal', [Role.Officer], 'Cal Conflicted'],
      ['approver', [Role.Approver], 'Ava Approver'],
      ['finance', [Role.Finance], 'Fin Finance'],
    ] as const;
    for (const [who, roles, displayName] of people) {
      staff[who] = (await createStaffUser(t, [...roles], { email: `${who}@example.org`, displayName })).email;
    }
    ({ base, launched } = await serveToBrowser(t));
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
    await t?.close();
  });

  const check: Check = async (page: Page, name: string) => {
    (seen[visitor] ??= new Set()).add(new URL(page.url()).pathname);
    if (!javaScript) return;
    checked[name] = await axeViolations(page);
    const picture = SCREENSHOTS && KEY_PAGES[name];
    if (picture) await page.screenshot({ path: join(SCREENSHOTS, `${picture}.png`), fullPage: true });
  };
  const as = <T>(email: string, work: (page: Page) => Promise<T>): Promise<T> => {
    visitor = email;
    return asSignedIn(launched, base, email, javaScript, work);
  };
  const application = async () =>
    (
      await t.dataSource.query(
        `SELECT a.id, a.status, w.id AS award_id, w.reference AS award_reference, w.status AS award_status,
                w.paid_pence::int AS paid
           FROM applications a LEFT JOIN awards w ON w.application_id = a.id WHERE a.title = $1`,
        [TITLE],
      )
    )[0];

  it('takes a grant from a volunteer’s sign-up to the public register, every step on its own page', async () => {
    const startDate = addDays(today, 30);
    const endDate = addDays(addMonths(startDate, 6), -1);

    // The volunteer: an account, their group, and the application from the open rounds to the confirmation.
    const context = await requireBrowser(launched).newContext({
      bypassCSP: javaScript,
      javaScriptEnabled: javaScript,
    });
    try {
      const { page, problems } = await watchedPage(context);
      await signUp(page, t, base, volunteer, check);
      await addOrganisation(page, GROUP, check);
      const { reference } = await applyForGrant(
        page,
        { roundId: round.id, roundTitle: round.title, organisationName: GROUP, startDate, endDate },
        check,
      );
      expect(problems).toEqual([]);
      const [sent] = await t.dataSource.query(
        `SELECT a.status, a.amount_requested_pence::int AS amount, a.group_unrelated_committee_members AS members,
                (SELECT count(*)::int FROM application_budget_lines l WHERE l.application_id = a.id) AS lines,
                (SELECT count(*)::int FROM application_submissions s WHERE s.application_id = a.id) AS submissions
           FROM applications a WHERE a.reference = $1`,
        [reference],
      );
      expect(sent).toEqual({ status: 'submitted', amount: 149_950, members: 4, lines: 2, submissions: 1 });
      await t.drainJobs();
      expect((await t.mail.waitFor(volunteer.email, /received your application/i)).text).toContain(reference);
    } finally {
      await context.close();
    }

    // The officers: screening, a conflict declared, a score, the recommendation and the decision.
    const { id } = await application();
    const caseUrl = `${base}/portal/cases/${id}`;
    await as(staff.lead!, (page) => screenAndAssign(page, TITLE, ['Ash Assessor', 'Cal Conflicted'], check));
    expect((await application()).status).toBe('in_assessment');
    await as(staff.cal!, (page) => declareConflict(page, caseUrl, check));
    await as(staff.ash!, (page) => declareAndScore(page, caseUrl, check));
    await as(staff.lead!, (page) => recommendInFull(page, caseUrl, 'Cal Conflicted', check));
    expect((await application()).status).toBe('recommended');
    await as(staff.approver!, (page) => decideAward(page, TITLE, check));
    const decided = await application();
    expect(decided).toMatchObject({ status: 'awarded', award_status: 'offered' });

    // The offer accepted from the volunteer's dashboard, as their group's signatory.
    const awardUrl = `${base}/portal/awards/${decided.award_id}`;
    await as(volunteer.email, async (page) => {
      await page
        .locator('#grants')
        .getByRole('link', { name: new RegExp(decided.award_reference) })
        .click();
      expect(page.url()).toBe(awardUrl);
      await acceptOffer(page, awardUrl, { name: volunteer.name, role: 'Secretary' }, check);
    });
    expect((await application()).award_status).toBe('accepted');

    // Conditions checked, the text the public will read approved, and the first payment made.
    await as(staff.lead!, async (page) => {
      await meetConditions(page, check);
      await approveRegisterText(page, caseUrl, PUBLIC_TITLE, check);
    });
    await as(staff.finance!, (page) => recordPayment(page, decided.award_reference, today, check));
    expect((await application()).paid).toBe(10_000);

    // The final report, sent by the volunteer and accepted: the grant is complete.
    await as(volunteer.email, (page) => sendFinalReport(page, awardUrl, check));
    await as(staff.lead!, (page) => acceptReport(page, check));
    expect((await application()).award_status).toBe('completed');

    // The publication job has run: anyone reads the grant, under the approved title, on the register.
    await t.drainJobs();
    const reader = await requireBrowser(launched).newContext({ javaScriptEnabled: javaScript });
    try {
      const page = await reader.newPage();
      await page.goto(`${base}/register`);
      await page.getByRole('link', { name: PUBLIC_TITLE }).click();
      const main = await page.locator('main').innerText();
      expect(main).toContain(GROUP);
      // The register names a grant by its 360Giving identifier, which carries the award's id.
      expect(main).toMatch(new RegExp(`360G-[a-z]+-${decided.award_id}`));
    } finally {
      await reader.close();
    }

    // Nothing about the grant is left on the lead officer's home page as work to do.
    await as(staff.lead!, async (page) => {
      expect(await page.locator('main').innerText()).not.toContain(TITLE);
    });

    expectNoAxeViolations(checked, 'portal journey', javaScript ? 40 : 0);
  }, 600_000);

  it.runIf(javaScript)(
    'kept each kind of page the journey saw under 100 KB on the wire',
    async () => {
      // A form's own path shows its page again with errors, and a section once the application is sent
      // shows the answers: weighed now, they would be other pages, so each page is weighed once, where it lives.
      const formPost =
        /\/(conflict|screening|assessors|scores|recommendation|decision|conditions|payments|accept)$/;
      const section = /\/applications\/[0-9a-f-]{36}\/(?!check$|sent$|documents$)[a-z-]+$/;
      let weighed = 0;
      for (const [email, paths] of Object.entries(seen)) {
        const pages = [...paths].filter((path) => !formPost.test(path) && !section.test(path));
        const sizes = await expectSignedInPagesWithinBudget(
          requireBrowser(launched),
          base,
          email,
          pages,
          'portal journey',
        );
        weighed += Object.keys(sizes).length;
      }
      expect(weighed).toBeGreaterThanOrEqual(10);
    },
    120_000,
  );
});
