/**
 * Who may import and revert, read in one place: every route × every role, then what a
 * territorial relay may import (the actors of their départements only, row by row).
 */
import { type AddressInfo, connect } from 'node:net';
import { serve } from '@hono/node-server';
import type { Role } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { countActors, importJson, postImport } from './helpers.ts';

let t: TestApp;
let importId: string;

const HEADER = 'slug,nom,type,publics,actions,territoire,departements,communes,code_commune_du_lieu';
const row = (slug: string, scope: string, departements: string, communes = '', site = '') =>
  `${slug},Acteur ${slug} (données de test),association,jeunes,prevention,${scope},${departements},${communes},${site}`;

type Who = 'admin' | 'curateur' | 'relais 57' | 'professionnel-verifie' | 'anonymous' | 'admin sans jeton CSRF' | 'admin, autre origine';
const WHO: Record<Who, { role: Role | null; csrf: boolean; origin?: string }> = {
  admin: { role: 'admin', csrf: true },
  curateur: { role: 'curateur', csrf: true },
  'relais 57': { role: 'relais', csrf: true },
  'professionnel-verifie': { role: 'professionnel-verifie', csrf: true },
  anonymous: { role: null, csrf: true },
  'admin sans jeton CSRF': { role: 'admin', csrf: false },
  'admin, autre origine': { role: 'admin', csrf: true, origin: 'https://evil.example.test' },
};
const sessions = new Map<Who, Signed | null>();

beforeAll(async () => {
  t = createTestApp();
  for (const [who, { role }] of Object.entries(WHO) as [Who, (typeof WHO)[Who]][]) {
    sessions.set(who, role ? await signedInAs(t, role, role === 'relais' ? { departements: ['57'] } : {}) : null);
  }
  const admin = await signedInAs(t, 'admin');
  importId = (await importJson(t, admin, [HEADER, row('test-securite-cible', 'departements', '57')].join('\n'))).body.import_id;
});
afterAll(() => t.close());

describe.each([
  ['POST /api/admin/import', (who: Who) => ({ url: '/api/admin/import?dry_run=true', method: 'POST' as const, who }), 200],
  [
    'POST /api/admin/import/{id}/revert',
    (who: Who) => ({ url: `/api/admin/import/${importId}/revert`, method: 'POST' as const, who }),
    200,
  ],
  ['GET /api/admin/import/{id}', (who: Who) => ({ url: `/api/admin/import/${importId}`, method: 'GET' as const, who }), 200],
])('%s', (_, build, ok) => {
  const expected: Record<Who, number> = {
    admin: ok,
    curateur: ok,
    'relais 57': ok,
    'professionnel-verifie': 403,
    anonymous: 401,
    'admin sans jeton CSRF': 403,
    'admin, autre origine': 403,
  };
  it.each(Object.keys(WHO) as Who[])('%s', async (who) => {
    const { url, method } = build(who);
    const session = sessions.get(who) ?? null;
    const { csrf, origin } = WHO[who];
    // A GET is never checked for CSRF: only the mutating routes are expected to refuse without the token.
    const status = method === 'GET' && (who === 'admin sans jeton CSRF' || who === 'admin, autre origine') ? ok : expected[who];
    const before = countActors(t);
    const res =
      method === 'POST' && url.startsWith('/api/admin/import?')
        ? await postImport(t, session, [HEADER, row('test-securite-essai', 'departements', '57')].join('\n'), {
            query: 'dry_run=true',
            csrf,
            ...(origin ? { headers: { origin } } : {}),
          })
        : await t.app.request(url, {
            method,
            headers: {
              ...(session ? { cookie: session.cookie, ...(csrf ? { 'x-csrf-token': session.csrf } : {}) } : {}),
              ...(origin ? { origin } : session ? { origin: 'http://localhost' } : {}),
            },
          });
    expect(res.status).toBe(status);
    if (status >= 400) expect((await res.json()).error).toBe(status === 401 ? 'unauthorized' : 'forbidden');
    expect(countActors(t)).toBe(before);
  });
});

