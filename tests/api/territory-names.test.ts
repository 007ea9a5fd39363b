import { CommunesNearSchema, ErrorBodySchema, TerritoryNamesSchema } from '@pare/schema';
/** The two look-ups behind the back office's territory pickers and the site editor's pin map. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp({ fixtures: false });
});
afterAll(() => t.close());

describe('GET /api/territories/names', () => {
  it('names every région and département, and the communes asked for, so pickers show names instead of INSEE codes', async () => {
    const { status, body } = await getJson(t.app, '/api/territories/names?communes=57672,57463,99999', TerritoryNamesSchema);
    expect(status).toBe(200);
    expect(body.regions).toContainEqual({ code: '44', name: 'Grand Est' });
    expect(body.regions).toHaveLength(18);
    expect(body.departements).toContainEqual({ code: '57', name: 'Moselle', region: '44' });
    expect(body.communes).toEqual([
      { code: '57672', name: 'Thionville', departement: '57' },
      { code: '57463', name: 'Metz', departement: '57' },
    ]);
  });

  it('refuses a malformed code with a French message', async () => {
    const { status, body } = await getJson(t.app, '/api/territories/names?communes=57672,<script>', ErrorBodySchema);
    expect(status).toBe(400);
    expect(JSON.stringify(body.issues)).toContain('Code INSEE invalide');
  });
});

describe('GET /api/territories/communes-near', () => {
  it('gives the communes around a point as GeoJSON points with their names, most populous first', async () => {
    const { status, body } = await getJson(t.app, '/api/territories/communes-near?lat=49.24&lng=6.17', CommunesNearSchema);
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    const names = body.features.map((f: { properties: { name: string } }) => f.properties.name);
    expect(names[0]).toBe('Metz');
    expect(names).toContain('Thionville');
    expect(body.features.length).toBeLessThanOrEqual(400);
    expect(body.features[0]!.geometry.type).toBe('Point');
  });

  it('answers an empty collection at sea', async () => {
    const { body } = await getJson(t.app, '/api/territories/communes-near?lat=46&lng=-8', CommunesNearSchema);
    expect(body.features).toEqual([]);
  });
});
