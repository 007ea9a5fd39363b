/**
 * The map's sources and layers as typed constants, kept out of JSX (react-map-gl style).
 * Markers: precise public sites (clustered by MapLibre's GeoJSON source), confidential sites
 * (a large translucent circle at the commune's centre, never clustered with precise pins so it
 * is never mistaken for one), the highlighted actor's sites, and the search area.
 */
import type { CircleLayerSpecification, FillLayerSpecification, LineLayerSpecification, StyleSpecification } from 'maplibre-gl';

export const SOURCE_SITES = 'pare-sites';
export const SOURCE_CONFIDENTIAL = 'pare-confidential';
export const SOURCE_HIGHLIGHT = 'pare-highlight';
export const SOURCE_AREA = 'pare-search-area';

export const COLORS = {
  site: '#0b57d0',
  cluster: '#0b3d91',
  confidential: '#a4262c',
  highlight: '#e8710a',
  area: '#0b57d0',
  stroke: '#ffffff',
} as const;

/** Clustering options of the sites source (MapLibre runs supercluster in its worker). */
export const CLUSTER_OPTIONS = { cluster: true, clusterRadius: 44, clusterMaxZoom: 12 } as const;

export const searchAreaFill: FillLayerSpecification = {
  id: 'pare-search-area-fill',
  type: 'fill',
  source: SOURCE_AREA,
  paint: { 'fill-color': COLORS.area, 'fill-opacity': 0.05 },
};

export const searchAreaLine: LineLayerSpecification = {
  id: 'pare-search-area-line',
  type: 'line',
  source: SOURCE_AREA,
  paint: { 'line-color': COLORS.area, 'line-width': 1.5, 'line-dasharray': [2, 2], 'line-opacity': 0.7 },
};

export const confidentialCircles: CircleLayerSpecification = {
  id: 'pare-confidential',
  type: 'circle',
  source: SOURCE_CONFIDENTIAL,
  paint: {
    // Big enough to read as « somewhere in this commune », whatever the zoom.
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 16, 10, 28, 14, 40],
    'circle-color': COLORS.confidential,
    'circle-opacity': 0.16,
    'circle-stroke-color': COLORS.confidential,
    'circle-stroke-width': 2,
    'circle-stroke-opacity': 0.85,
  },
};

/** A cluster: MapLibre's own (an actor page's few sites) or the server's (the search map). */
const IS_CLUSTER = ['any', ['has', 'point_count'], ['==', ['get', 'cluster'], true]] as const;

/** A cluster's radius in pixels by its count: below 10, 50, 500 and above (the layer and `markersToGeoJson`). */
export const CLUSTER_RADII = [
  [10, 14],
  [50, 18],
  [500, 24],
  [Number.POSITIVE_INFINITY, 30],
] as const;
/** A precise site's pin, in pixels (with its white ring). */
export const SITE_RADIUS = 9;
export const clusterRadius = (count: number): number => (CLUSTER_RADII.find(([below]) => count < below) ?? CLUSTER_RADII[3])[1];

export const clusterCircles: CircleLayerSpecification = {
  id: 'pare-clusters',
  type: 'circle',
  source: SOURCE_SITES,
  filter: IS_CLUSTER as unknown as CircleLayerSpecification['filter'],
  paint: {
    // Confidential sites are clustered apart by the server: their clusters keep their colour.
    'circle-color': ['case', ['==', ['get', 'confidential'], true], COLORS.confidential, COLORS.cluster],
    'circle-radius': [
      'step',
      ['coalesce', ['get', 'point_count'], ['get', 'count'], 1],
      CLUSTER_RADII[0][1],
      CLUSTER_RADII[0][0],
      CLUSTER_RADII[1][1],
      CLUSTER_RADII[1][0],
      CLUSTER_RADII[2][1],
      CLUSTER_RADII[2][0],
      CLUSTER_RADII[3][1],
    ],
    'circle-stroke-color': COLORS.stroke,
    'circle-stroke-width': 2,
  },
};

export const sitePoints: CircleLayerSpecification = {
  id: 'pare-sites',
  type: 'circle',
  source: SOURCE_SITES,
  filter: ['!', IS_CLUSTER] as unknown as CircleLayerSpecification['filter'],
  paint: {
    'circle-color': COLORS.site,
    'circle-radius': 7,
    'circle-stroke-color': COLORS.stroke,
    'circle-stroke-width': 2,
  },
};

export const highlightPoints: CircleLayerSpecification = {
  id: 'pare-highlight',
  type: 'circle',
  source: SOURCE_HIGHLIGHT,
  paint: {
    'circle-color': COLORS.highlight,
    'circle-radius': ['case', ['get', 'confidential'], 14, 10],
    'circle-opacity': ['case', ['get', 'confidential'], 0.5, 1],
    'circle-stroke-color': '#000000',
    'circle-stroke-width': 2,
  },
};

/**
 * Bottom to top. The translucent « adresse confidentielle » circle is drawn above the public pins
 * and clusters: they show through it, and no cluster ever hides it.
 */
export const RESULT_LAYERS = [searchAreaFill, searchAreaLine, clusterCircles, sitePoints, confidentialCircles, highlightPoints] as const;

/** Layers a pointer can hover or click. */
export const INTERACTIVE_LAYER_IDS = [sitePoints.id, confidentialCircles.id, clusterCircles.id] as const;

/** Used until the embedded base map (`/api/map/style.json`) is served: a plain background, no outside URL. */
export const FALLBACK_STYLE: StyleSpecification = {
  version: 8,
  name: 'PARÉ — fond neutre',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e9eef2' } }],
};
