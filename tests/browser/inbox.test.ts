/**
 * Issue 17, item 3, in a real browser: the dashboard counts the requests by status and age; the
 * urgent request of a 16-year-old with nowhere to sleep stands out and comes first; a curator
 * hands it to a structure from the inbox, whose referent gets the routed mail; the inbox has the
 * back office's menu and sign-out, no console error, and is axe-clean on a phone and a desk.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../helpers/accounts.ts';
import { ROOT } from '../helpers/test-app.ts';
import { addActorAcceptingRequests, REFERENT_EMAIL } from '../orientation/helpers.ts';
import { type Harness, openPage, PHONE, seriousViolations, startHarness } from './browser.ts';

const SHOTS = '/tmp/inbox-shots';

/** The orientation's texts, loaded from the web catalogue at run time (as tests/browser/orientation.test.ts does). */
type OrientationTexts = {
  page: { next: string; showResults: string };
  profile: { options: { jeune: { label: string } } };
  place: { label: string };
  needs: { options: { hebergement: string } };
  urgency: { options: { inquietude: { label: string } } };
  results: { noneFitsButton: string };
  form: { name: string; commune: string; consent: string; submit: string; phone: string; successHeading: string };
};
const o = (await import(pathToFileURL(join(ROOT, 'apps/web/src/i18n/fr.orientation.ts')).href)).frOrientation as OrientationTexts;
const startingWith = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const ACTOR_NAME = 'Écoute test Familles Thionville (données de test)';
let h: Harness;
let urgent = '';
let ordinary = '';

