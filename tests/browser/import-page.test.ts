/**
 * A curator imports a CSV from the back office: a dry run that writes nothing and names the
 * refused line, the real import, the new actor in the public search, then the import undone.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { DESKTOP, type Harness, harnessForFile, openPage, seriousViolations, signInThroughForm, tempDirForFile } from './browser.ts';

let h: Harness;
let dir: string;
harnessForFile((started) => {
  h = started;
});
tempDirForFile('pare-import-page-', (made) => {
  dir = made;
});

const NAME = 'Atelier test Import Hayange (données de test)';
const CSV = [
  'Nom;Type;Publics;Actions;Territoire;Départements;Code postal;Commune;Téléphone',
  `${NAME};Association;Jeunes;écoute;Département;57;57700;Hayange;03 00 00 09 09`,
  'Ligne test refusée (données de test);Association;Jeunes;écoute;Département;57;;Commune-qui-n-existe-pas;',
].join('\r\n');

const searchTotal = async (q: string) =>
  ((await (await h.server.app.request(`/api/actors?q=${encodeURIComponent(q)}`)).json()) as { total: number }).total;

describe('the import page', () => {
  it('tries the file, imports it, and undoes the import', async () => {
    const file = join(dir, 'acteurs.csv');
    writeFileSync(file, CSV, 'utf8');
    const email = await createAccount(h.server, 'curateur');
    // bypassCSP only so that axe-core can be injected for the accessibility scan below.
    const { page, context, errors } = await openPage(h, DESKTOP, { bypassCSP: true });
    page.on('dialog', (d) => void d.accept());

    await signInThroughForm(h, page, '/admin/import', email);
    await page.getByRole('heading', { level: 1, name: 'Importer un fichier' }).waitFor();

    // Nothing chosen: said at the field.
    await page.getByRole('button', { name: 'Essayer (rien n’est écrit)' }).click();
    await page.getByText('Choisissez un fichier.').waitFor();

    // The dry run: counts, the refused line with its reason, nothing written.
    await page.getByLabel('Fichier').setInputFiles(file);
    await page.getByRole('button', { name: 'Essayer (rien n’est écrit)' }).click();
    await page.getByRole('heading', { name: 'Essai : rien n’a été écrit' }).waitFor();
    await page.getByText('1 créée(s), 0 mise(s) à jour, 0 inchangée(s), 1 refusée(s)').waitFor();
    const refused = page.getByRole('row').filter({ hasText: /commune/i });
    expect(await refused.count()).toBeGreaterThan(0);
    expect(await refused.first().getByRole('cell').first().textContent()).toBe('3');
    expect(await searchTotal('Hayange Atelier')).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The real import: the actor is in the public directory.
    await page.getByRole('button', { name: 'Importer ces lignes' }).click();
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
    await page.getByText(/^Identifiant de l’import : /).waitFor();
    expect(await searchTotal('Hayange Atelier')).toBe(1);

    // Undone: the created actor is archived, out of the public search.
    await page.getByRole('button', { name: 'Annuler cet import' }).click();
    await page.getByText(/^Import annulé : 1 fiche\(s\) archivée\(s\)/).waitFor();
    expect(await searchTotal('Hayange Atelier')).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
