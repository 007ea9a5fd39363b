/**
 * Pages on a phone (390 × 844), real browser, outside requests blocked. Found at 390 px
 * (2026-12-07):
 * - a page wider than the screen pans sideways, and the quick-exit bar, fixed to the page's width,
 *   goes half off-screen with it: the « Départements » table made its page 461 px wide, the back
 *   office's coverage map 414 and the resources list 516;
 * - the back office's menu (thirteen links and the sign-out) took the first screen of every
 *   back-office page: the inbox's heading began at 570 px of 844.
 * Found by Lighthouse (2026-12-08, `pnpm bench`): on /?q=enfance the footer was painted near the
 * top while the results loaded, then pushed down by them — a layout shift of 0.25 (Lighthouse's
 * « poor » begins at 0.25) and the page's largest paint was the footer's text.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import {
  FIXTURE,
  type Harness,
  LARGE_SCREEN,
  openPage,
  outsideRequests,
  PHONE,
  signInThroughForm,
  startHarness,
  waitForResults,
} from './browser.ts';

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

describe('on a phone, the back office’s menu and the inbox’s filters are folded under a button each', () => {
  it('a team member opening the inbox on a phone sees its heading and the requests to handle first on the first screen; menu and filters unfold under their buttons and fold again once used', async () => {
    // A young person's request, as the orientation's form sends it.
    const sent = await h.server.app.request('/api/contact-requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Lou',
        phone: '06 12 34 56 78',
        consent: true,
        commune: '57672',
        profile: 'jeune',
        needs: ['hebergement'],
        urgency: 'inquietude',
      }),
    });
    expect(sent.status).toBe(201);
    const { reference } = (await sent.json()) as { reference: string };
    const email = await createAccount(h.server, 'curateur');
    const { page, context, errors } = await openPage(h, PHONE);
    await signInThroughForm(h, page, '/admin', email);
    await page.goto(`${h.server.url}/equipe/demandes`);
    const heading = page.getByRole('heading', { level: 1, name: 'Boîte de l’équipe : demandes de contact' });
    await heading.waitFor();
    await page.getByRole('button', { name: `Ouvrir la demande ${reference}` }).waitFor();
    // The heading, and the block of the requests to handle first, above the quick-exit bar: on
    // the first screen (before: under six filters and a thirteen-link menu, at 1,400 px).
    const bar = await page.locator('.quick-exit').boundingBox();
    expect((await heading.boundingBox())!.y).toBeLessThan(bar!.y);
    const priority = await page.getByRole('heading', { name: 'À traiter en priorité (1)' }).boundingBox();
    expect(priority!.y + priority!.height).toBeLessThan(bar!.y);

    // The filters: folded, then unfolded, applied, folded again with what is applied in their button.
    const filters = page.getByRole('button', { name: /^Filtres/ });
    expect(await filters.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('combobox', { name: 'Statut', exact: true }).isVisible()).toBe(false);
    await filters.click();
    expect(await filters.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('combobox', { name: 'Urgence', exact: true }).selectOption('true');
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('urgent') === '1');
    expect(await filters.getAttribute('aria-expanded')).toBe('false');
    expect(await filters.textContent()).toContain('Filtres · 1 appliqué');
    expect(await page.getByRole('combobox', { name: 'Statut', exact: true }).isVisible()).toBe(false);

    // The back office's menu.
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

  it('on a computer the menu and the inbox’s filters are shown whole, without their buttons', async () => {
    const email = await createAccount(h.server, 'curateur');
    const { page, context } = await openPage(h, { width: 1366, height: 900 });
    await signInThroughForm(h, page, '/admin', email);
    const nav = page.getByRole('navigation', { name: 'Espace des curateurs' });
    await nav.getByRole('link', { name: 'Demandes de contact' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Demandes de contact' }).isVisible()).toBe(true);
    expect(await nav.getByRole('button', { name: /Menu de l’équipe/ }).isVisible()).toBe(false);
    await nav.getByRole('link', { name: 'Demandes de contact' }).click();
    await page.getByRole('combobox', { name: 'Statut', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^Filtres/ }).isVisible()).toBe(false);
    await context.close();
  });
});

describe('a search’s results arrive without moving what is on screen', () => {
  for (const [name, size] of [
    ['phone', PHONE],
    ['large screen', LARGE_SCREEN],
  ] as const) {
    it(`on a ${name}: the layout shifts while the page loads and its results come add up to less than 0.1`, async () => {
      const { page, context, errors } = await openPage(h, size);
      // Every layout shift the browser reports, from the first paint on (as Lighthouse counts them).
      await page.addInitScript(() => {
        const w = window as unknown as { shifts: number[] };
        w.shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!e.hadRecentInput) w.shifts.push(e.value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      // The results held back a moment, as on a phone's network: the page is painted without them first.
      await page.route(/\/api\/actors\?/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await route.continue();
      });
      await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)`);
      await waitForResults(page);
      await page.waitForTimeout(300);
      const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
      const total = shifts.reduce((a, b) => a + b, 0);
      expect(total, `layout shifts ${JSON.stringify(shifts)}`).toBeLessThan(0.1);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
