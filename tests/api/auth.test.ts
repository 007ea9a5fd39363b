import { ErrorBodySchema, PublicActorSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, createAccount, signIn, TEST_PASSWORD } from '../helpers/accounts.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp();
});
afterAll(() => t.close());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });

describe('sign-in and sessions', () => {
  it('stores passwords as argon2id hashes, never in clear', async () => {
    const email = await createAccount(t, 'curateur');
    const row = t.db.prepare('SELECT password_hash FROM users WHERE email = ?').get(email) as { password_hash: string };
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('opens a session with an HttpOnly, Secure, SameSite=Strict cookie and stores only its hash', async () => {
    const email = await createAccount(t, 'curateur');
    const res = await login(email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pare_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const token = cookie.split(';')[0]?.split('=')[1] ?? '';
    const stored = t.db.prepare('SELECT token_hash FROM sessions').pluck().all() as string[];
    expect(stored).not.toContain(token);
    expect(stored.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    const body = await res.json();
    expect(body.user).toMatchObject({ email, role: 'curateur' });
    expect(body.user).not.toHaveProperty('password_hash');
  });

  it('tells who is signed in, and 401 without a session', async () => {
    const who = await signIn(t, await createAccount(t, 'relais', { departements: ['57'] }));
    const me = await asUser(t, who, '/api/auth/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ role: 'relais', departements: ['57'] });
    const anon = await getJson(t.app, '/api/auth/me', ErrorBodySchema);
    expect(anon.status).toBe(401);
    expect(anon.body.error).toBe('unauthorized');
  });

  it('refuses a wrong password with the same message as an unknown account', async () => {
    const email = await createAccount(t, 'curateur');
    const wrong = await login(email, 'not the password');
    const unknown = await login('nobody@example.test', 'whatever');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).message).toBe((await unknown.json()).message);
  });

  it('locks an account for 15 minutes after 5 failures, even with the right password', async () => {
    const email = await createAccount(t, 'curateur');
    for (let i = 0; i < 5; i++) expect((await login(email, `wrong-${i}`)).status).toBe(401);
    const res = await login(email, TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect((await res.json()).error).toBe('rate_limited');
  });

  it('throttles an address trying many accounts', async () => {
    const t2 = createTestApp({ fixtures: false });
    try {
      const headers = {};
      for (let i = 0; i < 20; i++) {
        const r = await t2.app.request('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ email: `x${i}@example.test`, password: 'nope' }),
        });
        expect(r.status).toBe(401);
      }
      const r = await t2.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'other@example.test', password: 'nope' }),
      });
      expect(r.status).toBe(429);
    } finally {
      t2.close();
    }
  });

  it('rejects a malformed sign-in with the fields named', async () => {
    const res = await login('not-an-email', '');
    expect(res.status).toBe(400);
    const paths = (await res.json()).issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('logs out: the cookie no longer opens anything', async () => {
    const who = await signIn(t, await createAccount(t, 'admin'));
    const out = await asUser(t, who, '/api/auth/logout', { method: 'POST' });
    expect(out.status).toBe(204);
    expect((await asUser(t, who, '/api/auth/me')).status).toBe(401);
  });

  it('refuses a mutating request carrying the session cookie but not the CSRF token', async () => {
    const who = await signIn(t, await createAccount(t, 'admin'));
    const res = await asUser(t, who, '/api/auth/logout', { method: 'POST', csrf: false });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe('forbidden');
    expect((await asUser(t, who, '/api/auth/me')).status).toBe(200);
  });

  it('refuses a mutating request from another origin', async () => {
    const who = await signIn(t, await createAccount(t, 'admin'));
    const res = await t.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });

  it('expires a session after its lifetime', async () => {
    const who = await signIn(t, await createAccount(t, 'curateur'));
    t.db.prepare(`UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'`).run();
    expect((await asUser(t, who, '/api/auth/me')).status).toBe(401);
  });

  it('shows professionals-only contacts to a verified professional and not to the public', async () => {
    const pro = await signIn(t, await createAccount(t, 'professionnel-verifie'));
    const asPro = await (await asUser(t, pro, '/api/actors/test-association-familles-metz')).json();
    const asPublic = (await getJson(t.app, '/api/actors/test-association-familles-metz', PublicActorSchema)).body;
    expect(asPro.contacts.map((c: { value: string }) => c.value)).toContain('03 00 00 00 03');
    expect(asPublic.contacts.map((c: { value: string }) => c.value)).not.toContain('03 00 00 00 03');
  });
});
