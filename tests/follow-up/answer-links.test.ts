/**
 * A routed request followed to the end, with a real SMTP server: the answer link taken from the
 * mail, each answer, the status history, the person told; the same link after closure and a forged
 * one; reminders and escalation run as of later dates, in working days.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { actorRepository } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/api/src/lib/logger.ts';
import { runJobs } from '../../apps/api/src/services/jobs.ts';
import { createMailTransport, sendDueMail } from '../../apps/api/src/services/mailer.ts';
import { addWorkingDays, isWorkingDay } from '../../apps/api/src/services/working-days.ts';
import { asUser, signedInAs } from '../helpers/accounts.ts';
import { readMail, smtpServerForFile } from '../helpers/smtp.ts';
import { createTestApp, ROOT, type TestApp } from '../helpers/test-app.ts';
import { contactRequest, createOrientationApp, orientationApp, postJson, REFERENT_EMAIL, TEAM_EMAIL } from '../orientation/helpers.ts';

const PUBLIC_URL = 'https://pare.example.test';
const ACTOR = 'test-ecoute-familles-thionville';
const ACTOR_NAME = 'Écoute test Familles Thionville (données de test)';
const PERSON_EMAIL = 'camille@example.test';

const smtp = smtpServerForFile();
let t: TestApp;

beforeAll(async () => {
  t = createOrientationApp({
    publicUrl: PUBLIC_URL,
    rateLimits: {
      orientation: { limit: 10_000, windowMs: 60_000 },
      contactRequests: { limit: 10_000, windowMs: 60_000 },
      secureLinks: { limit: 10_000, windowMs: 60_000 },
    },
  });
});
afterAll(() => t.close());

const deps = () => ({ db: t.db, log: createLogger('info', (l) => t.lines.push(l)), mailFrom: 'PARÉ <no-reply@example.test>' });
/** Sends what the outbox holds, through the real SMTP server. */
const flush = (now = new Date()) => sendDueMail(deps(), createMailTransport(smtp.url), now);
const mailsTo = (address: string) => smtp.delivered.filter((d) => d.to.includes(address)).map((d) => readMail(d.raw));
const linkIn = (text: string, path: 'reponse' | 'mise-a-jour') => {
  const m = new RegExp(`${PUBLIC_URL}/${path}/([A-Za-z0-9_-]+)`).exec(text);
  if (!m?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return m[1];
};
const jobDeps = () => ({
  db: t.db,
  log: createLogger('silent'),
  actors: actorRepo(),
  config: { teamEmail: TEAM_EMAIL, publicUrl: PUBLIC_URL },
});
const actorRepo = () => actorRepository(t.db);

async function routedRequest(over: Record<string, unknown> = {}): Promise<{ reference: string; token: string }> {
  const created = await postJson(t.app, '/api/contact-requests', contactRequest({ actor: ACTOR, email: PERSON_EMAIL, ...over }));
  expect(created.status).toBe(201);
  expect(created.body.recipient).toBe('acteur');
  await flush();
  const mail = mailsTo(REFERENT_EMAIL).find((m) => m.text.includes(created.body.reference));
  if (!mail) throw new Error('the referent got no mail');
  smtp.delivered.length = 0;
  return { reference: created.body.reference, token: linkIn(mail.text, 'reponse') };
}

const answer = (token: string, body: unknown) => postJson(t.app, `/api/answer/${token}`, body);
const view = (token: string) => t.app.request(`/api/answer/${token}`);
const statusOf = (reference: string) => t.db.prepare('SELECT status FROM contact_requests WHERE reference = ?').pluck().get(reference);
const historyOf = (reference: string) =>
  t.db
    .prepare(
      'SELECT h.to_status AS "to", h.by_label AS by, h.note FROM contact_request_history h JOIN contact_requests r ON r.id = h.contact_request_id WHERE r.reference = ? ORDER BY h.id',
    )
    .all(reference) as { to: string; by: string; note: string | null }[];

describe('the answer link of a routed request', () => {
  it('reaches the referent by mail; only its SHA-256 is stored, and the sent copy loses it', async () => {
    const { reference, token } = await routedRequest();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const hash = createHash('sha256').update(token).digest('hex');
    expect(t.db.prepare('SELECT count(*) FROM secure_links WHERE token_hash = ?').pluck().get(hash)).toBe(1);
    const dump = JSON.stringify(t.db.prepare('SELECT * FROM secure_links').all());
    expect(dump).not.toContain(token);
    const stored = t.db.prepare(`SELECT body FROM outbox WHERE body LIKE ?`).all(`%${reference}%`) as { body: string }[];
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(row.body).not.toContain(token);
    expect(stored[0]?.body).toContain('/reponse/[lien retiré après envoi]');
  });

  it('shows the request without an account, never cached, never logged with its token', async () => {
    const { reference, token } = await routedRequest();
    const res = await view(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const body = await res.json();
    expect(body).toMatchObject({ reference, status: 'transmise', actor: { name: ACTOR_NAME }, name: 'Camille', phone: '06 12 34 56 78' });
    expect(body.actions).toEqual(['prise-en-charge', 'contact-etabli', 'impossible']);
    expect(t.lines.join('\n')).not.toContain(token);
    expect(t.lines.some((l) => l.includes('/api/answer/:token'))).toBe(true);
  });

  it('records « Je prends contact » then « Contact établi » as the structure, tells the person, then refuses the link', async () => {
    const { reference, token } = await routedRequest();
    const taken = await answer(token, { action: 'prise-en-charge' });
    expect(taken.status).toBe(200);
    expect(taken.body.status).toBe('en-cours');
    expect((await answer(token, { action: 'prise-en-charge' })).status).toBe(409);
    await flush();
    const told = mailsTo(PERSON_EMAIL);
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain(reference);
    expect(told[0]?.text).toContain('prise en charge');
    expect(told[0]?.text).toMatch(/119/);

    const closed = await answer(token, { action: 'contact-etabli' });
    expect(closed.body.status).toBe('cloturee');
    expect(statusOf(reference)).toBe('cloturee');
    expect(historyOf(reference).map((h) => [h.to, h.by])).toEqual([
      ['nouvelle', 'formulaire public'],
      ['transmise', 'envoi automatique du courriel'],
      ['en-cours', `référent de ${ACTOR_NAME}`],
      ['cloturee', `référent de ${ACTOR_NAME}`],
    ]);
    await flush();
    expect(mailsTo(PERSON_EMAIL).at(-1)?.text).toContain('est close');

    const after = await view(token);
    expect(after.status).toBe(410);
    expect((await after.json()).message).toMatch(/close/);
    expect((await answer(token, { action: 'impossible', reason: 'trop tard' })).status).toBe(410);
  });

  it('sends « Je ne peux pas » back to the team with its reason, and the link stops there', async () => {
    const { reference, token } = await routedRequest({ email: '' });
    const noReason = await answer(token, { action: 'impossible' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toBe('reason');
    const refused = await answer(token, { action: 'impossible', reason: 'Nous n’intervenons pas auprès des moins de 18 ans.' });
    expect(refused.body.status).toBe('a-reorienter');
    expect(historyOf(reference).at(-1)).toEqual({
      to: 'a-reorienter',
      by: `référent de ${ACTOR_NAME}`,
      note: 'Nous n’intervenons pas auprès des moins de 18 ans.',
    });
    await flush();
    const team = mailsTo(TEAM_EMAIL);
    expect(team).toHaveLength(1);
    expect(team[0]?.text).toContain(reference);
    expect(team[0]?.text).toContain('moins de 18 ans');
    expect((await view(token)).status).toBe(410);

    const admin = await signedInAs(t, 'curateur');
    const inbox = await (await asUser(t, admin, '/api/admin/contact-requests?status=a-reorienter')).json();
    const row = inbox.items.find((r: { reference: string }) => r.reference === reference);
    expect(row).toMatchObject({ needs_attention: true, holder: { kind: 'equipe' }, last_event: { to: 'a-reorienter' } });
  });

  it('answers a forged, a malformed and an expired token with the same 404', async () => {
    const { reference, token } = await routedRequest();
    const forged = await view('A'.repeat(43));
    const malformed = await view('abc');
    t.db
      .prepare(
        `UPDATE secure_links SET expires_at = '2000-01-01T00:00:00.000Z' WHERE contact_request_id = (SELECT id FROM contact_requests WHERE reference = ?)`,
      )
      .run(reference);
    const expired = await view(token);
    const bodies = await Promise.all([forged, malformed, expired].map(async (r) => [r.status, (await r.json()).message]));
    expect(bodies[0]).toEqual([404, expect.any(String)]);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(forged.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the pages the links open without cache and without referrer', async () => {
    for (const path of ['/reponse/abc', '/mise-a-jour/abc']) {
      const res = await t.app.request(path);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('is rate-limited per client', async () => {
    const limited = createTestApp(orientationApp({ rateLimits: { secureLinks: { limit: 3, windowMs: 60_000 } } }));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.app.request(`/api/answer/${'B'.repeat(43)}`)).status);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      limited.close();
    }
  });
});

describe('reminders and escalation, in working days', () => {
  it('skips weekends and French public holidays', () => {
    // Friday 10 July 2026, 17 h in Paris; 14 July is a Tuesday holiday.
    const friday = new Date('2026-07-10T15:00:00Z');
    expect(isWorkingDay(new Date('2026-07-14T10:00:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2026-12-25T10:00:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2026-04-06T10:00:00Z'))).toBe(false); // Easter Monday 2026
    expect(addWorkingDays(friday, 3).toISOString()).toBe('2026-07-16T15:00:00.000Z'); // Mon, Wed, Thu
  });

  it('reminds the referent once after 3 working days, then gives the request back to the team after 7', async () => {
    const { reference } = await routedRequest();
    const routedAt = new Date(t.db.prepare('SELECT routed_at FROM contact_requests WHERE reference = ?').pluck().get(reference) as string);
    const minute = 60_000;

    runJobs(jobDeps(), new Date(addWorkingDays(routedAt, 3).getTime() - minute), { force: true });
    await flush(new Date(addWorkingDays(routedAt, 3).getTime() - minute));
    expect(mailsTo(REFERENT_EMAIL)).toHaveLength(0);

    const at3 = addWorkingDays(routedAt, 3);
    runJobs(jobDeps(), at3, { force: true });
    runJobs(jobDeps(), at3, { force: true }); // a second run at the same instant does nothing more
    await flush(at3);
    const reminders = mailsTo(REFERENT_EMAIL).filter((m) => m.text.includes(reference));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.headers.subject).toMatch(/Relance/);
    // The reminder carries a fresh link that works.
    const fresh = linkIn(reminders[0]?.text ?? '', 'reponse');
    expect((await view(fresh)).status).toBe(200);
    expect(statusOf(reference)).toBe('transmise');

    const at7 = addWorkingDays(routedAt, 7);
    runJobs(jobDeps(), at7, { force: true });
    expect(statusOf(reference)).toBe('sans-reponse');
    expect(historyOf(reference).at(-1)).toMatchObject({ to: 'sans-reponse', by: 'suivi automatique' });
    await flush(at7);
    expect(mailsTo(TEAM_EMAIL).some((m) => m.text.includes(reference) && m.text.includes('pas répondu'))).toBe(true);
  });

  it('leaves a request alone once its referent answered', async () => {
    const { reference, token } = await routedRequest();
    await answer(token, { action: 'prise-en-charge' });
    const routedAt = new Date(t.db.prepare('SELECT routed_at FROM contact_requests WHERE reference = ?').pluck().get(reference) as string);
    runJobs(jobDeps(), addWorkingDays(routedAt, 10), { force: true });
    expect(statusOf(reference)).toBe('en-cours');
  });

  it('runs from the command line as of a given date: pnpm pare jobs:run --now', async () => {
    const { reference } = await routedRequest();
    const routedAt = new Date(t.db.prepare('SELECT routed_at FROM contact_requests WHERE reference = ?').pluck().get(reference) as string);
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'apps/api/src/cli.ts'), 'jobs:run', '--now', addWorkingDays(routedAt, 8).toISOString()],
      {
        env: { ...process.env, PARE_DB: join(t.dir, 'pare.db'), PARE_LOG_LEVEL: 'silent', PARE_TEAM_EMAIL: TEAM_EMAIL },
        cwd: join(ROOT, 'apps/api'),
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/request-follow-up : \{"reminded":\d+,"escalated":[1-9]/);
    expect(out).toMatch(/^retention : /m);
    expect(statusOf(reference)).toBe('sans-reponse');
  });
});
