/**
 * The team inbox as a curator works it: urgent requests first on every page, counts for the
 * dashboard, and « Transmettre à une structure » with the routed mail through a real SMTP server.
 */
import { actorRepository } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/api/src/lib/logger.ts';
import { isUrgentRequest } from '../../apps/api/src/services/contact-requests.ts';
import { createMailTransport, sendDueMail } from '../../apps/api/src/services/mailer.ts';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { addTestActor } from '../helpers/actors.ts';
import { readMail, smtpServerForFile } from '../helpers/smtp.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { contactRequest, createOrientationApp, postJson, REFERENT_EMAIL } from '../orientation/helpers.ts';

const PUBLIC_URL = 'https://pare.example.test';
const ACTOR = 'test-ecoute-familles-thionville';
const TOULOUSE_REFERENT = 'referent-toulouse@example.test';

let t: TestApp;
const smtp = smtpServerForFile({ keepBetweenTests: true });
let curator: Signed;
let relais57: Signed;
let actorId: number;
let toulouseActorId: number;
let withoutReferentId: number;

/** TEST DATA: a fictitious structure in Haute-Garonne with a referent. */
function addToulouseActor(): number {
  return addTestActor(t, {
    slug: 'test-accueil-jeunes-toulouse',
    name: 'Accueil test Jeunes Toulouse (données de test)',
    type: 'association',
    description: 'Association fictive, pour les tests.',
    publics: ['jeunes'],
    actions: ['hebergement', 'ecoute'],
    territory: { scope: 'departements', departements: ['31'] },
    referent_email: TOULOUSE_REFERENT,
    sites: [{ label: 'Local test', address: '1 rue de Test', commune_code: '31555', lat: 43.6, lng: 1.44 }],
    contacts: [{ kind: 'website', value: 'https://example.test/toulouse' }],
  }).id;
}

async function submit(over: Record<string, unknown>): Promise<string> {
  const { status, body } = await postJson(t.app, '/api/contact-requests', contactRequest(over));
  expect(status).toBe(201);
  return body.reference as string;
}
const flush = () =>
  sendDueMail(
    { db: t.db, log: createLogger('silent'), mailFrom: 'PARÉ <no-reply@example.test>' },
    createMailTransport(smtp.url),
    new Date(),
  );
const mailsTo = (address: string) => smtp.delivered.filter((d) => d.to.includes(address)).map((d) => readMail(d.raw));
const age = (reference: string, hours: number) =>
  t.db
    .prepare('UPDATE contact_requests SET created_at = ? WHERE reference = ?')
    .run(new Date(Date.now() - hours * 3_600_000).toISOString(), reference);

beforeAll(async () => {
  t = createOrientationApp({ publicUrl: PUBLIC_URL });
  actorId = actorRepository(t.db).findActorBySlug(ACTOR)?.id as number;
  toulouseActorId = addToulouseActor();
  withoutReferentId = t.db
    .prepare("SELECT id FROM actors WHERE status = 'published' AND referent_email IS NULL LIMIT 1")
    .pluck()
    .get() as number;
  curator = await signedInAs(t, 'curateur');
  relais57 = await signedInAs(t, 'relais', { departements: ['57'] });
});
afterAll(() => t.close());

