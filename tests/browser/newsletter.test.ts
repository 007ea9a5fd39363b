/**
 * The letter in a real browser, on a phone (390×844) and a computer (1366×900): a visitor
 * subscribes from /lettre and confirms from the mailed link; a curator composes an issue at
 * /admin/lettre (unchecks an item, reorders, writes an introduction), previews it, sends a test,
 * sends it; the reader unsubscribes from the letter's link; the curator sees and deletes
 * subscribers. Axe on every page, no request leaves the site; screenshots in /tmp/letter-shots.
 *
 * No SMTP server here: the links are read from the mails waiting in the outbox. TEST DATA: the
 * events and news inserted below are fictitious.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Signed, signedInAs } from '../helpers/accounts.ts';
import { ROOT } from '../helpers/test-app.ts';
import { addEvent, addNews } from '../newsletter/helpers.ts';
import { type Harness, openPage, outsideRequests, type RecordedPage, seriousViolations, startHarness } from './browser.ts';

// The web catalogue, loaded at run time (the tests project cannot import apps/web statically): the texts are not retyped.
// biome-ignore lint/suspicious/noExplicitAny: read key by key below; a missing key fails the journey that reads it.
const t: any = (await import(pathToFileURL(join(ROOT, 'apps/web/src/i18n/fr.newsletter.ts')).href)).frNewsletter;

const SHOTS = '/tmp/letter-shots';
const SIZES = [
  ['phone', { width: 390, height: 844 }],
  ['computer', { width: 1366, height: 900 }],
] as const;

let h: Harness;
let curator: Signed;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The shared harness, the app knowing its own address as PARE_PUBLIC_URL: a letter is sent only
  // with the site's public address (its unsubscribe links must work), which is known once listening.
  h = await startHarness({ config: ({ url }) => ({ publicUrl: url }) });
  curator = await signedInAs(h.server, 'curateur');
  addEvent(h.server, 'webinaire-lettre', 10, [], 'Webinaire : repérer les signaux faibles (test)');
  addEvent(h.server, 'rencontre-lettre', 20, [], 'Rencontre régionale du réseau (test)');
  addNews(h.server, 'actualite-lettre', 2, [], 'Un nouveau guide pour les parents (test)');
});
afterAll(async () => {
  await h?.close();
});

/** The token of the last mailed link of this kind to this address (the outbox keeps the body until sent). */
function lastToken(recipient: string, path: 'lettre/confirmer' | 'lettre/desinscription'): string {
  const bodies = h.server.db.prepare('SELECT body FROM outbox WHERE recipient = ? ORDER BY id DESC').pluck().all(recipient) as string[];
  for (const body of bodies) {
    const m = new RegExp(`/${path}/([A-Za-z0-9_-]{43})`).exec(body);
    if (m?.[1]) return m[1];
  }
  throw new Error(`no /${path}/ link mailed to ${recipient}`);
}

async function open(viewport: { width: number; height: number }, signed?: Signed): Promise<RecordedPage> {
  const p = await openPage(h, viewport, { bypassCSP: true });
  p.page.setDefaultTimeout(10_000);
  if (signed) {
    const [name, ...rest] = signed.cookie.split('=');
    await p.context.addCookies([{ name: name ?? '', value: rest.join('='), url: h.server.url }]);
  }
  return p;
}

