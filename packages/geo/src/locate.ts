import { lazy, readGeoJson } from './data-files.ts';
import {
  type BBox,
  bboxOf,
  distanceToMultiPolygonKm,
  type MultiPolygonCoords,
  type PolygonCoords,
  pointInMultiPolygon,
} from './geometry.ts';
import { getRegion, loadReferential } from './referential.ts';

export type Located = {
  departement: { code: string; name: string };
  region: { code: string; name: string };
};

type DepartementFeature = {
  properties: { code: string; name: string; region: string };
  geometry: { type: 'Polygon'; coordinates: PolygonCoords } | { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
};
type Shape = { code: string; polygons: MultiPolygonCoords; bbox: BBox };

// Outlines are rounded to ~100 m and Natural Earth's coast is itself generalised, so a
// harbour or a beach can fall just offshore; within this distance of a département's edge
// the point is still taken as in it. Open sea and neighbouring countries are much further.
const COAST_TOLERANCE_KM = 3;
const TOLERANCE_DEG = 0.05;

const loadShapes = lazy((): Shape[] =>
  readGeoJson<{ features: DepartementFeature[] }>('departements.geojson').features.map((feature) => {
    const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    return { code: feature.properties.code, polygons, bbox: bboxOf(polygons) };
  }),
);

const inBBox = (bbox: BBox, lng: number, lat: number, margin: number): boolean =>
  lng >= bbox[0] - margin && lng <= bbox[2] + margin && lat >= bbox[1] - margin && lat <= bbox[3] + margin;

/**
 * The box around a département's outline (west, south, east, north), for a map to frame it;
 * undefined for a code the outlines do not hold.
 */
export function departementBbox(code: string): BBox | undefined {
  const bbox = loadShapes().find((s) => s.code === code)?.bbox;
  return bbox ? [...bbox] : undefined;
}

/** The département and région containing a point; undefined at sea or abroad. */
export function locate(lat: number, lng: number): Located | undefined {
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return undefined;
  const shapes = loadShapes();
  let code = shapes.find((s) => inBBox(s.bbox, lng, lat, 0) && pointInMultiPolygon(lng, lat, s.polygons))?.code;
  if (code === undefined) {
    let best = COAST_TOLERANCE_KM;
    for (const shape of shapes) {
      if (!inBBox(shape.bbox, lng, lat, TOLERANCE_DEG)) continue;
      const distance = distanceToMultiPolygonKm(lng, lat, shape.polygons);
      if (distance <= best) {
        best = distance;
        code = shape.code;
      }
    }
  }
  if (code === undefined) return undefined;
  const departement = loadReferential().departementByCode.get(code);
  const region = departement === undefined ? undefined : getRegion(departement.region);
  if (departement === undefined || region === undefined) return undefined;
  return {
    departement: { code: departement.code, name: departement.name },
    region: { code: region.code, name: region.name },
  };
}
