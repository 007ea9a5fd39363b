import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  CONFIDENTIAL_REFERENT,
  CONFIDENTIAL_SLUG,
  contactRequest,
  createOrientationApp,
  orientationApp,
  postJson,
  REFERENT_EMAIL,
  TEAM_EMAIL,
} from './helpers.ts';

let t: TestApp;
beforeAll(() => {
  t = createOrientationApp();
});
afterAll(() => t.close());

const REFERENCE = /^PARE-[2-9A-HJ-NP-Z]{8}$/;

type RequestRow = {
  id: number;
  reference: string;
  status: string;
  recipient: string;
  actor_id: number | null;
  phone: string | null;
  email: string | null;
  message: string;
};
type MailRow = { id: number; recipient: string; subject: string; body: string; status: string; subject_ref: string };

const requestByReference = (reference: string) =>
  t.db.prepare('SELECT * FROM contact_requests WHERE reference = ?').get(reference) as RequestRow | undefined;
const mailsOf = (id: number) => t.db.prepare('SELECT * FROM outbox WHERE subject_ref = ?').all(`contact_request:${id}`) as MailRow[];
const count = (table: string) => t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('POST /api/contact-requests — routing', () => {
  it('a request for the confidential foyer goes to the PARÉ team, never to its referent, whose address appears nowhere', async () => {
    const { status, body, text } = await postJson(
      t.app,
      '/api/contact-requests',
      contactRequest({ actor: CONFIDENTIAL_SLUG, profile: 'jeune' }),
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'nouvelle', recipient: 'equipe-pare', retention_days: 180 });
    expect(body.reference).toMatch(REFERENCE);
    expect(body.next_steps).toContain(body.reference);
    expect(body.next_steps).toMatch(/équipe PARÉ/);
    expect(text).not.toContain(CONFIDENTIAL_REFERENT);
    expect(text).not.toContain('Secrète');

    const row = requestByReference(body.reference);
    expect(row).toMatchObject({ status: 'nouvelle', recipient: 'equipe-pare', phone: '06 12 34 56 78', email: null });
    const mails = mailsOf(row?.id ?? 0);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.recipient).toBe(TEAM_EMAIL);
    expect(mails[0]?.body).toContain(body.reference);
    expect(mails[0]?.body).toMatch(/lieu confidentiel/);
    expect(t.db.prepare('SELECT count(*) FROM outbox WHERE recipient = ?').pluck().get(CONFIDENTIAL_REFERENT)).toBe(0);
  });

  it('a request for an actor that accepts requests reaches its referent, and the person learns the actor’s name only', async () => {
    const { status, body, text } = await postJson(
      t.app,
      '/api/contact-requests',
      contactRequest({ actor: 'test-ecoute-familles-thionville', email: 'parent@example.test' }),
    );
    expect(status).toBe(201);
    expect(body.recipient).toBe('acteur');
    expect(body.next_steps).toMatch(/Écoute test Familles Thionville/);
    expect(text).not.toContain(REFERENT_EMAIL);
    const row = requestByReference(body.reference);
    const mail = mailsOf(row?.id ?? 0)[0];
    expect(mail?.recipient).toBe(REFERENT_EMAIL);
    expect(mail?.subject).toBe(`Demande de contact ${body.reference} — PARÉ`);
    expect(mail?.body).toContain('Téléphone : 06 12 34 56 78');
    expect(mail?.body).toContain('E-mail : parent@example.test');
    expect(mail?.body).toContain('Mon fils de 15 ans fugue souvent');
    expect(mail?.body).toContain('Commune : Thionville (57)');
  });

  it('a request for an actor that does not take requests, or for no actor, goes to the team', async () => {
    for (const actor of ['ase-moselle', undefined]) {
      const { status, body } = await postJson(t.app, '/api/contact-requests', contactRequest({ actor }));
      expect(status).toBe(201);
      expect(body.recipient).toBe('equipe-pare');
      expect(mailsOf(requestByReference(body.reference)?.id ?? 0)[0]?.recipient).toBe(TEAM_EMAIL);
    }
  });

  it('records the creation in the status history', async () => {
    const { body } = await postJson(t.app, '/api/contact-requests', contactRequest());
    const id = requestByReference(body.reference)?.id;
    const history = t.db
      .prepare('SELECT from_status, to_status, by_label FROM contact_request_history WHERE contact_request_id = ?')
      .all(id);
    expect(history).toEqual([{ from_status: null, to_status: 'nouvelle', by_label: 'formulaire public' }]);
  });

  it('gives references that are random, unique and readable over the phone', async () => {
    const refs: string[] = [];
    for (let i = 0; i < 20; i++) refs.push((await postJson(t.app, '/api/contact-requests', contactRequest())).body.reference);
    expect(new Set(refs).size).toBe(20);
    for (const r of refs) expect(r).toMatch(REFERENCE);
    // Not a counter: consecutive references share no long common prefix.
    const shared = refs.slice(1).filter((r, i) => r.slice(0, 9) === refs[i]?.slice(0, 9)).length;
    expect(shared).toBeLessThan(3);
  });
});

