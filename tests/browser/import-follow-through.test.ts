/**
 * Issue 17, item 9, in a real browser: the template downloads with its French titles, the refused
 * lines download as a CSV with a « motif », the real import links to the entry it created, and a
 * selection in the list is marked verified in one go.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../helpers/accounts.ts';
import { type Harness, openPage, seriousViolations, startHarness, tempDirForFile } from './browser.ts';

const SHOTS = '/tmp/inbox-shots';
let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
});
tempDirForFile('pare-import-follow-', (made) => {
  dir = made;
});

const NAME = 'Atelier test Suivi Florange (données de test)';
const CSV = [
  'Nom;Type;Publics;Actions;Territoire;Départements;Téléphone',
  `${NAME};Association;Jeunes;écoute;Département;57;03 00 00 09 19`,
  'Ligne test au type faux (données de test);Club de sport;Jeunes;écoute;Département;57;03 00 00 09 20',
].join('\r\n');

async function curatorPage(viewport = { width: 1366, height: 900 }) {
  const who = await signedInAs(h.server, 'curateur');
  const opened = await openPage(h, viewport, { bypassCSP: true });
  const [name, ...rest] = who.cookie.split('=');
  await opened.context.addCookies([{ name: name ?? '', value: rest.join('='), url: h.server.url }]);
  opened.page.on('dialog', (d) => void d.accept());
  return opened;
}

describe('the import’s follow-through', () => {
  it('downloads the template and the refused lines, then links to the created entry', async () => {
    const file = join(dir, 'acteurs.csv');
    writeFileSync(file, CSV, 'utf8');
    const { page, context, errors } = await curatorPage();
    await page.goto(`${h.server.url}/admin/import`);

    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Télécharger le modèle CSV/ }).click(),
    ]);
    // The browser is shared over a connection (tests/browser/global-setup.ts): a download is saved here, not read in place.
    const templateFile = join(dir, 'modele.csv');
    await template.saveAs(templateFile);
    const templateText = readFileSync(templateFile, 'utf8');
    expect(templateText).toContain('Nom de la structure;Type;Description;Publics;Actions;Territoire couvert');

    await page.getByLabel('Fichier').setInputFiles(file);
    await page.getByRole('button', { name: 'Essayer (rien n’est écrit)' }).click();
    await page.getByRole('heading', { name: 'Essai : rien n’a été écrit' }).waitFor();
    const [refused] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger les lignes refusées (CSV)' }).click(),
    ]);
    expect(refused.suggestedFilename()).toBe('acteurs-lignes-refusees.csv');
    const refusedFile = join(dir, 'refusees.csv');
    await refused.saveAs(refusedFile);
    const lines = readFileSync(refusedFile, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Nom;Type;Publics;Actions;Territoire;Départements;Téléphone;motif');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Ligne test au type faux.*;[^;]*type/i);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Importer ces lignes' }).click();
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
    await page.getByRole('heading', { name: 'Fiche créée (1)' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/import-done-desktop.png`, fullPage: true });
    await page.getByRole('link', { name: 'atelier-test-suivi-florange-donnees-de-test' }).click();
    await page.waitForURL(/\/admin\/acteurs\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /Atelier test Suivi Florange/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('marks a selection of the list verified in one go', async () => {
    const { page, context, errors } = await curatorPage({ width: 390, height: 844 });
    await page.goto(`${h.server.url}/admin/acteurs?departement=57&stale=true`);
    await page.getByRole('heading', { name: /fiche/ }).first().waitFor();
    const stale = await page.locator('.admin-table tbody tr').count();
    expect(stale).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: 'Sélectionner toutes les fiches de la page' }).check();
    await page.getByText(`${stale} ${stale > 1 ? 'fiches sélectionnées' : 'fiche sélectionnée'}`).waitFor();
    await page.screenshot({ path: `${SHOTS}/list-selection-phone.png`, fullPage: true });
    await page.getByRole('button', { name: 'Marquer vérifiées aujourd’hui' }).click();
    await page.getByText(new RegExp(`^${stale} fiches? marquées? vérifiées? aujourd’hui\\.$`)).waitFor();
    await page.getByText('Aucune fiche', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
