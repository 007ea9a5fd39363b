/**
 * Browser journeys through the news and the agenda: the public pages (a computer and a phone,
 * axe-clean, nothing fetched outside the site), hostile Markdown rendered harmless in the real
 * page, the « Ajouter à mon agenda » file, the home and département blocks, and a curator writing
 * and publishing a news entry in the back office.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, type Signed, signedInAs } from '../helpers/accounts.ts';
import { ROOT } from '../helpers/test-app.ts';
import { createEvent, createNews, HOSTILE_MARKDOWN, parisDay } from '../news/setup.ts';
import { DESKTOP, type Harness, openPage, outsideRequests, PHONE, seriousViolations, signInThroughForm, startHarness } from './browser.ts';

/**
 * The texts looked for, from the web catalogue (apps/web/src/i18n/fr.news.ts), loaded at run time
 * (the tests project cannot import apps/web statically); a renamed key fails on load.
 */
type Catalogue = {
  frNews: {
    list: { title: string };
    agenda: { title: string; past: string };
    event: { addToCalendar: string; replay: string; register: string };
    blocks: { heading: string; nextEvents: string; latestNews: string; depHeading: string };
    admin: { nav: string; newNews: string };
    edit: { title: string; body: string; create: string; publish: string; viewPublic: string; remove: string };
  };
};
const catalogue = (await import(pathToFileURL(join(ROOT, 'apps/web/src/i18n/fr.news.ts')).href)) as Catalogue;
for (const [group, keys] of Object.entries({
  list: ['title'],
  agenda: ['title', 'past'],
  event: ['addToCalendar', 'replay', 'register'],
  blocks: ['heading', 'nextEvents', 'latestNews', 'depHeading'],
  admin: ['nav', 'newNews'],
  edit: ['title', 'body', 'create', 'publish', 'viewPublic', 'remove'],
})) {
  for (const k of keys) {
    const value = (catalogue.frNews as Record<string, Record<string, unknown>>)[group]?.[k];
    if (typeof value !== 'string') throw new Error(`fr.news.ts: frNews.${group}.${k} is missing`);
  }
}
const t = catalogue.frNews;

let h: Harness;
let curator: Signed;
const HOSTILE_TITLE = 'Comité de suivi de Moselle : bilan du trimestre';
const WEBINAR = 'Webinaire : repérer les signaux d’alerte';
const PAST = 'Formation passée à Metz';

beforeAll(async () => {
  h = await startHarness();
  curator = await signedInAs(h.server, 'curateur');
  await createNews(h.server, curator, { title: 'Lancement de la campagne nationale', summary: 'Une campagne pour tout le pays.' });
  await createNews(h.server, curator, {
    title: HOSTILE_TITLE,
    summary: 'Ce que le comité a décidé.',
    body: HOSTILE_MARKDOWN,
    departements: ['57'],
  });
  await createEvent(h.server, curator, {
    title: WEBINAR,
    summary: 'Une heure pour les professionnels.',
    body: HOSTILE_MARKDOWN,
    starts_at: parisDay(12, '14:00'),
    ends_at: parisDay(12, '15:00'),
    registration_url: 'https://inscription.example.org/webinaire',
    departements: ['57'],
  });
  await createEvent(h.server, curator, {
    title: PAST,
    kind: 'formation',
    online_url: null,
    commune_code: '57463',
    starts_at: parisDay(-20, '09:00'),
    ends_at: parisDay(-20, '17:00'),
    replay_url: 'https://replay.example.org/formation',
  });
});

afterAll(async () => {
  await h?.close();
});

/** Nothing the hostile Markdown tried is in the page: no script, frame, image, inline handler or javascript: link, no dialog. */
async function expectHarmlessPage(page: Page, dialogs: string[]) {
  const body = page.locator('.news-body');
  await body.waitFor();
  expect(await body.locator('script, iframe, img, style, div, object, embed, svg').count()).toBe(0);
  const attributes = await page.evaluate(() =>
    Array.from(document.querySelectorAll('main *')).flatMap((el) => Array.from(el.attributes).map((a) => `${a.name}=${a.value}`)),
  );
  expect(attributes.filter((a) => /^on/i.test(a))).toEqual([]);
  expect(attributes.filter((a) => /javascript:|data:text/i.test(a))).toEqual([]);
  expect(await body.getByRole('link', { name: 'un lien' }).getAttribute('rel')).toBe('noopener noreferrer');
  expect(dialogs).toEqual([]);
}

