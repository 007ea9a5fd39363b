/** Who may call each route of accounts in the web: every role, anonymous, and a session without its CSRF token. */
import { userRepository } from '@pare/db';
import type { Role } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { orientationApp } from '../orientation/helpers.ts';

let t: TestApp;
const sessions = new Map<string, Signed>();
const WHO = ['anonyme', 'professionnel-verifie', 'relais', 'curateur', 'admin', 'admin sans jeton CSRF'] as const;
type Who = (typeof WHO)[number];

beforeAll(async () => {
  t = createTestApp(orientationApp());
  for (const role of ['professionnel-verifie', 'relais', 'curateur', 'admin'] as Role[]) {
    sessions.set(role, await signedInAs(t, role, role === 'relais' ? { departements: ['57'] } : {}));
  }
});
afterAll(() => t.close());

async function session(who: Who): Promise<Signed | null> {
  if (who === 'anonyme') return null;
  // Each call that may end sessions gets a fresh one, so the table's rows do not depend on each other.
  return signedInAs(t, who === 'admin sans jeton CSRF' ? 'admin' : (who as Role), who === 'relais' ? { departements: ['57'] } : {});
}

const target = () =>
  userRepository(t.db).createUser({
    email: `cible-${Math.random().toString(36).slice(2, 8)}@example.test`,
    passwordHash: 'x',
    role: 'curateur',
  }).id;
const request = () =>
  Number(
    t.db
      .prepare(
        "INSERT INTO account_requests (name, organisation, function, email, departements) VALUES ('A', 'B', 'C', 'd@example.test', '[\"57\"]')",
      )
      .run().lastInsertRowid,
  );

const adminOnly = (ok: number): Record<Who, number> => ({
  anonyme: 401,
  'professionnel-verifie': 403,
  relais: 403,
  curateur: 403,
  admin: ok,
  'admin sans jeton CSRF': 403,
});
const anySignedIn = (ok: number, csrf = 403): Record<Who, number> => ({
  anonyme: 401,
  'professionnel-verifie': ok,
  relais: ok,
  curateur: ok,
  admin: ok,
  'admin sans jeton CSRF': csrf,
});

const ROUTES: { name: string; method: string; url: () => string; body?: () => unknown; expect: Record<Who, number> }[] = [
  {
    name: 'GET /api/account/session',
    method: 'GET',
    url: () => '/api/account/session',
    expect: { ...anySignedIn(200, 200), anonyme: 200 },
  },
  { name: 'GET /api/account/sessions', method: 'GET', url: () => '/api/account/sessions', expect: anySignedIn(200, 200) },
  {
    name: 'POST /api/account/sessions/end-others',
    method: 'POST',
    url: () => '/api/account/sessions/end-others',
    expect: anySignedIn(200),
  },
  {
    name: 'DELETE /api/account/sessions/:id (not mine)',
    method: 'DELETE',
    url: () => `/api/account/sessions/${'0'.repeat(24)}`,
    expect: anySignedIn(404),
  },
  {
    name: 'GET /api/admin/account-requests',
    method: 'GET',
    url: () => '/api/admin/account-requests',
    expect: { ...adminOnly(200), 'admin sans jeton CSRF': 200 },
  },
  {
    name: 'POST /api/admin/account-requests/:id/refuse',
    method: 'POST',
    url: () => `/api/admin/account-requests/${request()}/refuse`,
    expect: adminOnly(200),
  },
  { name: 'POST /api/admin/users/:id/reset', method: 'POST', url: () => `/api/admin/users/${target()}/reset`, expect: adminOnly(200) },
  {
    name: 'DELETE /api/admin/users/:id/sessions',
    method: 'DELETE',
    url: () => `/api/admin/users/${target()}/sessions`,
    expect: adminOnly(200),
  },
  {
    name: 'POST /api/admin/users (no password: a link is mailed)',
    method: 'POST',
    url: () => '/api/admin/users',
    body: () => ({ email: `n-${Math.random().toString(36).slice(2, 8)}@example.test`, role: 'professionnel-verifie' }),
    expect: adminOnly(201),
  },
];

describe('roles on the accounts routes', () => {
  const cases = ROUTES.flatMap((route) => WHO.map((who) => ({ route, who, status: route.expect[who] })));
  it.each(cases)('$route.name as $who → $status', async ({ route, who, status }) => {
    const signed = await session(who);
    const body = route.body?.();
    const res = await asUser(t, signed, route.url(), {
      method: route.method,
      ...(body !== undefined ? { body } : {}),
      csrf: who !== 'admin sans jeton CSRF',
    });
    expect(res.status).toBe(status);
    if (status < 300 && route.url().startsWith('/api/a')) expect(res.headers.get('cache-control')).toContain('no-store');
  });
});
