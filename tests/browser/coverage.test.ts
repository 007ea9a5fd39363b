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
import { DESKTOP, type Harness, openPage, outsideRequests, PHONE, seriousViolations, signInThroughForm, startHarness } from './browser.ts';

let h: Harness;
const SHOTS = join(tmpdir(), 'pare-coverage-screenshots');
beforeAll(async () => {
  h = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => h.close());

const WIDE = { width: 1366, height: 900 } as const;

describe('coverage map', () => {
  it('shows the back-office coverage: choropleth, sortable table, a département’s gaps, nothing fetched outside', async () => {
    const email = await createAccount(h.server, 'curateur');
    const { page, context, requests, errors } = await openPage(h, WIDE, { bypassCSP: true });
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
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SHOTS, 'coverage-admin-1366.png'), fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize(PHONE);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'coverage-admin-390.png'), fullPage: true });
    expect(outsideRequests(requests, h.server.url)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the public map on the « Départements » page, axe-clean at phone size', async () => {
    const { page, context, requests, errors } = await openPage(h, PHONE, { bypassCSP: true });
    await page.goto(`${h.server.url}/departements`);
    await page.getByRole('heading', { level: 2, name: 'Carte de la couverture' }).waitFor();
    await page.locator('.coverage__map canvas').waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SHOTS, 'coverage-public-390.png'), fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'coverage-public-1366.png'), fullPage: false });
    expect(outsideRequests(requests, h.server.url)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
