/**
 * Where the « Aller à » buttons take the map: mainland France and the five overseas
 * départements. Copied as constants on purpose (like `METROPOLE_BBOX`/`OVERSEAS_VIEWS` in
 * @pare/geo): importing @pare/geo in the browser would bring its large referential JSON files.
 * Bounding boxes are [[west, south], [east, north]] in degrees (WGS 84).
 */
export type Bbox = [[number, number], [number, number]];

export const MAP_AREAS = {
  metropole: [
    [-5.3, 41.3],
    [9.7, 51.2],
  ],
  guadeloupe: [
    [-61.85, 15.8],
    [-60.95, 16.55],
  ],
  martinique: [
    [-61.25, 14.38],
    [-60.8, 14.9],
  ],
  guyane: [
    [-54.65, 2.1],
    [-51.6, 5.8],
  ],
  reunion: [
    [55.2, -21.42],
    [55.86, -20.85],
  ],
  mayotte: [
    [44.95, -13.05],
    [45.32, -12.62],
  ],
} as const satisfies Record<string, Bbox>;

export type MapArea = keyof typeof MAP_AREAS;
export const MAP_AREA_ORDER: readonly MapArea[] = ['metropole', 'guadeloupe', 'martinique', 'guyane', 'reunion', 'mayotte'];

export const METROPOLE_BBOX: Bbox = MAP_AREAS.metropole;

export function bboxContains(b: Bbox, lng: number, lat: number): boolean {
  return lng >= b[0][0] && lng <= b[1][0] && lat >= b[0][1] && lat <= b[1][1];
}
