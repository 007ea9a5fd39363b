import type { ActorListItem } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import { METROPOLE_BBOX } from './map-areas.ts';
import { actorSites, resultsToGeoJson, viewForResults } from './map-data.ts';

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
