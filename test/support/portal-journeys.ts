import { Page } from 'playwright-core';
import { expect } from 'vitest';
import { tokenFromMail } from './accounts';
import type { TestApp } from './test-app';

/**
 * The portal's journeys as the people who use it go through them, one step per person and page, each
 * with the errors a person meets on the way. The journey specs chain them; `check` runs axe on each page
 * it is given a name for (or does nothing where JavaScript is off).
 */
export type Check = (page: Page, name: string) => Promise<void>;

const summaryOf = (page: Page) => page.locator('.govuk-error-summary');

/** A small but real PDF: the documents service looks at the content, not the name. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Creates an account on the portal's own form and confirms it from the link that crossed SMTP. */
export async function signUp(
  page: Page,
  t: TestApp,
  base: string,
  person: { name: string; email: string; password: string },
  check: Check,
): Promise<void> {
  await page.goto(`${base}/portal`);
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.waitForURL(/\/portal\/create-account$/);
  await check(page, 'create account');
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Create a password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/portal\/check-your-email$/);
  const mail = await t.mail.waitFor(person.email, /confirm your email/i);
  await page.goto(`${base}/portal/verify-email?token=${tokenFromMail(mail.text)}`);
  await page.getByRole('button', { name: 'Confirm email address' }).click();
  expect(await page.locator('.govuk-panel__title').innerText()).toBe('Email address confirmed');
  await check(page, 'email confirmed');
  await page.getByRole('link', { name: 'Sign in' }).last().click();
  await page.waitForURL(/\/portal\/sign-in/);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/portal\/dashboard$/);
}

/** A constituted community group added from the dashboard; lands back on the dashboard. */
export async function addOrganisation(page: Page, name: string, check: Check): Promise<void> {
  await page.getByRole('button', { name: 'Add your organisation' }).click();
  await page.waitForURL(/\/portal\/organisations\/new$/);
  await page.getByLabel('Organisation name').fill(name);
  await page.getByLabel('Constituted community group').check();
  await page.getByLabel('Address line 1').fill('3 Court Road');
  await page.getByLabel('Town or city').fill('Malvern');
  await page.getByLabel('Postcode').fill('WR14 3BU');
  await page.getByLabel('Area your organisation works in').selectOption({ label: 'Malvern Hills' });
  await check(page, 'organisation');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.waitForURL(/\/portal\/dashboard$/);
  expect(await page.locator('main').innerText()).toContain(name);
}

export interface Application {
  roundId: string;
  roundTitle: string;
  organisationName: string;
  /** ISO calendar dates in Europe/London. */
  startDate: string;
  endDate: string;
}

async function section(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await page.locator('h1', { hasText: name }).waitFor();
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
}

/** A section's status on the application's task list. */
export const taskStatus = (page: Page, name: string): Promise<string> =>
  page.locator('.govuk-task-list__item', { hasText: name }).locator('.govuk-task-list__status').innerText();

/**
 * The whole application as a volunteer fills it in, from the open rounds to the confirmation: every
 * section's page, the errors met on the way, check your answers with the eligibility pre-check. Starts
 * signed in as someone whose only organisation is `organisationName`; returns the reference it was sent
 * under and the application's page.
 */
