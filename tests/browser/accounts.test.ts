/**
 * Accounts in the web, in a real browser (issue 17, items 6 and 7): an administrator creates an
 * account from « Comptes »; the new person opens the mailed link (read from the outbox, as the
 * relay would deliver it), chooses a password and signs in; a verified professional signs in,
 * lands on « Mon compte », sees a professionals-only contact marked as such and signs out from a
 * public page; a professional asks for an account from the public site. Pages axe-clean.
 */
import { mkdirSync } from 'node:fs';
import { outboxRepository } from '@pare/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { DESKTOP, type Harness, openPage, PHONE, seriousViolations, startHarness } from './browser.ts';

let h: Harness;
const SHOTS = '/tmp/accounts-shots';

beforeAll(async () => {
  h = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await h?.close();
});

const PRO_ACTOR = 'test-association-familles-metz';
const PRO_PHONE = '03 00 00 00 03';
const NEW_PASSWORD = 'une phrase de passe bien longue';

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** The « choisir un mot de passe » path in the last mail queued for `email` (no mail worker runs in this test). */
function mailedLink(email: string): string {
  const mail = outboxRepository(h.server.db)
    .list({ limit: 500 })
    .filter((m) => m.recipient === email)
    .at(0);
  const m = /\/mot-de-passe\/[A-Za-z0-9_-]{43}/.exec(mail?.body ?? '');
  expect(m, mail?.body).not.toBeNull();
  return (m as RegExpExecArray)[0];
}

/** Picks a département by typing part of a name (`typed`) and choosing the first option that names `option`; waits for the chip of Moselle. */
async function chooseMoselle(page: Page, typed: string, option: RegExp) {
  await page.getByLabel('Ajouter un département').fill(typed);
  await page.getByRole('option', { name: option }).first().click();
  await page.getByRole('list', { name: 'Départements choisis' }).getByText('Moselle (57)').waitFor();
}

