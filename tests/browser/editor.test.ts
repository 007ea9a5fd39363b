/**
 * The entry editor and the submission review as a curator uses them, in a real browser: a
 * submission reviewed item by item in French labels (phone kept and corrected, e-mail refused),
 * the history in the form's labels, « Fiche enregistrée. » next to the Save button with the
 * focus on it, a région picked by name, a new entry's message, and the pin map's commune names.
 * Screenshots at 390×844 and 1366×900 go to /tmp/editor-shots.
 */
import { mkdirSync } from 'node:fs';
import { actorRepository, actorToInput } from '@pare/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { youthListeningInMoselle } from '../helpers/actors.ts';
import {
  DESKTOP,
  type Harness,
  openPage,
  PHONE,
  seriousViolations,
  signInThroughForm,
  startHarness,
  submitReferencing,
} from './browser.ts';

const SHOTS = '/tmp/editor-shots';
const WIDE = { width: 1366, height: 900 } as const;

let h: Harness;
let email: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
  email = await createAccount(h.server, 'curateur');
});

afterAll(async () => {
  await h?.close();
});

const signIn = (page: Page, next: string) => signInThroughForm(h, page, next, email);

const submit = (proposal: Record<string, unknown>) => submitReferencing(h, proposal);

const actorBySlug = (slug: string) => h.server.db.prepare('SELECT id FROM actors WHERE slug = ?').pluck().get(slug) as number | undefined;

function inputOf(id: number) {
  const actor = actorRepository(h.server.db).findActorById(id);
  if (!actor) throw new Error(`no actor ${id}`);
  return actorToInput(actor);
}

/** A fixture entry (test data) with a site in Metz and a public phone first. */
const METZ = 'test-association-familles-metz';

vi.setConfig({ testTimeout: 60_000 });

