/**
 * Issue 17, item 8, in a real browser: a relais of Moselle opens its dashboard with no console
 * error (no 403), finds the Grand Est entry among the entries that cover its départements, reads
 * it read-only with the reason said in a sentence (no form), and is refused another région's entry
 * before any form appears.
 */
import { actorRepository } from '@pare/db';
import { CreateActorInputSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../helpers/accounts.ts';
import { type Harness, openPage, PHONE, seriousViolations, startHarness } from './browser.ts';

const SHOTS = '/tmp/inbox-shots';
const GRAND_EST = 'Réseau test Grand Est (données de test)';
let h: Harness;
let grandEst = 0;
let occitanie = 0;

/** TEST DATA: fictitious regional entries. */
function regional(slug: string, name: string, region: string): number {
  return actorRepository(h.server.db).createActor(
    CreateActorInputSchema.parse({
      slug,
      name,
      type: 'reseau',
      description: 'Réseau régional fictif, pour les tests.',
      publics: ['professionnels'],
      actions: ['coordination', 'formation'],
      territory: { scope: 'regions', regions: [region] },
      contacts: [{ kind: 'website', value: `https://example.test/${slug}` }],
    }),
  ).id;
}

beforeAll(async () => {
  h = await startHarness();
  grandEst = regional('test-reseau-grand-est', GRAND_EST, '44');
  occitanie = regional('test-reseau-occitanie', 'Réseau test Occitanie (données de test)', '76');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function relaisPage(viewport?: { width: number; height: number }) {
  const who = await signedInAs(h.server, 'relais', { departements: ['57'] });
  const opened = await openPage(h, viewport ?? { width: 1366, height: 900 }, { bypassCSP: true });
  const [name, ...rest] = who.cookie.split('=');
  await opened.context.addCookies([{ name: name ?? '', value: rest.join('='), url: h.server.url }]);
  const consoleErrors: string[] = [];
  opened.page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return { ...opened, consoleErrors };
}

describe('a relais in the browser', () => {
  it('opens its dashboard without a single console error (no 403 asked for)', async () => {
    const { page, context, consoleErrors, errors } = await relaisPage();
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(r.url());
    });
    await page.goto(`${h.server.url}/admin`);
    await page.locator('.admin-card').filter({ hasText: 'Demandes de contact' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    expect([...consoleErrors, ...errors]).toEqual([]);
    await context.close();
  }, 60_000);

  it('reads a regional entry that covers Moselle, read-only, with why', async () => {
    const { page, context, consoleErrors, errors } = await relaisPage();
    await page.goto(`${h.server.url}/admin/acteurs`);
    const section = page.locator('section').filter({ has: page.getByRole('heading', { name: /Fiches régionales et nationales/ }) });
    await section.getByRole('link', { name: GRAND_EST }).click();
    await page.waitForURL(new RegExp(`/admin/acteurs/${grandEst}$`));
    await page.getByRole('heading', { level: 1, name: new RegExp(GRAND_EST.replace(/[()]/g, '\\$&')) }).waitFor();
    await page.getByText(/Cette fiche couvre la région Grand Est, au-delà de vos départements/).waitFor();
    // No form, nothing to save.
    expect(await page.getByRole('button', { name: /Enregistrer/ }).count()).toBe(0);
    expect(await page.locator('main form').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/relais-read-only-desktop.png`, fullPage: true });
    expect([...consoleErrors, ...errors]).toEqual([]);
    await context.close();
  }, 60_000);

  it('is refused another région’s entry before any form, on a phone', async () => {
    const { page, context, errors } = await relaisPage(PHONE);
    await page.goto(`${h.server.url}/admin/acteurs/${occitanie}`);
    await page.getByText(/ne relève pas de vos départements/).waitFor();
    expect(await page.locator('main form').count()).toBe(0);
    expect(await page.locator('main input, main textarea').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/relais-refused-phone.png`, fullPage: true });
    await page.goto(`${h.server.url}/admin/acteurs/${grandEst}`);
    await page.getByText(/Cette fiche couvre la région Grand Est/).waitFor();
    await page.screenshot({ path: `${SHOTS}/relais-read-only-phone.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
