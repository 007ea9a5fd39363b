import { ErrorBodySchema, PointPlacesSchema, TerritoryHitListSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp({ fixtures: false });
});
afterAll(() => t.close());

describe('GET /api/territories/search', () => {
  const firstHit: [string, string, string][] = [
    ['thionv', 'commune', '57672'],
    ['Thionville', 'commune', '57672'],
    ['st etienne', 'commune', '42218'],
    ['metz', 'commune', '57463'],
    ['57', 'departement', '57'],
    ['Moselle', 'departement', '57'],
    ['2A', 'departement', '2A'],
  ];
  it.each(firstHit)('"%s" puts the likely place first (%s %s)', async (q, kind, code) => {
    const { status, body } = await getJson(t.app, `/api/territories/search?q=${encodeURIComponent(q)}`, TerritoryHitListSchema);
    expect(status).toBe(200);
    expect(body.items.length).toBeLessThanOrEqual(10);
    expect(body.items[0]).toMatchObject({ kind, code });
    expect(typeof body.items[0]!.lat).toBe('number');
  });

  it('"57100" gives Thionville, the commune of that postcode', async () => {
    const { body } = await getJson(t.app, '/api/territories/search?q=57100', TerritoryHitListSchema);
    expect(body.items[0]).toMatchObject({ kind: 'postcode', name: 'Thionville' });
    expect(body.items[0]!.postcodes).toContain('57100');
  });

  it('gives at most the requested number of places', async () => {
    const { body } = await getJson(t.app, '/api/territories/search?q=saint&limit=3', TerritoryHitListSchema);
    expect(body.items).toHaveLength(3);
  });

  it('refuses an empty query and a limit over 10 with the field named', async () => {
    for (const [url, field] of [
      ['/api/territories/search?q=', 'q'],
      ['/api/territories/search?q=metz&limit=50', 'limit'],
    ]) {
      const { status, body } = await getJson(t.app, url as string, ErrorBodySchema);
      expect(status).toBe(400);
      expect(body.issues?.[0]?.path).toBe(field);
    }
  });
});

describe('GET /api/territories/at', () => {
  it('finds the département and région of a point in Metz', async () => {
    const { status, body } = await getJson(t.app, '/api/territories/at?lat=49.1193&lng=6.1757', PointPlacesSchema);
    expect(status).toBe(200);
    expect(body.departement.code).toBe('57');
    expect(body.region.code).toBe('44');
  });

  it('answers a clear 404 for a point at sea or abroad', async () => {
    for (const [lat, lng] of [
      [46.0, -5.0],
      [52.52, 13.405],
    ]) {
      const { status, body } = await getJson(t.app, `/api/territories/at?lat=${lat}&lng=${lng}`, ErrorBodySchema);
      expect(status).toBe(404);
      expect(body.error).toBe('not_found');
      expect(body.message).toMatch(/département/);
    }
  });

  it('refuses coordinates that are not numbers', async () => {
    const { status, body } = await getJson(t.app, '/api/territories/at?lat=abc&lng=6', ErrorBodySchema);
    expect(status).toBe(400);
    expect(body.issues?.[0]?.path).toBe('lat');
  });
});