describe('news and agenda, public pages', () => {
  for (const [size, viewport] of [
    ['on a computer', DESKTOP],
    ['on a phone', PHONE],
  ] as const) {
    it(`${size}, /actualites lists the news and an article shows hostile Markdown harmless, axe-clean`, async () => {
      const { page, context, requests, errors } = await openPage(h, viewport, { bypassCSP: true });
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${h.server.url}/actualites`);
      await page.getByRole('heading', { level: 1, name: t.list.title }).waitFor();
      await page.getByRole('link', { name: 'Lancement de la campagne nationale' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('link', { name: HOSTILE_TITLE }).click();
      await page.getByRole('heading', { level: 1, name: HOSTILE_TITLE }).waitFor();
      await expectHarmlessPage(page, dialogs);
      expect(await page.locator('.news-body h2').innerText()).toBe('Un titre');
      expect(await seriousViolations(page)).toEqual([]);
      // The quick exit and the emergency numbers come with every page.
      expect(await page.locator('.quick-exit, [data-quick-exit]').count()).toBeGreaterThan(0);
      expect(outsideRequests(requests, h.server.url)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`${size}, /agenda puts upcoming events first, keeps past ones a tab away, and an event offers its .ics`, async () => {
      const { page, context, requests, errors } = await openPage(h, viewport, { bypassCSP: true });
      await page.goto(`${h.server.url}/agenda`);
      await page.getByRole('heading', { level: 1, name: t.agenda.title }).waitFor();
      await page.getByRole('link', { name: WEBINAR }).waitFor();
      expect(await page.getByRole('link', { name: PAST }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('link', { name: t.agenda.past, exact: true }).click();
      await page.getByRole('link', { name: PAST }).waitFor();
      await page.getByRole('link', { name: PAST }).click();
      await page.getByRole('heading', { level: 1, name: PAST }).waitFor();
      expect(await page.getByRole('link', { name: t.event.replay }).getAttribute('href')).toBe('https://replay.example.org/formation');
      expect(await page.getByRole('link', { name: t.event.addToCalendar }).count()).toBe(0);

      await page.goto(`${h.server.url}/agenda`);
      await page.getByRole('link', { name: WEBINAR }).click();
      await page.getByRole('heading', { level: 1, name: WEBINAR }).waitFor();
      expect(await page.locator('time').first().innerText()).toMatch(/de 14 h à 15 h/);
      const ics = page.getByRole('link', { name: t.event.addToCalendar });
      const href = (await ics.getAttribute('href')) as string;
      expect(href).toMatch(/^\/api\/events\/[a-z0-9-]+\.ics$/);
      const file = await page.request.get(`${h.server.url}${href}`);
      expect(file.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      expect(await file.text()).toContain('DTSTART;TZID=Europe/Paris:');
      expect(await page.getByRole('link', { name: t.event.register }).getAttribute('href')).toBe(
        'https://inscription.example.org/webinaire',
      );
      await expectHarmlessPage(page, []);
      expect(await seriousViolations(page)).toEqual([]);
      // On a phone nothing sticks out sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      expect(outsideRequests(requests, h.server.url)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('the home page shows the next events and the latest news; the Moselle page its own and the national ones', async () => {
    const { page, context, errors } = await openPage(h, PHONE, { bypassCSP: true });
    await page.goto(`${h.server.url}/`);
    const block = page.getByRole('region', { name: t.blocks.heading });
    await block.waitFor();
    expect(await block.getByRole('link', { name: WEBINAR }).count()).toBe(1);
    expect(await block.getByRole('link', { name: 'Lancement de la campagne nationale' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${h.server.url}/departements/57`);
    const dep = page.getByRole('region', { name: t.blocks.depHeading, exact: true });
    await dep.getByRole('link', { name: WEBINAR }).waitFor();
    expect(await dep.getByRole('link', { name: HOSTILE_TITLE }).count()).toBe(1);
    expect(await dep.getByRole('link', { name: 'Lancement de la campagne nationale' }).count()).toBe(1);
    // Its own feeds: news (RSS) and agenda (iCalendar) of Moselle and the national ones.
    expect(await dep.locator('a[href="/api/news.rss?departement=57"]').count()).toBe(1);
    expect(await dep.locator('a[href="/api/events.ics?departement=57"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('back office', () => {
  it('a curator writes a news entry in Markdown, publishes it, and finds it on the public page', async () => {
    const email = await createAccount(h.server, 'curateur');
    const { page, context, errors } = await openPage(h, DESKTOP, { bypassCSP: true });
    await signInThroughForm(h, page, '/admin/actualites', email);
    expect(await page.getByRole('navigation').getByRole('link', { name: t.admin.nav }).getAttribute('aria-current')).toBe('page');

    await page.getByRole('link', { name: t.admin.newNews }).click();
    await page.getByLabel(t.edit.title, { exact: true }).fill('Rencontres PARÉ : les inscriptions sont ouvertes');
    await page.getByLabel(t.edit.body).fill('Rendez-vous **à Paris**.\n\n<script>alert(1)</script>');
    await page.getByRole('button', { name: t.edit.create }).click();
    await page.waitForURL(/\/admin\/actualites\/\d+$/);
    expect(await page.locator('.news-body').innerHTML()).toBe('<p>Rendez-vous <strong>à Paris</strong>.</p>');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: t.edit.publish }).click();
    await page.getByRole('link', { name: t.edit.viewPublic }).click();
    await page.getByRole('heading', { level: 1, name: 'Rencontres PARÉ : les inscriptions sont ouvertes' }).waitFor();

    // A draft never published can be deleted (after a confirmation).
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${h.server.url}/admin/actualites/nouvelle`);
    await page.getByLabel(t.edit.title, { exact: true }).fill('Brouillon à supprimer');
    await page.getByRole('button', { name: t.edit.create }).click();
    await page.waitForURL(/\/admin\/actualites\/\d+$/);
    await page.getByRole('button', { name: t.edit.remove }).click();
    await page.waitForURL(/\/admin\/actualites$/);
    await page.getByRole('link', { name: 'Rencontres PARÉ : les inscriptions sont ouvertes' }).waitFor();
    expect(await page.getByRole('link', { name: 'Brouillon à supprimer' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
