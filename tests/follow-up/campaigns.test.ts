/**
 * A freshness campaign from launch to confirm and to correct, with a real SMTP server: the link
 * from the mail, « Rien n'a changé » verifying the entry today, corrections landing in the review
 * queue with their diff, the one reminder, the entries without a referent, and the relais's reach.
 */
import { actorRepository } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/api/src/lib/logger.ts';
import { runJobs } from '../../apps/api/src/services/jobs.ts';
import { createMailTransport, sendDueMail } from '../../apps/api/src/services/mailer.ts';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { addTestActor } from '../helpers/actors.ts';
import { expectDocumented } from '../helpers/api-expectations.ts';
import { parisDay } from '../helpers/clock.ts';
import { readMail, smtpServerForFile } from '../helpers/smtp.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { orientationApp, postJson } from '../orientation/helpers.ts';

const PUBLIC_URL = 'https://pare.example.test';

const smtp = smtpServerForFile();
let t: TestApp;
let curator: Signed;
const ids: Record<string, number> = {};

/** TEST DATA: fictitious entries with a referent (in 57 and 13) and one without. */
function addEntry(slug: string, departement: string, commune: string, referent: string | null) {
  const a = addTestActor(t, {
    slug,
    name: `Structure test ${slug}`,
    type: 'association',
    description: 'Structure fictive pour les tests de campagne.',
    publics: ['jeunes'],
    actions: ['ecoute'],
    territory: { scope: 'departements', departements: [departement] },
    referent_email: referent,
    sites: [{ commune_code: commune }],
    contacts: [{ kind: 'phone', value: '03 87 00 00 01' }],
    provenance: { source_url: 'https://example.test/', last_verified_at: '2024-01-01', verified_by: 'test' },
  });
  ids[slug] = a.id;
}

beforeAll(async () => {
  t = createTestApp(orientationApp({ publicUrl: PUBLIC_URL, rateLimits: { secureLinks: { limit: 10_000, windowMs: 60_000 } } }));
  addEntry('campagne-metz', '57', '57463', 'referent-metz@example.test');
  addEntry('campagne-thionville', '57', '57672', 'referent-thionville@example.test');
  addEntry('campagne-sans-referent', '57', '57463', null);
  addEntry('campagne-marseille', '13', '13055', 'referent-marseille@example.test');
  curator = await signedInAs(t, 'curateur');
});
afterAll(() => t.close());

const flush = () =>
  sendDueMail(
    { db: t.db, log: createLogger('silent'), mailFrom: 'PARÉ <no-reply@example.test>' },
    createMailTransport(smtp.url),
    new Date(),
  );
