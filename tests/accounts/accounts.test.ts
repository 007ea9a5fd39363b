/**
 * Accounts from the web (issue 17, item 6) and the professionals' account requests (item 7), on the
 * real app, a real SQLite file and a real SMTP server: the « choisir un mot de passe » link taken
 * from the delivered mail, used once; sessions listed and ended; the last administrator kept.
 */
import { outboxRepository, type UserRecord, userRepository } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/api/src/lib/logger.ts';
import { purgeHandledAccountRequests } from '../../apps/api/src/services/accounts.ts';
import { createMailTransport, sendDueMail } from '../../apps/api/src/services/mailer.ts';
import { updateUser } from '../../apps/api/src/services/users.ts';
import { asUser, createAccount, type Signed, signedInAs, signIn, TEST_PASSWORD } from '../helpers/accounts.ts';
import { readMail, smtpServerForFile } from '../helpers/smtp.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { orientationApp, postJson, TEAM_EMAIL } from '../orientation/helpers.ts';

const PUBLIC_URL = 'https://pare.example.test';
const NEW_PASSWORD = 'une phrase de passe bien longue';

const smtp = smtpServerForFile();
let t: TestApp;
let admin: Signed;

beforeAll(async () => {
  t = createTestApp(orientationApp({ publicUrl: PUBLIC_URL }));
  admin = await signedInAs(t, 'admin');
});
afterAll(() => t.close());

/** Sends what the outbox holds through the real SMTP server. */
const flush = () => sendDueMail({ db: t.db, log: createLogger('silent') }, createMailTransport(smtp.url), new Date());

/** The mail delivered to `to`, decoded. */
function mailTo(to: string) {
  const found = smtp.delivered.filter((d) => d.to.includes(to)).map((d) => readMail(d.raw));
  expect(found.length).toBeGreaterThan(0);
  return found[found.length - 1] as ReturnType<typeof readMail>;
}

/** The token of the « choisir un mot de passe » link in the mail. */
function linkToken(text: string): string {
  const m = new RegExp(`${PUBLIC_URL}/mot-de-passe/([A-Za-z0-9_-]{43})`).exec(text);
  expect(m, text).not.toBeNull();
  return (m as RegExpExecArray)[1] as string;
}

const login = (email: string, password: string) => postJson(t.app, '/api/auth/login', { email, password });
const unique = (p: string) => `${p}-${Math.random().toString(36).slice(2, 8)}@example.test`;