describe('urgent requests first, by the API', () => {
  let bed: string;
  let danger: string;
  beforeAll(async () => {
    // The 16-year-old asking for a place to sleep tonight wrote first; three ordinary requests came after.
    bed = await submit({ profile: 'jeune', name: 'Lou', commune: '57463', needs: ['hebergement'], urgency: 'inquietude' });
    age(bed, 30);
    danger = await submit({ profile: 'famille', commune: '57672', needs: ['ecoute'], urgency: 'danger-immediat' });
    age(danger, 20);
    for (const name of ['Alex', 'Sam', 'Noa']) await submit({ name, needs: ['soutien-familles'], urgency: 'information' });
  });

  it('puts the young person with nowhere to sleep and the danger on page 1, before newer requests', async () => {
    const res = await asUser(t, curator, '/api/admin/contact-requests?per_page=2&page=1');
    const body = await res.json();
    expect(body.items.map((i: { reference: string }) => i.reference).sort()).toEqual([bed, danger].sort());
    expect(body.items[0]).toMatchObject({ urgent: true });
    const young = body.items.find((i: { reference: string }) => i.reference === bed);
    expect(young).toMatchObject({ profile: 'jeune', urgent: true, urgency: 'inquietude', needs: ['hebergement'] });
  });

  it('filters on urgency and profile', async () => {
    const urgent = await (await asUser(t, curator, '/api/admin/contact-requests?urgent=true')).json();
    expect(urgent.items.map((i: { reference: string }) => i.reference).sort()).toEqual([bed, danger].sort());
    const young = await (await asUser(t, curator, '/api/admin/contact-requests?profile=jeune')).json();
    expect(young.items.map((i: { reference: string }) => i.reference)).toEqual([bed]);
    const old = await (await asUser(t, curator, '/api/admin/contact-requests?status=nouvelle&older_than_hours=24')).json();
    expect(old.items.map((i: { reference: string }) => i.reference)).toEqual([bed]);
  });

  it('says « URGENT » in the mail the team receives', async () => {
    const body = t.db.prepare('SELECT body FROM outbox WHERE body LIKE ?').pluck().get(`%${bed}%`) as string;
    expect(body).toContain('URGENT');
    expect(body).toContain('Besoins : Mise à l’abri / hébergement');
  });

  it('counts by status and by age for the dashboard, within a relais’s départements', async () => {
    const all = await (await asUser(t, curator, '/api/admin/contact-requests/counts')).json();
    expect(all.by_status.nouvelle).toBe(5);
    expect(all.older_than_48h.nouvelle).toBe(0);
    age(bed, 50);
    const later = await (await asUser(t, curator, '/api/admin/contact-requests/counts')).json();
    expect(later.older_than_48h.nouvelle).toBe(1);
    expect(later.urgent_open).toBe(2);
    const relais = await (await asUser(t, relais57, '/api/admin/contact-requests/counts')).json();
    expect(relais.by_status.nouvelle).toBe(5); // every request above is in Moselle
    const professional = await signedInAs(t, 'professionnel-verifie');
    expect((await asUser(t, professional, '/api/admin/contact-requests/counts')).status).toBe(403);
  });
});

