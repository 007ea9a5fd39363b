/** Test accounts: real argon2 hashes in the real users table, real sign-in through the API. */

import { hashPassword } from '@pare/api/auth';
import { userRepository } from '@pare/db';
import type { Role } from '@pare/schema';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export type Signed = { cookie: string; csrf: string; email: string };

/** The real argon2 hash of TEST_PASSWORD, computed once per test file (every sign-in still verifies it for real). */
let testPasswordHash: Promise<string> | undefined;

export async function createAccount(t: TestApp, role: Role, opts: { email?: string; departements?: string[] } = {}) {
  const email = opts.email ?? `${role}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  userRepository(t.db).createUser({ email, passwordHash: await testPasswordHash, role, departements: opts.departements ?? [] });
  return email;
}

export async function signIn(t: TestApp, email: string, password = TEST_PASSWORD): Promise<Signed> {
  const res = await t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { csrf_token: string };
  return { cookie, csrf: body.csrf_token, email };
}

export async function signedInAs(t: TestApp, role: Role, opts: { departements?: string[] } = {}): Promise<Signed> {
  return signIn(t, await createAccount(t, role, opts));
}

/** The origin `app.request()` gives a relative URL: a browser on our own pages sends it as `Origin`. */
export const TEST_ORIGIN = 'http://localhost';

/** A request as a signed-in user, with the session cookie, the CSRF header and our own `Origin`, as a browser sends them. */
export function asUser(
  t: TestApp,
  who: Signed | null,
  url: string,
  init: { method?: string; body?: unknown; csrf?: boolean; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (who) {
    headers.cookie = who.cookie;
    headers.origin = TEST_ORIGIN;
    if (init.csrf !== false) headers['x-csrf-token'] = who.csrf;
  }
  Object.assign(headers, init.headers);
  for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
  return t.app.request(url, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

/** The app and one user of it signed in: `beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')))`. */
export async function withSignedIn(t: TestApp, role: Role, opts: { departements?: string[] } = {}): Promise<{ t: TestApp; who: Signed }> {
  return { t, who: await signedInAs(t, role, opts) };
}

/**
 * For the describe block it is called in: a fresh app (`createTestApp(options)`) with `role` signed
 * in, made before the block's tests and closed after them. Read `.t` and `.who` inside the tests.
 */
export function freshAppSignedInAs(role: Role, options?: TestAppOptions): { readonly t: TestApp; readonly who: Signed } {
  let made: { t: TestApp; who: Signed } | undefined;
  beforeAll(async () => {
    made = await withSignedIn(createTestApp(options), role);
  });
  afterAll(() => made?.t.close());
  const ready = () => {
    if (!made) throw new Error('freshAppSignedInAs: read inside a test, once beforeAll has run');
    return made;
  };
  return {
    get t() {
      return ready().t;
    },
    get who() {
      return ready().who;
    },
  };
}