describe('the submission review', () => {
  it('accepts the phone (corrected) and refuses the e-mail, item by item, in French labels: the entry has the phone, not the e-mail', async () => {
    const name = 'Association Relais Hayange (données de test)';
    const id = await submit({
      name,
      type: 'association',
      description: 'Écoute des jeunes (texte envoyé par la structure).',
      ...youthListeningInMoselle(),
      sites: [{ commune_code: '57306', address: '1 rue du Test' }],
      contacts: [
        { kind: 'phone', value: '03 00 00 08 08' },
        { kind: 'email', value: 'refusee@relais.example' },
      ],
    });
    const { page, context, errors } = await openPage(h, WIDE, { bypassCSP: true });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await signIn(page, `/admin/propositions/${id}`);
    await page.getByRole('heading', { level: 1, name: /Relais Hayange/ }).waitFor();

    // French labels and names, no paths, no JSON.
    const diff = page.locator('section[aria-labelledby="rv-diff"]');
    await diff.getByRole('heading', { name: 'Téléphone — contact 1' }).waitFor();
    await diff.getByRole('heading', { name: 'E-mail — contact 2' }).waitFor();
    await diff.getByRole('heading', { name: 'Départements', exact: true }).waitFor();
    await diff.getByText('Moselle (57)').waitFor();
    await diff.getByText('Hayange (57)').waitFor();
    const text = await diff.innerText();
    expect(text).not.toMatch(/contacts\.\d|territory|"kind"|\{/);

    await page.screenshot({ path: `${SHOTS}/review-desktop.png`, fullPage: true });

    // Keep the phone, corrected with the contact's own fields; drop the e-mail.
    await page.getByRole('button', { name: 'Corriger Téléphone — contact 1' }).click();
    await diff.getByLabel('Valeur', { exact: true }).fill('03 00 00 08 09');
    await page.getByRole('group', { name: 'Décision pour « E-mail — contact 2 »' }).getByLabel('Refuser').check();
    await page.getByText(/1 refusé\./).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Accepter \d+ champs$/ }).click();
    await page.getByText(/Acceptée par/).waitFor();
    expect(dialogs).toEqual([]); // a contact and a site remain: no warning

    const actorId = actorBySlug('association-relais-hayange-donnees-de-test');
    expect(actorId).toBeDefined();
    const values = inputOf(actorId as number).contacts.map((c) => c.value);
    expect(values).toEqual(['03 00 00 08 09']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('warns before an acceptance that leaves the entry without any contact', async () => {
    const id = await submit({
      name: 'Collectif Sans Contact (données de test)',
      type: 'association',
      ...youthListeningInMoselle(),
      sites: [{ commune_code: '57672' }],
      contacts: [{ kind: 'phone', value: '03 00 00 09 09' }],
    });
    const { page, context } = await openPage(h, PHONE);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, `/admin/propositions/${id}`);
    await page.getByRole('group', { name: 'Décision pour « Téléphone — contact 1 »' }).getByLabel('Refuser').check();
    await page.screenshot({ path: `${SHOTS}/review-phone.png`, fullPage: true });
    await page.getByRole('button', { name: /^Accepter \d+ champs$/ }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain('aucun contact');
    // Dismissed: nothing was decided.
    expect(h.server.db.prepare('SELECT status FROM submissions WHERE id = ?').pluck().get(id)).toBe('nouvelle');
    await context.close();
  });
});

describe('the entry form', () => {
  it('says « Fiche enregistrée. » next to the Save button, moves the focus there, and the history speaks the form’s labels', async () => {
    const id = actorBySlug(METZ) as number;
    const { page, context, errors } = await openPage(h, WIDE);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, `/admin/acteurs/${id}`);
    await page.getByRole('navigation', { name: 'Sur cette fiche' }).getByRole('link', { name: 'Contacts' }).waitFor();

    const phone = page.locator('#af-contacts-0-value');
    const before = await phone.inputValue();
    await phone.fill('03 00 00 10 10');
    await page.locator('.save-bar').getByText('Modifications non enregistrées').waitFor();
    const save = page.getByRole('button', { name: 'Enregistrer', exact: true });
    await save.click();
    const notice = page.locator('.save-bar__notice');
    await notice.getByText('Fiche enregistrée.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Fiche enregistrée.');
    // Next to the button, in view.
    const [n, b] = [await notice.boundingBox(), await save.boundingBox()];
    expect(n && b && Math.abs(n.y - b.y) < 80).toBe(true);
    expect(n && n.y + n.height <= WIDE.height).toBe(true);
    await page.screenshot({ path: `${SHOTS}/saved-desktop.png` });

    // The history names the change as the form does.
    const history = page.locator('section[aria-labelledby="history-title"]');
    await history
      .getByText(/1 champ modifié/)
      .first()
      .click();
    const row = history.getByRole('row', { name: /Téléphone — contact 1/ }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('03 00 00 10 10');
    expect(await row.innerText()).toContain(before);
    expect(await history.innerText()).not.toContain('contacts.0');
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/history-desktop.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('picks a région by name (chips), saves its code, and shows the communes’ names on the pin map', async () => {
    const id = actorBySlug(METZ) as number;
    const { page, context, errors } = await openPage(h, WIDE, { bypassCSP: true });
    await signIn(page, `/admin/acteurs/${id}`);
    await page.getByLabel('Portée').selectOption('regions');
    const regions = page.getByRole('combobox', { name: 'Régions' });
    await regions.fill('grand');
    await page.getByRole('option', { name: /Grand Est/ }).waitFor();
    await regions.press('ArrowDown');
    await regions.press('Enter');
    await page.getByRole('list', { name: 'Régions choisis' }).getByText('Grand Est').waitFor();
    await expect.poll(() => regions.inputValue()).toBe('');
    // Communes are shown by name too, and removed by their chip's button.
    await page.getByRole('list', { name: 'Communes choisis' }).getByText('Metz (57)').waitFor();
    await page.getByRole('button', { name: 'Retirer Metz (57)' }).click();

    // The pin map: commune names around the site, from the offline referential.
    await page.locator('.admin-map .maplibregl-canvas').first().waitFor();
    await page
      .getByText(/Noms des communes proches : .*Metz/)
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('.admin-map').first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(1200);
    await page.screenshot({ path: `${SHOTS}/pin-map-desktop.png` });

    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('.save-bar__notice').getByText('Fiche enregistrée.').waitFor();
    expect(inputOf(id).territory).toMatchObject({ scope: 'regions', regions: ['44'] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('confirms a new entry with a message, and links the error count of the save bar to the first error (phone)', async () => {
    const { page, context, errors } = await openPage(h, PHONE);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, '/admin/acteurs/nouveau');
    const save = page.getByRole('button', { name: 'Enregistrer', exact: true });
    await save.click();
    const errorsLink = page.locator('.save-bar').getByRole('link', { name: /champs? à corriger/ });
    await errorsLink.waitFor();
    expect(await save.isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/new-errors-phone.png` });
    await errorsLink.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('af-name');

    await page.locator('#af-name').fill('Point Écoute Test Sarrebourg (données de test)');
    await page.getByLabel('Description').fill('Une fiche créée par le test du formulaire.');
    await page.getByRole('checkbox', { name: 'Jeunes' }).check();
    await page.getByRole('checkbox', { name: 'Écoute' }).check();
    const deps = page.getByRole('combobox', { name: 'Départements' });
    await deps.fill('mosel');
    await page.getByRole('option', { name: /Moselle \(57\)/ }).click();
    await save.click();
    const notice = page.locator('.save-bar__notice');
    await notice.getByText(/Fiche « Point Écoute Test Sarrebourg \(données de test\) » créée/).waitFor();
    await page.waitForURL(/\/admin\/acteurs\/\d+$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('save-bar__notice');
    await page.screenshot({ path: `${SHOTS}/created-phone.png` });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the resource and protocol editors', () => {
  it('a new resource, once saved, opens at its own address with « Créé » still said, without a loading step', async () => {
    const { page, context, errors } = await openPage(h, PHONE, { bypassCSP: true });
    await signIn(page, '/admin/ressources/nouvelle');
    await page.getByLabel('Titre', { exact: false }).first().fill('Guide créé par le test de l’éditeur');
    await page.getByRole('checkbox', { name: 'Professionnels', exact: true }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/admin\/ressources\/\d+$/);
    // The note of the creation, on the entry's page (another editor than the one that saved).
    await page.getByText('Créé. Vous pouvez maintenant déposer un fichier.').waitFor();
    await page.getByRole('heading', { name: /Modifier la ressource « Guide créé par le test de l’éditeur »/ }).waitFor();
    // The file box now offers the upload (it asked to save first before).
    await page.getByLabel('Choisir un fichier').waitFor();
    await page.screenshot({ path: `${SHOTS}/resource-created-phone.png` });
    // A reload of the page does not say it again: the note was for the creation.
    await page.reload();
    await page.getByRole('heading', { name: /Modifier la ressource/ }).waitFor();
    expect(await page.getByText('Créé. Vous pouvez maintenant déposer un fichier.').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('choose départements by name, as chips, instead of typing codes', async () => {
    const { page, context, errors } = await openPage(h, PHONE, { bypassCSP: true });
    await signIn(page, '/admin/ressources/nouvelle');
    await page.getByLabel('Territoire', { exact: true }).selectOption('departements');
    const deps = page.getByRole('combobox', { name: 'Départements' });
    await deps.fill('57');
    await page.getByRole('option', { name: /Moselle \(57\)/ }).click();
    await page.getByRole('list', { name: 'Départements choisis' }).getByText('Moselle (57)').waitFor();
    expect(await page.getByText(/codes? (INSEE|séparés)/).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/resource-phone.png` });

    await page.goto(`${h.server.url}/admin/protocoles/nouveau`);
    await page.getByRole('combobox', { name: /Départements/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('screens', () => {
  it('the long form at 390 px and 1366 px: sections, table of contents and the sticky save bar', async () => {
    const id = actorBySlug(METZ) as number;
    for (const [label, viewport] of [
      ['phone', PHONE],
      ['desktop', WIDE],
      ['desktop-1280', DESKTOP],
    ] as const) {
      const { page, context } = await openPage(h, viewport);
      await signIn(page, `/admin/acteurs/${id}`);
      await page.getByRole('heading', { name: 'Lieux', level: 2 }).waitFor();
      await page.screenshot({ path: `${SHOTS}/form-top-${label}.png` });
      await page.getByRole('heading', { name: 'Contacts', level: 2 }).scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      expect(await page.locator('.save-bar').isVisible()).toBe(true);
      await page.screenshot({ path: `${SHOTS}/form-middle-${label}.png` });
      await context.close();
    }
  });
});
