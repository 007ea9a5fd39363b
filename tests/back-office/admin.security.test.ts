/**
 * Who may do what in the back office, read in one place: every mutating route × every role,
 * then every read route. Each case gets fresh targets, so cases never depend on each other.
 */
import { readFileSync } from 'node:fs';
import { type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '@pare/api/app';
import { serverTimeouts } from '@pare/api/connections';
import { actorRepository, openDatabase, userRepository } from '@pare/db';
import { CreateActorInputSchema, type Role } from '@pare/schema';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asUser, createAccount, type Signed, signedInAs, signIn, TEST_PASSWORD } from '../helpers/accounts.ts';
import { createTestApp, ROOT, type TestApp } from '../helpers/test-app.ts';
import { actorInput, makeActor, makeCorrection, type Place, uniqueName } from './helpers.ts';

let t: TestApp;
const sessions = new Map<string, Signed>();

type Who =
  | 'admin'
  | 'curateur'
  | 'relais 57 (Moselle)'
  | 'relais 57 (Bouches-du-Rhône)'
  | 'relais 57 (national)'
  | 'professionnel-verifie'
  | 'anonymous'
  | 'curateur sans jeton CSRF';

/** The role signing in, and the place of the target it acts on. */
const WHO: Record<Who, { role: Role | null; place: Place; csrf: boolean }> = {
  admin: { role: 'admin', place: 'moselle', csrf: true },
  curateur: { role: 'curateur', place: 'marseille', csrf: true },
  'relais 57 (Moselle)': { role: 'relais', place: 'moselle', csrf: true },
  'relais 57 (Bouches-du-Rhône)': { role: 'relais', place: 'marseille', csrf: true },
  'relais 57 (national)': { role: 'relais', place: 'national', csrf: true },
  'professionnel-verifie': { role: 'professionnel-verifie', place: 'moselle', csrf: true },
  anonymous: { role: null, place: 'moselle', csrf: true },
  'curateur sans jeton CSRF': { role: 'curateur', place: 'moselle', csrf: false },
};
const ALL = Object.keys(WHO) as Who[];

type Request = { method: string; url: string; body?: unknown };
type Route = { name: string; build: (place: Place) => Request; expect: Record<Who, number>; freshSession?: boolean };

/** Editors act on their own départements only: the usual expectations, given the success status. */
const editorRule = (ok: number): Record<Who, number> => ({
  admin: ok,
  curateur: ok,
  'relais 57 (Moselle)': ok,
  'relais 57 (Bouches-du-Rhône)': 403,
  'relais 57 (national)': 403,
  'professionnel-verifie': 403,
  anonymous: 401,
  'curateur sans jeton CSRF': 403,
});
const adminRule = (ok: number): Record<Who, number> => ({
  ...editorRule(403),
  admin: ok,
  anonymous: 401,
});

