/**
 * Who may do what with the letter: every back-office route refuses the anonymous (401), the
 * relais and the verified professional (403), and a session without its CSRF token; curators
 * list, export and delete subscribers. Unconfirmed addresses are purged after 7 days; the
 * confirmation link dies with them.
 */
import { actorRepository, newsletterRepository } from '@pare/db';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/api/src/lib/logger.ts';
import { runJobs } from '../../apps/api/src/services/jobs.ts';
import { subscribe } from '../../apps/api/src/services/newsletter.ts';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { expectDocumented } from '../helpers/api-expectations.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { orientationApp, postJson } from '../orientation/helpers.ts';
import { confirmedSubscriber, flush, isoDay, mailsTo, PUBLIC_URL } from './helpers.ts';

let t: TestApp;
let signed: Record<'admin' | 'curateur' | 'relais' | 'professionnel-verifie', Signed>;
let issueId: number;
let subscriberId: number;

beforeAll(async () => {
  t = createTestApp(orientationApp({ publicUrl: PUBLIC_URL }));
  signed = {
    admin: await signedInAs(t, 'admin'),
    curateur: await signedInAs(t, 'curateur'),
    relais: await signedInAs(t, 'relais', { departements: ['57'] }),
    'professionnel-verifie': await signedInAs(t, 'professionnel-verifie'),
  };
  const res = await asUser(t, signed.curateur, '/api/admin/newsletter/issues', {
    method: 'POST',
    body: { title: 'Lettre des rôles', period_from: isoDay(-10), period_to: isoDay(10) },
  });
  issueId = (await res.json()).id;
  subscriberId = confirmedSubscriber(t, 'abonnee@example.test', ['57', '2A']);
});
afterAll(() => t.close());

const routes = (): { method: string; url: string; body?: unknown }[] => [
  { method: 'GET', url: '/api/admin/newsletter/issues' },
  { method: 'POST', url: '/api/admin/newsletter/issues', body: { title: 'Essai', period_from: isoDay(-1), period_to: isoDay(1) } },
  { method: 'GET', url: `/api/admin/newsletter/issues/${issueId}` },
  { method: 'PATCH', url: `/api/admin/newsletter/issues/${issueId}`, body: { intro_md: 'x' } },
  { method: 'GET', url: `/api/admin/newsletter/issues/${issueId}/preview` },
  { method: 'POST', url: `/api/admin/newsletter/issues/${issueId}/test` },
  { method: 'POST', url: `/api/admin/newsletter/issues/${issueId}/send` },
  { method: 'DELETE', url: `/api/admin/newsletter/issues/${issueId}` },
  { method: 'GET', url: '/api/admin/newsletter/subscribers' },
  { method: 'GET', url: '/api/admin/newsletter/subscribers.csv' },
  { method: 'DELETE', url: `/api/admin/newsletter/subscribers/${subscriberId}` },
];

