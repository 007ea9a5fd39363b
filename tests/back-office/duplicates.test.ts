/** Likely duplicates are shown before a new entry is saved. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameSimilarity, phoneKey, websiteKey } from '../../apps/api/src/services/duplicates.ts';
import { asUser, type Signed, withSignedIn } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { actorInput } from './helpers.ts';

let t: TestApp;
let curator: Signed;
beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const create = (body: unknown, query = '') => asUser(t, curator, `/api/admin/actors${query}`, { method: 'POST', body });

describe('comparing', () => {
  it('finds names alike despite accents, case, articles and typos', () => {
    expect(nameSimilarity('Association Familles Metz', 'association des familles de Metz')).toBe(1);
    expect(nameSimilarity('Mousqueton Moselle', 'Le Mousqueton — Moselle')).toBe(1);
    expect(nameSimilarity('Maison des adolescents de Thionville', 'Maison des adolescent Thionvile')).toBeGreaterThanOrEqual(0.8);
    expect(nameSimilarity('Maison des adolescents de Metz', 'Maison des adolescents de Thionville')).toBeLessThan(0.8);
  });

  it('compares websites by host and phones by digits', () => {
    expect(websiteKey('https://www.Example.org/contact')).toBe('example.org');
    expect(websiteKey('https://www.facebook.com/assoc.test/')).toBe('facebook.com/assoc.test');
    expect(phoneKey('+33 3 87 00 00 00')).toBe(phoneKey('03.87.00.00.00'));
    expect(phoneKey('119')).toBeNull();
  });
});

describe('creating an entry that may already exist', () => {
  it('answers 409 with the likely duplicates, then saves when confirmed', async () => {
    const input = {
      ...actorInput('moselle', 'Association test des Familles de Metz'),
      sites: [{ commune_code: '57463' }],
      territory: { scope: 'communes', communes: ['57463'] },
    };
    const { status, body } = await json(await create(input));
    expect(status).toBe(409);
    expect(body.error).toBe('conflict');
    expect(body.issues).toHaveLength(1);
    expect(body.issues[0].message).toContain('Association test Familles Metz (données de test)');
    expect(body.issues[0].message).toContain('nom très proche au même endroit');

    expect((await create(input, '?force=true')).status).toBe(201);
    expect((await create({ ...input, name: 'Association test des familles à Metz', confirm_duplicates: true })).status).toBe(201);
  });

  it('does not flag a similar name in another département', async () => {
    const input = { ...actorInput('marseille', 'Association test Familles Marseille'), sites: [{ commune_code: '13055' }] };
    expect((await create(input)).status).toBe(201);
  });

  it('flags the same SIRET, website or phone anywhere', async () => {
    /** An actor with the one SIRET, a website and a phone: the same ones, written two ways. */
    const withIdentifiers = (place: Parameters<typeof actorInput>[0], name: string, website: string, phone: string) => ({
      ...actorInput(place, name),
      siret: '12345678901234',
      contacts: [
        { kind: 'website', value: website },
        { kind: 'phone', value: phone },
      ],
    });
    const first = withIdentifiers('marseille', 'Premier acteur de test', 'https://www.premier-test.example/accueil', '04 91 00 00 01');
    expect((await create(first)).status).toBe(201);
    const second = withIdentifiers('moselle', 'Tout autre nom', 'http://premier-test.example', '+33 4 91 00 00 01');
    const { status, body } = await json(await create(second));
    expect(status).toBe(409);
    expect(body.issues[0].message).toContain('même SIRET, même site web, même numéro de téléphone');
  });

  it('lets the form ask before saving', async () => {
    const { status, body } = await json(
      await asUser(t, curator, '/api/admin/actors/duplicates?name=Foyer%20test%20confidentiel&commune=57672'),
    );
    expect(status).toBe(200);
    expect(body.items[0]).toMatchObject({ slug: 'test-foyer-confidentiel-thionville', reasons: ['name'] });
    const self = body.items[0].id;
    const editing = (
      await json(await asUser(t, curator, `/api/admin/actors/duplicates?name=Foyer%20test%20confidentiel&commune=57672&exclude=${self}`))
    ).body;
    expect(editing.items).toEqual([]);
  });

  it('warns when accepting a referencing request for an actor already listed', async () => {
    const sent = await t.app.request('/api/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'referencement',
        proposal: {
          name: 'CRIP de la Moselle',
          type: 'service-departemental',
          publics: ['professionnels'],
          actions: ['signalement'],
          territory: { scope: 'departements', departements: ['57'] },
        },
        submitter: { name: 'Alex Test', email: 'alex@example.test' },
        consent: true,
      }),
    });
    const id = Number((await sent.json()).reference.slice(2));
    const detail = (await json(await asUser(t, curator, `/api/admin/submissions/${id}`))).body;
    expect(detail.duplicates.map((d: { slug: string }) => d.slug)).toContain('crip-57');
    expect((await asUser(t, curator, `/api/admin/submissions/${id}/accept`, { method: 'POST', body: {} })).status).toBe(409);
    expect(
      (await asUser(t, curator, `/api/admin/submissions/${id}/accept`, { method: 'POST', body: { confirm_duplicates: true } })).status,
    ).toBe(200);
  });
});