describe('POST /api/contact-requests — bad input names the field, in French', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['no name', { name: '  ' }, ['name']],
    ['a name over two lines', { name: 'Camille\nTéléphone : 01 00 00 00 00' }, ['name']],
    ['neither phone nor e-mail', { phone: '', email: '' }, ['phone', 'email']],
    ['a phone that is not one', { phone: '12 34' }, ['phone']],
    ['an e-mail that is not one', { phone: '', email: 'camille@' }, ['email']],
    ['an unknown profile', { profile: 'voisin' }, ['profile']],
    ['a commune that does not exist', { commune: '57999' }, ['commune']],
    ['a place name instead of a code', { commune: 'Thionville' }, ['commune']],
    ['a message over 2,000 characters', { message: 'x'.repeat(2001) }, ['message']],
    ['no consent', { consent: false }, ['consent']],
    ['a missing consent', { consent: undefined }, ['consent']],
    ['an unknown actor', { actor: 'acteur-qui-n-existe-pas' }, ['actor']],
  ];
  it.each(cases)('%s', async (_name, over, paths) => {
    const before = count('contact_requests');
    const { status, body } = await postJson(t.app, '/api/contact-requests', contactRequest(over));
    expect(status).toBe(400);
    expect(body.error).toBe('validation_error');
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(paths));
    for (const i of body.issues) expect(i.message).toMatch(/[a-zé]/);
    expect(count('contact_requests')).toBe(before);
  });

  it('lists every problem at once, the missing contact included', async () => {
    const { body } = await postJson(t.app, '/api/contact-requests', { name: '', consent: false, commune: '00000', profile: 'famille' });
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['name', 'phone', 'email', 'commune', 'consent']),
    );
  });
});

describe('POST /api/contact-requests — protection', () => {
  it('a filled honeypot gets an ordinary 201, and nothing is stored or sent', async () => {
    const before = { requests: count('contact_requests'), mails: count('outbox') };
    const { status, body } = await postJson(t.app, '/api/contact-requests', contactRequest({ website: 'https://spam.example' }));
    expect(status).toBe(201);
    expect(body.reference).toMatch(REFERENCE);
    expect(body.status).toBe('nouvelle');
    expect(requestByReference(body.reference)).toBeUndefined();
    expect({ requests: count('contact_requests'), mails: count('outbox') }).toEqual(before);
  });

  it('refuses a body over 8 KB with 413 payload_too_large, storing nothing', async () => {
    const before = count('contact_requests');
    const { status, body } = await postJson(
      t.app,
      '/api/contact-requests',
      contactRequest({ message: 'é'.repeat(1900), name: 'x'.repeat(100), padding: 'p'.repeat(6000) }),
    );
    expect(status).toBe(413);
    expect(body.error).toBe('payload_too_large');
    expect(count('contact_requests')).toBe(before);
  });

  it('answers 429 rate_limited past the limit for one client address', async () => {
    const limited = createTestApp(orientationApp({ trustProxy: true, rateLimits: { contactRequests: { limit: 2, windowMs: 600_000 } } }));
    try {
      const send = (ip: string) => postJson(limited.app, '/api/contact-requests', contactRequest(), { 'x-forwarded-for': ip });
      expect((await send('203.0.113.9')).status).toBe(201);
      expect((await send('203.0.113.9')).status).toBe(201);
      const refused = await send('203.0.113.9');
      expect(refused.status).toBe(429);
      expect(refused.body.error).toBe('rate_limited');
      expect(limited.db.prepare('SELECT count(*) FROM contact_requests').pluck().get()).toBe(2);
      expect((await send('198.51.100.4')).status).toBe(201);
    } finally {
      limited.close();
    }
  });

  it('never writes what a person typed to the logs, whether the request is accepted, refused or a robot’s', async () => {
    const marker = `Zorglub${randomInt(1e9)}`;
    const digits = String(randomInt(10_000_000, 99_999_999));
    const phone = `06 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)} ${digits.slice(6)}`;
    const email = `${marker.toLowerCase()}@example.test`;
    const lines = t.lines.length;
    const base = { name: `${marker}-nom`, phone, email, message: `${marker} message secret` };
    expect((await postJson(t.app, '/api/contact-requests', contactRequest(base))).status).toBe(201);
    expect((await postJson(t.app, '/api/contact-requests', contactRequest({ ...base, actor: CONFIDENTIAL_SLUG }))).status).toBe(201);
    expect((await postJson(t.app, '/api/contact-requests', contactRequest({ ...base, email: `${marker}@`, consent: false }))).status).toBe(
      400,
    );
    expect((await postJson(t.app, '/api/contact-requests', contactRequest({ ...base, website: marker }))).status).toBe(201);
    expect(
      (await postJson(t.app, '/api/contact-requests', contactRequest({ ...base, message: `${marker}${'x'.repeat(9000)}` }))).status,
    ).toBe(413);
    const written = t.lines.slice(lines);
    expect(written.length).toBeGreaterThanOrEqual(5);
    for (const line of written) {
      for (const secret of [marker, marker.toLowerCase(), phone, digits, email, 'message secret']) expect(line).not.toContain(secret);
    }
  });
});
