/**
 * Issue 19 in a real browser, outside requests blocked: the coverage page /admin/couverture (map,
 * measure, sortable table, a département's gaps) and the public « Départements » map, axe-clean,
 * at phone and desktop sizes. Screenshots in $TMPDIR/pare-coverage-screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import {
  DESKTOP,
  type Harness,
  openPage,
  outsideRequests,
  PHONE,
  type RecordedPage,
  seriousViolations,
  signInThroughForm,
  startHarness,
} from './browser.ts';

let h: Harness;
const SHOTS = join(tmpdir(), 'pare-coverage-screenshots');
beforeAll(async () => {
  h = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => h.close());

const WIDE = { width: 1366, height: 900 } as const;

type Shot = { file: string; fullPage: boolean };

/**
 * The map settled, a screenshot and the axe check at the page's size, then a screenshot at `size`;
 * nothing was fetched outside and no error was logged.
 */
async function checkAtTwoSizes(
  { page, context, requests, errors }: RecordedPage,
  first: Shot,
  size: { width: number; height: number },
  second: Shot,
) {
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(SHOTS, first.file), fullPage: first.fullPage });
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize(size);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SHOTS, second.file), fullPage: second.fullPage });
  expect(outsideRequests(requests, h.server.url)).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
}

describe('coverage map', () => {
  it('shows the back-office coverage: choropleth, sortable table, a département’s gaps, nothing fetched outside', async () => {
    const email = await createAccount(h.server, 'curateur');
    const opened = await openPage(h, WIDE, { bypassCSP: true });
    const { page } = opened;
    await signInThroughForm(h, page, '/admin/couverture', email);
    await page.getByRole('heading', { level: 1, name: 'Couverture du réseau' }).waitFor();
    await page.locator('.coverage__map canvas').waitFor();
    await page.getByRole('table', { name: 'Couverture par département' }).waitFor();
    expect(await page.locator('.coverage__table tbody tr').count()).toBe(101);

    await page.getByLabel('Mesure affichée').selectOption('gaps');
    await page.getByRole('button', { name: 'Manques' }).click();
    await page.getByRole('button', { name: 'Moselle', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Moselle (57)' }).waitFor();
    await page.locator('.coverage__areas').getByRole('button', { name: 'Guyane' }).click();
    await checkAtTwoSizes(opened, { file: 'coverage-admin-1366.png', fullPage: false }, PHONE, {
      file: 'coverage-admin-390.png',
      fullPage: true,
    });
  });

  it('shows the public map on the « Départements » page, axe-clean at phone size', async () => {
    const opened = await openPage(h, PHONE, { bypassCSP: true });
    const { page } = opened;
    await page.goto(`${h.server.url}/departements`);
    await page.getByRole('heading', { level: 2, name: 'Carte de la couverture' }).waitFor();
    await page.locator('.coverage__map canvas').waitFor();
    await checkAtTwoSizes(opened, { file: 'coverage-public-390.png', fullPage: false }, DESKTOP, {
      file: 'coverage-public-1366.png',
      fullPage: false,
    });
  });
});
