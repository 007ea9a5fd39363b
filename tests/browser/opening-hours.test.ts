/**
 * Opening hours on a phone and a desktop (issue 20): the detail page says « Ouvert — ferme à 17 h 30 »,
 * shows the next 7 days with today marked and a closure before anything else; the 119 is open
 * 24 h/24; the results say each actor's state in one line and « Ouvert maintenant » filters them,
 * with its count. The app's clock is fixed (Monday 7 December 2026, 16:00 in Paris).
 */
import { mkdirSync } from 'node:fs';
import { actorRepository } from '@pare/db';
import { CreateActorInputSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, type Harness, openPage, PHONE, seriousViolations, startHarness, waitForResults } from './browser.ts';

const SHOTS = process.env.PARE_SHOTS_DIR;
const NOW = new Date('2026-12-07T16:00:00+01:00');
let h: Harness;
let slug: string;

beforeAll(async () => {
  h = await startHarness({ config: { now: () => NOW } });
  // TEST DATA: a fictitious day centre in Thionville, closed over the holidays.
  slug = actorRepository(h.server.db).createActor(
    CreateActorInputSchema.parse({
      name: 'Accueil de jour horaires (données de test)',
      type: 'association',
      description: 'Accueil fictif pour les tests des horaires.',
      publics: ['jeunes'],
      actions: ['ecoute'],
      territory: { scope: 'communes', communes: [FIXTURE.thionville] },
      sites: [
        {
          commune_code: FIXTURE.thionville,
          address: '7 rue des Heures',
          opening_hours: 'Mo-Fr 09:00-12:00,14:00-17:30; PH off',
          temporary_closures: [{ starts_on: '2026-12-21', ends_on: '2027-01-03', message: 'Fermé pour les fêtes (test)', closed: true }],
        },
      ],
    }),
  ).slug;
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await h?.close();
});

describe('the detail page', () => {
  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', { width: 1366, height: 900 }],
  ] as const) {
    it(`on a ${label}: open now until 17 h 30, the week with today marked, the closure first`, async () => {
      const { page, context, errors } = await openPage(h, viewport);
      await page.goto(`${h.server.url}/acteurs/${slug}`);
      const header = page.locator('.actor__header');
      await expect.poll(() => header.locator('.hours-status').textContent()).toBe('Ouvert — ferme à 17 h 30');
      await expect(header.locator('.hours-closure').textContent()).resolves.toBe(
        'Fermeture temporaire Du lundi 21 décembre au dimanche 3 janvier : Fermé pour les fêtes (test)',
      );
      const table = page.getByRole('table', { name: 'Horaires des 7 prochains jours' });
      const today = table.locator('tr[aria-current="date"]');
      expect(await today.locator('th').textContent()).toBe('Lundi 7 décembre (aujourd’hui)');
      expect(await today.locator('td').textContent()).toBe('9 h – 12 h, 14 h – 17 h 30');
      expect(await table.locator('tr').nth(5).textContent()).toBe('Samedi 12 décembreFermé');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/actor-${label}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('the 119 says it is open 24 h/24, 7 j/7, and the page stays accessible', async () => {
    const { page, context } = await openPage(h, PHONE, { bypassCSP: true });
    await page.goto(`${h.server.url}/acteurs/allo-enfance-en-danger-119`);
    await expect.poll(() => page.locator('.contact__hours .hours-status').first().textContent()).toBe('Ouvert 24 h/24, 7 j/7');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('the results', () => {
  it('say each actor’s state in one line, and « Ouvert maintenant » keeps only the open ones, with its count', async () => {
    const { page, context, errors } = await openPage(h, PHONE, { bypassCSP: true });
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)`);
    await waitForResults(page);
    const card = page.locator('.result').filter({ hasText: 'Accueil de jour horaires' });
    expect(await card.locator('.hours-status').textContent()).toBe('Ouvert — ferme à 17 h 30');
    // On a phone the filters fold under « Filtres ».
    await page.locator('.filters-disclosure > summary').click();
    const open = page.getByRole('checkbox', { name: /^Ouvert maintenant \(\d+\)$/ });
    const label = (await page.locator(`label[for="${await open.getAttribute('id')}"]`).textContent()) ?? '';
    const count = Number(/\((\d+)\)/.exec(label)?.[1]);
    expect(count).toBeGreaterThan(0);
    await open.check();
    await expect.poll(() => new URL(page.url()).searchParams.get('ouvert')).toBe('maintenant');
    await waitForResults(page);
    await expect.poll(() => page.locator('.results-toolbar__count').textContent()).toMatch(new RegExp(`^${count} acteur`));
    const states = await page.locator('.result .hours-status').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    for (const s of states) expect(s).toMatch(/^Ouvert/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/results-open-phone.png`, fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
