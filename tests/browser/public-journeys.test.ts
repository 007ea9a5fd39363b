/**
 * Issue 16: the public journeys where they failed people — on a phone (390 × 844) and a desk
 * (1366 × 900). Each test fails if what it names breaks. Screenshots go to /tmp/shots16/.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bothSizes,
  type Harness,
  harnessForFile,
  LARGE_SCREEN,
  openPage,
  outsideRequests,
  PHONE,
  seriousViolations,
  waitForResults,
} from './browser.ts';

const DESK = LARGE_SCREEN;
const SIZES = bothSizes('desk');
const SHOTS = '/tmp/shots16';

let h: Harness;
beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});
harnessForFile((started) => {
  h = started;
});

/** Every visible link and button of the page, once scrolled into view, is the element found at its centre (nothing covers it). */
async function coveredControls(page: Page, scope: string): Promise<string[]> {
  return page.evaluate(async (sel) => {
    const out: string[] = [];
    const root = document.querySelector(sel);
    if (!root) return [`no ${sel}`];
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('a[href], button'))) {
      if (!el.offsetParent || el.closest('.search-map, .maplibregl-map')) continue;
      for (const block of ['start', 'center', 'end'] as const) {
        el.scrollIntoView({ block });
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const r = el.getBoundingClientRect();
        const x = r.left + Math.min(r.width / 2, 20);
        const y = r.top + r.height / 2;
        if (y < 0 || y > window.innerHeight) continue;
        const hit = document.elementFromPoint(x, y);
        if (hit && !el.contains(hit) && hit.closest('.quick-exit-bar, .top-band'))
          out.push(`${block}: ${el.textContent?.trim().slice(0, 40)}`);
      }
    }
    return out;
  }, scope);
}

async function answer(page: Page, profile: RegExp, place: string, pick: RegExp, needs: string[], urgency: RegExp) {
  await page.goto(`${h.server.url}/orientation`);
  await page.getByRole('radio', { name: profile }).check();
  await page.getByRole('button', { name: 'Question suivante' }).click();
  await page.getByRole('combobox', { name: /Commune/ }).pressSequentially(place, { delay: 20 });
  await page.getByRole('option', { name: pick }).first().click();
  await page.getByRole('button', { name: 'Question suivante' }).click();
  for (const n of needs) await page.getByRole('checkbox', { name: n, exact: true }).check();
  await page.getByRole('button', { name: 'Question suivante' }).click();
  await page.getByRole('radio', { name: urgency }).check();
}