export async function applyForGrant(
  page: Page,
  application: Application,
  check: Check,
): Promise<{ reference: string; url: string }> {
  const summary = summaryOf(page);
  const { roundId, roundTitle, startDate, endDate } = application;

  await page.getByRole('link', { name: 'Funding rounds', exact: true }).click();
  await page.getByRole('button', { name: `Apply to ${roundTitle}` }).click();
  await page.waitForURL(new RegExp(`/portal/rounds/${roundId}/apply$`));
  await check(page, 'start application');
  // One organisation: already chosen.
  expect(await page.getByLabel(application.organisationName).isChecked()).toBe(true);
  await page.getByLabel('Project title (optional)').fill('Court Road Speedwatch');
  await page.getByRole('button', { name: 'Start your application' }).click();
  await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  expect(await page.locator('h1').innerText()).toBe('Court Road Speedwatch');
  expect(await page.locator('#progress').innerText()).toMatch(/You have completed 1 of 12 sections/);
  expect(await page.locator('main').innerText()).toMatch(
    /until the round closes on \d{1,2} [A-Z][a-z]+ \d{4}\./,
  );
  await check(page, 'task list');
  const url = page.url();

  await section(page, 'Your organisation');
  await check(page, 'organisation checks');
  await page.getByLabel('How many committee members are not related to one another?').fill('three');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  expect(await summary.innerText()).toContain('Enter the number of committee members as a whole number');
  await check(page, 'organisation checks, errors');
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
  await check(page, 'project');
  await save(page);
  expect(await taskStatus(page, 'Your project and its activities')).toBe('Completed');

  await section(page, 'Plan objectives it serves');
  await check(page, 'objectives');
  const first = page.locator('input[name="objectives"]').first();
  await first.check();
  const objectiveId = await first.getAttribute('value');
  await page.locator(`#contribution-${objectiveId}`).fill('Fewer speeding drivers near the school');
  await save(page);

  await section(page, 'Success measures and targets');
  await check(page, 'measures');
  await page.locator('input[name^="target-"]').first().fill('lots');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  expect(await summary.innerText()).toContain('Enter the target as a number');
  await check(page, 'measures, errors');
  await page.locator('input[name^="target-"]').first().fill('12');
  await save(page);

  await section(page, 'Areas that benefit');
  await page.getByLabel('Malvern Hills').check();
  await check(page, 'areas');
  await save(page);

  await section(page, 'Project dates');
  await page.locator('#startDate-day').fill('31');
  await page.locator('#startDate-month').fill('2');
  await page.locator('#startDate-year').fill('2027');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  expect(await summary.innerText()).toContain('The start date must be a real date');
  await check(page, 'dates, errors');
  const [y1, m1, d1] = startDate.split('-');
  const [y2, m2, d2] = endDate.split('-');
  await page.locator('#startDate-day').fill(d1!);
  await page.locator('#startDate-month').fill(m1!);
  await page.locator('#startDate-year').fill(y1!);
  await page.locator('#endDate-day').fill(d2!);
  await page.locator('#endDate-month').fill(m2!);
  await page.locator('#endDate-year').fill(y2!);
  await save(page);
  expect(await taskStatus(page, 'Project dates')).toBe('Completed');

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
  await check(page, 'budget, errors');
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
  await check(page, 'other funding');
  await save(page);

  await section(page, 'When the funding ends');
  await page.getByLabel('What will happen when this funding ends?').fill('The device stays with the group.');
  await save(page);

  await section(page, 'Documents');
  await check(page, 'documents');
  await page.getByRole('button', { name: 'Send the document' }).click();
  expect(await summary.innerText()).toContain('Select what the document is');
  expect(await summary.innerText()).toContain('Select a file');
  await check(page, 'documents, errors');
  // A file that is not a document is refused by the service's look at its content, whatever its name.
  await page.getByLabel('Constitution', { exact: true }).check();
  await page.getByLabel('Choose the file').setInputFiles({
    name: 'constitution.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('not really a PDF'),
  });
  await page.getByRole('button', { name: 'Send the document' }).click();
  expect(await summary.innerText()).toContain('The selected file must be a PDF');
  for (const [kind, name] of [
    ['Constitution', 'Our constitution.pdf'],
    ['Latest accounts or a recent bank statement', 'Bank statement March.pdf'],
  ] as const) {
    await page.getByLabel(kind, { exact: true }).check();
    await page
      .getByLabel('Choose the file')
      .setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Send the document' }).click();
    await page.locator('#documents', { hasText: name }).waitFor();
  }
  expect(await page.locator('#still-needed').innerText()).toContain('You have sent everything we ask for');
  // The file comes back as it was sent.
  const href = await page.getByRole('link', { name: 'Our constitution.pdf' }).getAttribute('href');
  const download = await page.request.get(new URL(href!, page.url()).toString());
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
  await page.getByRole('link', { name: 'Back to your application' }).first().click();
  expect(await taskStatus(page, 'Documents')).toBe('Completed');

  await section(page, 'Safeguarding');
  await page.locator('#involvesChildrenOrAdultsAtRisk-2').check();
  await page.getByLabel('Our organisation has safeguarding arrangements in place for this project').check();
  await check(page, 'safeguarding');
  await save(page);

  // Not yet agreed: check your answers says what is left, and links to it.
  await page.getByRole('button', { name: 'Check your answers' }).click();
  await page.waitForURL(/\/check$/);
  expect(await summary.innerText()).toContain('Agree that the information is true and complete');
  expect(await page.getByRole('button', { name: 'Accept and send' }).count()).toBe(0);
  await check(page, 'check answers, not ready');
  await summary.getByRole('link', { name: 'Agree that the grant is one-off' }).click();
  await page.locator('h1', { hasText: 'Declarations' }).waitFor();
  for (const box of await page.locator('input[name="declarations"]').all()) await box.check();
  await check(page, 'declarations');
  await save(page);
  expect(await page.locator('#progress').innerText()).toMatch(/You have completed 12 of 12 sections/);

  await page.getByRole('button', { name: 'Check your answers' }).click();
  await page.waitForURL(/\/check$/);
  expect(await summary.count()).toBe(0);
  const main = await page.locator('main').innerText();
  for (const text of ['Court Road Speedwatch', '£1,499.50', 'Malvern Town Council', 'Monthly speed checks']) {
    expect(main).toContain(text);
  }
  await check(page, 'check answers');
  await page.getByRole('button', { name: 'Accept and send' }).click();
  await page.waitForURL(/\/sent$/);
  expect(await page.locator('.govuk-panel__title').innerText()).toBe('Application sent');
  const reference = (await page.locator('.govuk-panel__body strong').innerText()).trim();
  await check(page, 'application sent');

  // Sent: the answers can be read, not changed, and the dashboard says what happens next.
  await page.goto(url);
  await page.waitForURL(/\/check$/);
  expect(await page.getByRole('link', { name: /^Change/ }).count()).toBe(0);
  await page.goto(`${url}/budget`);
  await page.waitForURL(/\/check$/);
  await page.getByRole('link', { name: 'Your applications' }).click();
  expect(await page.locator('main').innerText()).toContain(reference);
  await check(page, 'dashboard with an application');
  return { reference, url };
}

