/** axe-core on the public pages, at desktop and phone sizes: no serious or critical WCAG 2.1 A/AA violation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, FIXTURE, type Harness, openPage, PHONE, seriousViolations, startHarness, waitForResults } from './browser.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const PAGES = [
  {
    name: 'the search page with results and the map',
    path: `/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)&vue=carte`,
    ready: 'results',
  },
  { name: 'the search page with a filter and no result', path: '/?q=zzzzzz', ready: 'results' },
  { name: 'a detail page with a confidential site', path: `/acteurs/${FIXTURE.confidentialSlug}`, ready: 'h1' },
  { name: 'a national helpline’s detail page', path: '/acteurs/allo-enfance-en-danger-119', ready: 'h1' },
  { name: 'the orientation questions', path: '/orientation', ready: 'h1' },
  { name: 'the resource centre', path: '/ressources', ready: 'h1' },
  { name: 'the Moselle département page', path: '/departements/57', ready: 'h1' },
  { name: 'the list of départements', path: '/departements', ready: 'h1' },
  { name: 'the referencing form', path: '/referencer', ready: 'h1' },
  { name: 'the error report form', path: '/signaler?acteur=crip-57', ready: 'h1' },
  { name: 'the curators’ sign-in page', path: '/connexion', ready: 'h1' },
] as const;

describe('accessibility (axe-core)', () => {
  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    for (const p of PAGES) {
      it(`${p.name} has no serious or critical violation on ${label}`, async () => {
        const { page, context } = await openPage(h, viewport, { bypassCSP: true });
        await page.goto(`${h.server.url}${p.path}`);
        if (p.ready === 'results') await waitForResults(page);
        else await page.locator('h1').first().waitFor();
        if (p.path.includes('vue=carte') || label === 'desktop') await page.waitForTimeout(500);
        const violations = await seriousViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        await context.close();
      });
    }
  }

  it('every page has one h1, a lang="fr" document and a title of its own', async () => {
    const { page, context } = await openPage(h, DESKTOP);
    const titles = new Set<string>();
    for (const p of PAGES) {
      await page.goto(`${h.server.url}${p.path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForTimeout(200);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      titles.add(await page.title());
    }
    expect(titles.size).toBeGreaterThanOrEqual(3);
    await context.close();
  });

  // 320 px is WCAG's reflow width; 640 × 400 is a 1280 × 800 screen zoomed to 200 %.
  for (const viewport of [
    { width: 320, height: 640 },
    { width: 640, height: 400 },
  ]) {
    it(`the pages reflow without horizontal scrolling at ${viewport.width} px wide`, async () => {
      const { page, context } = await openPage(h, viewport);
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)`);
      await waitForResults(page);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.getByRole('button', { name: 'Carte', exact: true }).click();
      await page.locator('.maplibregl-canvas').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.goto(`${h.server.url}/acteurs/${FIXTURE.confidentialSlug}`);
      await page.locator('h1').first().waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      // A département whose CRIP publishes no number: « appelez le 119 (gratuit, 24 h/24)… » is a
      // link to call that must wrap (a phone number alone never does).
      await page.goto(`${h.server.url}/departements/57`);
      await page.locator('a.tel-phrase').first().waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await context.close();
    });
  }
});