describe('issue 16: public journeys on a phone and a desk', () => {
  for (const [size, viewport] of SIZES) {
    it(`${size}: a girl in danger tonight in Marseille gets the numbers in view, once, the 115 for shelter, and nothing is covered by the quick exit`, async () => {
      const { page, context, requests, errors } = await openPage(h, viewport, { bypassCSP: true });
      await answer(page, /Je suis jeune/, 'Marseille 3', /Marseille 3e/, ['Un endroit sûr où dormir'], /en danger maintenant/);
      const panel = page.getByRole('region', { name: 'Danger immédiat : appelez maintenant' });
      await panel.waitFor();
      // Brought into view, while the radio keeps the focus.
      await expect.poll(() => panel.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(viewport.height / 2);
      expect(await panel.evaluate((el) => el.getBoundingClientRect().bottom > 0)).toBe(true);
      await page.getByRole('button', { name: 'Voir les contacts' }).click();
      const results = page.getByRole('region', { name: 'Les contacts pour vous' });
      await results.getByRole('region', { name: 'Pour dormir en sécurité ce soir' }).waitFor();
      // The emergency numbers once in the page's content: the panel, not repeated as cards.
      expect(await page.locator('main a[href="tel:17"]').count()).toBe(1);
      expect(await page.locator('main a[href="sms:114"]').count()).toBe(1);
      // Shelter tonight: the 115 first, after the numbers.
      const abri = results.getByRole('region', { name: 'Pour dormir en sécurité ce soir' });
      expect(await abri.locator('a[href="tel:115"]').count()).toBe(1);
      // A hotline card says its hours.
      const card3018 = results.locator('li').filter({ has: page.locator('a[href="tel:3018"]') });
      expect(await card3018.innerText()).toMatch(/9 h à 23 h/);
      expect(await coveredControls(page, 'main')).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/danger-results-${size}.png` });
      expect(await seriousViolations(page)).toEqual([]);
      expect(outsideRequests(requests, h.server.url)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`${size}: Back in the questionnaire goes to the previous question with the answers kept`, async () => {
      const { page, context } = await openPage(h, viewport);
      await answer(page, /parent ou un proche/, 'Thionv', /Thionville/, ['Parler à quelqu’un qui écoute'], /inquiet/);
      expect(page.url()).toMatch(/question=4/);
      await page.goBack();
      await page.getByRole('heading', { name: 'De quoi avez-vous besoin ?' }).waitFor();
      expect(await page.getByRole('checkbox', { name: 'Parler à quelqu’un qui écoute' }).isChecked()).toBe(true);
      await page.goBack();
      await page.getByRole('heading', { name: 'Où êtes-vous ?' }).waitFor();
      expect(await page.getByRole('combobox', { name: /Commune/ }).inputValue()).toMatch(/^Thionville/);
      await page.goForward();
      await page.goForward();
      expect(await page.getByRole('radio', { name: /inquiet/ }).isChecked()).toBe(true);
      await context.close();
    });

    it(`${size}: after « Rechercher » the results take the view and the focus; a filter tap on a phone folds the filters`, async () => {
      const { page, context } = await openPage(h, viewport);
      await page.goto(`${h.server.url}/`);
      const place = page.getByRole('combobox', { name: /Commune/ });
      await place.pressSequentially('13003', { delay: 20 });
      const option = page
        .locator('.combobox__option')
        .filter({ hasText: /Marseille/ })
        .first();
      await option.waitFor();
      // The postcode typed, never the INSEE code (13203). The list shows a shorter prefix's
      // suggestions (13013 first, on a slow CI run) until the last keystroke's come: wait for those.
      await expect.poll(() => option.innerText(), { timeout: 10_000 }).toMatch(/^13003 Marseille/);
      await option.click();
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await waitForResults(page);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('titre-resultats');
      const top = await page.locator('#titre-resultats').evaluate((el) => el.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(viewport.height / 2);
      if (viewport === PHONE) {
        await page.locator('.filters-disclosure summary').click();
        await page.getByRole('checkbox', { name: /^Jeunes/ }).check();
        await page.waitForURL(/publics=jeunes/);
        await waitForResults(page);
        await expect.poll(() => page.locator('.filters-disclosure').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('titre-resultats');
      }
      // Tap-to-call on the cards, with the line's hours.
      const call = page.locator('.result__call a[href^="tel:"]').first();
      expect(await call.innerText()).toMatch(/^Appeler le /);
      await page.screenshot({ path: `${SHOTS}/search-${size}.png` });
      expect(await coveredControls(page, '.search-layout__results')).toEqual([]);
      await context.close();
    });

    it(`${size}: nothing local around Mende: said in words, a wider radius, the CRIP and the national lines`, async () => {
      const { page, context } = await openPage(h, viewport, { bypassCSP: true });
      await page.goto(`${h.server.url}/?commune=48095&lieu=Mende+(48)&radius_km=10`);
      await waitForResults(page);
      const box = page.getByRole('region', { name: /Aucune structure n’a de lieu d’accueil à moins de 10 km de Mende/ });
      await box.waitFor();
      expect(await box.getByRole('link', { name: /Lozère|département/ }).count()).toBeGreaterThan(0);
      expect(await box.getByRole('link', { name: /lignes nationales/i }).count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}/nothing-local-${size}.png` });
      expect(await seriousViolations(page)).toEqual([]);
      await box.getByRole('button', { name: 'Élargir la recherche à 20 km' }).click();
      await page.waitForURL(/radius_km=20/);
      await context.close();
    });

    it(`${size}: every pin has a popup (name, distance, link), by tap, click or keyboard; the map fits above the fold`, async () => {
      const { page, context } = await openPage(h, viewport);
      await page.goto(`${h.server.url}/?commune=57672&lieu=Thionville+(57)&radius_km=20&vue=carte`);
      await waitForResults(page);
      await page.locator('.search-map__canvas[data-ready="true"]').waitFor();
      const pin = page.locator('.map-pin:not([data-cluster])').first();
      await pin.waitFor({ state: 'attached' });
      if (viewport === DESK) {
        const bottom = await page.locator('.search-map__frame').evaluate((el) => el.getBoundingClientRect().bottom);
        expect(bottom).toBeLessThanOrEqual(DESK.height);
      }
      // Keyboard: the pin's stop opens its popup, whose link takes the focus.
      await pin.focus();
      await page.keyboard.press('Enter');
      const popup = page.locator('.maplibregl-popup');
      await popup.waitFor();
      expect(await popup.getByRole('link', { name: /Voir la fiche/ }).evaluate((a) => a === document.activeElement)).toBe(true);
      expect(await popup.innerText()).toMatch(/km/);
      await page.keyboard.press('Escape');
      await popup.waitFor({ state: 'detached' });
      // Tap or click on the pin itself.
      const point = await pin.evaluate((b) => {
        const r = b.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      });
      await page.mouse.click(point.x, point.y);
      await popup.waitFor();
      await page.screenshot({ path: `${SHOTS}/map-popup-${size}.png` });
      await context.close();
    });

    it(`${size}: an actor's page can be shared, printed, shows its public sites on a map and « Itinéraire » to a public address only`, async () => {
      const { page, context } = await openPage(h, viewport, { bypassCSP: true });
      await page.goto(`${h.server.url}/acteurs/maison-des-adolescents-saint-etienne-42`);
      await page.locator('h1').waitFor();
      expect(await page.getByRole('button', { name: 'Copier le lien' }).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Envoyer par SMS' }).getAttribute('href')).toMatch(/^sms:/);
      expect(await page.getByRole('button', { name: 'Imprimer' }).count()).toBe(1);
      const route = page.getByRole('link', { name: /^Itinéraire/ });
      if ((await route.count()) > 0) expect(await route.first().getAttribute('href')).not.toMatch(/\d+\.\d{3,}/);
      await page.locator('.actor-map .maplibregl-canvas').waitFor();
      await page.screenshot({ path: `${SHOTS}/actor-${size}.png`, fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`${h.server.url}/acteurs/test-foyer-confidentiel-thionville`);
      await page.locator('h1').waitFor();
      expect(await page.getByRole('link', { name: /^Itinéraire/ }).count()).toBe(0);
      expect(await page.locator('.actor-map').count()).toBe(0);
      await context.close();
    });

    it(`${size}: « Suivre ma demande » answers in plain French, without any technical id`, async () => {
      const { page, context } = await openPage(h, viewport, { bypassCSP: true });
      await page.goto(`${h.server.url}/suivre-ma-demande`);
      await page.getByRole('heading', { level: 1, name: 'Où en est ma demande ?' }).waitFor();
      await page.getByLabel('Référence de la demande').fill('PARE-22222222');
      await page.getByLabel(/Adresse e-mail ou téléphone/).fill('06 99 88 77 66');
      await page.getByRole('button', { name: 'Voir l’état de ma demande' }).click();
      const msg = page.locator('.request-status__result');
      await msg.filter({ hasText: 'Aucune demande ne correspond' }).waitFor();
      expect(await msg.innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
      await page.screenshot({ path: `${SHOTS}/request-status-${size}.png` });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    it(`${size}: legal texts link to Légifrance; the resources' département accepts « Moselle »`, async () => {
      const { page, context } = await openPage(h, viewport);
      await page.goto(`${h.server.url}/ressources/casf-article-l226-2-2-information-partagee`);
      const link = page.getByRole('link', { name: 'sur Légifrance' });
      await link.waitFor();
      expect(await link.getAttribute('href')).toMatch(/^https:\/\/www\.legifrance\.gouv\.fr\//);
      await page.goto(`${h.server.url}/ressources?departement=Moselle`);
      await page.locator('h1').waitFor();
      await expect.poll(() => page.getByLabel('Département', { exact: true }).inputValue()).toBe('57');
      expect(await page.getByText(/Référence de l’erreur/).count()).toBe(0);
      await page.getByLabel('Département', { exact: true }).selectOption('54');
      await page.waitForURL(/departement=54/);
      await context.close();
    });
  }
});