describe('a territorial relay imports the actors of their départements only', () => {
  let relais: Signed;
  beforeAll(async () => {
    relais = await signedInAs(t, 'relais', { departements: ['57'] });
  });

  it('rows elsewhere are rejected one by one with the reason; theirs go in', async () => {
    const file = [
      HEADER,
      row('test-relais-moselle', 'departements', '57'),
      row('test-relais-marseille', 'departements', '13'),
      row('test-relais-national', 'national', ''),
      row('test-relais-thionville', 'communes', '', '57672'),
      row('test-relais-deux', 'departements', '57|54'),
      row('test-relais-lieu-ailleurs', 'departements', '57', '', '13055'),
    ].join('\n');
    const { status, body } = await importJson(t, relais, file);
    expect(status).toBe(200);
    expect(body.rows.map((r: { row: number; action: string }) => [r.row, r.action])).toEqual([
      [2, 'created'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'created'], // Thionville is in Moselle
      [6, 'rejected'], // also in Meurthe-et-Moselle
      [7, 'rejected'], // a site in Marseille
    ]);
    expect(body.rows[1].issues).toEqual([
      { field: 'departements', message: 'Un relais territorial ne peut enregistrer que des acteurs de ses départements.' },
    ]);
    expect(body.rows[2].issues).toEqual([
      { field: 'departements', message: 'Un relais territorial ne peut pas modifier un acteur national.' },
    ]);
    expect(countActors(t, `slug = 'test-relais-marseille'`)).toBe(0);
  });

  it('an unchanged row outside their départements is rejected too: the report never says « done » for what they cannot touch', async () => {
    const { body } = await importJson(t, relais, [HEADER, row('test-prevention-marseille', 'departements', '13', '', '13055')].join('\n'));
    expect(body.rows[0]).toMatchObject({ action: 'rejected', slug: 'test-prevention-marseille' });
  });

  it('reverting an import skips the actors outside their départements', async () => {
    const admin = await signedInAs(t, 'admin');
    const { body } = await importJson(
      t,
      admin,
      [HEADER, row('test-relais-revert-57', 'departements', '57'), row('test-relais-revert-13', 'departements', '13')].join('\n'),
    );
    const res = await asUser(t, relais, `/api/admin/import/${body.import_id}/revert`, { method: 'POST' });
    const revert = await res.json();
    expect(revert.summary).toEqual({ reverted: 0, archived: 1, skipped: 1 });
    expect(revert.actors.find((a: { slug: string }) => a.slug === 'test-relais-revert-13')).toMatchObject({
      action: 'skipped',
      reason: 'Cette fiche ne relève pas de vos départements.',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 24: undoing an import never takes an actor out of a relais's reach; an import's summary
// is for those it concerns; an early 413 is read by every client.
// ---------------------------------------------------------------------------------------------

describe('a relais undoing an import stays within their départements', () => {
  it('an import that moved an actor from 13 into 57 is not undone by the relais of 57 (that would move it out)', async () => {
    const admin = await signedInAs(t, 'admin');
    const relais = await signedInAs(t, 'relais', { departements: ['57'] });
    await importJson(t, admin, [HEADER, row('test-revert-deplacee', 'departements', '13', '', '13055')].join('\n'));
    const moved = await importJson(t, admin, [HEADER, row('test-revert-deplacee', 'departements', '57', '', '57672')].join('\n'));
    expect(moved.body.summary.updated).toBe(1);
    const res = await asUser(t, relais, `/api/admin/import/${moved.body.import_id}/revert`, { method: 'POST' });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.summary).toEqual({ reverted: 0, archived: 0, skipped: 1 });
    const now = (await asUser(t, admin, '/api/admin/actors?q=test-revert-deplacee&per_page=10')).json();
    expect((await now).items[0]?.departements).toEqual(['57']);
  });

  it('the relais of 57 cannot read the summary of an import that touched 13, but reads their own', async () => {
    const admin = await signedInAs(t, 'admin');
    const relais = await signedInAs(t, 'relais', { departements: ['57'] });
    const foreign = await importJson(t, admin, [HEADER, row('test-resume-marseille', 'departements', '13', '', '13055')].join('\n'));
    const refused = await asUser(t, relais, `/api/admin/import/${foreign.body.import_id}`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('@example.test');
    const own = await importJson(t, relais, [HEADER, row('test-resume-moselle', 'departements', '57')].join('\n'));
    const read = await asUser(t, relais, `/api/admin/import/${own.body.import_id}`);
    expect(read.status).toBe(200);
    expect((await read.json()).author).not.toContain('@');
  });
});

describe('an early 413 is answered so that every client reads it', () => {
  let server: ReturnType<typeof serve>;
  let port: number;
  beforeAll(async () => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
  });

  it('a body announced too large gets 413 with Connection: close, even though keep-alive was announced', async () => {
    const socket = connect(port, '127.0.0.1');
    const body = Buffer.alloc(512 * 1024, 0x61);
    socket.write(
      `POST /api/submissions HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body);
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      socket.on('data', (d) => {
        text += d.toString('latin1');
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('payload_too_large');
  });

  it('a client reusing its connection gets the 413 and then its next small request answered', async () => {
    const big = await fetch(`http://127.0.0.1:${port}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(300 * 1024),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('connection')).toBe('close');
    await big.text();
    const next = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(next.status).toBe(200);
  });
});
