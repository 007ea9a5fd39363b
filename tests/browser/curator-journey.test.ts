/**
 * A curator's day in the browser: sign in, accept a referencing request with one field
 * corrected, find the new actor in the public search, edit it then revert the edit from its
 * history, sign out. Needs the routes /connexion, /admin…, /admin/propositions… wired in app.tsx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { youthListeningInMoselle } from '../helpers/actors.ts';
import { DESKTOP, type Harness, openPage, signInThroughForm, startHarness, submitReferencing } from './browser.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const NAME = 'Association Passerelles Thionville (données de test)';
const SLUG = 'association-passerelles-thionville-donnees-de-test';
const CORRECTED = 'Accueil de jour et écoute des jeunes, corrigé par la curatrice.';

const submitOurReferencing = () =>
  submitReferencing(h, {
    name: NAME,
    type: 'association',
    description: 'Accueil de jour pour les jeunes (texte envoyé par la structure).',
    ...youthListeningInMoselle('accompagnement'),
    sites: [{ commune_code: '57672', address: '4 rue du Test' }],
    contacts: [{ kind: 'phone', value: '03 00 00 07 07' }],
  });

describe('curator journey', () => {
  it('signs in, accepts a referencing request with a correction, sees it in the public search, reverts an edit, signs out', async () => {
    const email = await createAccount(h.server, 'curateur');
    const submissionId = await submitOurReferencing();
    const { page, context, errors } = await openPage(h, DESKTOP);
    page.on('dialog', (d) => void d.accept());

    // Sign in: the back office sends us to the sign-in page, then back.
    await signInThroughForm(h, page, '/admin/propositions', email);

    // The queue → the request, side by side.
    await page.getByRole('link', { name: NAME }).click();
    await page.waitForURL(new RegExp(`/admin/propositions/${submissionId}$`));
    await page.getByRole('heading', { level: 1, name: new RegExp(NAME.replace(/[()]/g, '\\$&')) }).waitFor();

    // One field corrected by the curator, the phone left out.
    await page.getByRole('button', { name: 'Corriger Description' }).click();
    await page.getByLabel('Valeur corrigée : Description').fill(CORRECTED);
    await page.getByRole('group', { name: 'Décision pour « Téléphone — contact 1 »' }).getByLabel('Refuser').check();
    await page.getByRole('button', { name: /^Accepter \d+ champs$/ }).click();
    await page.getByText(/Acceptée par/).waitFor();

    // The public search finds it, with the corrected text and without the refused phone.
    await page.goto(`${h.server.url}/?q=Passerelles`);
    await page.locator('.result-list').getByText(NAME).first().waitFor();
    await page.goto(`${h.server.url}/acteurs/${SLUG}`);
    await page.getByText(CORRECTED).waitFor();
    expect(await page.getByText('03 00 00 07 07').count()).toBe(0);

    // Edit the entry, then revert to the accepted version from its history.
    const actorId = Number(h.server.db.prepare('SELECT id FROM actors WHERE slug = ?').pluck().get(SLUG));
    await page.goto(`${h.server.url}/admin/acteurs/${actorId}`);
    const description = page.getByLabel('Description', { exact: true });
    await description.fill('Une modification à annuler.');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Fiche enregistrée.').waitFor();
    await page.getByText('Modification', { exact: true }).waitFor();
    await page
      .getByRole('button', { name: /Revenir à cette version/ })
      .first()
      .click();
    await page.getByText('La fiche a été remise dans l’état de cette version.').waitFor();
    await expect.poll(() => description.inputValue()).toBe(CORRECTED);
    await page.goto(`${h.server.url}/acteurs/${SLUG}`);
    await page.getByText(CORRECTED).waitFor();

    // Sign out: the back office is closed again.
    await page.goto(`${h.server.url}/admin`);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion/);
    await page.goto(`${h.server.url}/admin/acteurs`);
    await page.waitForURL(/\/connexion\?suite=/);

    expect(errors).toEqual([]);
    await context.close();
  });
});
