import { PublicActorSchema, SearchActorsResponseSchema } from '@pare/schema';
/** Curators editing entries: validation in French, history, revert, archive, verification, the admin list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, withSignedIn } from '../helpers/accounts.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';
import { actorInput, makeActor, uniqueName } from './helpers.ts';

let t: TestApp;
let curator: Signed;
beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const idOf = (slug: string) => t.db.prepare('SELECT id FROM actors WHERE slug = ?').pluck().get(slug) as number;

describe('editing an entry', () => {
  it('names every wrong field in French, by its path', async () => {
    const a = makeActor(t, 'moselle');
    const { status, body } = await json(
      await asUser(t, curator, `/api/admin/actors/${a.id}`, {
        method: 'PATCH',
        body: {
          sites: [{ commune_code: '57672', postcode: '5710' }],
          contacts: [{ kind: 'email', value: 'pas-une-adresse' }],
          publics: [],
        },
      }),
    );
    expect(status).toBe(400);
    expect(body.error).toBe('validation_error');
    expect(body.issues).toEqual(
      expect.arrayContaining([
        { path: 'sites.0.postcode', message: 'Code postal invalide (5 chiffres)' },
        { path: 'contacts.0.value', message: 'Adresse e-mail invalide' },
        { path: 'publics', message: 'Au moins un public' },
      ]),
    );
  });

  it('refuses a postcode that does not match the commune, on the field', async () => {
    const a = makeActor(t, 'moselle');
    const { status, body } = await json(
      await asUser(t, curator, `/api/admin/actors/${a.id}`, {
        method: 'PATCH',
        body: { sites: [{ commune_code: '57672', postcode: '13001' }] },
      }),
    );
    expect(status).toBe(400);
    expect(body.issues).toEqual([{ path: 'sites.0.postcode', message: 'Le code postal 13001 ne correspond pas à Thionville' }]);
  });

  it('refuses a slug already taken with 409', async () => {
    const a = makeActor(t, 'moselle');
    const { status, body } = await json(
      await asUser(t, curator, `/api/admin/actors/${a.id}`, { method: 'PATCH', body: { slug: 'crip-57' } }),
    );
    expect(status).toBe(409);
    expect(body.issues[0].path).toBe('slug');
  });

  it('keeps the fields a partial edit does not mention, and records the field diff', async () => {
    const a = makeActor(t, 'moselle');
    const before = (await json(await asUser(t, curator, `/api/admin/actors/${a.id}`))).body;
    const { status, body } = await json(
      await asUser(t, curator, `/api/admin/actors/${a.id}`, {
        method: 'PATCH',
        body: { description: 'Accueil le mercredi.', provenance: { source_url: 'https://example.test/source' } },
      }),
    );
    expect(status).toBe(200);
    expect(body.input).toEqual({
      ...before.input,
      description: 'Accueil le mercredi.',
      provenance: { ...before.input.provenance, source_url: 'https://example.test/source' },
    });
    const history = (await json(await asUser(t, curator, `/api/admin/actors/${a.id}/revisions`))).body.items;
    expect(history[0]).toMatchObject({ action: 'update', author: 'Équipe PARÉ' });
    expect(history[0].changes).toEqual([
      { path: 'description', before: 'Description modifiée.', after: 'Accueil le mercredi.' },
      { path: 'provenance.source_url', before: null, after: 'https://example.test/source' },
    ]);
  });

  it('gives curators the full record, private fields included, never cached', async () => {
    const res = await asUser(t, curator, `/api/admin/actors/${idOf('test-foyer-confidentiel-thionville')}`);
    const body = await res.json();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(body.input.referent_email).toBe('referent-secret@example.test');
    expect(body.input.sites[0].address).toBe('12 rue Secrète-de-Test');
    expect(body.sites_geo[0]).toMatchObject({ lat: 49.3712, lng: 6.1492, precision: 'address' });
  });

  it('creates an entry with a create revision, and answers its full record', async () => {
    const { status, body } = await json(await asUser(t, curator, '/api/admin/actors', { method: 'POST', body: actorInput('moselle') }));
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'published', departements: ['57'] });
    const history = (await json(await asUser(t, curator, `/api/admin/actors/${body.id}/revisions`))).body.items;
    expect(history.map((r: { action: string }) => r.action)).toEqual(['create']);
  });

  it('turns unknown codes into field errors when creating', async () => {
    const { status, body } = await json(
      await asUser(t, curator, '/api/admin/actors', {
        method: 'POST',
        body: { ...actorInput('moselle'), territory: { scope: 'departements', departements: ['99'] }, sites: [{ commune_code: '57999' }] },
      }),
    );
    expect(status).toBe(400);
    const paths = body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['territory.departements.0']));
  });
});

describe('history and revert', () => {
  it('puts an entry back exactly as it was, and keeps every step in the history', async () => {
    const a = makeActor(t, 'moselle');
    const original = (await json(await asUser(t, curator, `/api/admin/actors/${a.id}`))).body.input;
    const history0 = (await json(await asUser(t, curator, `/api/admin/actors/${a.id}/revisions`))).body.items;
    const target = history0[0].id; // the state now, before the edits below

    await asUser(t, curator, `/api/admin/actors/${a.id}`, {
      method: 'PATCH',
      body: {
        name: uniqueName('Nom changé'),
        publics: ['familles', 'jeunes'],
        sites: [{ commune_code: '57463', confidential: true, address: '3 rue Cachée' }, { commune_code: '57672' }],
        contacts: [{ kind: 'phone', value: '03 00 00 00 09', visibility: 'professionnels' }],
      },
    });
    const changed = (await json(await asUser(t, curator, `/api/admin/actors/${a.id}`))).body.input;
    expect(changed).not.toEqual(original);

    const { status, body } = await json(
      await asUser(t, curator, `/api/admin/actors/${a.id}/revisions/${target}/revert`, { method: 'POST' }),
    );
    expect(status).toBe(200);
    expect(body.input).toEqual(original);

    const history = (await json(await asUser(t, curator, `/api/admin/actors/${a.id}/revisions`))).body.items;
    expect(history.map((r: { action: string }) => r.action)).toEqual(['revert', 'update', 'update', 'create']);
    expect(history[0]).toMatchObject({ reverted_to: target, author: 'Équipe PARÉ' });
    expect(history[0].changes.map((c: { path: string }) => c.path)).toEqual(expect.arrayContaining(['name', 'publics', 'sites.0.address']));
  });

  it('refuses a revision of another entry', async () => {
    const a = makeActor(t, 'moselle');
    const b = makeActor(t, 'moselle');
    const res = await asUser(t, curator, `/api/admin/actors/${a.id}/revisions/${b.firstRevision}/revert`, { method: 'POST' });
    expect(res.status).toBe(404);
  });
});

describe('archiving', () => {
  it('an archived actor vanishes from the public API and comes back on restore', async () => {
    const slug = 'test-association-familles-metz';
    const id = idOf(slug);
    const inSearch = async () =>
      (await getJson(t.app, '/api/actors?departement=57&per_page=100', SearchActorsResponseSchema)).body.items.some(
        (i: { slug: string }) => i.slug === slug,
      );
    expect(await inSearch()).toBe(true);

    const archived = await json(await asUser(t, curator, `/api/admin/actors/${id}/archive`, { method: 'POST' }));
    expect(archived.body.status).toBe('archived');
    expect(await inSearch()).toBe(false);
    expect((await getJson(t.app, `/api/actors/${slug}`, PublicActorSchema)).status).toBe(404);
    expect(
      (await getJson(t.app, '/api/actors?q=Familles%20Metz', SearchActorsResponseSchema)).body.items.some(
        (i: { slug: string }) => i.slug === slug,
      ),
    ).toBe(false);
    // Curators still find it, marked archived.
    const list = (await json(await asUser(t, curator, '/api/admin/actors?status=archived'))).body;
    expect(list.items.map((i: { slug: string }) => i.slug)).toContain(slug);

    await asUser(t, curator, `/api/admin/actors/${id}/restore`, { method: 'POST' });
    expect(await inSearch()).toBe(true);
    expect((await getJson(t.app, `/api/actors/${slug}`, PublicActorSchema)).status).toBe(200);
    const actions = (await json(await asUser(t, curator, `/api/admin/actors/${id}/revisions`))).body.items.map(
      (r: { action: string }) => r.action,
    );
    expect(actions.slice(0, 2)).toEqual(['restore', 'archive']);
  });
});

describe('verification and the admin list', () => {
  it('marks an entry verified today by the curator, with a revision', async () => {
    const a = makeActor(t, 'marseille');
    const { body } = await json(await asUser(t, curator, `/api/admin/actors/${a.id}/verify`, { method: 'POST' }));
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
    expect(body.input.provenance).toMatchObject({ last_verified_at: today, verified_by: 'Équipe PARÉ' });
    expect(body.stale).toBe(false);
    const history = (await json(await asUser(t, curator, `/api/admin/actors/${a.id}/revisions`))).body.items;
    expect(history[0].action).toBe('verify');
    expect(history[0].changes.map((c: { path: string }) => c.path)).toEqual(['provenance.last_verified_at', 'provenance.verified_by']);
  });

  it('flags entries not verified for 12 months as stale, and filters on it', async () => {
    const { body } = await json(await asUser(t, curator, '/api/admin/actors?stale=true&per_page=200'));
    const slugs = body.items.map((i: { slug: string }) => i.slug);
    // Fixtures: Metz verified 2025-06-01, Marseille never verified; Thionville verified 2026-01-01.
    expect(slugs).toEqual(expect.arrayContaining(['test-association-familles-metz', 'test-prevention-marseille']));
    expect(slugs).not.toContain('test-foyer-confidentiel-thionville');
    expect(body.items.every((i: { stale: boolean }) => i.stale)).toBe(true);
  });

  it('filters by words and by département', async () => {
    const byText = (await json(await asUser(t, curator, '/api/admin/actors?q=crip&per_page=200'))).body.items.map(
      (i: { slug: string }) => i.slug,
    );
    expect(byText).toContain('crip-57');
    const byDep = (await json(await asUser(t, curator, '/api/admin/actors?departement=13&per_page=200'))).body.items;
    expect(byDep.length).toBeGreaterThan(0);
    expect(byDep.every((i: { departements: string[] }) => i.departements.includes('13'))).toBe(true);
  });

  it('shows each change at once: a renamed entry, its new département, its verification', async () => {
    const list = async (query: string) => (await json(await asUser(t, curator, `/api/admin/actors?${query}&per_page=200`))).body;
    const a = makeActor(t, 'moselle');
    const before = await list('departement=57');
    expect(before.items.map((i: { id: number }) => i.id)).toContain(a.id);
    const renamed = uniqueName('Renommée');
    const patched = await asUser(t, curator, `/api/admin/actors/${a.id}`, {
      method: 'PATCH',
      body: { name: renamed, territory: { scope: 'departements', departements: ['13'] }, sites: [{ commune_code: '13055' }] },
    });
    expect(patched.status).toBe(200);
    expect((await list('departement=57')).items.map((i: { id: number }) => i.id)).not.toContain(a.id);
    const moved = (await list('departement=13')).items.find((i: { id: number }) => i.id === a.id);
    expect(moved).toMatchObject({ name: renamed, departements: ['13'], stale: true });
    await asUser(t, curator, `/api/admin/actors/${a.id}/verify`, { method: 'POST' });
    expect((await list('departement=13')).items.find((i: { id: number }) => i.id === a.id)).toMatchObject({ stale: false });
  });

  it('gives the centre of a commune for the map preview', async () => {
    const { status, body } = await json(await asUser(t, curator, '/api/admin/geocode?postcode=57100'));
    expect(status).toBe(200);
    expect(body.commune).toMatchObject({ code: '57672', name: 'Thionville', departement: '57' });
    expect(body.lat).toBeCloseTo(49.36, 1);
    const bad = await json(await asUser(t, curator, '/api/admin/geocode?commune=57672&postcode=13001'));
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('postcode');
  });
});