describe('an administrator creates an account: the person chooses the password by a mailed link', () => {
  it('the new account gets a single-use link, never a password, and can sign in once it is used', async () => {
    const email = unique('nouvelle');
    const created = await asUser(t, admin, '/api/admin/users', {
      method: 'POST',
      body: { email, role: 'professionnel-verifie', display_name: 'Camille Martin' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email, setup_pending: true, active: true });
    await flush();
    const mail = mailTo(email);
    expect(mail.text).not.toMatch(/mot de passe\s*:/i);
    const token = linkToken(mail.text);
    // The stored copy of the sent mail no longer holds the token.
    const stored = outboxRepository(t.db)
      .list({ limit: 500 })
      .find((m) => m.recipient === email);
    expect(stored?.body).not.toContain(token);

    // Nobody can sign in before choosing a password.
    expect((await login(email, '!no-password-yet')).status).toBe(401);

    const view = await t.app.request(`/api/account/password/${token}`);
    expect(view.status).toBe(200);
    expect(view.headers.get('cache-control')).toContain('no-store');
    expect(await view.json()).toMatchObject({ email, display_name: 'Camille Martin' });

    const tooShort = await postJson(t.app, `/api/account/password/${token}`, { password: 'court' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.issues[0].path).toBe('password');

    const set = await postJson(t.app, `/api/account/password/${token}`, { password: NEW_PASSWORD });
    expect(set.status).toBe(200);
    expect((await login(email, NEW_PASSWORD)).status).toBe(200);

    // Single use: the same link is now the one 404, for reading and for writing.
    expect((await t.app.request(`/api/account/password/${token}`)).status).toBe(404);
    expect((await postJson(t.app, `/api/account/password/${token}`, { password: 'encore une autre phrase' })).status).toBe(404);
    expect((await login(email, 'encore une autre phrase')).status).toBe(401);
  });

  it('a reset mails a new link; the old password works until the link is used, then no more; an earlier link is replaced', async () => {
    const email = await createAccount(t, 'curateur');
    const id = (userRepository(t.db).findUserByEmail(email) as { id: number }).id;
    expect((await asUser(t, admin, `/api/admin/users/${id}/reset`, { method: 'POST' })).status).toBe(200);
    expect((await asUser(t, admin, `/api/admin/users/${id}/reset`, { method: 'POST' })).status).toBe(200);
    await flush();
    const mails = smtp.delivered.filter((d) => d.to.includes(email)).map((d) => readMail(d.raw));
    expect(mails).toHaveLength(2);
    const first = linkToken((mails[0] as { text: string }).text);
    const second = linkToken((mails[1] as { text: string }).text);
    expect((await t.app.request(`/api/account/password/${first}`)).status).toBe(404);

    const session = await signIn(t, email);
    expect((await postJson(t.app, `/api/account/password/${second}`, { password: NEW_PASSWORD })).status).toBe(200);
    // The sessions opened with the old password end with it.
    expect((await asUser(t, session, '/api/admin/actors')).status).toBe(401);
    expect((await login(email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('an expired link is refused like an unknown one', async () => {
    const email = await createAccount(t, 'curateur');
    const id = (userRepository(t.db).findUserByEmail(email) as { id: number }).id;
    await asUser(t, admin, `/api/admin/users/${id}/reset`, { method: 'POST' });
    await flush();
    const token = linkToken(mailTo(email).text);
    t.db.prepare("UPDATE secure_links SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = ?").run(id);
    const expired = await postJson(t.app, `/api/account/password/${token}`, { password: NEW_PASSWORD });
    const unknown = await postJson(t.app, `/api/account/password/${'x'.repeat(43)}`, { password: NEW_PASSWORD });
    expect(expired.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(expired.body.message).toBe(unknown.body.message);
  });

  it('a disabled account cannot sign in, its sessions end at once, and its pending link stops working', async () => {
    const email = await createAccount(t, 'relais', { departements: ['57'] });
    const id = (userRepository(t.db).findUserByEmail(email) as { id: number }).id;
    const session = await signIn(t, email);
    await asUser(t, admin, `/api/admin/users/${id}/reset`, { method: 'POST' });
    await flush();
    const token = linkToken(mailTo(email).text);
    expect((await asUser(t, admin, `/api/admin/users/${id}`, { method: 'PATCH', body: { active: false } })).status).toBe(200);
    expect((await asUser(t, session, '/api/account/sessions')).status).toBe(401);
    expect((await login(email, TEST_PASSWORD)).status).toBe(401);
    expect((await postJson(t.app, `/api/account/password/${token}`, { password: NEW_PASSWORD })).status).toBe(404);
    // Enabled again: signs in with the same password.
    expect((await asUser(t, admin, `/api/admin/users/${id}`, { method: 'PATCH', body: { active: true } })).status).toBe(200);
    expect((await login(email, TEST_PASSWORD)).status).toBe(200);
  });

  it('the last active administrator can be neither disabled nor demoted', async () => {
    const t2 = createTestApp(orientationApp());
    try {
      const a = await signedInAs(t2, 'admin');
      const aId = (await (await asUser(t2, a, '/api/auth/me')).json()).user.id;
      const b = await signedInAs(t2, 'admin');
      const bId = (await (await asUser(t2, b, '/api/auth/me')).json()).user.id;
      // Two admins: one may demote the other; then the one left is the last.
      expect((await asUser(t2, a, `/api/admin/users/${bId}`, { method: 'PATCH', body: { role: 'curateur' } })).status).toBe(200);
      const self = await asUser(t2, a, `/api/admin/users/${aId}`, { method: 'PATCH', body: { active: false } });
      expect(self.status).toBe(400);
      // Whoever asks (here the service, as the CLI or a future route would), the last admin stays.
      const deps = { db: t2.db, users: userRepository(t2.db), log: createLogger('silent'), config: {} } as unknown as Parameters<
        typeof updateUser
      >[0];
      const someone = userRepository(t2.db).findUserById(bId) as UserRecord;
      await expect(updateUser(deps, someone, aId, { active: false })).rejects.toMatchObject({
        issues: [{ path: 'active', message: expect.stringContaining('dernier administrateur') }],
      });
      await expect(updateUser(deps, someone, aId, { role: 'curateur' })).rejects.toMatchObject({ issues: [{ path: 'role' }] });
      expect(userRepository(t2.db).countActiveAdmins()).toBe(1);
    } finally {
      t2.close();
    }
  });
});

describe('sessions listed and ended', () => {
  it('« Mon compte » lists my sessions with their browser; ending one is effective on its next request', async () => {
    const email = await createAccount(t, 'professionnel-verifie');
    const phone = await signIn(t, email);
    const laptop = await signIn(t, email);
    const list = await (await asUser(t, laptop, '/api/account/sessions')).json();
    expect(list.items).toHaveLength(2);
    expect(list.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(phone.cookie.split('=')[1]);
    const other = list.items.find((s: { current: boolean }) => !s.current);
    expect((await asUser(t, laptop, `/api/account/sessions/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await asUser(t, phone, '/api/account/sessions')).status).toBe(401);
    expect((await asUser(t, laptop, '/api/account/sessions')).status).toBe(200);
  });

  it('« déconnecter mes autres sessions » keeps only this one; nobody ends another account’s session by its id', async () => {
    const email = await createAccount(t, 'curateur');
    const a = await signIn(t, email);
    const b = await signIn(t, email);
    const c = await signIn(t, email);
    const stranger = await signedInAs(t, 'curateur');
    const bId = (await (await asUser(t, b, '/api/account/sessions')).json()).items.find((s: { current: boolean }) => s.current).id;
    expect((await asUser(t, stranger, `/api/account/sessions/${bId}`, { method: 'DELETE' })).status).toBe(404);
    const res = await asUser(t, a, '/api/account/sessions/end-others', { method: 'POST' });
    expect(await res.json()).toEqual({ ended: 2 });
    expect((await asUser(t, b, '/api/account/sessions')).status).toBe(401);
    expect((await asUser(t, c, '/api/account/sessions')).status).toBe(401);
    expect((await asUser(t, a, '/api/account/sessions')).status).toBe(200);
  });

  it('an administrator ends every session of an account', async () => {
    const email = await createAccount(t, 'curateur');
    const s = await signIn(t, email);
    const id = (userRepository(t.db).findUserByEmail(email) as { id: number }).id;
    const res = await asUser(t, admin, `/api/admin/users/${id}/sessions`, { method: 'DELETE' });
    expect(await res.json()).toEqual({ ended: 1 });
    expect((await asUser(t, s, '/api/admin/actors')).status).toBe(401);
  });

  it('/api/account/session answers 200 to everybody: null for a visitor, who I am when signed in', async () => {
    expect(await (await t.app.request('/api/account/session')).json()).toEqual({ user: null, csrf_token: null, expires_at: null });
    const me = await (await asUser(t, admin, '/api/account/session')).json();
    expect(me.user.role).toBe('admin');
    expect(me.csrf_token).toBe(admin.csrf);
  });
});

describe('a professional asks for an account', () => {
  const request = {
    name: 'Dominique Durand',
    organisation: 'ASE de la Moselle',
    function: 'Éducatrice spécialisée',
    email: 'dominique.durand@example.test',
    departements: ['57'],
    message: 'Je suis les jeunes de Thionville.',
  };

  it('the request lands in the queue, the requester gets an acknowledgement, the admin creates the account from it', async () => {
    const res = await postJson(t.app, '/api/account-requests', request);
    expect(res.status).toBe(201);
    await flush();
    expect(mailTo(request.email).headers.subject).toBeDefined();
    expect(mailTo(request.email).text).toContain('bien reçu votre demande');
    expect(mailTo(TEAM_EMAIL).text).toContain('demande de compte professionnel');

    const queue = await (await asUser(t, admin, '/api/admin/account-requests')).json();
    const item = queue.items.find((r: { id: number }) => r.id === res.body.id);
    expect(item).toMatchObject({ status: 'nouvelle', organisation: 'ASE de la Moselle', departements: ['57'] });

    const created = await asUser(t, admin, '/api/admin/users', {
      method: 'POST',
      body: { email: item.email, role: 'professionnel-verifie', display_name: item.name, account_request_id: item.id },
    });
    expect(created.status).toBe(201);
    const after = await (await asUser(t, admin, '/api/admin/account-requests')).json();
    expect(after.items.find((r: { id: number }) => r.id === item.id)).toMatchObject({ status: 'acceptee' });
    await flush();
    const token = linkToken(mailTo(request.email).text);
    expect((await postJson(t.app, `/api/account/password/${token}`, { password: NEW_PASSWORD })).status).toBe(200);
    const signed = await login(request.email, NEW_PASSWORD);
    expect(signed.body.user.role).toBe('professionnel-verifie');

    // A handled request cannot be used again.
    const twice = await asUser(t, admin, '/api/admin/users', {
      method: 'POST',
      body: { email: unique('autre'), role: 'professionnel-verifie', account_request_id: item.id },
    });
    expect(twice.status).toBe(400);
  });

  it('a refusal closes the request and tells the requester', async () => {
    const res = await postJson(t.app, '/api/account-requests', { ...request, email: 'refus@example.test' });
    const refused = await asUser(t, admin, `/api/admin/account-requests/${res.body.id}/refuse`, { method: 'POST' });
    expect(refused.status).toBe(200);
    expect((await refused.json()).status).toBe('refusee');
    expect((await asUser(t, admin, `/api/admin/account-requests/${res.body.id}/refuse`, { method: 'POST' })).status).toBe(409);
    await flush();
    expect(mailTo('refus@example.test').text).toContain('pas pu donner suite');
  });

  it('handled requests are deleted after the retention period; waiting ones stay until handled', async () => {
    const waiting = await postJson(t.app, '/api/account-requests', { ...request, email: 'attente@example.test' });
    const handled = await postJson(t.app, '/api/account-requests', { ...request, email: 'traitee@example.test' });
    await asUser(t, admin, `/api/admin/account-requests/${handled.body.id}/refuse`, { method: 'POST' });
    const later = new Date(Date.now() + 181 * 24 * 60 * 60 * 1000);
    const purged = purgeHandledAccountRequests({ db: t.db, log: createLogger('silent'), retentionDays: 180 }, later);
    expect(purged.requests).toBeGreaterThanOrEqual(1);
    const ids = (await (await asUser(t, admin, '/api/admin/account-requests')).json()).items.map((r: { id: number }) => r.id);
    expect(ids).toContain(waiting.body.id);
    expect(ids).not.toContain(handled.body.id);
    const mails = outboxRepository(t.db).list({ limit: 500 });
    expect(mails.some((m) => m.recipient === 'traitee@example.test')).toBe(false);
  });

  it('each field is validated and named in the error', async () => {
    const res = await postJson(t.app, '/api/account-requests', {
      ...request,
      email: 'pas-une-adresse',
      departements: [],
      organisation: '',
    });
    expect(res.status).toBe(400);
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'departements', 'organisation']));
  });

  it('is rate-limited per client', async () => {
    const limited = createTestApp(orientationApp({ rateLimits: { contactRequests: { limit: 2, windowMs: 60_000 } } }));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await postJson(limited.app, '/api/account-requests', request)).status);
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      limited.close();
    }
  });
});
