// The embedded base map: a MapLibre style whose every source is served by the PARÉ API, so
// the map works with no tile server, no font server and no third-party host.
//
// Browser-safe (no Node import): the web client can import it from '@pare/geo/map'.
//
// Labels are symbol layers without a `glyphs` URL. Since MapLibre GL JS 5.11 such a style is
// rendered with local fonts (TinySDF draws each glyph in the browser, text-font being read
// as a CSS font-family list), so no glyph PBF needs to be fetched, vendored or licensed.
// MapLibre Native does not support that; a client that cannot draw them can pass
// `labels: false` and place labels.geojson points as HTML markers instead.
import type { BBox } from './geometry.ts';

export const MAP_FILES = ['departements.geojson', 'regions.geojson', 'labels.geojson'] as const;
export type MapFileName = (typeof MAP_FILES)[number];

export const MAP_ATTRIBUTION = '© INSEE, La Poste, Etalab (Licence Ouverte 2.0) · GeoNames (CC BY 4.0) · Natural Earth';

/** [west, south, east, north] of metropolitan France, Corsica included. */
export const METROPOLE_BBOX: BBox = [-5.3, 41.3, 9.7, 51.2];

export type OverseasView = { departement: string; name: string; bbox: BBox };

/** One view per overseas département, for insets or "go to" buttons (bbox padded a little). */
export const OVERSEAS_VIEWS: readonly OverseasView[] = [
  { departement: '971', name: 'Guadeloupe', bbox: [-61.9, 15.8, -60.9, 16.6] },
  { departement: '972', name: 'Martinique', bbox: [-61.3, 14.35, -60.75, 14.93] },
  { departement: '973', name: 'Guyane', bbox: [-54.7, 2.0, -51.5, 5.85] },
  { departement: '974', name: 'La Réunion', bbox: [55.15, -21.45, 55.93, -20.8] },
  { departement: '976', name: 'Mayotte', bbox: [44.98, -13.05, 45.35, -12.6] },
];

/** Layer ids, for `interactiveLayerIds` and for inserting actor layers below the labels. */
export const BASE_MAP_LAYERS = {
  background: 'background',
  departementFill: 'departements-fill',
  departementLine: 'departements-line',
  regionLine: 'regions-line',
  regionLabel: 'regions-label',
  departementLabel: 'departements-label',
  prefectureDot: 'prefectures-dot',
  prefectureLabel: 'prefectures-label',
} as const;

/** First font the browser has wins; Marianne is the State's typeface when the page loads it. */
export const LABEL_FONT = ['Marianne', 'Arial', 'Helvetica', 'sans-serif'];
export const LABEL_FONT_BOLD = ['Marianne Bold', 'Marianne', 'Arial', 'Helvetica', 'sans-serif'];

const COLORS = {
  // There is no sea/land data outside France: a neutral "elsewhere" tone avoids painting
  // Germany or Switzerland as water.
  elsewhere: '#e9ebee',
  land: '#f9f8f6',
  highlight: '#cacafb',
  departementLine: '#b7b7b7',
  regionLine: '#6a6a6a',
  text: '#3a3a3a',
  halo: '#ffffff',
};

export type BaseMapStyleOptions = {
  /** Where the API is reached from the browser, e.g. "https://pare.example.fr" (no trailing slash needed). */
  origin: string;
  /** false: no symbol layers, the client draws labels.geojson itself. Default true. */
  labels?: boolean;
};

/**
 * A MapLibre style (version 8) drawing départements and régions from the API's GeoJSON.
 * Département features have ids from their `code` (promoteId), so the client can colour
 * them with feature-state (e.g. départements lacking actors) without another source.
 */
export function buildBaseMapStyle(options: BaseMapStyleOptions): Record<string, unknown> {
  const origin = options.origin.replace(/\/+$/, '');
  const url = (file: MapFileName): string => `${origin}/api/map/${file}`;
  const layers: Record<string, unknown>[] = [
    { id: BASE_MAP_LAYERS.background, type: 'background', paint: { 'background-color': COLORS.elsewhere } },
    {
      id: BASE_MAP_LAYERS.departementFill,
      type: 'fill',
      source: 'departements',
      paint: {
        'fill-color': ['case', ['boolean', ['feature-state', 'highlight'], false], COLORS.highlight, COLORS.land],
        'fill-antialias': true,
      },
    },
    {
      id: BASE_MAP_LAYERS.departementLine,
      type: 'line',
      source: 'departements',
      paint: { 'line-color': COLORS.departementLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.4, 8, 1.2] },
    },
    {
      id: BASE_MAP_LAYERS.regionLine,
      type: 'line',
      source: 'regions',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.regionLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.9, 8, 2.2] },
    },
  ];
  if (options.labels !== false) {
    const textPaint = { 'text-color': COLORS.text, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.4 };
    /** A layer drawing the labels.geojson points of one kind, from or up to a zoom. */
    const labelsOf = (kind: string, id: string, zoom: { minzoom: number } | { maxzoom: number }, drawn: Record<string, unknown>) => ({
      id,
      type: drawn.layout ? 'symbol' : 'circle',
      source: 'labels',
      filter: ['==', ['get', 'kind'], kind],
      ...zoom,
      ...drawn,
    });
    /** A symbol layout writing each point's name. */
    const nameLayout = (font: typeof LABEL_FONT, size: number, more: Record<string, unknown>) => ({
      'text-field': ['get', 'name'],
      'text-font': font,
      'text-size': size,
      ...more,
    });
    layers.push(
      labelsOf(
        'region',
        BASE_MAP_LAYERS.regionLabel,
        { maxzoom: 6.5 },
        {
          layout: nameLayout(LABEL_FONT_BOLD, 13, { 'text-transform': 'uppercase', 'text-letter-spacing': 0.05, 'text-max-width': 8 }),
          paint: textPaint,
        },
      ),
      labelsOf(
        'departement',
        BASE_MAP_LAYERS.departementLabel,
        { minzoom: 6.5 },
        {
          layout: {
            'text-field': ['format', ['get', 'name'], {}, '\n', {}, ['get', 'code'], { 'font-scale': 0.85 }],
            'text-font': LABEL_FONT,
            'text-size': 12,
            'text-max-width': 8,
          },
          paint: textPaint,
        },
      ),
      labelsOf(
        'prefecture',
        BASE_MAP_LAYERS.prefectureDot,
        { minzoom: 7.5 },
        {
          paint: { 'circle-radius': 2.5, 'circle-color': COLORS.text, 'circle-stroke-color': COLORS.halo, 'circle-stroke-width': 1 },
        },
      ),
      labelsOf(
        'prefecture',
        BASE_MAP_LAYERS.prefectureLabel,
        { minzoom: 7.5 },
        {
          layout: nameLayout(LABEL_FONT, 11, { 'text-anchor': 'top', 'text-offset': [0, 0.4] }),
          paint: textPaint,
        },
      ),
    );
  }
  return {
    version: 8,
    name: 'PARÉ — fond de carte des territoires',
    // Deliberately no `glyphs` and no `sprite`: see the comment at the top of this file.
    center: [2.4, 46.6],
    zoom: 4.6,
    sources: {
      departements: { type: 'geojson', data: url('departements.geojson'), promoteId: 'code', attribution: MAP_ATTRIBUTION },
      regions: { type: 'geojson', data: url('regions.geojson') },
      labels: { type: 'geojson', data: url('labels.geojson') },
    },
    layers,
  };
}