describe('« Transmettre à une structure »', () => {
  it('hands a request to a structure: its referent gets the routed mail with an answer link, the history says who', async () => {
    const reference = await submit({ commune: '57672', name: 'Camille', email: 'camille@example.test' });
    const candidates = await (await asUser(t, curator, `/api/admin/contact-requests/${reference}/structures?q=Thionville`)).json();
    expect(candidates.items[0]).toMatchObject({ id: actorId, covers: true });
    const res = await asUser(t, curator, `/api/admin/contact-requests/${reference}/transmit`, {
      method: 'POST',
      body: { actor_id: actorId, note: 'Urgent, rappeler ce soir' },
    });
    expect(res.status).toBe(200);
    const detail = await res.json();
    expect(detail).toMatchObject({ status: 'transmise', recipient: 'acteur', actor: { slug: ACTOR }, holder: { kind: 'structure' } });
    expect(detail.history.at(-1)).toMatchObject({
      from: 'nouvelle',
      to: 'transmise',
      by: curator.email,
      note: expect.stringContaining('Transmise à Écoute test Familles Thionville'),
    });
    expect(t.db.prepare('SELECT routed_at FROM contact_requests WHERE reference = ?').pluck().get(reference)).toBeTruthy();

    await flush();
    const mail = mailsTo(REFERENT_EMAIL).find((m) => m.text.includes(reference));
    expect(mail?.text).toContain('Nom ou pseudonyme : Camille');
    const token = new RegExp(`${PUBLIC_URL}/reponse/([A-Za-z0-9_-]+)`).exec(mail?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    // The structure can answer through its link.
    expect((await t.app.request(`/api/answer/${token}`)).status).toBe(200);
  });

  it('handing it on to another structure revokes the first one’s link', async () => {
    const reference = await submit({ commune: '57672' });
    await asUser(t, curator, `/api/admin/contact-requests/${reference}/transmit`, { method: 'POST', body: { actor_id: actorId } });
    const firstLinks = t.db
      .prepare('SELECT count(*) FROM secure_links s JOIN contact_requests r ON r.id = s.contact_request_id WHERE r.reference = ?')
      .pluck();
    expect(firstLinks.get(reference)).toBe(1);
    const res = await asUser(t, curator, `/api/admin/contact-requests/${reference}/transmit`, {
      method: 'POST',
      body: { actor_id: toulouseActorId },
    });
    expect(res.status).toBe(200);
    const open = t.db
      .prepare(
        'SELECT count(*) FROM secure_links s JOIN contact_requests r ON r.id = s.contact_request_id WHERE r.reference = ? AND s.revoked_at IS NULL',
      )
      .pluck()
      .get(reference);
    expect(open).toBe(1);
  });

  it('refuses a structure without a referent, a closed request, and a missing CSRF token', async () => {
    const reference = await submit({ commune: '57672' });
    const none = await asUser(t, curator, `/api/admin/contact-requests/${reference}/transmit`, {
      method: 'POST',
      body: { actor_id: withoutReferentId },
    });
    expect(none.status).toBe(400);
    expect((await none.json()).issues[0].path).toBe('actor_id');
    const noCsrf = await asUser(t, curator, `/api/admin/contact-requests/${reference}/transmit`, {
      method: 'POST',
      body: { actor_id: actorId },
      csrf: false,
    });
    expect(noCsrf.status).toBe(403);
    await asUser(t, curator, `/api/admin/contact-requests/${reference}`, { method: 'PATCH', body: { status: 'cloturee' } });
    const closed = await asUser(t, curator, `/api/admin/contact-requests/${reference}/transmit`, {
      method: 'POST',
      body: { actor_id: actorId },
    });
    expect(closed.status).toBe(409);
  });

  it('offers a regional network of the request’s région, first, and hands the request to it', async () => {
    const regional = addTestActor(t, {
      slug: 'test-reseau-grand-est',
      name: 'Réseau test Grand Est (données de test)',
      type: 'reseau',
      description: 'Réseau régional fictif, pour les tests.',
      publics: ['jeunes'],
      actions: ['coordination'],
      territory: { scope: 'regions', regions: ['44'] },
      referent_email: 'referent-grand-est@example.test',
      contacts: [{ kind: 'website', value: 'https://example.test/grand-est' }],
    }).id;
    const reference = await submit({ commune: '57672' });
    const listed = await (await asUser(t, relais57, `/api/admin/contact-requests/${reference}/structures?q=Grand Est`)).json();
    expect(listed.items[0]).toMatchObject({ id: regional, covers: true });
    const res = await asUser(t, relais57, `/api/admin/contact-requests/${reference}/transmit`, {
      method: 'POST',
      body: { actor_id: regional },
    });
    expect(res.status).toBe(200);
  });

  it('a relais hands over only its départements’ requests, and not to a structure of another département', async () => {
    const toulouse = await submit({ commune: '31555' });
    const thionville = await submit({ commune: '57672' });
    const outOfScope = await asUser(t, relais57, `/api/admin/contact-requests/${toulouse}/transmit`, {
      method: 'POST',
      body: { actor_id: actorId },
    });
    expect(outOfScope.status).toBe(403);
    expect((await asUser(t, relais57, `/api/admin/contact-requests/${toulouse}/structures`)).status).toBe(403);
    const elsewhere = await asUser(t, relais57, `/api/admin/contact-requests/${thionville}/transmit`, {
      method: 'POST',
      body: { actor_id: toulouseActorId },
    });
    expect(elsewhere.status).toBe(403);
    const listed = await (await asUser(t, relais57, `/api/admin/contact-requests/${thionville}/structures`)).json();
    expect(listed.items.map((i: { id: number }) => i.id)).not.toContain(toulouseActorId);
    const ok = await asUser(t, relais57, `/api/admin/contact-requests/${thionville}/transmit`, {
      method: 'POST',
      body: { actor_id: actorId },
    });
    expect(ok.status).toBe(200);
  });
});

describe('which requests are urgent', () => {
  it.each([
    ['a 16-year-old asking for a place to sleep', { profile: 'jeune', urgency: 'inquietude', needs: ['hebergement'] }, true],
    ['anyone saying someone is in danger now', { profile: 'famille', urgency: 'danger-immediat', needs: ['ecoute'] }, true],
    ['a young person asking to talk', { profile: 'jeune', urgency: 'inquietude', needs: ['ecoute'] }, false],
    ['a professional asking about shelters', { profile: 'professionnel', urgency: 'information', needs: ['hebergement'] }, false],
    ['a request without the orientation’s answers', { profile: 'jeune' }, false],
  ] as const)('%s → %s', (_label, request, urgent) => {
    expect(isUrgentRequest(request)).toBe(urgent);
  });
});

describe('who may hand a request over', () => {
  it('refuses a verified professional and nobody signed in, on the list of structures and on the hand-over', async () => {
    const reference = await submit({ commune: '57672' });
    const professional = await signedInAs(t, 'professionnel-verifie');
    for (const who of [professional, null]) {
      const expected = who ? 403 : 401;
      expect((await asUser(t, who, `/api/admin/contact-requests/${reference}/structures`)).status).toBe(expected);
      const res = await asUser(t, who, `/api/admin/contact-requests/${reference}/transmit`, {
        method: 'POST',
        body: { actor_id: actorId },
      });
      expect(res.status).toBe(expected);
    }
    expect(t.db.prepare('SELECT status FROM contact_requests WHERE reference = ?').pluck().get(reference)).toBe('nouvelle');
  });
});
