import { ErrorBodySchema, SearchActorsResponseSchema } from '@pare/schema';
/** GET /api/map/points with the list's filters, on the real app (real seed + test fixtures). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapPointsResponseSchema } from '../../apps/api/src/routes/map-data/map-data.routes.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

const FRANCE = '-5.5,41.2,9.8,51.2';
const WORLD = '-180,-85,180,85';
let t: TestApp;
beforeAll(() => {
  t = createTestApp();
});
afterAll(() => t.close());

type Feature = {
  geometry: { coordinates: [number, number] };
  properties: { cluster: boolean; count?: number; actor?: string; confidential: boolean; expansion_zoom?: number };
};
const sitesIn = (features: Feature[]) => features.reduce((n, f) => n + (f.properties.cluster ? (f.properties.count ?? 0) : 1), 0);

/** Every actor the list gives for a search, across its pages. */
async function listAll(
  query: string,
): Promise<{ total: number; items: { slug: string; territory: { scope: string }; sites: unknown[] }[] }> {
  const items: { slug: string; territory: { scope: string }; sites: unknown[] }[] = [];
  let total = 0;
  for (let page = 1; page < 50; page++) {
    const { body } = await getJson(t.app, `/api/actors?${query}${query ? '&' : ''}per_page=100&page=${page}`, SearchActorsResponseSchema);
    total = body.total;
    items.push(...body.items);
    if (items.length >= total) break;
  }
  return { total, items };
}

describe('GET /api/map/points with search filters', () => {
  it('draws every result of a search, not the current page: its count is the list’s total and its sites are all there', async () => {
    for (const query of ['', 'publics=familles', 'actions=ecoute', 'departement=57', 'commune=57672&radius_km=50', 'q=enfance']) {
      const list = await listAll(query);
      const { status, body } = await getJson(
        t.app,
        `/api/map/points?${query}${query ? '&' : ''}bbox=${WORLD}&zoom=0`,
        MapPointsResponseSchema,
      );
      expect(status, query).toBe(200);
      expect(body.total, query).toBe(list.total);
      const mapped = list.items.filter((a) => a.territory.scope !== 'national' && a.sites.length > 0);
      expect(body.actors, query).toBe(mapped.length);
      expect(sitesIn(body.features), query).toBe(mapped.reduce((n, a) => n + a.sites.length, 0));
    }
  });

  it('shows only the matching actors: a single site’s actor is in the list for the same filters', async () => {
    const list = await listAll('actions=ecoute');
    const slugs = new Set(list.items.map((a) => a.slug));
    const { body } = await getJson(t.app, `/api/map/points?actions=ecoute&bbox=${FRANCE}&zoom=16`, MapPointsResponseSchema);
    const leaves = (body.features as Feature[]).filter((f) => !f.properties.cluster);
    expect(leaves.length).toBeGreaterThan(0);
    for (const f of leaves) expect(slugs.has(f.properties.actor as string)).toBe(true);
    const all = await getJson(t.app, `/api/map/points?bbox=${FRANCE}&zoom=16`, MapPointsResponseSchema);
    expect(sitesIn(all.body.features)).toBeGreaterThan(sitesIn(body.features));
  });

  it('a cluster opens at its expansion zoom: zoomed in there, its sites are split', async () => {
    const { body } = await getJson(t.app, `/api/map/points?bbox=${FRANCE}&zoom=5`, MapPointsResponseSchema);
    const cluster = (body.features as Feature[]).find((f) => f.properties.cluster && (f.properties.expansion_zoom ?? 99) <= 16);
    expect(cluster).toBeDefined();
    const [lng, lat] = cluster?.geometry.coordinates ?? [0, 0];
    const z = cluster?.properties.expansion_zoom ?? 0;
    const half = 360 / 2 ** z / 2;
    const near = await getJson(
      t.app,
      `/api/map/points?bbox=${lng - half},${lat - half / 2},${lng + half},${lat + half / 2}&zoom=${z}`,
      MapPointsResponseSchema,
    );
    const counts = (near.body.features as Feature[]).map((f) => (f.properties.cluster ? (f.properties.count ?? 0) : 1));
    expect(Math.max(...counts)).toBeLessThan(cluster?.properties.count ?? 0);
  });

  it('never gives a confidential site’s exact point, whatever the filters or zoom', async () => {
    const secret = t.db.prepare('SELECT lat, lng FROM sites WHERE confidential = 1 AND precision = ? LIMIT 1').get('address') as
      | { lat: number; lng: number }
      | undefined;
    expect(secret).toBeDefined();
    for (const query of ['', 'q=foyer+test', 'commune=57672&radius_km=20', 'departement=57']) {
      for (const zoom of [0, 8, 16]) {
        const text = await (await t.app.request(`/api/map/points?${query}&bbox=5,48,7,50&zoom=${zoom}`)).text();
        expect(text).not.toContain(String(secret?.lat));
        expect(text).not.toContain(String(secret?.lng));
      }
    }
  });

  it('refuses the list’s bad filters with the list’s French errors', async () => {
    const unknown = await getJson(t.app, `/api/map/points?departement=00&bbox=${FRANCE}&zoom=5`, ErrorBodySchema);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toMatch(/département/i);
    const radius = await getJson(t.app, `/api/map/points?radius_km=10&bbox=${FRANCE}&zoom=5`, ErrorBodySchema);
    expect(radius.status).toBe(400);
    expect(radius.body.issues?.[0]?.message).toMatch(/radius_km demande un lieu/);
  });

  it('sees a new published site of a matching actor at once, filters kept', async () => {
    const before = await getJson(t.app, `/api/map/points?departement=57&bbox=${WORLD}&zoom=0`, MapPointsResponseSchema);
    const row = t.db
      .prepare(
        `SELECT s.actor_id FROM sites s JOIN actors a ON a.id = s.actor_id WHERE s.departement_code = '57' AND a.status = 'published' AND a.territory_scope <> 'national' LIMIT 1`,
      )
      .get() as { actor_id: number };
    t.db
      .prepare(
        `INSERT INTO sites (actor_id, lat, lng, precision, public_lat, public_lng, departement_code) VALUES (?, 49.1, 6.2, 'commune', 49.1, 6.2, '57')`,
      )
      .run(row.actor_id);
    const after = await getJson(t.app, `/api/map/points?departement=57&bbox=${WORLD}&zoom=0`, MapPointsResponseSchema);
    expect(sitesIn(after.body.features)).toBe(sitesIn(before.body.features) + 1);
  });
});
