// Plain planar geometry on [lng, lat] pairs. Départements are small enough that treating
// degrees as planar is accurate for containment and good enough for a label/centre point.

export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];
export type MultiPolygonCoords = PolygonCoords[];
export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** Signed area (shoelace); positive when the ring runs counter-clockwise. */
export function ringSignedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

/** Area-weighted centroid of a polygon's outer ring (holes are small and ignored). */
export function ringCentroid(ring: Ring): Position {
  let cx = 0;
  let cy = 0;
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    const cross = a[0] * b[1] - b[0] * a[1];
    area += cross;
    cx += (a[0] + b[0]) * cross;
    cy += (a[1] + b[1]) * cross;
  }
  if (area === 0) return ring[0] ?? [0, 0];
  return [cx / (3 * area), cy / (3 * area)];
}

export function pointInRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(lng: number, lat: number, polygon: PolygonCoords): boolean {
  const [outer, ...holes] = polygon;
  if (outer === undefined || !pointInRing(lng, lat, outer)) return false;
  return !holes.some((hole) => pointInRing(lng, lat, hole));
}

export function pointInMultiPolygon(lng: number, lat: number, polygons: MultiPolygonCoords): boolean {
  return polygons.some((polygon) => pointInPolygon(lng, lat, polygon));
}

export function bboxOf(polygons: MultiPolygonCoords): BBox {
  let minLng = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLng = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const polygon of polygons) {
    for (const [lng, lat] of polygon[0] ?? []) {
      if (lng < minLng) minLng = lng;
      if (lng > maxLng) maxLng = lng;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return [minLng, minLat, maxLng, maxLat];
}

/**
 * Squared distance in "locally flat kilometres" from a point to the nearest edge of the
 * polygons. Used only to forgive coastal points that the simplified outline leaves just
 * offshore, so the longitude scale at the point's latitude is accurate enough.
 */
export function distanceToMultiPolygonKm(lng: number, lat: number, polygons: MultiPolygonCoords): number {
  const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
  const ky = 110.57;
  let best = Number.POSITIVE_INFINITY;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [ax, ay] = ring[j] as Position;
        const [bx, by] = ring[i] as Position;
        const x1 = (ax - lng) * kx;
        const y1 = (ay - lat) * ky;
        const dx = (bx - ax) * kx;
        const dy = (by - ay) * ky;
        const len = dx * dx + dy * dy;
        const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / len));
        const px = x1 + t * dx;
        const py = y1 + t * dy;
        const d = px * px + py * py;
        if (d < best) best = d;
      }
    }
  }
  return Math.sqrt(best);
}
