/** What protects the people who use the directory: quick exit, confidential addresses, no outside request. */
import { describe, expect, it } from 'vitest';
import {
  DESKTOP,
  FIXTURE,
  type Harness,
  harnessForFile,
  NEUTRAL_SITE,
  openPage,
  outsideRequests,
  PHONE,
  waitForResults,
} from './browser.ts';

let h: Harness;

harnessForFile((started) => {
  h = started;
});

describe('safety of the public pages', () => {
  it('« Quitter rapidement » leaves for a neutral site and Back does not return to the page', async () => {
    const { page, context } = await openPage(h, DESKTOP);
    await page.goto(`${h.server.url}/acteurs/${FIXTURE.confidentialSlug}`);
    await page.locator('h1').filter({ hasText: FIXTURE.confidentialName }).waitFor();

    await page.getByRole('button', { name: /Quitter rapidement/ }).click();
    await page.waitForURL(NEUTRAL_SITE);
    expect(await page.title()).toBe('Site neutre');

    await page.goBack().catch(() => null);
    await page.waitForTimeout(300);
    expect(page.url().startsWith(h.server.url)).toBe(false);
    expect(await page.content()).not.toContain(FIXTURE.confidentialName);
    await context.close();
  });

  it('pressing Escape twice leaves the site the same way', async () => {
    const { page, context } = await openPage(h, PHONE);
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}`);
    await waitForResults(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(NEUTRAL_SITE);
    await page.goBack().catch(() => null);
    await page.waitForTimeout(300);
    expect(page.url().startsWith(h.server.url)).toBe(false);
    await context.close();
  });

  it('the emergency numbers and the quick exit are on every public page', async () => {
    const { page, context } = await openPage(h, PHONE);
    for (const path of [
      '/',
      `/acteurs/${FIXTURE.confidentialSlug}`,
      '/acteurs/inconnu-de-test',
      '/page-inexistante',
      `/orientation?acteur=${FIXTURE.confidentialSlug}`,
    ]) {
      await page.goto(`${h.server.url}${path}`);
      await page.locator('h1').first().waitFor();
      const banner = page.getByRole('complementary', { name: 'Numéros d’urgence' });
      expect(await banner.innerText()).toMatch(/17.*112.*114.*119/s);
      expect(await banner.locator('a[href="tel:119"]').count()).toBe(1);
      expect(await banner.locator('a[href="tel:17"]').count()).toBe(1);
      expect(await banner.locator('a[href="tel:112"]').count()).toBe(1);
      expect(await banner.locator('a[href="sms:114"]').count()).toBe(1);
      expect(await page.getByRole('button', { name: /Quitter rapidement/ }).isVisible()).toBe(true);
    }
    await context.close();
  });

  describe('a tab opened before a new version went online (the code of a page it has not shown yet is gone)', () => {
    /**
     * The orientation page's chunk answers 404 (a deploy removed it) — until the page is loaded
     * again when `backAfterReload` (the new version's page then has its chunks), or always.
     */
    async function openWithChunkGone(backAfterReload: boolean) {
      const opened = await openPage(h, PHONE);
      const { page } = opened;
      const documents: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'document') documents.push(new URL(r.url()).pathname);
      });
      await page.route(/\/assets\/orientation-[^/]*\.js$/, (route) =>
        backAfterReload && documents.length > 1
          ? route.continue()
          : route.fulfill({ status: 404, contentType: 'text/plain', body: 'Fichier introuvable.' }),
      );
      await page.goto(`${h.server.url}/`);
      await page.locator('h1').first().waitFor();
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Être orienté' }).click();
      return { ...opened, documents };
    }
    const expectBannerAndQuickExit = async (page: Awaited<ReturnType<typeof openPage>>['page']) => {
      const banner = page.getByRole('complementary', { name: 'Numéros d’urgence' });
      expect(await banner.locator('a[href="tel:119"]').count()).toBe(1);
      expect(await page.getByRole('button', { name: /Quitter rapidement/ }).isVisible()).toBe(true);
    };

    it('the page is loaded again once and shows, where it used to go white', async () => {
      const { page, context, documents, errors } = await openWithChunkGone(true);
      await page.getByRole('heading', { level: 1, name: 'Trouver la bonne personne à contacter' }).waitFor();
      expect(documents).toEqual(['/', '/orientation']);
      await expectBannerAndQuickExit(page);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('when the code stays missing, the page says so, keeps the emergency numbers and the quick exit, and does not reload in a loop', async () => {
      const { page, context, documents } = await openWithChunkGone(false);
      const failed = page.getByRole('alert').filter({ hasText: 'Cette page n’a pas pu s’afficher' });
      await failed.waitFor();
      await page.waitForTimeout(500);
      expect(documents).toEqual(['/', '/orientation']);
      await expectBannerAndQuickExit(page);
      expect(await failed.getByRole('button', { name: 'Recharger la page' }).isVisible()).toBe(true);
      // Another page is tried afresh: the menu still works.
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Trouver un acteur' }).click();
      await page.getByRole('heading', { level: 1, name: 'Trouver un acteur près de chez vous' }).waitFor();
      expect(await failed.count()).toBe(0);
      await context.close();
    });
  });

  it('a confidential site shows « adresse confidentielle », never its street, in the list, on the map and on its page', async () => {
    const { page, context } = await openPage(h, DESKTOP);
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)&q=foyer+test`);
    await waitForResults(page);
    const card = page.locator('.result').filter({ hasText: FIXTURE.confidentialName });
    await card.waitFor();
    expect(await card.innerText()).toContain('adresse confidentielle');
    // The map draws the commune-level circle with its label, never a pin.
    await page.locator('.map-label--confidential').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.map-label--confidential').first().innerText()).toBe('adresse confidentielle');
    const searchHtml = await page.content();
    expect(searchHtml).not.toMatch(FIXTURE.secretStreet);
    for (const bit of FIXTURE.secretBits) expect(searchHtml).not.toContain(bit);

    await card.getByRole('link').click();
    await page.waitForURL(new RegExp(`/acteurs/${FIXTURE.confidentialSlug}`));
    await page.locator('h1').filter({ hasText: FIXTURE.confidentialName }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('adresse confidentielle');
    expect(text).toContain('Thionville');
    const detailHtml = await page.content();
    expect(detailHtml).not.toMatch(FIXTURE.secretStreet);
    for (const bit of FIXTURE.secretBits) expect(detailHtml).not.toContain(bit);
    await context.close();
  });

  it('the pages make no request outside the app’s own origin (no CDN, font, tile or tracker)', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const { page, context, requests } = await openPage(h, viewport);
      await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)&vue=carte`);
      await waitForResults(page);
      await page.locator('.maplibregl-canvas').waitFor();
      await page.waitForTimeout(1000);
      await page.getByRole('button', { name: 'Guadeloupe' }).click();
      await page.waitForTimeout(500);
      await page.goto(`${h.server.url}/acteurs/${FIXTURE.confidentialSlug}`);
      await page.locator('h1').first().waitFor();
      await page.waitForTimeout(300);
      expect(requests.length).toBeGreaterThan(3);
      expect(outsideRequests(requests, h.server.url)).toEqual([]);
      // No cookie and nothing kept in the browser's storage.
      expect(await context.cookies()).toEqual([]);
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
      await context.close();
    }
  });
});
