/** The search page's map shows every result of the search (clustered by the server), not the list's page. */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harnessForFile, LARGE_SCREEN, openPage, PHONE, seriousViolations, waitForResults } from './browser.ts';

const SHOTS = '/tmp/map-shots';
const DESK = LARGE_SCREEN;
let h: Harness;

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});
harnessForFile((started) => {
  h = started;
});

type TestMap = {
  loaded: () => boolean;
  isMoving: () => boolean;
  getZoom: () => number;
  querySourceFeatures: (id: string) => { geometry: { coordinates: [number, number] }; properties: Record<string, unknown> }[];
  getBounds: () => { getWest: () => number; getSouth: () => number; getEast: () => number; getNorth: () => number };
};

/** West, south, east, north of what the map shows. */
function mapView(page: Page): Promise<[number, number, number, number]> {
  return page.evaluate(() => {
    const b = (window as unknown as { __pareMap: TestMap }).__pareMap.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number];
  });
}
const shows = ([w, s, e, n]: readonly number[], lng: number, lat: number) =>
  (w as number) < lng && lng < (e as number) && (s as number) < lat && lat < (n as number);

/** Sites the map draws in its view: a cluster counts its sites, a marker one. */
function sitesOnMap(page: Page): Promise<number> {
  return page.evaluate(() => {
    const m = (window as unknown as { __pareMap: TestMap }).__pareMap;
    const seen = new Set<string>();
    let n = 0;
    for (const source of ['pare-sites', 'pare-confidential']) {
      for (const f of m.querySourceFeatures(source)) {
        const key = `${source}:${f.geometry.coordinates.join(',')}:${String(f.properties.siteId ?? '')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        n += f.properties.cluster === true ? Number(f.properties.count) : 1;
      }
    }
    return n;
  });
}

async function mapSettled(page: Page) {
  await page.locator('.search-map__canvas[data-ready="true"]').waitFor();
  await page.waitForFunction(() => {
    const m = (window as unknown as { __pareMap?: TestMap }).__pareMap;
    return Boolean(m?.loaded() && !m.isMoving() && m.querySourceFeatures('pare-sites').length > 0);
  });
}

describe('the search map', () => {
  it('1366×900: draws every result, beyond the list’s first page; its count agrees with « n résultats »; a cluster click zooms in', async () => {
    const { page, context, errors } = await openPage(h, DESK, { bypassCSP: true });
    await page.goto(`${h.server.url}/?publics=jeunes`);
    await waitForResults(page);
    await mapSettled(page);
    const listed = await page.locator('.result-list .result').count();
    const countText = await page.locator('.results-toolbar__count').innerText();
    const total = Number(/([\d\s\u202f]+) acteurs? trouvés?/.exec(countText)?.[1]?.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(listed);
    // The map's own line says how many of those results it shows.
    const line = page.locator('.search-map__count');
    await line.waitFor();
    const mapText = await line.innerText();
    expect(mapText).toMatch(/sur la carte/);
    expect(mapText.replace(/\s|\u202f/g, '')).toContain(String(total));
    // More sites on the map than the page lists actors: the map is not the page.
    await expect.poll(() => sitesOnMap(page)).toBeGreaterThan(listed);
    await page.screenshot({ path: `${SHOTS}/search-map-1366.png` });

    // A cluster opens by zooming in.
    const cluster = page.locator('.map-pin[data-cluster]').first();
    await cluster.waitFor({ state: 'attached' });
    const before = await page.evaluate(() => (window as unknown as { __pareMap: TestMap }).__pareMap.getZoom());
    await cluster.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __pareMap: TestMap }).__pareMap.getZoom())).toBeGreaterThan(before);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('1366×900: a filter narrows the map with the list, page 2 keeps the same map', async () => {
    const { page, context } = await openPage(h, DESK);
    await page.goto(`${h.server.url}/?publics=jeunes`);
    await waitForResults(page);
    await mapSettled(page);
    const broad = await page.locator('.search-map__count').innerText();
    await page.goto(`${h.server.url}/?publics=jeunes&actions=ecoute`);
    await waitForResults(page);
    await mapSettled(page);
    await expect.poll(() => page.locator('.search-map__count').innerText()).not.toBe(broad);
    const narrowed = await page.locator('.search-map__count').innerText();
    if ((await page.getByRole('link', { name: /Page suivante/ }).count()) > 0) {
      await page
        .getByRole('link', { name: /Page suivante/ })
        .first()
        .click();
      await page.waitForURL(/page=2/);
      await waitForResults(page);
      expect(await page.locator('.search-map__count').innerText()).toBe(narrowed);
    }
    await context.close();
  }, 120_000);

  it('a search by département frames the département, not France, and heads its group « Dans le département et sa région »', async () => {
    for (const screen of [DESK, PHONE]) {
      const { page, context, errors } = await openPage(h, screen, { bypassCSP: true });
      // Its results include the Grand Est's régional actors, whose sites lie outside the Moselle.
      await page.goto(`${h.server.url}/?departement=57${screen === PHONE ? '&vue=carte' : ''}`);
      await mapSettled(page);
      // The whole Moselle is on the map — Metz, Thionville, and Bitche at its eastern end, where
      // none of the results has a site — and not Paris.
      await expect.poll(async () => shows(await mapView(page), 7.43, 49.05)).toBe(true);
      const view = await mapView(page);
      expect(shows(view, 6.18, 49.12) && shows(view, 6.17, 49.36), `view ${view.join(',')}`).toBe(true);
      expect(shows(view, 2.35, 48.86), `view ${view.join(',')}`).toBe(false);
      expect((view[2] as number) - (view[0] as number)).toBeLessThan(6);
      await page.locator('.search-map__canvas').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/search-departement-${screen.width}.png` });
      if (screen === DESK) await page.getByRole('heading', { level: 3, name: 'Dans le département et sa région : Moselle (57)' }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);

  it('390×844: the map view shows every result with the same count, axe-clean', async () => {
    const { page, context } = await openPage(h, PHONE, { bypassCSP: true });
    await page.goto(`${h.server.url}/?publics=jeunes&vue=carte`);
    await mapSettled(page);
    const line = page.locator('.search-map__count');
    await line.waitFor();
    expect(await line.innerText()).toMatch(/sur la carte/);
    await expect.poll(() => sitesOnMap(page)).toBeGreaterThan(20);
    await page.screenshot({ path: `${SHOTS}/search-map-390.png` });
    await line.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/search-map-390-legend.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
