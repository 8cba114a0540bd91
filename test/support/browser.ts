import { existsSync, readFileSync } from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_PASSWORD } from './accounts';
import type { TestApp } from './test-app';

/** Debian's Chromium, never a browser downloaded by npm (.ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';
/** Headless, and kept off the network: without these it tries Google's hosts at every start. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** One line per failing element, so a failure says what to fix and where. */
function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''} ${v.helpUrl}`,
    ),
  );
}

/** Chromium, or undefined when it is not installed (browser() then fails each test with how to get it). */
export async function launchChromium(): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export function requireBrowser(launched: Browser | undefined): Browser {
  if (launched) return launched;
  throw new Error(
    `Chromium is not installed at ${CHROMIUM}, and the pages are tested in it. ` +
      `Install Debian's package (apt-get install -y chromium); .ci/run does this in CI.`,
  );
}

/**
 * axe-core's WCAG 2.2 A and AA rules on the page as it is now (after a form post, say). axe goes in as an
 * inline script, which the pages' CSP refuses: the page's context must have been made with bypassCSP.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })`,
  )) as { violations: AxeViolation[]; passes: unknown[] };
  // A page that failed to load would pass too: make sure axe had something to check.
  expect(result.passes.length, page.url()).toBeGreaterThan(10);
  return describeViolations(result.violations);
}

/** A new page that records script errors, CSP refusals and failed assets in `problems`. */
export async function watchedPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' && r.status() >= 400)
      problems.push(`${r.status()} ${r.url()}`);
  });
  return { page, problems };
}

/**
 * What loading a page costs a visitor with nothing cached: the bytes on the wire (headers and encoded
 * bodies) of the document, its stylesheets and its scripts, in a fresh context each time.
 */
export async function transferredBytes(
  browser: Browser,
  url: string,
  /** A session's cookies, for a page only a signed-in person sees. */
  cookies: Parameters<BrowserContext['addCookies']>[0] = [],
): Promise<number> {
  const context = await browser.newContext();
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    const responses: Promise<number>[] = [];
    page.on('requestfinished', (request) => {
      if (!['document', 'stylesheet', 'script'].includes(request.resourceType())) return;
      responses.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    });
    await page.goto(url);
    await page.waitForLoadState('load');
    return (await Promise.all(responses)).reduce((a, b) => a + b, 0);
  } finally {
    await context.close();
  }
}

/** The app listening on a free loopback port, and Chromium beside it (undefined where it is absent). */
export async function serveToBrowser(t: TestApp): Promise<{ base: string; launched: Browser | undefined }> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  return { base, launched: await launchChromium() };
}

/** Signs in through the portal's own form, landing on the dashboard. */
export async function portalSignIn(
  context: BrowserContext,
  base: string,
  email: string,
): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await watchedPage(context);
  await page.goto(`${base}/portal/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/portal\/dashboard$/);
  return { page, problems };
}

/**
 * One person's visit: a fresh browser context signed in as `email`, the work done in it, and no console
 * error or failed request on the way. axe goes in as a script, so the CSP is bypassed only where
 * JavaScript runs at all.
 */
export async function asSignedIn<T>(
  launched: Browser | undefined,
  base: string,
  email: string,
  javaScript: boolean,
  work: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await requireBrowser(launched).newContext({
    bypassCSP: javaScript,
    javaScriptEnabled: javaScript,
  });
  try {
    const { page, problems } = await portalSignIn(context, base, email);
    const result = await work(page);
    expect(problems, email).toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

/**
 * The one assertion of a journey's accessibility: every page axe looked at (named in `checked`) has no
 * violation, and at least `pages` were looked at, so a journey that stopped checking cannot pass.
 */
export function expectNoAxeViolations(
  checked: Record<string, string[]>,
  journey: string,
  pages: number,
): void {
  const counts = Object.fromEntries(Object.entries(checked).map(([k, v]) => [k, v.length]));
  process.stdout.write(`${journey} axe violations per page: ${JSON.stringify(counts)}\n`);
  expect(checked).toEqual(Object.fromEntries(Object.keys(checked).map((k) => [k, []])));
  expect(Object.keys(checked).length, `pages axe checked in ${journey}`).toBeGreaterThanOrEqual(pages);
}
