import type { CreateActorInputRaw } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { addTestActor } from '../helpers/actors.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let curator: Signed;
let relais57: Signed;
let grandEst: number;
let occitanie: number;
let national: number;
let moselle: number;
let nancy: number;

/** TEST DATA: fictitious entries of each reach. */
function add(slug: string, territory: CreateActorInputRaw['territory'], commune?: string): number {
  return addTestActor(t, {
    slug,
    name: `Structure test ${slug} (données de test)`,
    type: 'association',
    description: 'Fiche fictive, pour les tests.',
    publics: ['jeunes'],
    actions: ['ecoute'],
    territory,
    sites: commune ? [{ label: 'Local', address: '1 rue de Test', commune_code: commune }] : [],
    contacts: [{ kind: 'website', value: `https://example.test/${slug}` }],
    provenance: { last_verified_at: '2020-01-01' },
  }).id;
}

beforeAll(async () => {
  t = createTestApp();
  grandEst = add('test-regionale-grand-est', { scope: 'regions', regions: ['44'] });
  occitanie = add('test-regionale-occitanie', { scope: 'regions', regions: ['76'] });
  national = add('test-ligne-nationale', { scope: 'national' });
  moselle = add('test-locale-moselle', { scope: 'departements', departements: ['57'] }, '57672');
  nancy = add('test-locale-nancy', { scope: 'departements', departements: ['54'] }, '54395');
  curator = await signedInAs(t, 'curateur');
  relais57 = await signedInAs(t, 'relais', { departements: ['57'] });
});
afterAll(() => t.close());

const read = (who: Signed, id: number) => asUser(t, who, `/api/admin/actors/${id}/read-only`);

describe('a relais reads the entries that cover its départements', () => {
  it('opens the Grand Est entry and the national line read-only, with the reason in a sentence', async () => {
    const regional = await read(relais57, grandEst);
    expect(regional.status).toBe(200);
    const body = await regional.json();
    expect(body).toMatchObject({ id: grandEst, editable: false, actor: { slug: 'test-regionale-grand-est' } });
    expect(body.reason).toMatch(/région Grand Est.*seule l’équipe PARÉ la modifie/);
    const line = await (await read(relais57, national)).json();
    expect(line.reason).toMatch(/nationale/);
    // Still not editable: the full record and a change are refused.
    expect((await asUser(t, relais57, `/api/admin/actors/${grandEst}`)).status).toBe(403);
    expect((await asUser(t, relais57, `/api/admin/actors/${grandEst}`, { method: 'PATCH', body: { name: 'Autre' } })).status).toBe(403);
  });

  it('finds them in its list of entries « en lecture seule »: its région’s and the national ones, not another région’s', async () => {
    const { items } = await (await asUser(t, relais57, '/api/admin/actors/covering')).json();
    const ids = items.map((i: { id: number }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([grandEst, national]));
    expect(ids).not.toContain(occitanie);
    expect(ids).not.toContain(moselle);
    expect(items.find((i: { id: number }) => i.id === grandEst)).toMatchObject({ scope: 'regional', regions: ['Grand Est'] });
    expect((await (await asUser(t, curator, '/api/admin/actors/covering')).json()).items).toEqual([]);
  });

  it('does not open an entry of another région or département', async () => {
    expect((await read(relais57, occitanie)).status).toBe(403);
    expect((await read(relais57, nancy)).status).toBe(403);
  });

  it('says an entry of its own département is editable', async () => {
    expect(await (await read(relais57, moselle)).json()).toMatchObject({ editable: true, reason: null });
    expect(await (await read(curator, occitanie)).json()).toMatchObject({ editable: true });
  });

  it('never shows a confidential address in the read-only view', async () => {
    const id = addTestActor(t, {
      slug: 'test-abri-national-confidentiel',
      name: 'Abri test national (données de test)',
      type: 'association',
      description: 'Fiche fictive.',
      publics: ['jeunes'],
      actions: ['hebergement'],
      territory: { scope: 'national' },
      sites: [{ label: 'Abri', address: '9 rue Secrète', commune_code: '57672', confidential: true }],
      contacts: [{ kind: 'website', value: 'https://example.test/abri' }],
    }).id;
    const text = await (await read(relais57, id)).text();
    expect(text).not.toContain('rue Secrète');
  });
});

describe('POST /api/admin/actors/verify (bulk « marquer vérifiées »)', () => {
  const verify = (who: Signed, ids: unknown) => asUser(t, who, '/api/admin/actors/verify', { method: 'POST', body: { ids } });
  const verifiedOn = (id: number) => t.db.prepare('SELECT last_verified_at FROM actors WHERE id = ?').pluck().get(id);
  const revisions = (id: number) =>
    t.db.prepare("SELECT count(*) FROM revisions WHERE entity = 'actor' AND entity_id = ? AND action = 'verify'").pluck().get(id);

  it('verifies every entry of a relais’s départements and refuses the others, each with its reason', async () => {
    const res = await verify(relais57, [moselle, nancy, national, 999_999]);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.verified.map((v: { id: number }) => v.id)).toEqual([moselle]);
    expect(body.refused).toEqual([
      { id: nancy, message: expect.stringMatching(/départements/) },
      { id: national, message: expect.any(String) },
      { id: 999_999, message: 'Cette fiche n’existe pas.' },
    ]);
    expect(verifiedOn(moselle)).not.toBe('2020-01-01');
    expect(verifiedOn(nancy)).toBe('2020-01-01');
    expect(revisions(moselle)).toBe(1);
    expect(revisions(nancy)).toBe(0);
  });

  it('lets a curator verify a selection in one call, one revision each', async () => {
    const body = await (await verify(curator, [grandEst, occitanie, nancy])).json();
    expect(body.refused).toEqual([]);
    for (const id of [grandEst, occitanie, nancy]) expect(revisions(id)).toBe(1);
  });

  it('refuses a verified professional, a missing CSRF token, and a bad list', async () => {
    const professional = await signedInAs(t, 'professionnel-verifie');
    expect((await verify(professional, [moselle])).status).toBe(403);
    const noCsrf = await asUser(t, curator, '/api/admin/actors/verify', { method: 'POST', body: { ids: [moselle] }, csrf: false });
    expect(noCsrf.status).toBe(403);
    expect((await verify(curator, [])).status).toBe(400);
    expect(
      (
        await verify(
          curator,
          Array.from({ length: 201 }, (_, i) => i + 1),
        )
      ).status,
    ).toBe(400);
  });
});