const MUTATING: Route[] = [
  {
    name: 'POST /api/admin/actors',
    build: (place) => ({ method: 'POST', url: '/api/admin/actors?force=true', body: actorInput(place) }),
    expect: editorRule(201),
  },
  {
    name: 'PATCH /api/admin/actors/:id',
    build: (place) => ({
      method: 'PATCH',
      url: `/api/admin/actors/${makeActor(t, place).id}`,
      body: { description: 'Modifiée par le test de sécurité.' },
    }),
    expect: editorRule(200),
  },
  {
    name: 'POST /api/admin/actors/:id/archive',
    build: (place) => ({ method: 'POST', url: `/api/admin/actors/${makeActor(t, place).id}/archive` }),
    expect: editorRule(200),
  },
  {
    name: 'POST /api/admin/actors/:id/restore',
    build: (place) => ({ method: 'POST', url: `/api/admin/actors/${makeActor(t, place).id}/restore` }),
    expect: editorRule(200),
  },
  {
    name: 'POST /api/admin/actors/:id/verify',
    build: (place) => ({ method: 'POST', url: `/api/admin/actors/${makeActor(t, place).id}/verify` }),
    expect: editorRule(200),
  },
  {
    name: 'POST /api/admin/actors/:id/revisions/:revisionId/revert',
    build: (place) => {
      const a = makeActor(t, place);
      return { method: 'POST', url: `/api/admin/actors/${a.id}/revisions/${a.firstRevision}/revert` };
    },
    expect: editorRule(200),
  },
  {
    name: 'POST /api/admin/submissions/:id/accept',
    build: (place) => ({ method: 'POST', url: `/api/admin/submissions/${makeCorrection(t, place).submissionId}/accept`, body: {} }),
    expect: editorRule(200),
  },
  {
    name: 'POST /api/admin/submissions/:id/reject',
    build: (place) => ({
      method: 'POST',
      url: `/api/admin/submissions/${makeCorrection(t, place).submissionId}/reject`,
      body: { reason: 'Information déjà à jour.' },
    }),
    expect: editorRule(200),
  },
  {
    name: 'POST /api/admin/users',
    build: () => ({
      method: 'POST',
      url: '/api/admin/users',
      body: {
        email: `new-${Math.random().toString(36).slice(2, 8)}@example.test`,
        password: 'un mot de passe assez long',
        role: 'curateur',
      },
    }),
    expect: adminRule(201),
  },
  {
    name: 'PATCH /api/admin/users/:id',
    build: () => {
      const u = userRepository(t.db).createUser({
        email: `target-${Math.random().toString(36).slice(2, 8)}@example.test`,
        passwordHash: 'x',
        role: 'curateur',
      });
      return { method: 'PATCH', url: `/api/admin/users/${u.id}`, body: { role: 'relais', departements: ['57'] } };
    },
    expect: adminRule(200),
  },
  {
    name: 'POST /api/submissions (public)',
    build: (place) => ({
      method: 'POST',
      url: '/api/submissions',
      body: {
        kind: 'referencement',
        proposal: actorInput(place, uniqueName('Proposition')),
        submitter: { name: 'Camille Test', email: 'camille@example.test' },
        consent: true,
      },
    }),
    expect: { ...Object.fromEntries(ALL.map((w) => [w, 201])), 'curateur sans jeton CSRF': 403 } as Record<Who, number>,
  },
  {
    name: 'POST /api/auth/logout',
    build: () => ({ method: 'POST', url: '/api/auth/logout' }),
    expect: { ...Object.fromEntries(ALL.map((w) => [w, 204])), anonymous: 401, 'curateur sans jeton CSRF': 403 } as Record<Who, number>,
    freshSession: true,
  },
];

async function session(who: Who, fresh = false): Promise<Signed | null> {
  const { role } = WHO[who];
  if (!role) return null;
  const key = `${role}`;
  if (!fresh && sessions.has(key)) return sessions.get(key) as Signed;
  const signed = await signedInAs(t, role, role === 'relais' ? { departements: ['57'] } : {});
  if (!fresh) sessions.set(key, signed);
  return signed;
}

beforeAll(() => {
  t = createTestApp();
});
afterAll(() => t.close());

describe('every mutating back-office route checks the role on the server', () => {
  const cases = MUTATING.flatMap((route) => ALL.map((who) => ({ route, who, status: route.expect[who] })));
  it.each(cases)('$route.name as $who → $status', async ({ route, who, status }) => {
    const signed = await session(who, route.freshSession);
    const req = route.build(WHO[who].place);
    const res = await asUser(t, signed, req.url, { method: req.method, body: req.body, csrf: WHO[who].csrf });
    if (res.status !== status) throw new Error(`${res.status} ${await res.text()}`);
    expect(res.status).toBe(status);
    if (status >= 400) expect((await res.json()).error).toBe(status === 401 ? 'unauthorized' : 'forbidden');
  });
});

