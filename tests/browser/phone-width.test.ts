/**
 * On a phone (390 × 844), a page is never wider than the screen: a wider page pans sideways, and
 * the quick-exit bar, fixed to the page's width, goes half off-screen with it. Found at 390 px
 * (2026-12-07): the « Départements » table made its page 461 px wide, the back office's coverage
 * map 414 and the resources list 516. Real browser, outside requests blocked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { type Harness, openPage, outsideRequests, PHONE, signInThroughForm, startHarness } from './browser.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** How wide the page is laid out, and where the quick-exit bar is, once its content is shown. */
async function widths(page: Page): Promise<{ page: number; screen: number; quickExit: { left: number; right: number } | null }> {
  return page.evaluate(() => {
    const bar = document.querySelector('.quick-exit')?.getBoundingClientRect();
    return {
      page: document.documentElement.scrollWidth,
      screen: document.documentElement.clientWidth,
      quickExit: bar ? { left: Math.round(bar.left), right: Math.round(bar.right) } : null,
    };
  });
}

function expectFits(w: Awaited<ReturnType<typeof widths>>, where: string) {
  expect(w.page, `${where}: page width`).toBeLessThanOrEqual(w.screen);
  expect(w.quickExit, `${where}: quick-exit bar`).not.toBeNull();
  expect(w.quickExit!.left, `${where}: quick-exit bar`).toBeGreaterThanOrEqual(0);
  expect(w.quickExit!.right, `${where}: quick-exit bar`).toBeLessThanOrEqual(w.screen);
}

describe('on a phone, no page is wider than the screen', () => {
  it('the « Départements » page: its map and its table (département, local actors, protocols) fit; the table is the same 101 rows', async () => {
    const { page, context, requests, errors } = await openPage(h, PHONE);
    await page.goto(`${h.server.url}/departements`);
    await page.locator('.coverage__map canvas').waitFor();
    const table = page.locator('table.data-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(101);
    expectFits(await widths(page), '/departements');
    // Nothing of a row is cut: the table itself fits, its last column (the protocols) on screen.
    const box = await table.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    const protocols = await page.getByRole('columnheader', { name: 'Protocoles' }).boundingBox();
    expect(protocols!.x + protocols!.width).toBeLessThanOrEqual(PHONE.width);
    expect(outsideRequests(requests, h.server.url)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the back office: the coverage map and the resources list fit, a wide list scrolling in its own box', async () => {
    const email = await createAccount(h.server, 'admin');
    const { page, context, requests, errors } = await openPage(h, PHONE);
    await signInThroughForm(h, page, '/admin/couverture', email);
    await page.getByRole('heading', { level: 1, name: 'Couverture du réseau' }).waitFor();
    await page.locator('.coverage__map canvas').waitFor();
    expectFits(await widths(page), '/admin/couverture');

    await page.goto(`${h.server.url}/admin/ressources`);
    await page.getByRole('heading', { level: 1, name: 'Ressources et protocoles' }).waitFor();
    await page.locator('table').first().waitFor();
    expectFits(await widths(page), '/admin/ressources');
    expect(outsideRequests(requests, h.server.url)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
