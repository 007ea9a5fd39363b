import type { ActorListItem } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import { clusterRadius } from './layers.ts';
import { METROPOLE_BBOX } from './map-areas.ts';
import { actorSites, type MapPointsAnswer, markersToGeoJson, resultsToGeoJson, viewForResults } from './map-data.ts';

function actor(
  id: number,
  scope: 'national' | 'departements',
  sites: { lat: number; lng: number; confidential?: boolean }[],
): ActorListItem {
  return {
    id,
    slug: `acteur-${id}`,
    name: `Acteur ${id}`,
    type: 'association',
    description: '',
    publics: ['jeunes'],
    actions: ['ecoute'],
    territory: { scope, regions: [], departements: [], communes: [] },
    languages: ['fr'],
    accepts_contact_requests: false,
    sites: sites.map((s, i) => ({
      id: id * 10 + i,
      confidential: s.confidential ?? false,
      label: null,
      address: null,
      postcode: null,
      commune: { code: '57672', name: 'Thionville' },
      departement: { code: '57', name: 'Moselle' },
      lat: s.lat,
      lng: s.lng,
      precision: s.confidential ? 'commune' : 'address',
      opening_hours: null,
      temporary_closures: [],
      accessibility: null,
    })),
    contacts: [],
    provenance: { source_url: null, last_verified_at: null, verified_by: null },
    updated_at: '2026-01-01',
  };
}

describe('map data from the results', () => {
  it('national actors stay off the map', () => {
    const geo = resultsToGeoJson([
      actor(1, 'national', [{ lat: 48.85, lng: 2.35 }]),
      actor(2, 'departements', [{ lat: 49.12, lng: 6.17 }]),
    ]);
    expect(geo.sites.features.map((f) => f.properties.actorId)).toEqual([2]);
  });

  it('a confidential site goes to its own layer, never among the precise pins', () => {
    const geo = resultsToGeoJson([
      actor(3, 'departements', [
        { lat: 49.36, lng: 6.16, confidential: true },
        { lat: 49.12, lng: 6.17 },
      ]),
    ]);
    expect(geo.confidential.features).toHaveLength(1);
    expect(geo.confidential.features[0]?.properties.confidential).toBe(true);
    expect(geo.sites.features).toHaveLength(1);
    expect(geo.sites.features[0]?.properties.confidential).toBe(false);
  });

  it('the highlighted actor brings all its sites', () => {
    const items = [
      actor(4, 'departements', [
        { lat: 49.36, lng: 6.16 },
        { lat: 49.12, lng: 6.17 },
      ]),
    ];
    expect(actorSites(items, 4).features).toHaveLength(2);
    expect(actorSites(items, null).features).toHaveLength(0);
  });

  it('results from the mainland and overseas frame the mainland, not the whole world', () => {
    const geo = resultsToGeoJson([
      actor(5, 'departements', [
        { lat: 49.12, lng: 6.17 },
        { lat: 43.6, lng: 1.44 },
      ]),
      actor(6, 'departements', [{ lat: -21.1, lng: 55.5 }]),
    ]);
    const [[w, s], [e, n]] = viewForResults(null, geo);
    expect(w).toBeCloseTo(1.44);
    expect(e).toBeCloseTo(6.17);
    expect(s).toBeCloseTo(43.6);
    expect(n).toBeCloseTo(49.12);
  });

  it('with no marker the map shows the mainland; with a place, the search circle', () => {
    expect(viewForResults(null, resultsToGeoJson([]))).toEqual(METROPOLE_BBOX);
    const [[w], [e]] = viewForResults(
      { kind: 'commune', name: 'Thionville', departement: '57', lat: 49.36, lng: 6.16, radius_km: 30 },
      resultsToGeoJson([]),
    );
    expect(e - w).toBeGreaterThan(0.7);
    expect(e - w).toBeLessThan(1);
  });
});

describe('the search map’s markers from the server', () => {
  const cluster = (lng: number, lat: number, count: number, confidential: boolean) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [lng, lat] as [number, number] },
    properties: { cluster: true as const, count, confidential, expansion_zoom: 10 },
  });
  const answer = (features: ReturnType<typeof cluster>[]) =>
    ({ type: 'FeatureCollection', features, total: 0, actors: 0, bounds: null }) as unknown as MapPointsAnswer;
  /** Pixels between two points at `zoom` (Web Mercator, 256 px tiles). */
  const px = (a: number[], b: number[], zoom: number) => {
    const w = 256 * 2 ** zoom;
    const y = (lat: number) =>
      (0.5 - Math.log((1 + Math.sin((lat * Math.PI) / 180)) / (1 - Math.sin((lat * Math.PI) / 180))) / (4 * Math.PI)) * w;
    return Math.hypot((((a[0] as number) - (b[0] as number)) / 360) * w, y(a[1] as number) - y(b[1] as number));
  };

  it('moves a confidential cluster off a public one it would hide, and leaves the others where they are', () => {
    const zoom = 8;
    const given = answer([
      cluster(6.17, 49.36, 201, false),
      cluster(6.168, 49.361, 8, true), // on the public cluster: « 8 » over « 201 »
      cluster(6.17, 49.36, 3, true), // exactly on it
      cluster(7.5, 48.6, 4, true), // far from any: unmoved
    ]);
    const [pub, near, same, far] = markersToGeoJson(given, [], zoom).sites.features.map((f) => f.geometry.coordinates);
    expect(pub).toEqual([6.17, 49.36]);
    const clear = clusterRadius(201) + clusterRadius(8);
    expect(px(near as number[], pub as number[], zoom)).toBeGreaterThanOrEqual(clear);
    expect(px(same as number[], pub as number[], zoom)).toBeGreaterThanOrEqual(clear);
    // Moved no further than needed: still next to the public cluster.
    expect(px(near as number[], pub as number[], zoom)).toBeLessThan(clear + 4);
    // Up and to the right when they coincide.
    expect((same as number[])[0]).toBeGreaterThan(6.17);
    expect((same as number[])[1]).toBeGreaterThan(49.36);
    expect(far).toEqual([7.5, 48.6]);
    // Without the zoom nothing moves.
    expect(markersToGeoJson(given, []).sites.features[1]?.geometry.coordinates).toEqual([6.168, 49.361]);
  });
});
