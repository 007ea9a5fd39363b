import { type Db, type MapBbox, mapIndex, openDatabase, seedDirectory } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapPointsQuerySchema } from './map-data.routes.ts';

const FRANCE: [number, number, number, number] = [-5.5, 41.2, 9.8, 51.2];
let db: Db;
let index: ReturnType<typeof mapIndex>;
/** Every mappable site (no filter) in a view. */
const mapPoints = (_db: Db, bbox: MapBbox, zoom: number) => ({
  features: index.show('all', () => ({ ids: null, total: 0 }), bbox, zoom).features,
});
beforeAll(() => {
  db = openDatabase(':memory:');
  index = mapIndex(db);
  seedDirectory(db, new URL('../../../../../tests/fixtures/actors.yaml', import.meta.url).pathname);
});
afterAll(() => db.close());

describe('mapPoints', () => {
  it('never gives the exact point of a confidential site, only its commune centre', () => {
    const secret = db
      .prepare('SELECT lat, lng, public_lat, public_lng, id FROM sites WHERE confidential = 1 AND precision = ? LIMIT 1')
      .get('address') as { lat: number; lng: number; public_lat: number; public_lng: number; id: number } | undefined;
    expect(secret).toBeDefined();
    const all = JSON.stringify([mapPoints(db, FRANCE, 5), mapPoints(db, FRANCE, 16), mapPoints(db, [5, 48, 7, 50], 20)]);
    expect(all).not.toContain(String(secret?.lat));
    expect(all).not.toContain(String(secret?.lng));
    const atStreet = mapPoints(db, [5, 48, 7, 50], 20).features.find((f) => !f.properties.cluster && f.properties.site_id === secret?.id);
    expect(atStreet?.properties.confidential).toBe(true);
    expect(atStreet?.geometry.coordinates).toEqual([secret?.public_lng, secret?.public_lat]);
  });

  it('sees a new site at once', () => {
    const before = mapPoints(db, FRANCE, 20).features.length;
    const row = db.prepare('SELECT * FROM sites LIMIT 1').get() as Record<string, unknown>;
    db.prepare('INSERT INTO sites (actor_id, lat, lng, precision, public_lat, public_lng) VALUES (?, 47, 2, ?, 47, 2)').run(
      row.actor_id,
      'commune',
    );
    expect(mapPoints(db, FRANCE, 20).features.length).toBe(before + 1);
  });
});

describe('mapPoints sizes', () => {
  it('answers a wide box asked at street zoom as the zoom that fits it, not with every point', () => {
    const wide = mapPoints(db, FRANCE, 22);
    expect(wide).toEqual(mapPoints(db, FRANCE, 7));
  });
});

describe('GET /api/map/points query', () => {
  it('refuses a bbox that is not west,south,east,north, in French', () => {
    const bad = MapPointsQuerySchema.safeParse({ bbox: '2,49,3', zoom: '10' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/ouest,sud,est,nord/);
    expect(MapPointsQuerySchema.safeParse({ bbox: '2.33,48.84,2.37,48.86', zoom: '23' }).success).toBe(false);
    expect(MapPointsQuerySchema.parse({ bbox: '2.33,48.84,2.37,48.86', zoom: '14' })).toEqual({
      bbox: [2.33, 48.84, 2.37, 48.86],
      zoom: 14,
    });
  });
});