const linkFor = (address: string) => {
  const mail = smtp.delivered
    .filter((d) => d.to.includes(address))
    .map((d) => readMail(d.raw))
    .at(-1);
  const m = mail && new RegExp(`${PUBLIC_URL}/mise-a-jour/([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!m?.[1]) throw new Error(`no update link for ${address}`);
  return m[1];
};
const launch = (who: Signed, body: unknown) => asUser(t, who, '/api/admin/campaigns', { method: 'POST', body });

describe('a freshness campaign', () => {
  let campaignId: number;

  it('mails each referent a link and lists the entries without a referent', async () => {
    const res = await launch(curator, {
      title: 'Printemps 2027',
      selection: { kind: 'actors', actor_ids: [ids['campagne-metz'], ids['campagne-thionville'], ids['campagne-sans-referent']] },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    campaignId = body.id;
    expect(body.counts).toMatchObject({ entries: 3, sent: 2, opened: 0, confirmed: 0, corrected: 0, no_answer: 2, without_referent: 1 });
    expect(body.entries.find((e: { actor: { slug: string } }) => e.actor.slug === 'campagne-sans-referent').state).toBe('sans-referent');
    await flush();
    expect(smtp.delivered.flatMap((d) => d.to).sort()).toEqual(['referent-metz@example.test', 'referent-thionville@example.test']);
  });

  it('lets a referent confirm in one click: the entry is verified today, by the structure, in its history', async () => {
    await launch(curator, { selection: { kind: 'actors', actor_ids: [ids['campagne-metz']] } });
    await flush();
    const token = linkFor('referent-metz@example.test');
    const seen = await t.app.request(`/api/update/${token}`);
    expect(seen.status).toBe(200);
    expect(seen.headers.get('cache-control')).toBe('no-store');
    expect((await seen.json()).actor.slug).toBe('campagne-metz');

    const confirmed = await postJson(t.app, `/api/update/${token}`, { action: 'rien-na-change' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.result).toBe('confirmee');
    const today = parisDay();
    const publicEntry = await (await t.app.request('/api/actors/campagne-metz')).json();
    expect(publicEntry.provenance.last_verified_at).toBe(today);
    expect(publicEntry.provenance.verified_by).toBe('la structure elle-même (Structure test campagne-metz)');
    const history = await (await asUser(t, curator, `/api/admin/actors/${ids['campagne-metz']}/revisions`)).json();
    expect(history.items[0]).toMatchObject({ action: 'verify', author: expect.stringContaining('structure') });

    const again = await t.app.request(`/api/update/${token}`);
    expect(again.status).toBe(410);
  });

  it('turns proposed corrections into a correction submission with its diff', async () => {
    const res = await launch(curator, { selection: { kind: 'actors', actor_ids: [ids['campagne-thionville']] } });
    const id = (await res.json()).id;
    await flush();
    const token = linkFor('referent-thionville@example.test');
    const corrected = await postJson(t.app, `/api/update/${token}`, {
      action: 'corrections',
      changes: { contacts: [{ kind: 'phone', value: '03 82 00 00 02' }] },
      message: 'Nouveau numéro depuis octobre.',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.result).toBe('corrigee');

    const detail = await (await asUser(t, curator, `/api/admin/campaigns/${id}`)).json();
    expect(detail.counts).toMatchObject({ sent: 1, opened: 0, corrected: 1, no_answer: 0 });
    const submissionId = detail.entries[0].submission_id;
    const submission = await (await asUser(t, curator, `/api/admin/submissions/${submissionId}`)).json();
    expect(submission.kind).toBe('correction');
    expect(JSON.stringify(submission.changes)).toContain('03 82 00 00 02');
    expect(JSON.stringify(submission.changes)).toContain('03 87 00 00 01');
    expect((await postJson(t.app, `/api/update/${token}`, { action: 'rien-na-change' })).status).toBe(410);
  });

  it('keeps what the link holder cannot see — a confidential site, a professionals-only contact — in its corrections', async () => {
    const hidden = addTestActor(t, {
      slug: 'campagne-confidentielle',
      name: 'Structure test à lieu confidentiel',
      type: 'association',
      publics: ['jeunes'],
      actions: ['hebergement'],
      territory: { scope: 'departements', departements: ['57'] },
      referent_email: 'referent-confidentiel@example.test',
      sites: [
        { label: 'Accueil de jour', commune_code: '57463' },
        { label: 'Hébergement', address: '1 rue Secrète', postcode: '57000', commune_code: '57463', confidential: true },
      ],
      contacts: [
        { kind: 'phone', value: '03 87 00 00 09' },
        { kind: 'phone', value: '03 87 00 00 10', visibility: 'professionnels' },
        { kind: 'phone', value: '03 87 00 00 11', site: 1 },
      ],
      provenance: { source_url: 'https://example.test/', last_verified_at: '2024-01-01' },
    });
    const res = await launch(curator, { selection: { kind: 'actors', actor_ids: [hidden.id] } });
    await flush();
    const token = linkFor('referent-confidentiel@example.test');
    const seen = (await (await t.app.request(`/api/update/${token}`)).json()).actor;
    expect(JSON.stringify(seen)).not.toContain('1 rue Secrète');
    expect(JSON.stringify(seen)).not.toContain('03 87 00 00 10');
    await postJson(t.app, `/api/update/${token}`, {
      action: 'corrections',
      changes: { sites: [{ label: 'Accueil de jour', commune_code: '57672' }], contacts: [{ kind: 'phone', value: '03 87 00 00 12' }] },
    });
    const detail = await (await asUser(t, curator, `/api/admin/campaigns/${(await res.json()).id}`)).json();
    const proposal = t.db.prepare('SELECT proposal FROM submissions WHERE id = ?').pluck().get(detail.entries[0].submission_id) as string;
    const p = JSON.parse(proposal);
    expect(p.sites).toEqual([
      { label: 'Accueil de jour', commune_code: '57672', confidential: false },
      expect.objectContaining({ address: '1 rue Secrète', confidential: true }),
    ]);
    expect(p.contacts.map((c: { value: string; site?: number | null }) => [c.value, c.site ?? null])).toEqual([
      ['03 87 00 00 12', null],
      ['03 87 00 00 10', null],
      ['03 87 00 00 11', 1],
    ]);
  });

  it('sends one reminder, with a fresh link, to the referents that have not answered', async () => {
    const first = await asUser(t, curator, `/api/admin/campaigns/${campaignId}/remind`, { method: 'POST' });
    expect(first.status).toBe(200);
    await flush();
    // Metz and Thionville answered through other campaigns, not this one: both are reminded.
    expect(smtp.delivered.map((d) => readMail(d.raw).headers.subject).every((s) => /Rappel/.test(s ?? ''))).toBe(true);
    expect(smtp.delivered).toHaveLength(2);
    const second = await asUser(t, curator, `/api/admin/campaigns/${campaignId}/remind`, { method: 'POST' });
    expect(second.status).toBe(409);
  });

  it('keeps a relais to its départements', async () => {
    const relais = await signedInAs(t, 'relais', { departements: ['57'] });
    const other = await launch(relais, { selection: { kind: 'departement', departement: '13' } });
    expect(other.status).toBe(403);
    const own = await launch(relais, { selection: { kind: 'departement', departement: '57' } });
    expect(own.status).toBe(201);
    const slugs = (await own.json()).entries.map((e: { actor: { slug: string } }) => e.actor.slug);
    expect(slugs).toContain('campagne-metz');
    expect(slugs).not.toContain('campagne-marseille');
    const anonymous = await asUser(t, null, '/api/admin/campaigns');
    expect(anonymous.status).toBe(401);
  });

  it('is purged with its links after the retention period', async () => {
    const later = new Date(Date.now() + 400 * 24 * 60 * 60 * 1000);
    runJobs({ db: t.db, log: createLogger('silent'), actors: actorRepository(t.db), config: { retentionDays: 180 } }, later, {
      force: true,
    });
    expect(t.db.prepare('SELECT count(*) FROM campaigns').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM secure_links').pluck().get()).toBe(0);
  });

  it('is described in the OpenAPI document with the answer links', async () => {
    await expectDocumented(t.app, [
      '/api/answer/{token}',
      '/api/update/{token}',
      '/api/admin/campaigns',
      '/api/admin/campaigns/{id}',
      '/api/admin/campaigns/{id}/remind',
    ]);
  });
});
