/** Turns a page of search results into the map's GeoJSON. Pure functions, tested in map-data.test.ts. */
import type { ActorListItem, SearchActorsResponse } from '@pare/schema';
import type { InferResponseType } from 'hono/client';
import type { client } from '../../lib/client.ts';
import { clusterRadius, SITE_RADIUS } from './layers.ts';
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

// ---------------------------------------------------------------------------------------------
// The search page's map: every result, clustered by the server per viewport (GET /api/map/points).
// ---------------------------------------------------------------------------------------------

/** The answer of `GET /api/map/points` (apps/api/src/routes/map-data), as the API's route declares it. */
export type MapPointsAnswer = InferResponseType<typeof client.map.points.$get, 200>;

/** A marker of the search map: a cluster (count, zoom that opens it) or one site of an actor. */
export type MarkerProps = {
  cluster: boolean;
  count: number;
  expansionZoom: number;
  confidential: boolean;
  siteId: number | null;
  /** The actor's id when it is on the list's current page (hover and selection link both). */
  actorId: number | null;
  slug: string | null;
  name: string | null;
};

/** Web-Mercator pixels at `zoom` (256 px tiles) and back. */
const worldPx = (zoom: number) => 256 * 2 ** zoom;
function toPx([lng, lat]: [number, number], zoom: number): [number, number] {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [((lng + 180) / 360) * worldPx(zoom), (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * worldPx(zoom)];
}
function fromPx([x, y]: [number, number], zoom: number): [number, number] {
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / worldPx(zoom)))) * 180) / Math.PI;
  return [(x / worldPx(zoom)) * 360 - 180, lat];
}

/**
 * The server clusters confidential sites apart from precise ones, so in one place a red cluster
 * can sit on a blue one and hide its count (« 8 » over « 201 » read « 8 » and « 01 »). Each
 * confidential cluster that would overlap a public marker at `zoom` (the zoom the answer was made
 * for: the map shows it at that zoom or closer, where markers are further apart) is moved just
 * clear of it, away from it (up and to the right when they coincide). A cluster stands for sites
 * in a 64 px cell around it, at their commune's centre: a few pixels change nothing it says.
 */
function clearOfPublic(sites: PointFeature<MarkerProps>[], zoom: number): void {
  const gap = 2;
  const publicMarkers = sites
    .filter((f) => !f.properties.confidential)
    .map((f) => ({ at: toPx(f.geometry.coordinates, zoom), r: f.properties.cluster ? clusterRadius(f.properties.count) : SITE_RADIUS }));
  for (const f of sites) {
    if (!f.properties.cluster || !f.properties.confidential) continue;
    const r = clusterRadius(f.properties.count);
    let at = toPx(f.geometry.coordinates, zoom);
    let moved = false;
    // A few rounds: moved clear of one marker, it may meet another.
    for (let round = 0; round < 4; round++) {
      const hit = publicMarkers.find((m) => Math.hypot(at[0] - m.at[0], at[1] - m.at[1]) < r + m.r + gap);
      if (!hit) break;
      let dx = at[0] - hit.at[0];
      let dy = at[1] - hit.at[1];
      const d = Math.hypot(dx, dy);
      if (d < 0.5) [dx, dy] = [Math.SQRT1_2, -Math.SQRT1_2];
      else [dx, dy] = [dx / d, dy / d];
      const away = r + hit.r + gap;
      at = [hit.at[0] + dx * away, hit.at[1] + dy * away];
      moved = true;
    }
    if (moved) f.geometry = { type: 'Point', coordinates: fromPx(at, zoom) };
  }
}

/**
 * The server's features as the map's sources: clusters and precise sites in one, confidential
 * sites (drawn as a large circle at their commune's centre) in the other. `zoom`: the zoom the
 * answer was asked for, to move a confidential cluster off a public marker (`clearOfPublic`).
 */
export function markersToGeoJson(
  answer: MapPointsAnswer,
  items: readonly ActorListItem[],
  zoom?: number,
): { sites: Collection<PointFeature<MarkerProps>>; confidential: Collection<PointFeature<MarkerProps>> } {
  const idBySlug = new Map(items.map((a) => [a.slug, a.id]));
  const sites: PointFeature<MarkerProps>[] = [];
  const confidential: PointFeature<MarkerProps>[] = [];
  for (const f of answer.features) {
    const p = f.properties;
    const props: MarkerProps = p.cluster
      ? {
          cluster: true,
          count: p.count,
          expansionZoom: p.expansion_zoom,
          confidential: p.confidential,
          siteId: null,
          actorId: null,
          slug: null,
          name: null,
        }
      : {
          cluster: false,
          count: 1,
          expansionZoom: 0,
          confidential: p.confidential,
          siteId: p.site_id,
          actorId: idBySlug.get(p.actor) ?? null,
          slug: p.actor,
          name: p.name,
        };
    const feature: PointFeature<MarkerProps> = { type: 'Feature', geometry: f.geometry, properties: props };
    if (p.cluster) feature.id = undefined;
    else feature.id = p.site_id;
    (!p.cluster && p.confidential ? confidential : sites).push(feature);
  }
  if (zoom !== undefined) clearOfPublic(sites, zoom);
  return { sites: { type: 'FeatureCollection', features: sites }, confidential: { type: 'FeatureCollection', features: confidential } };
}

/** Where a new search's map goes: its circle around a place, else around every result (mainland France when they spread overseas). */
export function viewForAnswer(place: SearchActorsResponse['place'], bounds: MapPointsAnswer['bounds']): Bbox {
  if (place) return viewForResults(place, resultsToGeoJson([]));
  if (!bounds) return METROPOLE_BBOX;
  const [w, s, e, n] = bounds;
  if (e - w > 20) {
    const mainland = bboxContains(METROPOLE_BBOX, w, s) || bboxContains(METROPOLE_BBOX, e, n);
    return mainland
      ? METROPOLE_BBOX
      : [
          [w, s],
          [e, n],
        ];
  }
  return [
    [w, s],
    [e, n],
  ];
}

/**
 * The box asked of the server for a view: the visible area and a margin (markers just off screen
 * appear while panning), the margin kept small enough that the server answers at the same zoom.
 */
export function requestBox(bounds: Bbox, widthPx: number): string {
  const [[w, s], [e, n]] = bounds;
  const margin = Math.max(0, Math.min(0.15, (1500 / Math.max(1, widthPx) - 1) / 2));
  const dx = (e - w) * margin;
  const dy = (n - s) * margin;
  const r = (v: number) => Math.round(v * 1e4) / 1e4;
  return [Math.max(-180, w - dx), Math.max(-85, s - dy), Math.min(180, e + dx), Math.min(85, n + dy)].map(r).join(',');
}

/** Distance in km (great circle, rounded to 0.1) from a search's place to a marker. */
export function distanceFrom(place: NonNullable<SearchActorsResponse['place']>, [lng, lat]: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (lat - place.lat) * rad;
  const dLng = (lng - place.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(place.lat * rad) * Math.cos(lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h))) * 10) / 10;
}
