import { join } from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations, portalSignIn, transferredBytes } from './browser';

/** What a page may cost on a slow phone: HTML, CSS and JS on the wire, nothing cached. */
export const PAGE_BUDGET_BYTES = 100 * 1024;

/** A link in the service navigation (a page's own back link may have the same words). */
export function serviceNavLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true });
}

/** A GOV.UK date input, found by its legend, given a calendar date YYYY-MM-DD. */
export async function fillDateInput(page: Page, legend: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year!);
}

/**
 * Each page's bytes on the wire for someone signed in as `email`, nothing cached, asserted under the budget
 * and written out under `label` (ids in the paths shown as :id).
 */
export async function expectSignedInPagesWithinBudget(
  browser: Browser,
  base: string,
  email: string,
  paths: string[],
  label: string,
): Promise<Record<string, number>> {
  const context = await browser.newContext();
  const sizes: Record<string, number> = {};
  try {
    await portalSignIn(context, base, email);
    const cookies = await context.cookies();
    for (const path of paths) {
      sizes[path.replace(/[0-9a-f-]{36}/g, ':id')] = await transferredBytes(
        browser,
        `${base}${path}`,
        cookies,
      );
    }
  } finally {
    await context.close();
  }
  process.stdout.write(`${label} page weight (bytes, nothing cached): ${JSON.stringify(sizes)}\n`);
  expect(Object.keys(sizes)).toHaveLength(paths.length);
  for (const [path, bytes] of Object.entries(sizes)) {
    expect(bytes, path).toBeGreaterThan(10_000);
    expect(bytes, path).toBeLessThan(PAGE_BUDGET_BYTES);
  }
  return sizes;
}

/**
 * axe on the page as it stands, remembered under `name` for the journey's one assertion; with
 * PORTAL_SCREENSHOTS set (docs/screenshots), a key page is saved as `portal-<name>.png` for the README.
 */
export async function checkPage(
  page: Page,
  name: string,
  checked: Record<string, string[]>,
  keyPages: ReadonlySet<string>,
): Promise<void> {
  checked[name] = await axeViolations(page);
  const dir = process.env.PORTAL_SCREENSHOTS;
  if (dir && keyPages.has(name)) {
    await page.screenshot({ path: join(dir, `portal-${name.replace(/[^a-z]+/g, '-')}.png`), fullPage: true });
  }
}