async function expectAxeClean(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

describe('accounts in the web', () => {
  it('an administrator creates an account; the person follows the mailed link, chooses a password and signs in', async () => {
    const adminEmail = await createAccount(h.server, 'admin');
    const { page, context, errors } = await openPage(h, DESKTOP, { bypassCSP: true });
    await page.goto(`${h.server.url}/admin/comptes`);
    await page.waitForURL(/\/connexion\?suite=/);
    await signIn(page, adminEmail, TEST_PASSWORD);
    await page.waitForURL(/\/admin\/comptes$/);
    await page.getByRole('heading', { level: 1, name: 'Comptes' }).waitFor();

    // A relais for Moselle: the département chosen by name, never typed as a code.
    const email = `relais-web-${Date.now()}@example.test`;
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Nom affiché').fill('Relais territorial Moselle');
    await page.getByLabel('Rôle').selectOption('relais');
    await chooseMoselle(page, 'Mosel', /Moselle/);
    await expectAxeClean(page);
    await page.screenshot({ path: `${SHOTS}/admin-comptes-desktop.png`, fullPage: true });
    await page.getByRole('button', { name: 'Créer le compte et envoyer le lien' }).click();
    await page.getByText(`Compte créé. Un lien pour choisir le mot de passe part à ${email}.`).waitFor();
    const row = page.getByRole('row').filter({ hasText: email });
    await row.getByText('En attente du mot de passe').waitFor();
    await row.getByText('Moselle (57)').waitFor();

    // Disable, enable, and send a new link from the row's editor; the message sits by the buttons.
    await row.getByRole('button', { name: `Modifier ${email}` }).click();
    const editor = page.getByRole('region', { name: `Modifier le compte ${email}` });
    await editor.getByRole('button', { name: 'Désactiver' }).click();
    await editor.getByText('Compte désactivé ; ses sessions sont fermées.').waitFor();
    await row.getByText('Désactivé').waitFor();
    await editor.getByRole('button', { name: 'Réactiver' }).click();
    await editor.getByText('Compte réactivé.').waitFor();
    await editor.getByRole('button', { name: 'Envoyer un lien de mot de passe' }).click();
    await editor.getByText(`Un lien pour choisir un nouveau mot de passe part à ${email}`).waitFor();
    await expectAxeClean(page);
    await page.screenshot({ path: `${SHOTS}/admin-comptes-edit-desktop.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${SHOTS}/admin-comptes-edit-phone.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);

    // Sign out (the back office's own button), then the new person opens the link.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion/);
    await page.goto(`${h.server.url}${mailedLink(email)}`);
    await page.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
    await page.getByText(`Pour le compte ${email}`).waitFor();
    await expectAxeClean(page);
    await page.getByLabel('Nouveau mot de passe').fill('trop court');
    await page.getByLabel('Le même mot de passe, une seconde fois').fill('trop court');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByText('Le mot de passe doit faire au moins 12 caractères').waitFor();
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByLabel('Le même mot de passe, une seconde fois').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByText('Votre mot de passe est enregistré').waitFor();
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await signIn(page, email, NEW_PASSWORD);
    await page.waitForURL(/\/admin$/);
    await page.getByText('Relais territorial Moselle · Relais territorial').waitFor();

    // The link served once.
    await page.goto(`${h.server.url}${mailedLink(email)}`);
    await page.getByText('Ce lien est inconnu, a expiré ou a déjà servi').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the actor editor warns when a professionals-only contact sits on a confidential site', async () => {
    const adminEmail = await createAccount(h.server, 'admin');
    const id = (h.server.db.prepare('SELECT id FROM actors WHERE slug = ?').get('test-foyer-confidentiel-thionville') as { id: number }).id;
    const { page, context, errors } = await openPage(h, DESKTOP, { bypassCSP: true });
    await page.goto(`${h.server.url}/connexion?suite=${encodeURIComponent(`/admin/acteurs/${id}`)}`);
    await signIn(page, adminEmail, TEST_PASSWORD);
    await page.waitForURL(new RegExp(`/admin/acteurs/${id}$`));
    const warning = page.getByRole('note').filter({ hasText: 'n’est montré à personne, pas même aux professionnels' });
    await page.getByRole('group', { name: 'Contact 2' }).waitFor();
    expect(await warning.count()).toBe(0);
    // The direction's e-mail (professionals only, attached to the structure) moved onto the confidential site.
    await page.getByRole('group', { name: 'Contact 2' }).getByRole('combobox', { name: /Lieu/ }).selectOption({ index: 1 });
    await warning.waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a verified professional lands on « Mon compte », sees the professionals’ contact marked as such, and signs out from a public page', async () => {
    const email = await createAccount(h.server, 'professionnel-verifie');
    for (const [label, viewport] of [
      ['desktop', { width: 1366, height: 900 }],
      ['phone', PHONE],
    ] as const) {
      const { page, context, errors } = await openPage(h, viewport, { bypassCSP: true });
      // Anonymous: the reserved line is not there.
      await page.goto(`${h.server.url}/acteurs/${PRO_ACTOR}`);
      await page.locator('h1').first().waitFor();
      await page.getByText('03 00 00 00 02').first().waitFor();
      expect(await page.getByText(PRO_PHONE).count()).toBe(0);

      await page.goto(`${h.server.url}/connexion`);
      await signIn(page, email, TEST_PASSWORD);
      await page.waitForURL(/\/mon-compte$/);
      await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
      await page.getByText('Professionnel vérifié').first().waitFor();
      await page.getByRole('heading', { name: 'Mes sessions ouvertes' }).waitFor();
      await page.getByText('Cette session (ce navigateur)').waitFor();
      await expectAxeClean(page);
      await page.screenshot({ path: `${SHOTS}/mon-compte-${label}.png`, fullPage: true });
      // Nothing wider than the screen, even with a long address in the header.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

      // The directory, with the line reserved to professionals, marked as such.
      await page.goto(`${h.server.url}/acteurs/${PRO_ACTOR}`);
      const reserved = page.locator('li').filter({ hasText: PRO_PHONE });
      await reserved.first().waitFor();
      await reserved.getByText('réservé aux professionnels').first().waitFor();
      const bar = page.getByRole('navigation', { name: 'Votre compte' });
      await bar.getByText('(Professionnel vérifié)').waitFor();
      await expectAxeClean(page);
      await page.screenshot({ path: `${SHOTS}/acteur-pro-${label}.png` });

      // The back office is not theirs, but not a dead end.
      await page.goto(`${h.server.url}/admin`);
      await page.getByRole('link', { name: 'Chercher dans l’annuaire' }).waitFor();

      // Sign out from the public page: the reserved line goes with the session.
      await page.goto(`${h.server.url}/acteurs/${PRO_ACTOR}`);
      await page.getByText(PRO_PHONE).first().waitFor();
      await page.getByRole('navigation', { name: 'Votre compte' }).getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByText('Vous êtes déconnecté·e.').waitFor();
      await expect.poll(() => page.getByText(PRO_PHONE).count()).toBe(0);
      expect(await page.getByRole('navigation', { name: 'Votre compte' }).count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('a professional asks for an account from the public site; the request reaches the administrators’ queue', async () => {
    const { page, context, errors } = await openPage(h, PHONE, { bypassCSP: true });
    await page.goto(`${h.server.url}/`);
    await page.getByRole('link', { name: 'Demander un compte professionnel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demander un compte professionnel' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByRole('alert').getByText('Votre nom est requis').waitFor();
    await page.getByLabel('Vos nom et prénom').fill('Dominique Durand');
    await page.getByLabel('Votre structure').fill('ASE de la Moselle');
    await page.getByLabel('Votre fonction').fill('Éducatrice spécialisée');
    await page.getByLabel('Votre adresse e-mail professionnelle').fill('dominique.durand@example.test');
    await chooseMoselle(page, 'Thionville', /Thionville/);
    await expectAxeClean(page);
    await page.screenshot({ path: `${SHOTS}/demander-un-compte-phone.png`, fullPage: true });
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByText('Votre demande est enregistrée').waitFor();
    expect(errors).toEqual([]);
    await context.close();

    // The administrator sees it and creates the account from it.
    const adminEmail = await createAccount(h.server, 'admin');
    const admin = await openPage(h, { width: 1366, height: 900 }, { bypassCSP: true });
    await admin.page.goto(`${h.server.url}/connexion?suite=%2Fadmin%2Fcomptes`);
    await signIn(admin.page, adminEmail, TEST_PASSWORD);
    await admin.page.waitForURL(/\/admin\/comptes$/);
    const card = admin.page.getByRole('listitem').filter({ hasText: 'Dominique Durand — ASE de la Moselle' });
    await card.getByText('Éducatrice spécialisée').waitFor();
    await card.getByRole('button', { name: 'Créer le compte' }).click();
    await expect.poll(() => admin.page.getByLabel('Adresse e-mail').inputValue()).toBe('dominique.durand@example.test');
    await admin.page.getByRole('button', { name: 'Créer le compte et envoyer le lien' }).click();
    await admin.page.getByText('Compte créé. Un lien pour choisir le mot de passe part à dominique.durand@example.test.').waitFor();
    await admin.page.getByText('Aucune demande en attente.').waitFor();
    await admin.page.screenshot({ path: `${SHOTS}/admin-comptes-after-request.png`, fullPage: true });
    expect(mailedLink('dominique.durand@example.test')).toMatch(/^\/mot-de-passe\//);
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });
});