describe('back-office reads are for editors, and never cached', () => {
  const READS: { name: string; url: (place: Place) => string; expect: Record<Who, number> }[] = [
    {
      name: 'GET /api/admin/actors',
      url: () => '/api/admin/actors',
      expect: { ...editorRule(200), 'relais 57 (Bouches-du-Rhône)': 200, 'relais 57 (national)': 200, 'curateur sans jeton CSRF': 200 },
    },
    {
      name: 'GET /api/admin/actors/:id',
      url: (p) => `/api/admin/actors/${makeActor(t, p).id}`,
      expect: { ...editorRule(200), 'curateur sans jeton CSRF': 200 },
    },
    {
      name: 'GET /api/admin/actors/:id/revisions',
      url: (p) => `/api/admin/actors/${makeActor(t, p).id}/revisions`,
      expect: { ...editorRule(200), 'curateur sans jeton CSRF': 200 },
    },
    {
      name: 'GET /api/admin/submissions/:id',
      url: (p) => `/api/admin/submissions/${makeCorrection(t, p).submissionId}`,
      expect: { ...editorRule(200), 'curateur sans jeton CSRF': 200 },
    },
    // Read by every editor and every relais, whatever their départements.
    ...(
      [
        ['GET /api/admin/submissions', '/api/admin/submissions'],
        ['GET /api/admin/freshness', '/api/admin/freshness'],
        ['GET /api/admin/actors/duplicates', '/api/admin/actors/duplicates?name=CRIP'],
        ['GET /api/admin/geocode', '/api/admin/geocode?commune=57672'],
      ] as const
    ).map(([name, url]) => ({
      name,
      url: () => url,
      expect: { ...editorRule(200), 'relais 57 (Bouches-du-Rhône)': 200, 'relais 57 (national)': 200, 'curateur sans jeton CSRF': 200 },
    })),
    { name: 'GET /api/admin/users', url: () => '/api/admin/users', expect: { ...adminRule(200), 'curateur sans jeton CSRF': 403 } },
  ];
  const cases = READS.flatMap((route) => ALL.map((who) => ({ route, who, status: route.expect[who] })));
  it.each(cases)('$route.name as $who → $status', async ({ route, who, status }) => {
    const res = await asUser(t, await session(who), route.url(WHO[who].place), { csrf: WHO[who].csrf });
    expect(res.status).toBe(status);
    if (status === 200) expect(res.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('what a relais sees', () => {
  it('a relais lists only the entries of their départements, never a national one', async () => {
    const relais = await signedInAs(t, 'relais', { departements: ['57'] });
    const body = await (await asUser(t, relais, '/api/admin/actors?per_page=200')).json();
    expect(body.total).toBeGreaterThan(0);
    for (const item of body.items) {
      expect(item.scope).not.toBe('national');
      expect(item.departements).toContain('57');
    }
  });

  it('a relais cannot move a Moselle entry to another département', async () => {
    const relais = await signedInAs(t, 'relais', { departements: ['57'] });
    const a = makeActor(t, 'moselle');
    const res = await asUser(t, relais, `/api/admin/actors/${a.id}`, {
      method: 'PATCH',
      body: { territory: { scope: 'departements', departements: ['13'] }, sites: [{ commune_code: '13055' }] },
    });
    expect(res.status).toBe(403);
  });

  it('a relais sees only the submissions of their départements', async () => {
    makeCorrection(t, 'marseille');
    makeCorrection(t, 'national');
    makeCorrection(t, 'moselle');
    const relais = await signedInAs(t, 'relais', { departements: ['57'] });
    const body = await (await asUser(t, relais, '/api/admin/submissions?per_page=200')).json();
    expect(body.items.length).toBeGreaterThan(0);
    for (const s of body.items) expect(s.departements).toContain('57');
  });

  it('a deactivated account loses its session at once', async () => {
    const admin = await signedInAs(t, 'admin');
    const curator = await signedInAs(t, 'curateur');
    const id = (await (await asUser(t, curator, '/api/auth/me')).json()).user.id;
    expect((await asUser(t, admin, `/api/admin/users/${id}`, { method: 'PATCH', body: { active: false } })).status).toBe(200);
    expect((await asUser(t, curator, '/api/admin/actors')).status).toBe(401);
  });

  it('an administrator cannot take away their own rights', async () => {
    const admin = await signedInAs(t, 'admin');
    const id = (await (await asUser(t, admin, '/api/auth/me')).json()).user.id;
    const res = await asUser(t, admin, `/api/admin/users/${id}`, { method: 'PATCH', body: { role: 'curateur' } });
    expect(res.status).toBe(400);
    expect((await res.json()).issues[0].path).toBe('role');
  });

  it('the accounts list never shows a password hash', async () => {
    const admin = await signedInAs(t, 'admin');
    const text = await (await asUser(t, admin, '/api/admin/users')).text();
    expect(text).not.toContain('argon2');
    expect(text).not.toContain('password');
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 24: each attack of the probe, reproduced. Each fails without its fix.
// ---------------------------------------------------------------------------------------------

// These tests fail many sign-ins from one address: each runs on an app of its own, so the
// address limit they reach does not lock the other tests out.
let lt: TestApp;
const loginRequest = (email: string, password: string) =>
  lt.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('sign-in throttling holds under concurrent attempts', () => {
  beforeEach(() => {
    lt = createTestApp({ fixtures: false });
  });
  afterEach(() => lt.close());

  it('100 simultaneous wrong passwords: at most 5 are checked, and the right one sent 100th does not sign in', async () => {
    const email = await createAccount(lt, 'curateur');
    const attempts = Array.from({ length: 100 }, (_, i) => loginRequest(email, i === 99 ? TEST_PASSWORD : `faux-${i}`));
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(95);
    expect(statuses[99]).not.toBe(200);
    expect(statuses).not.toContain(200);
  });

  it('30 simultaneous attempts on 30 accounts from one address: at most 20 are checked', async () => {
    const statuses = (await Promise.all(Array.from({ length: 30 }, (_, i) => loginRequest(`inconnu-${i}@example.test`, 'nope')))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
  });

  it('a known and an unknown e-mail get the same refusal once throttled', async () => {
    const known = await createAccount(lt, 'curateur');
    const unknown = `personne-${Math.random().toString(36).slice(2, 8)}@example.test`;
    for (const email of [known, unknown]) for (let i = 0; i < 5; i++) await loginRequest(email, `faux-${i}`);
    const a = await loginRequest(known, 'faux');
    const b = await loginRequest(unknown, 'faux');
    expect([a.status, b.status]).toEqual([429, 429]);
    expect((await a.json()).message).toBe((await b.json()).message);
  });

  it('an administrator unlocks a locked account at once (PATCH … {"unlock": true})', async () => {
    const admin = await signedInAs(lt, 'admin');
    const email = await createAccount(lt, 'curateur');
    for (let i = 0; i < 5; i++) await loginRequest(email, `faux-${i}`);
    expect((await loginRequest(email, TEST_PASSWORD)).status).toBe(429);
    const id = (userRepository(lt.db).findUserByEmail(email) as { id: number }).id;
    expect((await asUser(lt, admin, `/api/admin/users/${id}`, { method: 'PATCH', body: { unlock: true } })).status).toBe(200);
    expect((await loginRequest(email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('paths taken from input are bounded before any work', () => {
  it.each([
    ['sites.1000000000.label'],
    ['sites.51.label'],
    ['contacts.99999999999.value'],
    ['sites.0.a.b.c'],
    ['__proto__.polluted'],
    ['Sites.0.label'],
  ])('an override at « %s » is refused at once, even by a relais', async (path) => {
    const relais = await signedInAs(t, 'relais', { departements: ['57'] });
    const { submissionId } = makeCorrection(t, 'moselle');
    const started = performance.now();
    const res = await asUser(t, relais, `/api/admin/submissions/${submissionId}/accept`, {
      method: 'POST',
      body: { overrides: { [path]: 'x' } },
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('validation_error');
  });

  it('a huge index in `fields` is refused too', async () => {
    const curator = await signedInAs(t, 'curateur');
    const { submissionId } = makeCorrection(t, 'moselle');
    const res = await asUser(t, curator, `/api/admin/submissions/${submissionId}/accept`, {
      method: 'POST',
      body: { fields: ['sites.1000000000'] },
    });
    expect(res.status).toBe(400);
  });

  it('an index within the lists still works', async () => {
    const curator = await signedInAs(t, 'curateur');
    const { submissionId } = makeCorrection(t, 'moselle');
    const res = await asUser(t, curator, `/api/admin/submissions/${submissionId}/accept`, {
      method: 'POST',
      body: { overrides: { 'sites.0.label': 'Accueil de jour' } },
    });
    expect(res.status).toBe(200);
  });
});

describe('staff logins are never published', () => {
  it('marking an entry verified names the organisation, never the account’s e-mail, in every public answer', async () => {
    const email = await createAccount(t, 'relais', { departements: ['57'] });
    const relais = await signIn(t, email);
    const a = makeActor(t, 'moselle');
    const res = await asUser(t, relais, `/api/admin/actors/${a.id}/verify`, { method: 'POST' });
    expect((await res.json()).verified_by).toBe('Relais territorial Moselle');
    for (const url of [`/api/actors/${a.slug}`, '/api/actors?departement=57&per_page=100', '/api/exports/actors.csv']) {
      const text = await (await t.app.request(url)).text();
      expect(text, url).not.toContain(email);
    }
    expect(await (await t.app.request(`/api/actors/${a.slug}`)).json()).toMatchObject({
      provenance: { verified_by: 'Relais territorial Moselle' },
    });
  });

  it('a curator verifies as « Équipe PARÉ »', async () => {
    const curator = await signedInAs(t, 'curateur');
    const a = makeActor(t, 'marseille');
    const res = await asUser(t, curator, `/api/admin/actors/${a.id}/verify`, { method: 'POST' });
    expect((await res.json()).verified_by).toBe('Équipe PARÉ');
  });

  it('a new account gets a display name, and an e-mail is refused as one', async () => {
    const admin = await signedInAs(t, 'admin');
    const email = `nouveau-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const created = await asUser(t, admin, '/api/admin/users', {
      method: 'POST',
      body: { email, password: 'un mot de passe assez long', role: 'relais', departements: ['57'] },
    });
    expect((await created.json()).display_name).toBe('Relais territorial Moselle');
    const refused = await asUser(t, admin, '/api/admin/users', {
      method: 'POST',
      body: { email: `x${email}`, password: 'un mot de passe assez long', role: 'curateur', display_name: 'moi@example.test' },
    });
    expect(refused.status).toBe(400);
  });

  it('the migration replaces the e-mails already stored (actors, history, decisions) and names every account', () => {
    const db = openDatabase(':memory:');
    try {
      const users = userRepository(db);
      const relais = users.createUser({ email: 'relais57@example.test', passwordHash: 'x', role: 'relais', departements: ['57'] });
      const actor = actorRepository(db).createActor(
        CreateActorInputSchema.parse({ ...actorInput('moselle'), provenance: { verified_by: 'Relais territorial Moselle' } }),
      );
      db.prepare(`UPDATE actors SET verified_by = 'relais57@example.test' WHERE id = ?`).run(actor.id);
      db.prepare(`UPDATE users SET display_name = NULL WHERE id = ?`).run(relais.id);
      const snapshot = JSON.stringify({ name: actor.name, provenance: { verified_by: 'relais57@example.test' } });
      const changes = JSON.stringify([{ path: 'provenance.verified_by', before: null, after: 'relais57@example.test' }]);
      db.prepare(
        `INSERT INTO revisions (entity, entity_id, action, snapshot, changes, author_label) VALUES ('actor', ?, 'verify', ?, ?, 'relais57@example.test')`,
      ).run(actor.id, snapshot, changes);
      db.exec(readFileSync(join(ROOT, 'packages/db/src/migrations/0012_staff_labels.sql'), 'utf8'));
      expect(db.prepare('SELECT verified_by FROM actors WHERE id = ?').pluck().get(actor.id)).toBe('Relais territorial Moselle');
      expect(db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(relais.id)).toBe('Relais territorial Moselle');
      const rev = db.prepare('SELECT snapshot, changes, author_label FROM revisions').get() as Record<string, string>;
      expect(JSON.stringify(rev)).not.toContain('@');
      expect(JSON.parse(rev.snapshot as string).provenance.verified_by).toBe('Relais territorial Moselle');
      expect(rev.author_label).toBe('Relais territorial Moselle');
    } finally {
      db.close();
    }
  });
});

describe('a relais reaches an actor through its current départements only', () => {
  it('after an actor moves from 57 to 13, the relais of 57 can neither read nor decide its old submission', async () => {
    const relais = await signedInAs(t, 'relais', { departements: ['57'] });
    const curator = await signedInAs(t, 'curateur');
    const { submissionId, actorId } = makeCorrection(t, 'moselle');
    const moved = await asUser(t, curator, `/api/admin/actors/${actorId}`, {
      method: 'PATCH',
      body: {
        territory: { scope: 'departements', departements: ['13'] },
        sites: [{ commune_code: '13055', address: '2 rue Secrète', confidential: true }],
        referent_email: 'referent-secret@example.test',
        siret: '12345678901234',
      },
    });
    expect(moved.status).toBe(200);
    const read = await asUser(t, relais, `/api/admin/submissions/${submissionId}`);
    expect(read.status).toBe(403);
    expect(await read.text()).not.toContain('rue Secrète');
    const list = await (await asUser(t, relais, '/api/admin/submissions?per_page=200')).json();
    expect(list.items.map((s: { id: number }) => s.id)).not.toContain(submissionId);
    for (const [action, body] of [
      ['accept', {}],
      ['reject', { reason: 'Hors de mon département.' }],
    ] as const) {
      expect((await asUser(t, relais, `/api/admin/submissions/${submissionId}/${action}`, { method: 'POST', body })).status).toBe(403);
    }
  });

  it('the duplicates search shows a relais nothing outside their départements', async () => {
    const curator = await signedInAs(t, 'curateur');
    const created = await asUser(t, curator, '/api/admin/actors?force=true', {
      method: 'POST',
      body: { ...actorInput('marseille'), siret: '73282932000074' },
    });
    expect(created.status).toBe(201);
    const relais = await signedInAs(t, 'relais', { departements: ['57'] });
    const seen = await (await asUser(t, relais, '/api/admin/actors/duplicates?siret=73282932000074')).json();
    expect(seen.items).toEqual([]);
    const all = await (await asUser(t, curator, '/api/admin/actors/duplicates?siret=73282932000074')).json();
    expect(all.items.length).toBeGreaterThan(0);
  });
});

describe('names stay on one line, and so do the mails made from them', () => {
  // Public submissions are limited per address (10 an hour): these run on an app of their own.
  let nt: TestApp;
  beforeAll(() => {
    nt = createTestApp({ fixtures: false });
  });
  afterAll(() => nt.close());

  it.each([
    ['a line feed', 'Camille\nRéférence : PARE-FAUX'],
    ['a carriage return', 'Camille\r\nRéférence : PARE-FAUX'],
    ['U+0085 (next line)', 'Camille\u0085Référence'],
    ['U+2028 (line separator)', 'Camille\u2028Référence'],
    ['a bidi override', 'Camille\u202eelliac'],
    ['a zero-width space', 'Cam\u200bille'],
  ])('a submitter name with %s is refused', async (_what, name) => {
    const res = await nt.app.request('/api/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'referencement',
        proposal: actorInput('moselle', uniqueName('Proposition')),
        submitter: { name, email: 'camille@example.test' },
        consent: true,
      }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).issues.map((i: { path: string }) => i.path)).toContain('submitter.name');
  });

  it('an actor name with a line break is refused', async () => {
    const curator = await signedInAs(t, 'curateur');
    const res = await asUser(t, curator, '/api/admin/actors?force=true', {
      method: 'POST',
      body: actorInput('moselle', 'Association\nRéférence : PARE-FAUX'),
    });
    expect(res.status).toBe(400);
  });

  it('a name stored before the check still makes a one-line greeting in the decision mail', async () => {
    const curator = await signedInAs(t, 'curateur');
    const { submissionId } = makeCorrection(t, 'moselle');
    t.db
      .prepare('UPDATE submissions SET submitter_name = ? WHERE id = ?')
      .run('Camille\nRéférence : PARE-FAUX\n\nCliquez ici', submissionId);
    const res = await asUser(t, curator, `/api/admin/submissions/${submissionId}/reject`, {
      method: 'POST',
      body: { reason: 'Information déjà à jour.' },
    });
    expect(res.status).toBe(200);
    const body = t.db.prepare('SELECT body FROM outbox WHERE subject_ref = ?').pluck().get(`submission:${submissionId}`) as string;
    const lines = body.split('\n');
    expect(lines[0]).toBe('Bonjour Camille Référence : PARE-FAUX Cliquez ici,');
    expect(lines.some((l) => l.startsWith('Référence'))).toBe(false);
  });
});

describe('a mutating request with a session must come from our own pages', () => {
  const logout = async (headers: Record<string, string>) => {
    const who = await signedInAs(t, 'curateur');
    const res = await asUser(t, who, '/api/auth/logout', { method: 'POST', headers });
    return { res, still: (await asUser(t, who, '/api/auth/me')).status };
  };

  it('without Origin → 403', async () => {
    const { res, still } = await logout({ origin: '' });
    expect(res.status).toBe(403);
    expect(still).toBe(200);
  });

  it('with Sec-Fetch-Site: cross-site → 403, even with our Origin', async () => {
    expect((await logout({ 'sec-fetch-site': 'cross-site' })).res.status).toBe(403);
    expect((await logout({ origin: '', 'sec-fetch-site': 'cross-site' })).res.status).toBe(403);
    expect((await logout({ 'sec-fetch-site': 'same-site' })).res.status).toBe(403);
  });

  it('with another origin → 403; with `null` → 403', async () => {
    expect((await logout({ origin: 'https://evil.example' })).res.status).toBe(403);
    expect((await logout({ origin: 'null' })).res.status).toBe(403);
  });

  it('without Origin but with Sec-Fetch-Site: same-origin → accepted', async () => {
    expect((await logout({ origin: '', 'sec-fetch-site': 'same-origin' })).res.status).toBe(204);
  });

  it('from the configured public address (behind a proxy) → accepted', async () => {
    const app = createApp({ db: t.db, config: { publicUrl: 'https://pare.example.fr' } });
    const who = await signedInAs(t, 'curateur');
    const res = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: 'https://pare.example.fr' },
    });
    expect(res.status).toBe(204);
  });
});

describe('transport', () => {
  it('HSTS is sent when PARE_PUBLIC_URL is https, and not otherwise', async () => {
    const https = createApp({ db: t.db, config: { publicUrl: 'https://pare.example.fr' } });
    for (const url of ['/api/health', '/api/actors?q=crip', '/']) {
      expect((await https.request(url)).headers.get('strict-transport-security'), url).toBe('max-age=31536000');
    }
    expect((await t.app.request('/api/health')).headers.get('strict-transport-security')).toBeNull();
  });

  it('a client sending its headers too slowly (slowloris) is dropped', async () => {
    const app = createApp({ db: t.db });
    const server = serve({
      fetch: app.fetch,
      port: 0,
      hostname: '127.0.0.1',
      serverOptions: serverTimeouts({ headersMs: 300, requestMs: 300, checkEveryMs: 100 }),
    });
    await new Promise<void>((r) => server.once('listening', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      const started = Date.now();
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (d) => {
          text += d.toString('latin1');
        });
        socket.on('close', () => resolve(text));
        // The slow client keeps sending a byte every 100 ms, never finishing its headers.
        const drip = setInterval(() => socket.writable && socket.write('a'), 100);
        socket.on('close', () => clearInterval(drip));
      });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      server.close();
    }
  });

  it('the server’s own timeouts are bounded', () => {
    const options = serverTimeouts();
    expect(options.headersTimeout).toBeLessThanOrEqual(15_000);
    expect(options.requestTimeout).toBeLessThanOrEqual(180_000);
    expect(options.connectionsCheckingInterval).toBeLessThanOrEqual(1_000);
  });
});
