import { ErrorBodySchema, HealthSchema, PublicActorSchema, SearchActorsResponseSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccentAndCaseBlind } from '../helpers/api-expectations.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp();
});
afterAll(() => t.close());

const slugs = (body: { items: { slug: string }[] }) => body.items.map((i) => i.slug);

describe('GET /api/health', () => {
  it('says ok once the database is ready', async () => {
    const { status, body } = await getJson(t.app, '/api/health', HealthSchema);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
  });
});

describe('GET /api/actors — full text', () => {
  it('finds the same actors whether the word is typed with or without accents', async () => {
    await expectAccentAndCaseBlind(t.app, '/api/actors?q=prévention', '/api/actors?q=PREVENTION', SearchActorsResponseSchema);
  });

  // One search text a row, and an actor it must find.
  for (const [name, q, slug] of [
    ['matches the beginning of a word, so a half-typed name already finds the actor', 'confid', 'test-foyer-confidentiel-thionville'],
    ['finds an actor by the commune of its site', 'thionville', 'test-foyer-confidentiel-thionville'],
    ['finds an actor by the French label of an action it offers', 'soutien familles', 'test-association-familles-metz'],
    ['finds the 119 national line by its name', 'enfance danger', 'allo-enfance-en-danger-119'],
  ] as const) {
    it(name, async () => {
      const { body } = await getJson(t.app, `/api/actors?q=${q}`, SearchActorsResponseSchema);
      expect(slugs(body)).toContain(slug);
    });
  }

  it('returns nothing rather than an error for a word no actor contains', async () => {
    const { status, body } = await getJson(t.app, '/api/actors?q=zzzyyyxxx', SearchActorsResponseSchema);
    expect(status).toBe(200);
    expect(body.total).toBe(0);
    expect(body.items).toEqual([]);
  });

  it('treats quotes and operators typed by a person as plain text', async () => {
    const { status } = await getJson(t.app, `/api/actors?q=${encodeURIComponent('"foyer" OR NEAR(* -')}`, SearchActorsResponseSchema);
    expect(status).toBe(200);
  });
});