/**
 * The lead officer opens the application from their home page, declares no conflict (after the error of
 * declaring nothing), screens it eligible (after the errors) with an override for every rule not at pass,
 * and assigns the assessors named.
 */
export async function screenAndAssign(
  page: Page,
  title: string,
  assessors: string[],
  check: Check,
): Promise<void> {
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL(/\/portal\/cases\/[0-9a-f-]{36}$/);
  await check(page, 'case, to declare');
  expect(await page.getByRole('button', { name: 'Record the screening' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Declare' }).click();
  expect(await summaryOf(page).innerText()).toContain('Select whether you have a conflict of interest');
  await check(page, 'case, declaration errors');
  await declareNoConflict(page);
  await page.getByRole('button', { name: 'Record the screening' }).waitFor();
  await check(page, 'case, to screen');

  // Not eligible without reasons: refused by the form; eligible with a rule not at pass: by the service.
  await page.getByLabel('Not eligible', { exact: true }).check();
  await page.getByRole('button', { name: 'Record the screening' }).click();
  expect(await summaryOf(page).innerText()).toContain('Give the reasons the applicant will read');
  await check(page, 'case, screening errors');
  for (const select of await page.locator('select[name^="override-"]').all()) {
    await select.selectOption('pass');
    const name = await select.getAttribute('name');
    await page.locator(`#${name}-reason`).fill('Checked by hand: this is a new activity');
  }
  await page.getByLabel('Eligible: put it into assessment').check();
  await page.getByRole('button', { name: 'Record the screening' }).click();
  await page.getByRole('button', { name: 'Assign' }).waitFor();

  for (const name of assessors) await page.getByLabel(name).check();
  await page.getByRole('button', { name: 'Assign' }).click();
  await page.locator('#assessors').waitFor();
  expect(await page.locator('#assessors').innerText()).toContain(`${assessors[0]}: has not declared yet`);
  await check(page, 'case, assessors assigned');
}

async function declareNoConflict(page: Page): Promise<void> {
  await page.getByLabel('No, I have no conflict of interest').check();
  await page.getByRole('button', { name: 'Declare' }).click();
}

/** An assessor declares a conflict on the case page, and is then offered no scoring form. */
export async function declareConflict(page: Page, caseUrl: string, check: Check): Promise<void> {
  await page.goto(caseUrl);
  await page.getByLabel('Yes, I have a conflict of interest').check();
  await page.getByLabel('If you have a conflict, what is it?').fill('My sister chairs the association.');
  await page.getByRole('button', { name: 'Declare' }).click();
  await page.getByText('You declared a conflict of interest in this application').waitFor();
  expect(await page.getByRole('button', { name: 'Submit your scores' }).count()).toBe(0);
  await check(page, 'case, conflicted');
}

/** An assessor declares no conflict and scores every criterion 4 (after submitting one score alone). */
export async function declareAndScore(page: Page, caseUrl: string, check: Check): Promise<void> {
  await page.goto(caseUrl);
  await declareNoConflict(page);
  await page.getByRole('button', { name: 'Submit your scores' }).waitFor();
  await check(page, 'case, to score');
  // Submitting needs every score and comment: the service's rule, shown on the page.
  await page.locator('input[name^="score-"][value="4"]').first().check();
  await page.getByRole('button', { name: 'Submit your scores' }).click();
  expect(await summaryOf(page).count()).toBe(1);
  await check(page, 'case, scoring errors');
  for (const radio of await page.locator('input[name^="score-"][value="4"]').all()) await radio.check();
  for (const box of await page.locator('textarea[name^="comment-"]').all())
    await box.fill('Clear evidence of need');
  await page.getByRole('button', { name: 'Submit your scores' }).click();
  await page.locator('#score-table').waitFor();
}

/** The lead sees who declared what, moderates and recommends funding in full. */
export async function recommendInFull(
  page: Page,
  caseUrl: string,
  conflicted: string,
  check: Check,
): Promise<void> {
  await page.goto(caseUrl);
  expect(await page.locator('#assessors').innerText()).toContain(`${conflicted}: declared a conflict`);
  await page.getByRole('button', { name: 'Record the recommendation' }).waitFor();
  await check(page, 'case, to recommend');
  await page.getByLabel('Fund in full', { exact: true }).check();
  await page.getByLabel('The panel’s view').fill('A well-evidenced scheme for a dark path.');
  await page.locator('textarea[name^="reason-"]').first().fill('Serves the objective directly.');
  await page.getByRole('button', { name: 'Record the recommendation' }).click();
  await page.getByRole('heading', { name: 'Recommendation' }).waitFor();
}

/**
 * The approver opens the application from their home page, declares no conflict and awards it with a
 * special condition before payment (after the error of giving no reasons).
 */
export async function decideAward(page: Page, title: string, check: Check): Promise<void> {
  await page.getByRole('link', { name: title }).click();
  await declareNoConflict(page);
  await page.getByRole('button', { name: 'Record the decision' }).waitFor();
  await check(page, 'case, to decide');
  await page.getByLabel('Award a grant', { exact: true }).check();
  await page
    .getByLabel('Special conditions to meet before any payment (optional)')
    .fill('Show the landowner’s consent');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  expect(await summaryOf(page).innerText()).toContain('Give the reasons for the decision');
  await check(page, 'case, decision errors');
  await page.getByLabel('Reasons', { exact: true }).fill('Meets objective 3 in an area of rising concern.');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.getByRole('link', { name: /^See the award/ }).waitFor();
  await check(page, 'case, decided');
}

/** The grant holder's signatory reads the offer and accepts it (after the errors of accepting nothing). */
export async function acceptOffer(
  page: Page,
  awardUrl: string,
  signatory: { name: string; role: string },
  check: Check,
): Promise<void> {
  await page.goto(awardUrl);
  expect(await page.locator('h1').innerText()).toBe('Your grant offer');
  await check(page, 'offer');
  await page.getByRole('button', { name: /^Accept the offer of/ }).click();
  const summary = summaryOf(page);
  expect(await summary.innerText()).toContain('Confirm you accept every condition of the offer');
  expect(await summary.innerText()).toContain('Enter your full name');
  await check(page, 'offer, errors');
  for (const box of await page.locator('input[name="conditions"]').all()) await box.check();
  await page.getByLabel('Your full name').fill(signatory.name);
  await page.getByLabel('Your role in the organisation').fill(signatory.role);
  await page.getByRole('button', { name: /^Accept the offer of/ }).click();
  await page.getByText(`by ${signatory.name}, ${signatory.role}`).waitFor();
}

/** An officer opens the grant from their home page's conditions to check and records each one met. */
export async function meetConditions(page: Page, check: Check): Promise<void> {
  await page.locator('tr', { hasText: 'conditions to check' }).getByRole('link').click();
  await page.waitForURL(/\/portal\/awards\/[0-9a-f-]{36}$/);
  await check(page, 'award, conditions to check');
  const record = page.getByRole('button', { name: /^Record condition/ });
  await record.first().click();
  expect(await summaryOf(page).innerText()).toContain('Select whether the condition is met or waived');
  await check(page, 'award, condition errors');
  // The round's standard conditions and the approver's special one, checked one by one.
  expect(await record.count()).toBeGreaterThan(1);
  while ((await record.count()) > 0) {
    const form = page.locator('form[action$="/conditions"]').first();
    await form.getByLabel('Met').check();
    await form.getByLabel('Evidence seen, or why it is waived').fill('Letter from the parish council, 2 May');
    const left = await record.count();
    await form.getByRole('button', { name: /^Record condition/ }).click();
    await expect.poll(() => record.count()).toBe(left - 1);
  }
  await page.locator('#conditions', { hasText: 'met: Letter from the parish council' }).waitFor();
}

/**
 * Finance opens the grant from their list of payments to make and records one of £100 paid on `paidOn`
 * (an ISO date), after the errors of giving no date or reference.
 */
export async function recordPayment(
  page: Page,
  awardReference: string,
  paidOn: string,
  check: Check,
): Promise<void> {
  await page
    .getByRole('link', { name: new RegExp(awardReference) })
    .first()
    .click();
  await page.getByRole('button', { name: 'Record the payment' }).waitFor();
  await check(page, 'award, to pay');
  await page.getByLabel('Amount paid').fill('100');
  await page.getByRole('button', { name: 'Record the payment' }).click();
  expect(await summaryOf(page).innerText()).toContain('Enter the date the money was paid');
  expect(await summaryOf(page).innerText()).toContain('Enter the bank or remittance reference');
  await check(page, 'award, payment errors');
  const [y, m, d] = paidOn.split('-');
  await page.locator('#on-day').fill(String(Number(d)));
  await page.locator('#on-month').fill(String(Number(m)));
  await page.locator('#on-year').fill(y!);
  await page.getByLabel('Bank or remittance reference').fill('BACS 000123');
  await page.getByRole('button', { name: 'Record the payment' }).click();
  await page.locator('#payments', { hasText: 'BACS 000123' }).waitFor();
}

/**
 * The grant holder sees the payment, opens the grant's first (and final) monitoring report, and sends it
 * with spend, a figure and a case study, after the errors of a figure that is not a number, a story with
 * no anonymised version and no unspent amount. Returns the report's page.
 */
export async function sendFinalReport(page: Page, awardUrl: string, check: Check): Promise<string> {
  await page.goto(awardUrl);
  expect(await page.locator('#payments').innerText()).toContain('Paid to you');
  await page.locator('#reports').getByRole('link').first().click();
  await page.waitForURL(/\/portal\/monitoring-reports\/[0-9a-f-]{36}$/);
  const url = page.url();
  await check(page, 'report to write');
  await page.locator('input[name^="spend-"]').first().fill('80');
  await page.locator('input[name^="figure-"]:not([name$="-note"])').first().fill('lots');
  await page.getByLabel('How is the project going?').fill('Two alleys are lit and used again.');
  await page.locator('#case-0-title').fill('Walking home');
  await page.locator('#case-0-story').fill('Mrs A, 82, walks to the shop again.');
  await page.locator('#case-0-consent').check();
  await page.getByRole('button', { name: 'Save and finish later' }).click();
  const summary = summaryOf(page);
  expect(await summary.innerText()).toContain('must be a number');
  expect(await summary.innerText()).toContain('write the version with no one identifiable');
  await check(page, 'report, errors');
  // What was typed is still there.
  expect(await page.locator('#case-0-title').inputValue()).toBe('Walking home');
  await page.locator('input[name^="figure-"]:not([name$="-note"])').first().fill('12');
  await page.locator('#case-0-anonymised').fill('An older resident walks to the shop again.');
  await page.getByRole('button', { name: 'Send the report' }).click();
  // Six months: the only report is the final one, which asks what is unspent.
  expect(await summaryOf(page).innerText()).toContain('Say how much of the grant is unspent');
  await page.getByLabel('How much of the grant is unspent?').fill('20');
  await page.getByRole('button', { name: 'Send the report' }).click();
  await page.getByText('Sent, being reviewed').waitFor();
  await check(page, 'report sent');
  return url;
}

/** An officer opens the report from their home page's reports to review and accepts it. */
export async function acceptReport(page: Page, check: Check): Promise<void> {
  await page.locator('#reports-to-review').getByRole('link').first().click();
  await page.getByRole('button', { name: 'Record the review' }).waitFor();
  await check(page, 'report to review');
  await page.locator('#outcome').check();
  await page.getByRole('button', { name: 'Record the review' }).click();
  await page.getByText('Accepted', { exact: true }).waitFor();
}

/**
 * An officer goes from the case to its award's register preview, and approves the title the public will
 * read (after the error of an empty title).
 */
export async function approveRegisterText(
  page: Page,
  caseUrl: string,
  title: string,
  check: Check,
): Promise<void> {
  await page.goto(caseUrl);
  await page.getByRole('link', { name: /^See the award/ }).click();
  await page.getByRole('link', { name: 'See what the register will say about this grant' }).click();
  await page.locator('#entry').waitFor();
  expect(await page.locator('#publication-status').innerText()).toContain('Now: not published');
  await check(page, 'register preview');
  await page.getByLabel('Title').fill('');
  await page.getByRole('button', { name: 'Approve this text' }).click();
  expect(await summaryOf(page).innerText()).toContain('Enter the title the public will read');
  await check(page, 'register preview, errors');
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Approve this text' }).click();
  await page.getByRole('heading', { name: 'Change the approved text' }).waitFor();
  expect(await page.locator('#entry').innerText()).toContain(title);
}
