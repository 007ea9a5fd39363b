/** Turns a page of search results into the map's GeoJSON. Pure functions, tested in map-data.test.ts. */
import type { ActorListItem, SearchActorsResponse } from '@pare/schema';
import { type Bbox, bboxContains, METROPOLE_BBOX } from './map-areas.ts';

export type SiteProps = { actorId: number; siteId: number; name: string; confidential: boolean; commune: string | null };
export type PointFeature<P> = { type: 'Feature'; id?: number; geometry: { type: 'Point'; coordinates: [number, number] }; properties: P };
export type PolygonFeature = {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
  properties: Record<string, never>;
};
export type Collection<F> = { type: 'FeatureCollection'; features: F[] };

export type ResultGeoJson = {
  sites: Collection<PointFeature<SiteProps>>;
  confidential: Collection<PointFeature<SiteProps>>;
};

/** National actors (helplines, national associations) are everywhere: they stay in the list only. */
export function isNationalActor(a: Pick<ActorListItem, 'territory'>): boolean {
  return a.territory.scope === 'national';
}

function siteFeature(actor: ActorListItem, site: ActorListItem['sites'][number]): PointFeature<SiteProps> {
  return {
    type: 'Feature',
    id: site.id,
    geometry: { type: 'Point', coordinates: [site.lng, site.lat] },
    properties: {
      actorId: actor.id,
      siteId: site.id,
      name: actor.name,
      confidential: site.confidential,
      commune: site.commune?.name ?? null,
    },
  };
}

/**
 * Precise public sites and confidential sites go to separate sources: a confidential site is only
 * ever drawn at its commune's centre as a large circle, never as a pin and never inside a cluster.
 */
export function resultsToGeoJson(items: readonly ActorListItem[]): ResultGeoJson {
  const sites: PointFeature<SiteProps>[] = [];
  const confidential: PointFeature<SiteProps>[] = [];
  for (const actor of items) {
    if (isNationalActor(actor)) continue;
    for (const site of actor.sites) {
      if (!Number.isFinite(site.lat) || !Number.isFinite(site.lng)) continue;
      (site.confidential ? confidential : sites).push(siteFeature(actor, site));
    }
  }
  return { sites: { type: 'FeatureCollection', features: sites }, confidential: { type: 'FeatureCollection', features: confidential } };
}

/** One actor's sites, for the highlight layer. */
export function actorSites(items: readonly ActorListItem[], actorId: number | null): Collection<PointFeature<SiteProps>> {
  const actor = actorId === null ? undefined : items.find((a) => a.id === actorId);
  const features = actor && !isNationalActor(actor) ? actor.sites.map((s) => siteFeature(actor, s)) : [];
  return { type: 'FeatureCollection', features };
}

/** A circle of `radiusKm` around a point, as a polygon (64 vertices is smooth enough on screen). */
export function circlePolygon(lat: number, lng: number, radiusKm: number, steps = 64): PolygonFeature {
  const ring: [number, number][] = [];
  const dLat = radiusKm / 111.2;
  const dLng = radiusKm / (111.2 * Math.max(0.05, Math.cos((lat * Math.PI) / 180)));
  for (let i = 0; i <= steps; i++) {
    const t = (i / steps) * 2 * Math.PI;
    ring.push([lng + dLng * Math.cos(t), lat + dLat * Math.sin(t)]);
  }
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: {} };
}

export function searchArea(place: SearchActorsResponse['place']): Collection<PolygonFeature> {
  return { type: 'FeatureCollection', features: place ? [circlePolygon(place.lat, place.lng, place.radius_km)] : [] };
}

function boundsOf(points: readonly [number, number][]): Bbox | null {
  const first = points[0];
  if (!first) return null;
  let [w, s] = first;
  let [e, n] = first;
  for (const [lng, lat] of points) {
    w = Math.min(w, lng);
    e = Math.max(e, lng);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return [
    [w, s],
    [e, n],
  ];
}

/**
 * What the map should show for a result page: the search circle around a place; otherwise the
 * markers, but mainland France when they spread from the mainland to overseas (a world view helps nobody).
 */
export function viewForResults(place: SearchActorsResponse['place'], geo: ResultGeoJson): Bbox {
  if (place) return boundsOf(circlePolygon(place.lat, place.lng, place.radius_km, 16).geometry.coordinates[0] ?? []) ?? METROPOLE_BBOX;
  const points = [...geo.sites.features, ...geo.confidential.features].map((f) => f.geometry.coordinates);
  const bounds = boundsOf(points);
  if (!bounds) return METROPOLE_BBOX;
  const spread = bounds[1][0] - bounds[0][0];
  if (spread > 20) {
    const mainland = points.filter(([lng, lat]) => bboxContains(METROPOLE_BBOX, lng, lat));
    return boundsOf(mainland) ?? bounds;
  }
  return bounds;
}
