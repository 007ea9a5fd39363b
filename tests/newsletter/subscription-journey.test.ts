/**
 * The letter from a reader's side, with a real SMTP server: subscribe, confirm through the link in
 * the mail, receive an issue with both unsubscribe headers, unsubscribe in one click, receive
 * nothing more. And nobody learns from the answers whether an address is subscribed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { smtpServerForFile } from '../helpers/smtp.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { orientationApp, postJson } from '../orientation/helpers.ts';
import { addEvent, addNews, flush, isoDay, mailsTo, PUBLIC_URL } from './helpers.ts';

const smtp = smtpServerForFile();
let t: TestApp;
let curator: Signed;

beforeAll(async () => {
  t = createTestApp(orientationApp({ publicUrl: PUBLIC_URL, rateLimits: { secureLinks: { limit: 10_000, windowMs: 60_000 } } }));
  curator = await signedInAs(t, 'curateur');
  addEvent(t, 'webinaire-reperage', 20);
  addEvent(t, 'rencontre-moselle', 30, ['57']);
  addNews(t, 'guide-parents', 3);
});
afterAll(() => t.close());

const subscribe = (body: unknown) => postJson(t.app, '/api/newsletter/subscriptions', body);
const confirmLink = (address: string) => {
  const mail = mailsTo(smtp.delivered, address).at(-1);
  const m = mail && new RegExp(`${PUBLIC_URL}/lettre/confirmer/([A-Za-z0-9_-]{43})`).exec(mail.text);
  if (!m?.[1]) throw new Error(`no confirmation link for ${address}`);
  return m[1];
};
async function newIssue(title: string) {
  const res = await asUser(t, curator, '/api/admin/newsletter/issues', {
    method: 'POST',
    body: { title, period_from: isoDay(-30), period_to: isoDay(60) },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; recipients: number; items: { kind: string; id: number; title: string }[] };
}

describe('subscribing to the letter', () => {
  it('answers the same whether the address is new, waiting or already subscribed', async () => {
    const first = await subscribe({ email: 'curieuse@example.test' });
    expect(first.status).toBe(202);
    const again = await subscribe({ email: 'curieuse@example.test' });
    const other = await subscribe({ email: 'inconnu@example.test', departements: ['57'] });
    expect(again.body).toEqual(first.body);
    expect(other.body).toEqual(first.body);
    expect(first.body.message).toMatch(/7 jours/);
    await flush(t, smtp.url);
    // A repeat within minutes sends no second mail: nobody floods a mailbox through the form.
    expect(mailsTo(smtp.delivered, 'curieuse@example.test')).toHaveLength(1);
  });

  it('refuses a malformed address or an unknown département with the field named', async () => {
    const bad = await subscribe({ email: 'pas-une-adresse', departements: ['999'] });
    expect(bad.status).toBe(400);
    const paths = bad.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('email');
    expect(paths.some((p: string) => p.startsWith('departements'))).toBe(true);
  });

  it('keeps a bot that fills the hidden field out, with the same answer and no mail', async () => {
    const res = await subscribe({ email: 'robot@example.test', website: 'https://spam.example' });
    expect(res.status).toBe(202);
    await flush(t, smtp.url);
    expect(mailsTo(smtp.delivered, 'robot@example.test')).toHaveLength(0);
  });
});

describe('from subscription to unsubscription', () => {
  it('confirms through the link in the mail, delivers the letter with both unsubscribe headers, and stops after one click', async () => {
    expect((await subscribe({ email: 'lectrice@example.test', departements: ['57'] })).status).toBe(202);
    expect((await subscribe({ email: 'lecteur@example.test' })).status).toBe(202);
    await flush(t, smtp.url);
    const [confirmation] = mailsTo(smtp.delivered, 'lectrice@example.test');
    expect(confirmation?.subject).toBe('Confirmez votre abonnement à la lettre du réseau PARÉ');
    expect(confirmation?.text).toContain('Moselle (57)');

    // Before confirmation, a letter reaches nobody.
    const early = await newIssue('Lettre avant confirmation');
    expect(early).toMatchObject({ recipients: 0 });
    await asUser(t, curator, `/api/admin/newsletter/issues/${early.id}`, { method: 'DELETE' });

    for (const address of ['lectrice@example.test', 'lecteur@example.test']) {
      const confirmed = await postJson(t.app, `/api/newsletter/subscriptions/confirm/${confirmLink(address)}`, {});
      expect(confirmed.status).toBe(200);
      expect(confirmed.headers.get('cache-control')).toBe('no-store');
    }
    // The link served once: the stored hash is gone.
    expect((await postJson(t.app, `/api/newsletter/subscriptions/confirm/${confirmLink('lectrice@example.test')}`, {})).status).toBe(404);
    smtp.delivered.length = 0;

    const issue = await newIssue('Lettre du printemps');
    // Pre-selected: the period's national agenda and news, and the resources added in it.
    expect(issue.items.map((i) => i.kind)).toContain('event');
    expect(issue.items.map((i) => i.kind)).toContain('news');
    expect(issue.items.some((i) => i.title.includes('webinaire-reperage'))).toBe(true);
    const patched = await asUser(t, curator, `/api/admin/newsletter/issues/${issue.id}`, {
      method: 'PATCH',
      body: { intro_md: 'Bonjour à **toutes et tous**.', items: issue.items.filter((i) => i.kind !== 'resource').reverse() },
    });
    expect(patched.status).toBe(200);
    const sent = await asUser(t, curator, `/api/admin/newsletter/issues/${issue.id}/send`, { method: 'POST' });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ status: 'sent', queued: 2, pending: 0 });
    await flush(t, smtp.url);

    const [letter] = mailsTo(smtp.delivered, 'lectrice@example.test');
    expect(mailsTo(smtp.delivered, 'lecteur@example.test')).toHaveLength(1);
    if (!letter) throw new Error('no letter');
    expect(letter.subject).toContain('Lettre du printemps');
    expect(letter.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const header = /^<(https:\/\/pare\.example\.test\/api\/newsletter\/subscriptions\/unsubscribe\/([A-Za-z0-9_-]{43}))>$/.exec(
      letter.headers['list-unsubscribe'] ?? '',
    );
    expect(header).not.toBeNull();
    const token = header?.[2] ?? '';
    // The outbox's copies of the sent mails lost their links and extra headers.
    const kept = t.db
      .prepare(`SELECT body, html, headers FROM outbox WHERE recipient = 'lectrice@example.test' AND status = 'sent'`)
      .all() as { body: string; html: string | null; headers: string | null }[];
    expect(kept.length).toBeGreaterThanOrEqual(2);
    for (const m of kept) {
      expect(`${m.body}${m.html ?? ''}`).not.toMatch(/\/(lettre\/confirmer|lettre\/desinscription|unsubscribe)\/[A-Za-z0-9_-]{43}/);
      expect(m.headers).toBeNull();
    }
    // The same personal link in both parts; the text part reads alone; the HTML has no image at all.
    expect(letter.text).toContain(`${PUBLIC_URL}/lettre/desinscription/${token}`);
    expect(letter.html).toContain(`${PUBLIC_URL}/lettre/desinscription/${token}`);
    expect(letter.text).toContain('AGENDA');
    expect(letter.text).toContain(`${PUBLIC_URL}/agenda/webinaire-reperage`);
    expect(letter.html).toContain('<strong>toutes et tous</strong>');
    expect(letter.html).not.toMatch(/<img/i);
    // Links go straight to the site: no redirect, no tracking parameter.
    for (const [, href] of (letter.html ?? '').matchAll(/href="([^"]+)"/g)) expect(href).toMatch(/^https:\/\/pare\.example\.test\/[^?]*$/);
    // The curator's order: the news before the event, as reversed above (within the three parts, Agenda comes first).
    expect(letter.text.indexOf('AGENDA')).toBeLessThan(letter.text.indexOf('ACTUALITÉS'));

    // One click, as a mail provider sends it (RFC 8058): a form POST with no cookie.
    const oneClick = await t.app.request(new URL(header?.[1] ?? '').pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    // A second click is not an error.
    expect((await postJson(t.app, `/api/newsletter/subscriptions/unsubscribe/${token}`, {})).status).toBe(200);
    // The token never reaches a log line.
    expect(t.lines.join('\n')).not.toContain(token);
    // Unsubscribed: the address and every mail kept for it are gone.
    expect(t.db.prepare(`SELECT count(*) FROM outbox WHERE recipient = 'lectrice@example.test'`).pluck().get()).toBe(0);

    smtp.delivered.length = 0;
    const next = await newIssue('Lettre de l’été');
    const sentNext = await asUser(t, curator, `/api/admin/newsletter/issues/${next.id}/send`, { method: 'POST' });
    expect(await sentNext.json()).toMatchObject({ status: 'sent', queued: 1 });
    await flush(t, smtp.url);
    expect(mailsTo(smtp.delivered, 'lecteur@example.test')).toHaveLength(1);
    expect(mailsTo(smtp.delivered, 'lectrice@example.test')).toHaveLength(0);
  });

  it('sends a département’s edition only to those who chose it, with that département’s items', async () => {
    const res = await asUser(t, curator, '/api/admin/newsletter/issues', {
      method: 'POST',
      body: { title: 'Lettre de Moselle', period_from: isoDay(-30), period_to: isoDay(60), departement: '57' },
    });
    const issue = await res.json();
    expect(issue.items.map((i: { title: string }) => i.title)).toContain('Événement de test rencontre-moselle');
    expect(issue.items.map((i: { title: string }) => i.title)).not.toContain('Événement de test webinaire-reperage');
    const subscribed = await subscribe({ email: 'mosellane@example.test', departements: ['57'] });
    expect(subscribed.status).toBe(202);
    await flush(t, smtp.url);
    await postJson(t.app, `/api/newsletter/subscriptions/confirm/${confirmLink('mosellane@example.test')}`, {});
    smtp.delivered.length = 0;
    const sent = await asUser(t, curator, `/api/admin/newsletter/issues/${issue.id}/send`, { method: 'POST' });
    expect(await sent.json()).toMatchObject({ status: 'sent', queued: 1 });
    await flush(t, smtp.url);
    expect(smtp.delivered.flatMap((d) => d.to)).toEqual(['mosellane@example.test']);
  });
});

describe('a subscriber changing départements', () => {
  it('keeps the old choice until the new one is confirmed from the mail', async () => {
    expect((await subscribe({ email: 'changeante@example.test', departements: ['57'] })).status).toBe(202);
    await flush(t, smtp.url);
    expect((await postJson(t.app, `/api/newsletter/subscriptions/confirm/${confirmLink('changeante@example.test')}`, {})).status).toBe(200);
    smtp.delivered.length = 0;
    // A second request more than 5 minutes later (the anti-flood delay) gets a mail saying the address is already subscribed.
    t.db
      .prepare('UPDATE newsletter_subscribers SET confirm_sent_at = ? WHERE email = ?')
      .run('2000-01-01T00:00:00.000Z', 'changeante@example.test');
    expect((await subscribe({ email: 'changeante@example.test', departements: ['13'] })).status).toBe(202);
    await flush(t, smtp.url);
    expect(mailsTo(smtp.delivered, 'changeante@example.test')[0]?.text).toContain('déjà abonnée');
    const departements = () =>
      t.db.prepare('SELECT departements, status FROM newsletter_subscribers WHERE email = ?').get('changeante@example.test');
    expect(departements()).toEqual({ departements: '["57"]', status: 'confirmed' });
    const confirmed = await postJson(t.app, `/api/newsletter/subscriptions/confirm/${confirmLink('changeante@example.test')}`, {});
    expect(confirmed.body.departements).toEqual(['13']);
    expect(departements()).toEqual({ departements: '["13"]', status: 'confirmed' });
  });
});
