import { DepartementListSchema, DepartementPageSchema, PublicResourceSchema, SearchResourcesResponseSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, withSignedIn } from '../helpers/accounts.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let curator: Signed;
beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

const postAsCurator = (url: string, body: unknown) => asUser(t, curator, url, { method: 'POST', body });

describe('curators manage resources', () => {
  it('create, edit and archive a resource, each change a revision with its field differences', async () => {
    const created = await postAsCurator('/api/admin/resources', {
      title: 'Repérer les signes de prostitution chez un adolescent',
      type: 'fiche',
      summary: 'Fiche pratique pour les professionnels.',
      publics: ['professionnels'],
      themes: ['reperage'],
      territory: { scope: 'departements', departements: ['57'] },
      producers: ['mousqueton-moselle'],
      url: 'https://example.org/fiche-reperage',
    });
    expect(created.status).toBe(201);
    const r = (await created.json()) as { id: number; slug: string };
    expect(r.slug).toBe('reperer-les-signes-de-prostitution-chez-un-adolescent');

    const found = await getJson(t.app, '/api/resources?q=reperer adolescent', SearchResourcesResponseSchema);
    expect(found.body.items.map((i: { slug: string }) => i.slug)).toContain(r.slug);
    const byActor = await getJson(t.app, '/api/resources?actor=mousqueton-moselle', SearchResourcesResponseSchema);
    expect(byActor.body.items.map((i: { slug: string }) => i.slug)).toEqual([r.slug]);

    const edited = await asUser(t, curator, `/api/admin/resources/${r.id}`, {
      method: 'PATCH',
      body: { themes: ['reperage', 'prevention'] },
    });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as { input: { summary: string } }).input.summary).toBe('Fiche pratique pour les professionnels.');

    expect((await asUser(t, curator, `/api/admin/resources/${r.id}/archive`, { method: 'POST' })).status).toBe(200);
    expect((await getJson(t.app, `/api/resources/${r.slug}`, PublicResourceSchema)).status).toBe(404);

    const history = await asUser(t, curator, `/api/admin/resources/${r.id}/revisions`);
    const { items } = (await history.json()) as {
      items: { action: string; author: string; changes: { path: string; after: unknown }[] }[];
    };
    expect(items.map((i) => i.action)).toEqual(['archive', 'update', 'create']);
    expect(items[1]?.changes).toEqual([{ path: 'themes', before: ['reperage'], after: ['prevention', 'reperage'] }]);
    expect(items[0]?.author).toBe('Équipe PARÉ'); // the organisation, never the login
  });

  it.each([
    ['no title', { type: 'guide', publics: ['familles'], territory: { scope: 'national' } }, 'title'],
    ['an unknown type', { title: 'Un guide', type: 'roman', publics: ['familles'], territory: { scope: 'national' } }, 'type'],
    [
      'a link that is not https',
      { title: 'Un guide', type: 'guide', publics: ['familles'], territory: { scope: 'national' }, url: 'http://example.org' },
      'url',
    ],
    [
      'a javascript: link',
      { title: 'Un guide', type: 'guide', publics: ['familles'], territory: { scope: 'national' }, url: 'javascript:alert(1)' },
      'url',
    ],
    [
      'a département scope without départements',
      { title: 'Un guide', type: 'guide', publics: ['familles'], territory: { scope: 'departements' } },
      'territory.departements',
    ],
    [
      'an unknown département',
      { title: 'Un guide', type: 'guide', publics: ['familles'], territory: { scope: 'departements', departements: ['20'] } },
      'territory.departements.0',
    ],
    [
      'an unknown producer',
      { title: 'Un guide', type: 'guide', publics: ['familles'], territory: { scope: 'national' }, producers: ['inconnu'] },
      'producers.0',
    ],
  ])('refuses %s with a 400 naming the field, and records nothing', async (_what, body, field) => {
    const before = t.db.prepare('SELECT count(*) FROM resources').pluck().get();
    const res = await postAsCurator('/api/admin/resources', body);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { issues: { path: string }[] };
    expect(err.issues.map((i) => i.path)).toContain(field);
    expect(t.db.prepare('SELECT count(*) FROM resources').pluck().get()).toBe(before);
  });

  it('a slug already taken is a 409', async () => {
    const res = await asUser(t, curator, '/api/admin/resources', {
      method: 'POST',
      body: { slug: 'code-penal-article-226-14', title: 'Doublon', type: 'guide', publics: ['familles'], territory: { scope: 'national' } },
    });
    expect(res.status).toBe(409);
  });
});

describe('curators manage protocols', () => {
  it('a new committee with members and meetings appears on the département page, linked to actor slugs', async () => {
    const res = await postAsCurator('/api/admin/protocols', {
      kind: 'comite-de-suivi',
      title: 'Comité de test en Gironde',
      departements: ['33'],
      frequency: 'semestriel',
      members: [{ actor: 'mouvement-du-nid', role: 'membre' }],
      meetings: [{ date: '2025-03-01', summary: 'Première réunion (donnée de test).' }],
      resources: ['code-penal-article-226-14'],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const page = await getJson(t.app, '/api/departements/33', DepartementPageSchema);
    const committee = page.body.protocols.find((p: { title: string }) => p.title === 'Comité de test en Gironde');
    expect(committee!.members).toEqual([
      { actor: { slug: 'mouvement-du-nid', name: expect.any(String), type: 'association' }, role: 'membre', note: null },
    ]);
    const list = await getJson(t.app, '/api/departements', DepartementListSchema);
    expect(list.body.items.find((d: { code: string }) => d.code === '33')!.has_protocol).toBe(true);

    const edit = await asUser(t, curator, `/api/admin/protocols/${id}`, {
      method: 'PATCH',
      body: { members: [{ actor: 'inconnu', role: 'membre' }] },
    });
    expect(edit.status).toBe(400);
    expect(((await edit.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('members.0.actor');

    const twice = await asUser(t, curator, `/api/admin/protocols/${id}`, {
      method: 'PATCH',
      body: {
        members: [
          { actor: 'crip-57', role: 'membre' },
          { actor: 'crip-57', role: 'pilote' },
        ],
      },
    });
    expect(twice.status).toBe(400);

    expect((await asUser(t, curator, `/api/admin/protocols/${id}/archive`, { method: 'POST' })).status).toBe(200);
    const after = await getJson(t.app, '/api/departements/33', DepartementPageSchema);
    expect(after.body.protocols).toEqual([]);
    const history = await asUser(t, curator, `/api/admin/protocols/${id}/revisions`);
    expect(((await history.json()) as { items: { action: string }[] }).items.map((i) => i.action)).toEqual(['archive', 'create']);
  });

  it('a protocol cannot be its own parent', async () => {
    const id = t.db.prepare(`SELECT id FROM protocols WHERE slug = 'convention-moselle-prostitution-des-mineurs'`).pluck().get() as number;
    const res = await asUser(t, curator, `/api/admin/protocols/${id}`, {
      method: 'PATCH',
      body: { parent: 'comite-de-suivi-moselle-prostitution-des-mineurs' },
    });
    expect(res.status).toBe(400);
  });
});
