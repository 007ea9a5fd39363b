/**
 * Saves the screenshots of docs/screenshots/ (search page and a detail page, desktop 1280×800 and
 * phone 390×844) from the real app on a temporary database. Run after `pnpm build`:
 *   npx tsx tests/browser/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/test-app.ts';
import { DESKTOP, FIXTURE, openPage, outsideRequests, PHONE, startHarness, waitForResults } from './browser.ts';

const OUT = join(ROOT, 'docs/screenshots');
mkdirSync(OUT, { recursive: true });

const h = await startHarness();
try {
  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const { page, context, requests } = await openPage(h, viewport);
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)`);
    await waitForResults(page);
    if (label === 'desktop') {
      await page.locator('.maplibregl-canvas').waitFor();
      await page.waitForTimeout(1500);
    }
    await page.screenshot({ path: join(OUT, `search-${label}.png`) });

    if (label === 'phone') {
      await page.getByRole('button', { name: 'Carte', exact: true }).click();
      await page.locator('.maplibregl-canvas').waitFor();
      await page.waitForTimeout(1500);
      await page.locator('.results-toolbar').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(OUT, `search-map-${label}.png`) });
    }

    await page.goto(`${h.server.url}/acteurs/${FIXTURE.confidentialSlug}`);
    await page.locator('h1').first().waitFor();
    await page.screenshot({ path: join(OUT, `detail-${label}.png`) });

    await page.goto(`${h.server.url}/acteurs/crip-57`);
    await page.locator('h1').first().waitFor();
    await page.screenshot({ path: join(OUT, `detail-crip-${label}.png`), fullPage: true });

    const outside = outsideRequests(requests, h.server.url);
    if (outside.length) throw new Error(`requests outside the app: ${outside.join(', ')}`);
    await context.close();
  }
  console.log(`screenshots saved in ${OUT}`);
} finally {
  await h.close();
}