describe('GET /api/actors — filters', () => {
  it('keeps only actors serving one of the chosen publics', async () => {
    const { body } = await getJson(t.app, '/api/actors?publics=familles&per_page=100', SearchActorsResponseSchema);
    expect(body.total).toBeGreaterThan(0);
    for (const a of body.items) expect(a.publics).toContain('familles');
  });

  it('ORs the codes within one filter', async () => {
    const one = await getJson(t.app, '/api/actors?actions=hebergement&per_page=100', SearchActorsResponseSchema);
    const two = await getJson(t.app, '/api/actors?actions=hebergement,prevention&per_page=100', SearchActorsResponseSchema);
    expect(two.body.total).toBeGreaterThan(one.body.total);
    for (const a of two.body.items) expect(a.actions.some((x: string) => x === 'hebergement' || x === 'prevention')).toBe(true);
  });

  it('ANDs different filters', async () => {
    const { body } = await getJson(
      t.app,
      '/api/actors?types=association&actions=soutien-familles&publics=familles&per_page=100',
      SearchActorsResponseSchema,
    );
    expect(slugs(body)).toContain('test-association-familles-metz');
    for (const a of body.items) {
      expect(a.type).toBe('association');
      expect(a.actions).toContain('soutien-familles');
      expect(a.publics).toContain('familles');
    }
  });

  it('lists for a département the actors with a site or coverage there, and the national ones', async () => {
    const { body } = await getJson(t.app, '/api/actors?departement=57&per_page=100', SearchActorsResponseSchema);
    const found = slugs(body);
    expect(found).toContain('test-foyer-confidentiel-thionville');
    expect(found).toContain('test-association-familles-metz');
    expect(found).toContain('allo-enfance-en-danger-119');
    expect(found).not.toContain('test-prevention-marseille');
    // Local actors come before the national ones.
    const firstNational = body.items.findIndex((a: { territory: { scope: string } }) => a.territory.scope === 'national');
    const lastLocal = body.items.findLastIndex((a: { territory: { scope: string } }) => a.territory.scope !== 'national');
    expect(firstNational).toBeGreaterThan(lastLocal);
  });

  it('accepts Corsica and overseas département codes', async () => {
    for (const code of ['2A', '2b', '971', '976']) {
      const { status } = await getJson(t.app, `/api/actors?departement=${code}`, SearchActorsResponseSchema);
      expect(status, code).toBe(200);
    }
  });

  it('counts, for each filter option, the results choosing it would give', async () => {
    const { body } = await getJson(t.app, '/api/actors?publics=familles&per_page=1', SearchActorsResponseSchema);
    const jeunesOnly = await getJson(t.app, '/api/actors?publics=jeunes&per_page=1', SearchActorsResponseSchema);
    expect(body.facets.publics.jeunes).toBe(jeunesOnly.body.total);
    expect(body.facets.publics.familles).toBe(body.total);
    const typesSum = Object.values(body.facets.types as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(typesSum).toBe(body.total);
  });
});

describe('GET /api/actors — around a place', () => {
  it('sorts by distance around Thionville and gives each actor its distance', async () => {
    const { body } = await getJson(t.app, '/api/actors?near=49.3579,6.1686&radius_km=50', SearchActorsResponseSchema);
    const found = slugs(body);
    expect(found).toContain('test-foyer-confidentiel-thionville');
    expect(found).toContain('test-association-familles-metz');
    expect(found).not.toContain('test-prevention-marseille');
    const distances = body.items.map((a) => a.distance_km);
    expect(distances.every((d) => typeof d === 'number' && d <= 50)).toBe(true);
    expect([...distances].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(distances);
  });

  it('leaves out actors farther than the radius', async () => {
    const { body } = await getJson(t.app, '/api/actors?near=49.3579,6.1686&radius_km=10', SearchActorsResponseSchema);
    expect(slugs(body)).toContain('test-foyer-confidentiel-thionville');
    expect(slugs(body)).not.toContain('test-association-familles-metz'); // Metz is ~25 km away
  });

  it('measures a confidential site from its commune centre, not its real position', async () => {
    const { body } = await getJson(t.app, '/api/actors?near=49.3712,6.1492&radius_km=5', SearchActorsResponseSchema);
    const foyer = body.items.find((a: { slug: string }) => a.slug === 'test-foyer-confidentiel-thionville');
    expect(foyer).toBeDefined();
    // The fixture's real point is where we stand: a distance of 0 would reveal it.
    expect(foyer?.distance_km).toBeGreaterThan(0.5);
  });

  it('around Marseille finds the Marseille actor and not the Moselle ones', async () => {
    const { body } = await getJson(t.app, '/api/actors?near=43.2965,5.3698&radius_km=30', SearchActorsResponseSchema);
    expect(slugs(body)).toContain('test-prevention-marseille');
    expect(slugs(body)).not.toContain('test-association-familles-metz');
  });

  it('for a typed commune gives nearby actors first, then those covering the département, then national ones', async () => {
    const { status, body } = await getJson(t.app, '/api/actors?commune=57672&radius_km=5&per_page=100', SearchActorsResponseSchema);
    expect(status).toBe(200);
    expect(body.place).toMatchObject({ kind: 'commune', name: 'Thionville', departement: '57' });
    const order = body.items.map((a) => a.match);
    expect(order[0]).toBe('proximite');
    expect(order).toContain('national');
    const rank = { proximite: 0, territoire: 1, national: 2 } as Record<string, number>;
    const ranks = order.map((m) => rank[m ?? ''] ?? -1);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(slugs(body)).toContain('allo-enfance-en-danger-119');
    expect(slugs(body)).not.toContain('test-prevention-marseille');
  });

  it('accepts a postcode as the place', async () => {
    const { status, body } = await getJson(t.app, '/api/actors?postcode=57100', SearchActorsResponseSchema);
    expect(status).toBe(200);
    expect(body.place?.name).toBe('Thionville');
    expect(slugs(body)).toContain('test-foyer-confidentiel-thionville');
  });
});

describe('GET /api/actors — sorting and paging', () => {
  it('sorts by name in French order, accents ignored', async () => {
    const { body } = await getJson(t.app, '/api/actors?sort=name&per_page=100', SearchActorsResponseSchema);
    const keys = body.items.map((a: { name: string }) =>
      a.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim(),
    );
    expect([...keys].sort()).toEqual(keys);
  });

  it('pages through the results without repeating or losing one', async () => {
    const all = await getJson(t.app, '/api/actors?sort=name&per_page=100', SearchActorsResponseSchema);
    const p1 = await getJson(t.app, '/api/actors?sort=name&per_page=3&page=1', SearchActorsResponseSchema);
    const p2 = await getJson(t.app, '/api/actors?sort=name&per_page=3&page=2', SearchActorsResponseSchema);
    expect(p1.body.total).toBe(all.body.total);
    expect([...slugs(p1.body), ...slugs(p2.body)]).toEqual(slugs(all.body).slice(0, 6));
    const beyond = await getJson(t.app, '/api/actors?per_page=100&page=50', SearchActorsResponseSchema);
    expect(beyond.body.items).toEqual([]);
    expect(beyond.body.total).toBe(all.body.total);
  });
});

describe('GET /api/actors/:slug', () => {
  it('returns the public record of a known actor', async () => {
    const { status, body } = await getJson(t.app, '/api/actors/allo-enfance-en-danger-119', PublicActorSchema);
    expect(status).toBe(200);
    expect(body.name).toMatch(/119/);
    expect(body.territory.scope).toBe('national');
    expect(body.contacts.some((c: { value: string }) => c.value.replace(/\s/g, '') === '119')).toBe(true);
  });

  it('answers 404 JSON for an unknown actor', async () => {
    const { status, body } = await getJson(t.app, '/api/actors/nexiste-pas', ErrorBodySchema);
    expect(status).toBe(404);
    expect(body.error).toBe('not_found');
    expect(body.message).toMatch(/acteur/i);
  });
});
