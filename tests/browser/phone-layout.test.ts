/**
 * Pages on a phone (390 × 844), real browser, outside requests blocked. Found at 390 px
 * (2026-12-07):
 * - a page wider than the screen pans sideways, and the quick-exit bar, fixed to the page's width,
 *   goes half off-screen with it: the « Départements » table made its page 461 px wide, the back
 *   office's coverage map 414 and the resources list 516;
 * - the back office's menu (thirteen links and the sign-out) took the first screen of every
 *   back-office page: the inbox's heading began at 570 px of 844.
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

describe('on a phone, the back office’s menu is folded under one button', () => {
  it('a team member opening the inbox sees its heading and filters on the first screen, unfolds the menu, goes to the dashboard and finds it folded again', async () => {
    const email = await createAccount(h.server, 'curateur');
    const { page, context, errors } = await openPage(h, PHONE);
    await signInThroughForm(h, page, '/admin', email);
    await page.goto(`${h.server.url}/equipe/demandes`);
    const heading = page.getByRole('heading', { level: 1, name: 'Boîte de l’équipe : demandes de contact' });
    await heading.waitFor();
    const bar = await page.locator('.quick-exit').boundingBox();
    // The heading and the first filter above the quick-exit bar, on the first screen.
    const first = await page.getByLabel('Statut').boundingBox();
    expect((await heading.boundingBox())!.y).toBeLessThan(bar!.y);
    expect(first!.y + first!.height).toBeLessThan(bar!.y);

    const nav = page.getByRole('navigation', { name: 'Espace des curateurs' });
    const toggle = nav.getByRole('button', { name: /Menu de l’équipe/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.textContent()).toContain('Demandes de contact');
    expect(await nav.getByRole('link', { name: 'Tableau de bord' }).isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
    await nav.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.textContent()).toContain('Tableau de bord');
    expectFits(await widths(page), '/admin');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a computer the menu is shown whole, without the button', async () => {
    const email = await createAccount(h.server, 'curateur');
    const { page, context } = await openPage(h, { width: 1366, height: 900 });
    await signInThroughForm(h, page, '/admin', email);
    const nav = page.getByRole('navigation', { name: 'Espace des curateurs' });
    await nav.getByRole('link', { name: 'Demandes de contact' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Demandes de contact' }).isVisible()).toBe(true);
    expect(await nav.getByRole('button', { name: /Menu de l’équipe/ }).isVisible()).toBe(false);
    await context.close();
  });
});
