import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
type Feature = { id: string; geometry: unknown; properties: Record<string, unknown> };
let collection: { type: string; features: Feature[] };
let res: Response;

beforeAll(async () => {
  t = createTestApp();
  res = await t.app.request('/api/exports/actors.geojson');
  collection = JSON.parse(await res.text());
});
afterAll(() => t.close());

describe('GET /api/exports/actors.geojson', () => {
  it('is a GeoJSON download named pare-acteurs.geojson', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="pare-acteurs.geojson"');
    expect(collection.type).toBe('FeatureCollection');
  });

  it('has one point per public site of a published actor, longitude first', () => {
    const publicSites = t.db
      .prepare(
        `SELECT s.id, s.public_lat AS lat, s.public_lng AS lng FROM sites s JOIN actors a ON a.id = s.actor_id WHERE a.status = 'published' AND s.confidential = 0`,
      )
      .all() as { id: number; lat: number; lng: number }[];
    expect(collection.features).toHaveLength(publicSites.length);
    for (const site of publicSites) {
      const f = collection.features.find((x) => x.id === `site-${site.id}`);
      expect(f?.geometry).toEqual({ type: 'Point', coordinates: [site.lng, site.lat] });
    }
  });

  it('leaves confidential sites out entirely, not even at their commune centre', () => {
    const confidential = t.db.prepare('SELECT id FROM sites WHERE confidential = 1').pluck().all() as number[];
    expect(confidential.length).toBeGreaterThan(0);
    const ids = new Set(collection.features.map((f) => f.id));
    for (const id of confidential) expect(ids.has(`site-${id}`)).toBe(false);
    expect(collection.features.some((f) => f.properties.slug === 'test-foyer-confidentiel-thionville')).toBe(false);
  });

  it('says whose site it is, what they do and where their page is', () => {
    const f = collection.features.find((x) => x.properties.slug === 'test-association-familles-metz');
    expect(f?.properties).toMatchObject({
      name: 'Association test Familles Metz (données de test)',
      type: 'association',
      publics: ['familles'],
      actions: ['ecoute', 'soutien-familles'],
      commune: 'Metz',
      commune_code: '57463',
      departement: 'Moselle',
      departement_code: '57',
      url: 'http://localhost/acteurs/test-association-familles-metz',
    });
  });
});
