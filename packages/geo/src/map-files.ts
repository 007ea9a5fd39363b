import { MAP_FILES, type MapFileName } from './base-map.ts';
import { lazy, readGeoDataFile } from './data-files.ts';

const isMapFile = (name: string): name is MapFileName => (MAP_FILES as readonly string[]).includes(name);

const cache = new Map<MapFileName, () => Buffer>(MAP_FILES.map((name) => [name, lazy(() => readGeoDataFile(name))]));

/**
 * The bytes of a GeoJSON file the base map style points at ("departements.geojson",
 * "regions.geojson", "labels.geojson"), read once; undefined for any other name, so a
 * route can pass a URL segment straight in without opening a path traversal.
 */
export function getMapFile(name: string): Buffer | undefined {
  return isMapFile(name) ? cache.get(name)?.() : undefined;
}