async function expectAxeClean(page: Page, where: string) {
  const violations = await seriousViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function finish(p: RecordedPage) {
  expect(outsideRequests(p.requests, h.server.url)).toEqual([]);
  expect(p.errors).toEqual([]);
  await p.context.close();
}

describe('the letter in a browser', () => {
  for (const [size, viewport] of SIZES) {
    it(`on a ${size}: subscribe from the footer link, confirm from the mail, compose, preview, test, send, unsubscribe`, async () => {
      const reader = `lectrice-${size}@example.test`;
      // A visitor finds the letter in the footer and subscribes with Moselle.
      const visitor = await open(viewport);
      const { page } = visitor;
      await page.goto(`${h.server.url}/`);
      // Each footer link is an item of its own: two links in one item read as one run of words.
      const footerItems = page.locator('footer nav li');
      for (const item of await footerItems.all()) expect(await item.getByRole('link').count()).toBe(1);
      await page.getByRole('link', { name: t.footerLink }).click();
      await page.getByRole('heading', { level: 1, name: t.subscribe.heading }).waitFor();
      await page.getByLabel(t.subscribe.email).fill(reader);
      await page.getByRole('checkbox', { name: 'Moselle (57)' }).check();
      await page.getByText(t.subscribe.chosen(1)).waitFor();
      await page.screenshot({ path: `${SHOTS}/subscribe-${size}.png`, fullPage: size === 'computer' });
      await expectAxeClean(page, '/lettre');
      await page.getByRole('button', { name: t.subscribe.submit }).click();
      await page.getByRole('heading', { level: 1, name: t.subscribe.doneHeading }).waitFor();
      await expectAxeClean(page, '/lettre (sent)');

      // The link in the mail: one button confirms.
      await page.goto(`${h.server.url}/lettre/confirmer/${lastToken(reader, 'lettre/confirmer')}`);
      await page.getByRole('heading', { level: 1, name: t.confirm.heading }).waitFor();
      await expectAxeClean(page, '/lettre/confirmer');
      await page.getByRole('button', { name: t.confirm.button }).click();
      await page.getByRole('heading', { level: 1, name: t.confirm.doneHeading }).waitFor();
      await page.getByText(/Moselle \(57\)/).waitFor();
      await finish(visitor);

      // The curator composes the letter of the period.
      const desk = await open(viewport, curator);
      const admin = desk.page;
      await admin.goto(`${h.server.url}/admin/lettre`);
      await admin.getByRole('heading', { level: 1, name: t.admin.heading }).waitFor();
      await admin.getByLabel(t.admin.titleLabel).fill(`Lettre d’essai (${size})`);
      await admin.getByLabel(t.admin.from).fill(new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10));
      await admin.getByLabel(t.admin.to).fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
      await expectAxeClean(admin, '/admin/lettre');
      await admin.getByRole('button', { name: t.admin.create }).click();
      await admin.getByRole('heading', { level: 1, name: `Lettre d’essai (${size})` }).waitFor();
      const first = 'Webinaire : repérer les signaux faibles (test)';
      const second = 'Rencontre régionale du réseau (test)';
      expect(await admin.getByRole('checkbox', { name: t.issue.include(first) }).isChecked()).toBe(true);
      // Reorder the agenda (the second event first) and leave the news out.
      await admin.getByRole('button', { name: t.issue.up(second) }).click();
      await admin.getByRole('checkbox', { name: t.issue.include('Un nouveau guide pour les parents (test)') }).uncheck();
      await admin.getByLabel(t.issue.introLabel).fill('Bonjour à **toutes et tous**.\n\n<script>alert(1)</script>');
      await admin.getByRole('button', { name: t.issue.save }).click();
      await admin.getByText(t.issue.saved).waitFor();
      // The preview shows the saved letter, as a mail client would: the order chosen, the news left out, no script.
      const preview = admin.frameLocator(`iframe[title="${t.issue.previewFrame}"]`);
      await preview.locator('strong', { hasText: 'toutes et tous' }).waitFor();
      const previewText = await preview.locator('body').innerText();
      expect(previewText.indexOf(second)).toBeLessThan(previewText.indexOf(first));
      expect(previewText).not.toContain('Un nouveau guide pour les parents');
      expect(await preview.locator('script').count()).toBe(0);
      await admin.screenshot({ path: `${SHOTS}/compose-${size}.png`, fullPage: true });
      await expectAxeClean(admin, '/admin/lettre/:id');

      const testButton = admin.getByRole('button', { name: t.issue.test });
      await testButton.scrollIntoViewIfNeeded();
      await testButton.click();
      try {
        await admin.getByText(t.issue.tested(curator.email)).waitFor();
      } catch (e) {
        await admin.screenshot({ path: `${SHOTS}/debug-${size}.png`, fullPage: true });
        console.log(
          h.server.db.prepare("SELECT kind, recipient FROM outbox WHERE kind LIKE 'newsletter%'").all(),
          desk.requests.filter((r) => r.includes('/api/')),
        );
        throw e;
      }
      admin.once('dialog', (d) => void d.accept());
      await admin.getByRole('button', { name: t.issue.send }).click();
      await admin.getByText(/Envoyée le/).waitFor();
      await admin.screenshot({ path: `${SHOTS}/sent-${size}.png`, fullPage: true });
      await expectAxeClean(admin, '/admin/lettre/:id (sent)');
      await finish(desk);

      // The reader unsubscribes from the letter's link.
      const inbox = await open(viewport);
      await inbox.page.goto(`${h.server.url}/lettre/desinscription/${lastToken(reader, 'lettre/desinscription')}`);
      await inbox.page.getByRole('heading', { level: 1, name: t.unsubscribe.heading }).waitFor();
      await expectAxeClean(inbox.page, '/lettre/desinscription');
      await inbox.page.getByRole('button', { name: t.unsubscribe.button }).click();
      await inbox.page.getByRole('heading', { level: 1, name: t.unsubscribe.doneHeading }).waitFor();
      await inbox.page.screenshot({ path: `${SHOTS}/unsubscribed-${size}.png` });
      expect(h.server.db.prepare('SELECT count(*) FROM newsletter_subscribers WHERE email = ?').pluck().get(reader)).toBe(0);
      await finish(inbox);
    }, 120_000);
  }

  it('lists the subscribers for a curator, who deletes one', async () => {
    await h.server.app.request('/api/newsletter/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a-supprimer@example.test', departements: ['2A'] }),
    });
    const p = await open({ width: 1366, height: 900 }, curator);
    await p.page.goto(`${h.server.url}/admin/lettre/abonnes`);
    await p.page.getByRole('heading', { level: 1, name: t.subscribers.heading }).waitFor();
    const row = p.page.getByRole('row').filter({ hasText: 'a-supprimer@example.test' });
    await row.getByText(t.subscribers.pending).waitFor();
    expect(await p.page.getByRole('link', { name: t.subscribers.export }).getAttribute('href')).toBe(
      '/api/admin/newsletter/subscribers.csv',
    );
    await expectAxeClean(p.page, '/admin/lettre/abonnes');
    await p.page.screenshot({ path: `${SHOTS}/subscribers-computer.png`, fullPage: true });
    p.page.once('dialog', (d) => void d.accept());
    await p.page.getByRole('button', { name: t.subscribers.delete('a-supprimer@example.test') }).click();
    await p.page.getByRole('row').filter({ hasText: 'a-supprimer@example.test' }).waitFor({ state: 'detached' });
    await finish(p);
  }, 60_000);
});
