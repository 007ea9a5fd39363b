/**
 * Who may do what in the back office, read in one place: every mutating route × every role,
 * then every read route. Each case gets fresh targets, so cases never depend on each other.
 */
import { userRepository } from '@pare/db';
import type { Role } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
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
    {
      name: 'GET /api/admin/submissions',
      url: () => '/api/admin/submissions',
      expect: { ...editorRule(200), 'relais 57 (Bouches-du-Rhône)': 200, 'relais 57 (national)': 200, 'curateur sans jeton CSRF': 200 },
    },
    {
      name: 'GET /api/admin/freshness',
      url: () => '/api/admin/freshness',
      expect: { ...editorRule(200), 'relais 57 (Bouches-du-Rhône)': 200, 'relais 57 (national)': 200, 'curateur sans jeton CSRF': 200 },
    },
    {
      name: 'GET /api/admin/actors/duplicates',
      url: () => '/api/admin/actors/duplicates?name=CRIP',
      expect: { ...editorRule(200), 'relais 57 (Bouches-du-Rhône)': 200, 'relais 57 (national)': 200, 'curateur sans jeton CSRF': 200 },
    },
    {
      name: 'GET /api/admin/geocode',
      url: () => '/api/admin/geocode?commune=57672',
      expect: { ...editorRule(200), 'relais 57 (Bouches-du-Rhône)': 200, 'relais 57 (national)': 200, 'curateur sans jeton CSRF': 200 },
    },
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