describe('roles on every back-office route of the letter', () => {
  it('refuses the anonymous with 401', async () => {
    for (const r of routes())
      expect((await asUser(t, null, r.url, { method: r.method, body: r.body })).status, `${r.method} ${r.url}`).toBe(401);
  });

  it('refuses a relais and a verified professional with 403', async () => {
    for (const who of [signed.relais, signed['professionnel-verifie']])
      for (const r of routes())
        expect((await asUser(t, who, r.url, { method: r.method, body: r.body })).status, `${who.email} ${r.method} ${r.url}`).toBe(403);
  });

  it('refuses a curator’s write without the CSRF token', async () => {
    for (const r of routes().filter((x) => x.method !== 'GET'))
      expect(
        (await asUser(t, signed.curateur, r.url, { method: r.method, body: r.body, csrf: false })).status,
        `${r.method} ${r.url}`,
      ).toBe(403);
    expect(newsletterRepository(t.db).findSubscriber(subscriberId)).toBeDefined();
  });

  it('lets an admin read and a curator export the subscribers, keeps the answers out of caches', async () => {
    const list = await asUser(t, signed.admin, '/api/admin/newsletter/subscribers');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('private, no-store');
    const body = await list.json();
    expect(body.counts.confirmed).toBeGreaterThanOrEqual(1);
    expect(body.items.find((s: { email: string }) => s.email === 'abonnee@example.test')).toMatchObject({
      status: 'confirmed',
      departements: ['57', '2A'],
    });
    const csv = await asUser(t, signed.curateur, '/api/admin/newsletter/subscribers.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parse((await csv.text()).replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.email === 'abonnee@example.test')).toMatchObject({ statut: 'confirme', departements: '57|2A' });
  });

  it('lets a curator delete a subscriber, who then gets nothing', async () => {
    const res = await asUser(t, signed.curateur, `/api/admin/newsletter/subscribers/${subscriberId}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(newsletterRepository(t.db).findSubscriber(subscriberId)).toBeUndefined();
    expect((await asUser(t, signed.curateur, `/api/admin/newsletter/subscribers/${subscriberId}`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('unconfirmed subscriptions', () => {
  it('are deleted after 7 days by the jobs, with their confirmation link; confirmed ones stay', async () => {
    const smtp = await startSmtpServer();
    try {
      const log = createLogger('silent');
      const deps = { db: t.db, log, config: { publicUrl: PUBLIC_URL } };
      const then = new Date();
      subscribe(deps, { email: 'oublieuse@example.test', departements: [] }, then);
      const kept = confirmedSubscriber(t, 'fidele@example.test');
      await flush(t, smtp.url);
      const link = /\/lettre\/confirmer\/([A-Za-z0-9_-]{43})/.exec(mailsTo(smtp.delivered, 'oublieuse@example.test')[0]?.text ?? '')?.[1];
      expect(link).toBeDefined();
      const repo = newsletterRepository(t.db);
      const jobs = (days: number) =>
        runJobs(
          { db: t.db, actors: actorRepository(t.db), log, config: { publicUrl: PUBLIC_URL } },
          new Date(then.getTime() + days * 86_400_000),
          {
            force: true,
          },
        ).find((r) => r.name === 'newsletter');

      expect(jobs(6)?.result).toMatchObject({ deleted: 0 });
      expect(repo.findSubscriberByEmail('oublieuse@example.test')?.status).toBe('pending');
      expect(jobs(7.01)?.result).toMatchObject({ deleted: 1 });
      expect(repo.findSubscriberByEmail('oublieuse@example.test')).toBeUndefined();
      expect(repo.findSubscriber(kept)?.status).toBe('confirmed');
      expect((await postJson(t.app, `/api/newsletter/subscriptions/confirm/${link}`, {})).status).toBe(404);
    } finally {
      await smtp.close();
    }
  });

  it('answers a malformed, unknown or expired confirmation link with the same 404', async () => {
    const a = await postJson(t.app, '/api/newsletter/subscriptions/confirm/pas-un-jeton', {});
    const b = await postJson(t.app, `/api/newsletter/subscriptions/confirm/${'A'.repeat(43)}`, {});
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    expect(a.body.message).toBe(b.body.message);
  });
});

describe('the public side', () => {
  it('limits subscriptions per client like the other public POST routes', async () => {
    const limited = createTestApp(orientationApp({ rateLimits: { contactRequests: { limit: 2, windowMs: 60_000 } } }));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await postJson(limited.app, '/api/newsletter/subscriptions', { email: `n${i}@example.test` })).status);
      expect(statuses).toEqual([202, 202, 429]);
    } finally {
      limited.close();
    }
  });

  it('is described in the OpenAPI document, with the back office', async () => {
    await expectDocumented(t.app, [
      '/api/newsletter/subscriptions',
      '/api/newsletter/subscriptions/confirm/{token}',
      '/api/newsletter/subscriptions/unsubscribe/{token}',
      '/api/admin/newsletter/issues/{id}/send',
      '/api/admin/newsletter/subscribers.csv',
    ]);
  });
});
