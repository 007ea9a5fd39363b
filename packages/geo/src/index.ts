export {
  BASE_MAP_LAYERS,
  type BaseMapStyleOptions,
  buildBaseMapStyle,
  LABEL_FONT,
  LABEL_FONT_BOLD,
  MAP_ATTRIBUTION,
  MAP_FILES,
  type MapFileName,
  METROPOLE_BBOX,
  OVERSEAS_VIEWS,
  type OverseasView,
} from './base-map.ts';
export { distanceKm, type LatLng } from './distance.ts';
export type { BBox } from './geometry.ts';
export { departementBbox, type Located, locate } from './locate.ts';
export { getMapFile } from './map-files.ts';
export { foldPlaceName, normalizePlaceName, stripLeadingArticle } from './normalize.ts';
export {
  type Commune,
  type Departement,
  departementOfCommuneCode,
  getCommune,
  getCommunesByPostcode,
  getDepartement,
  getRegion,
  listCommunes,
  listDepartements,
  listRegions,
  type PostcodeOptions,
  type Precision,
  type Region,
  resolveCommune,
} from './referential.ts';
export { searchTerritories, type TerritoryHit, type TerritoryKind, warmUpSearch } from './search.ts';
export { lowerBound } from './sorted.ts';