async function request(body: Record<string, unknown>): Promise<string> {
  const res = await h.server.app.request('/api/contact-requests', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '06 12 34 56 78', consent: true, commune: '57672', ...body }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

beforeAll(async () => {
  h = await startHarness();
  addActorAcceptingRequests(h.server);
  // The young person wrote first, three days ago; a parent's question came after.
  urgent = await request({
    name: 'Lou',
    profile: 'jeune',
    needs: ['hebergement'],
    urgency: 'inquietude',
    message: 'J’ai 16 ans, je n’ai pas d’endroit pour dormir ce soir.',
  });
  h.server.db
    .prepare('UPDATE contact_requests SET created_at = ? WHERE reference = ?')
    .run(new Date(Date.now() - 3 * 86_400_000).toISOString(), urgent);
  ordinary = await request({ name: 'Camille', profile: 'famille', needs: ['soutien-familles'], urgency: 'information' });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function signedInPage(viewport: { width: number; height: number }) {
  const who = await signedInAs(h.server, 'curateur');
  const opened = await openPage(h, viewport, { bypassCSP: true });
  const [name, ...rest] = who.cookie.split('=');
  await opened.context.addCookies([{ name: name ?? '', value: rest.join('='), url: h.server.url }]);
  opened.page.on('console', (m) => {
    if (m.type() === 'error') opened.errors.push(m.text());
  });
  return opened;
}

describe('the team inbox in the browser', () => {
  it('counts on the dashboard, puts the urgent request first, and hands it to a structure', async () => {
    const { page, context, errors } = await signedInPage({ width: 1366, height: 900 });
    await page.goto(`${h.server.url}/admin`);
    const card = page.locator('.admin-card').filter({ hasText: 'Demandes de contact' });
    await card.getByRole('link', { name: '2 nouvelles' }).waitFor();
    await card.getByRole('link', { name: 'dont 1 de plus de 48 h' }).waitFor();
    await card.getByRole('link', { name: '1 urgente ouverte' }).click();
    await page.waitForURL(/\/equipe\/demandes\?urgent=1$/);
    await page.getByText('1 demande', { exact: true }).waitFor();
    // The back office's frame: its menu and sign-out.
    await page.getByRole('navigation', { name: 'Espace des curateurs' }).waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();

    // Without filters: the urgent request first, flagged, although the other is newer.
    await page.getByRole('button', { name: 'Tout afficher' }).click();
    await page.getByText('2 demandes', { exact: true }).waitFor();
    const rows = page.locator('.inbox-table tbody tr');
    await expect.poll(() => rows.first().locator('th').innerText()).toBe(urgent);
    expect(await rows.first().locator('.inbox-flag--urgent').innerText()).toBe('Urgente');
    expect(await rows.first().locator('.inbox-flag--jeune').innerText()).toBe('Jeune');
    expect(await rows.nth(1).locator('th').innerText()).toBe(ordinary);
    await page.screenshot({ path: `${SHOTS}/inbox-desktop.png`, fullPage: true });

    // « Transmettre à une structure »: search, choose, send.
    await page.getByRole('button', { name: `Ouvrir la demande ${urgent}` }).click();
    await page.getByLabel('Chercher une structure').fill('Thionville');
    await page.getByRole('radio', { name: new RegExp(ACTOR_NAME.replace(/[()]/g, '\\$&')) }).check();
    await page.getByLabel('Note pour l’historique (facultative)').fill('Appeler ce soir');
    await page.getByRole('button', { name: /^Transmettre à / }).click();
    await page.getByText(`Demande transmise à ${ACTOR_NAME}.`, { exact: false }).waitFor();
    await page
      .locator('.inbox-history')
      .getByText(/Transmise à Écoute test Familles Thionville/)
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/inbox-transmitted-desktop.png`, fullPage: true });

    const mail = h.server.db
      .prepare("SELECT recipient, body FROM outbox WHERE body LIKE ? AND recipient = ? AND kind = 'contact-request'")
      .get(`%${urgent}%`, REFERENT_EMAIL) as { recipient: string; body: string } | undefined;
    expect(mail?.body).toContain('/reponse/');
    expect(h.server.db.prepare('SELECT status FROM contact_requests WHERE reference = ?').pluck().get(urgent)).toBe('transmise');

    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('is usable on a phone, axe-clean, with no console error', async () => {
    const { page, context, errors } = await signedInPage(PHONE);
    await page.goto(`${h.server.url}/equipe/demandes`);
    await page.getByText('2 demandes', { exact: true }).waitFor();
    await page.getByRole('button', { name: `Ouvrir la demande ${ordinary}` }).click();
    await page.getByLabel('Chercher une structure').waitFor();
    await page.screenshot({ path: `${SHOTS}/inbox-phone.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${h.server.url}/admin`);
    await page.locator('.admin-card').filter({ hasText: 'Demandes de contact' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/dashboard-phone.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('a young person asking for a place to sleep from the orientation reaches the inbox flagged urgent', async () => {
    const { page, context, errors } = await openPage(h, PHONE);
    await page.goto(`${h.server.url}/orientation`);
    await page.getByRole('radio', { name: startingWith(o.profile.options.jeune.label) }).check();
    await page.getByRole('button', { name: o.page.next, exact: true }).click();
    const place = page.getByRole('combobox', { name: o.place.label });
    await place.pressSequentially('Thionv', { delay: 30 });
    await page
      .getByRole('option', { name: /Thionville/ })
      .first()
      .click();
    await page.getByRole('button', { name: o.page.next, exact: true }).click();
    await page.getByRole('checkbox', { name: o.needs.options.hebergement, exact: true }).check();
    await page.getByRole('button', { name: o.page.next, exact: true }).click();
    await page.getByRole('radio', { name: startingWith(o.urgency.options.inquietude.label) }).check();
    await page.getByRole('button', { name: o.page.showResults, exact: true }).click();
    await page.getByRole('button', { name: o.results.noneFitsButton }).click();
    await page.getByRole('textbox', { name: o.form.name, exact: true }).fill('Noé');
    await page.getByRole('textbox', { name: o.form.phone, exact: true }).fill('06 00 00 00 99');
    await page.getByRole('checkbox', { name: o.form.consent, exact: true }).check();
    await page.getByRole('button', { name: o.form.submit, exact: true }).click();
    await page.getByRole('heading', { name: o.form.successHeading }).waitFor();
    const stored = h.server.db.prepare("SELECT urgent, urgency, needs, profile FROM contact_requests WHERE name = 'Noé'").get() as {
      urgent: number;
      urgency: string;
      needs: string;
      profile: string;
    };
    expect(stored).toEqual({ urgent: 1, urgency: 'inquietude', needs: '["hebergement"]', profile: 'jeune' });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
