import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, getJson, type JsonBody, type TestApp } from '../helpers/test-app.ts';
import { dataInclusionValidators, expectValid } from './standards.ts';

let t: TestApp;
type Record_ = { id: string; structure_id?: string } & Record<string, unknown>;
let structures: Record_[];
let services: Record_[];
let published: { id: number; slug: string; actions: number }[];

beforeAll(async () => {
  t = createTestApp();
  published = t.db
    .prepare(
      `SELECT id, slug, (SELECT count(*) FROM actor_actions x WHERE x.actor_id = a.id) AS actions FROM actors a WHERE status = 'published' ORDER BY id`,
    )
    .all() as typeof published;
  const s = await t.app.request('/api/exports/data-inclusion/structures.json');
  expect(s.status).toBe(200);
  expect(s.headers.get('content-type')).toMatch(/^application\/json/);
  structures = JSON.parse(await s.text());
  services = (await getJson<JsonBody>(t.app, '/api/exports/data-inclusion/services.json')).body;
});
afterAll(() => t.close());

/** The data·inclusion structure of the published actor `slug`. */
const structureOf = (slug: string) => structures.find((x) => x.id === `pare--${published.find((p) => p.slug === slug)?.id}`);

describe('GET /api/exports/data-inclusion/structures.json', () => {
  it('has one structure per published actor, with unique ids', () => {
    expect(structures).toHaveLength(published.length);
    expect(new Set(structures.map((s) => s.id)).size).toBe(structures.length);
  });

  it('every structure validates against the official data·inclusion v1.0.8 structure schema', () => {
    const { structure } = dataInclusionValidators();
    for (const s of structures) expectValid(structure, s, s.id);
  });

  it('names the producer, and links each structure to its public page on the site that served it', () => {
    const first = published[0];
    const s = structures.find((x) => x.id === `pare--${first?.id}`);
    expect(s).toMatchObject({ source: 'pare', lien_source: `http://localhost/acteurs/${first?.slug}` });
    expect(s?.date_maj).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a structure whose only site is confidential has its commune but no address nor coordinates', () => {
    const s = structureOf('test-foyer-confidentiel-thionville');
    expect(s).toMatchObject({
      commune: 'Thionville',
      code_insee: '57672',
      adresse: null,
      code_postal: null,
      latitude: null,
      longitude: null,
    });
    expect(s?.telephone).toBeNull();
  });

  it('an actor with a public address gives it with its coordinates', () => {
    const s = structureOf('test-association-familles-metz');
    expect(s).toMatchObject({
      adresse: '1 place de Test',
      code_insee: '57463',
      latitude: 49.1196,
      longitude: 6.1757,
      telephone: '03 00 00 00 02',
    });
  });
});

describe('GET /api/exports/data-inclusion/services.json', () => {
  it('has one service per action of each published actor, attached to its structure', () => {
    expect(services).toHaveLength(published.reduce((n, p) => n + p.actions, 0));
    const structureIds = new Set<unknown>(structures.map((s) => s.id));
    for (const s of services) expect(structureIds.has(s.structure_id), s.id).toBe(true);
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
  });

  it('every service validates against the official data·inclusion v1.0.8 service schema', () => {
    const { service } = dataInclusionValidators();
    for (const s of services) expectValid(service, s, s.id);
  });

  it('maps audiences, themes, type and territory to the data·inclusion code lists', () => {
    const id = published.find((p) => p.slug === 'test-association-familles-metz')?.id;
    const support = services.find((s) => s.id === `pare--${id}--soutien-familles`);
    expect(support).toMatchObject({
      publics: ['familles'],
      thematiques: ['famille--soutien-a-la-parentalite-et-a-leducation'],
      type: 'atelier',
      zone_eligibilite: ['57463'],
      mobilisable_par: ['usagers'],
    });
    const shelterId = published.find((p) => p.slug === 'test-foyer-confidentiel-thionville')?.id;
    const shelter = services.find((s) => s.id === `pare--${shelterId}--hebergement`);
    expect(shelter).toMatchObject({
      thematiques: ['logement-hebergement--rechercher-une-solution-dhebergement-temporaire'],
      zone_eligibilite: ['57'],
      adresse: null,
      latitude: null,
    });
    // Not claimed as received in person: its address is not public.
    expect(shelter?.modes_accueil ?? []).not.toContain('en-presentiel');
  });

  it('a national helpline is eligible everywhere in France', () => {
    const id = published.find((p) => p.slug === 'allo-enfance-en-danger-119')?.id;
    const listening = services.find((s) => s.id === `pare--${id}--ecoute`);
    expect(listening).toMatchObject({ zone_eligibilite: ['france'], telephone: '119', type: 'information' });
    expect(listening?.modes_mobilisation).toContain('telephoner');
  });

  it('professionals are not a data·inclusion public: they can mobilise the service instead', () => {
    const id = published.find((p) => p.slug === 'test-prevention-marseille')?.id;
    const prevention = services.find((s) => s.id === `pare--${id}--prevention`);
    expect(prevention?.publics).toEqual(['jeunes']);
    expect(prevention?.mobilisable_par).toEqual(['usagers', 'professionnels']);
    expect(prevention?.publics_precisions).toBe('Jeunes, Professionnels');
  });
});
