import { Role } from '@grants/accounts';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { ORGANISATION_BODY } from '../support/api-world';
import { submitApplication } from '../support/applications';
import { asSignedIn, axeViolations, serveToBrowser, expectNoAxeViolations } from '../support/browser';
import { createOpenRound, seedReference } from '../support/reference';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * An officer's question and the applicant's answer, in a real browser: the officer asks for the budget
 * again; the applicant sees the question on their dashboard, changes the budget (and only what was
 * reopened), and sends an answer; the application goes back to the officer, who reads it on the case.
 */
describe.each([
  { javaScript: true, state: 'on' },
  { javaScript: false, state: 'off' },
])('the portal: asking for and giving more information, JavaScript $state', ({ javaScript }) => {
  let t: TestApp;
  let base: string;
  let launched: Browser | undefined;
  let applicationId: string;
  const checked: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    const ref = await seedReference(t);
    const round = await createOpenRound(t);
    const applicant = await registerApplicant(t, { email: 'mo@example.org' });
    const organisation = await t.post('/api/v1/organisations', ORGANISATION_BODY, { token: applicant.token });
    applicationId = await submitApplication(t, applicant.token, {
      organisationId: organisation.body.id as string,
      roundId: round.id,
      ref,
      objectiveIds: round.objectiveIds.slice(0, 1),
      answers: { title: 'Youth club nights' },
    });
    await createStaffUser(t, [Role.Officer], { email: 'nia@example.org' });
    ({ base, launched } = await serveToBrowser(t));
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
    await t?.close();
  });

  const as = (email: string, work: (page: Page) => Promise<void>): Promise<void> =>
    asSignedIn(launched, base, email, javaScript, work);
  const check = async (page: Page, name: string) => {
    if (javaScript) checked[name] = await axeViolations(page);
  };
  const status = async () =>
    (await t.dataSource.query(`SELECT status FROM applications WHERE id = $1`, [applicationId]))[0].status;

  it('reopens the budget, takes the changed budget and the answer, and returns the application', async () => {
    await as('nia@example.org', async (page) => {
      await page.goto(`${base}/portal/cases/${applicationId}`);
      await page.getByLabel('No, I have no conflict of interest').check();
      await page.getByRole('button', { name: 'Declare' }).click();
      await page.getByText('Ask the applicant for information').click();
      await page.getByRole('button', { name: 'Send the request' }).click();
      const summary = page.locator('.govuk-error-summary');
      expect(await summary.innerText()).toContain('Select the answers the applicant may change');
      await check(page, 'case, information request errors');
      await page.getByLabel('The budget lines').check();
      await page.getByLabel('The amount you are asking for').check();
      await page.getByLabel('What do you need to know?').fill('Please split the staff costs by role.');
      await page.getByRole('button', { name: 'Send the request' }).click();
      await page.locator('#request-1').waitFor();
      expect(await page.locator('#request-1').innerText()).toContain('Waiting for the applicant');
    });
    expect(await status()).toBe('information_requested');

    await as('mo@example.org', async (page) => {
      expect(await page.locator('main').innerText()).toContain('Information needed');
      await page.getByRole('link', { name: 'Youth club nights' }).click();
      expect(await page.locator('#request-message').innerText()).toContain(
        'Please split the staff costs by role.',
      );
      expect(await page.locator('#reopened').innerText()).toBe('Budget');
      await check(page, 'information request');
      // A section the request did not reopen stays closed.
      await page.goto(`${base}/portal/applications/${applicationId}/project`);
      await page.waitForURL(/\/check$/);
      await page.goto(`${base}/portal/applications/${applicationId}`);
      await page.getByRole('link', { name: 'Budget', exact: true }).click();
      await page.locator('h1', { hasText: 'Budget' }).waitFor();
      const first = page.locator('#line-0-description');
      await first.fill(`${await first.inputValue()} (coordinator, 10 hours at £15)`);
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.locator('#request-message').waitFor();
      await page.getByRole('button', { name: 'Send your answer' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'Tell us what you have changed',
      );
      await check(page, 'information request, errors');
      await page.getByLabel('Your answer').fill('The first line now names the role and the hours.');
      await page.getByRole('button', { name: 'Send your answer' }).click();
      await page.waitForURL(/\/check$/);
      expect(await page.locator('main').innerText()).toContain('coordinator, 10 hours');
    });
    expect(await status()).toBe('submitted');

    await as('nia@example.org', async (page) => {
      await page.goto(`${base}/portal/cases/${applicationId}`);
      expect(await page.locator('#request-1').innerText()).toContain(
        'The first line now names the role and the hours.',
      );
      await check(page, 'case, information answered');
    });
    expectNoAxeViolations(checked, 'portal information', javaScript ? 4 : 0);
  }, 120_000);
});
