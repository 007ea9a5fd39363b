/**
 * The back office's hours editor in a real browser (issue 20): a curator fills the week with the
 * day grid (which writes the OpenStreetMap syntax), types a bad value and reads the French
 * problem, adds a closure, sees the next 14 days, saves; the public page then shows the hours.
 * Screenshots (when PARE_SHOTS_DIR is set) at 390×844 and 1366×900.
 */
import { mkdirSync } from 'node:fs';
import { actorRepository } from '@pare/db';
import { CreateActorInputSchema } from '@pare/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { FIXTURE, type Harness, openPage, PHONE, seriousViolations, signInThroughForm, startHarness } from './browser.ts';

const SHOTS = process.env.PARE_SHOTS_DIR;
const WIDE = { width: 1366, height: 900 } as const;
const NOW = new Date('2026-12-07T10:00:00+01:00');
let h: Harness;
let email: string;
let id: number;
let slug: string;
/** A second entry whose hours are already set (the phone test does not depend on the first). */
let withHours: number;

beforeAll(async () => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  h = await startHarness({ config: { now: () => NOW } });
  email = await createAccount(h.server, 'curateur');
  // TEST DATA: a fictitious entry without hours yet.
  const created = actorRepository(h.server.db).createActor(
    CreateActorInputSchema.parse({
      name: 'Permanence à horaires (données de test)',
      type: 'association',
      publics: ['jeunes'],
      actions: ['ecoute'],
      territory: { scope: 'communes', communes: [FIXTURE.thionville] },
      sites: [{ commune_code: FIXTURE.thionville, address: '9 rue de la Grille' }],
      contacts: [{ kind: 'phone', value: '03 00 00 00 77' }],
    }),
  );
  id = created.id;
  slug = created.slug;
  withHours = actorRepository(h.server.db).createActor(
    CreateActorInputSchema.parse({
      name: 'Permanence à horaires fixés (données de test)',
      type: 'association',
      publics: ['jeunes'],
      actions: ['ecoute'],
      territory: { scope: 'communes', communes: [FIXTURE.thionville] },
      sites: [{ commune_code: FIXTURE.thionville, address: '11 rue de la Grille', opening_hours: 'Mo-Fr 09:00-12:00; PH off' }],
    }),
  ).id;
});
afterAll(async () => {
  await h?.close();
});

const signIn = (page: Page, next: string) => signInThroughForm(h, page, next, email);

describe('the hours editor', () => {
  it('writes the syntax from the day grid, names a bad syntax in French, previews 14 days with a closure, and the public page shows it', async () => {
    const { page, context, errors } = await openPage(h, WIDE, { bypassCSP: true });
    await signIn(page, `/admin/acteurs/${id}`);
    const hours = page.locator('#af-sites-0-opening_hours');
    await hours.waitFor();

    // A bad value first: the server names the problem, in French, next to the field.
    await hours.fill('du lundi au vendredi 9h-17h');
    const check = page.locator('#af-sites-0-opening_hours-check');
    await expect.poll(() => check.textContent(), { timeout: 10_000 }).toMatch(/^Horaires (illisibles|à préciser)/);
    await hours.fill('');

    // The grid: open Monday 9 h – 12 h, then Tuesday to Friday like the day before, holidays closed.
    const editor = page.locator('.site-editor, fieldset').filter({ has: hours }).first();
    await editor.getByText('Saisir jour par jour').click();
    await editor.getByRole('button', { name: 'Ouvrir le lundi' }).click();
    for (const day of ['mardi', 'mercredi', 'jeudi', 'vendredi']) {
      await editor
        .getByRole('group', { name: new RegExp(`^${day}$`, 'i') })
        .getByRole('button', { name: 'Comme la veille' })
        .click();
    }
    await expect.poll(() => hours.inputValue()).toBe('Mo-Fr 09:00-12:00; PH off');
    await expect.poll(() => check.textContent(), { timeout: 10_000 }).toBe('Compris : lun.-ven. 09:00-12:00; jours fériés fermé');

    // A closure over Christmas week.
    await editor.getByRole('button', { name: 'Ajouter une fermeture ou un changement' }).click();
    await page.locator('#af-sites-0-temporary_closures-0-start').fill('2026-12-21');
    await page.locator('#af-sites-0-temporary_closures-0-end').fill('2026-12-24');
    await page.locator('#af-sites-0-temporary_closures-0-message').fill('Fermé pour inventaire (test)');
    const preview = page.getByRole('table', { name: /14 prochains jours/ });
    await expect.poll(async () => (await preview.locator('tr').count()) === 14).toBe(true);
    await expect
      .poll(() =>
        preview
          .locator('tr')
          .nth(14 - 1)
          .textContent(),
      )
      .toContain('Dimanche 20 décembre');
    if (SHOTS) {
      await hours.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/editor-desktop.png`, fullPage: false });
    }
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('.save-bar__notice').getByText('Fiche enregistrée.').waitFor();
    const stored = actorRepository(h.server.db).findActorBySlug(slug);
    expect(stored?.sites[0]?.openingHours).toBe('Mo-Fr 09:00-12:00; PH off');
    expect(stored?.sites[0]?.temporaryClosures).toEqual([
      { starts_on: '2026-12-21', ends_on: '2026-12-24', message: 'Fermé pour inventaire (test)', closed: true },
    ]);
    expect(errors).toEqual([]);
    await context.close();

    // What the public reads, on a phone.
    const visitor = await openPage(h, PHONE);
    await visitor.page.goto(`${h.server.url}/acteurs/${slug}`);
    await expect.poll(() => visitor.page.locator('.actor__header .hours-status').textContent()).toBe('Ouvert — ferme à 12 h');
    expect(await visitor.page.locator('.actor__header .hours-closure').textContent()).toContain('Fermé pour inventaire (test)');
    if (SHOTS) await visitor.page.screenshot({ path: `${SHOTS}/public-after-edit-phone.png`, fullPage: true });
    await visitor.context.close();
  });

  it('on a phone, the grid and the preview fit the screen', async () => {
    const { page, context } = await openPage(h, PHONE);
    await signIn(page, `/admin/acteurs/${withHours}`);
    const hours = page.locator('#af-sites-0-opening_hours');
    // The grid opens on the field's value: wait for the saved hours to be in it, not just for the field.
    await expect.poll(() => hours.inputValue(), { timeout: 10_000 }).toMatch(/^Mo-Fr/);
    const editor = page.locator('fieldset').filter({ has: hours }).first();
    await editor.getByText('Saisir jour par jour').click();
    // The grid comes filled from the saved hours (Monday to Friday, 9 h – 12 h), by itself once the
    // server has read them, even when it is opened before the reading arrives.
    await editor.getByLabel('Lundi, plage 1 : ouverture').waitFor({ timeout: 20_000 });
    expect(await editor.getByLabel('Vendredi, plage 1 : fermeture').inputValue()).toBe('12:00');
    expect(await editor.getByRole('button', { name: 'Ouvrir le samedi' }).isVisible()).toBe(true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    if (SHOTS) {
      await editor.locator('.hours-grid__days').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SHOTS}/editor-phone.png`, fullPage: false });
    }
    // Typed in the field while the grid is open: the grid follows what is typed, not the hours before.
    await hours.fill('Mo-Sa 10:00-13:00; PH off');
    await expect.poll(() => editor.getByLabel('Samedi, plage 1 : ouverture').inputValue(), { timeout: 20_000 }).toBe('10:00');
    expect(await editor.getByLabel('Lundi, plage 1 : ouverture').inputValue()).toBe('10:00');
    await context.close();
  }, 60_000);
});
