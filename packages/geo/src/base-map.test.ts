import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { buildBaseMapStyle, getDepartement, getMapFile, METROPOLE_BBOX, OVERSEAS_VIEWS } from './index.ts';

type FeatureCollection = { type: string; features: { properties: Record<string, unknown>; geometry: { type: string } }[] };
const readMapFile = (name: string): FeatureCollection => JSON.parse(getMapFile(name)?.toString('utf8') ?? 'null');
const style = buildBaseMapStyle({ origin: 'https://pare.example.fr/' });

describe('buildBaseMapStyle', () => {
  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style as never)).toEqual([]);
    expect(style.version).toBe(8);
  });

  it('only points at the API it is given, never at an outside host', () => {
    const urls = JSON.stringify(style).match(/https?:\/\/[^"]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((u) => u.startsWith('https://pare.example.fr/api/map/'))).toBe(true);
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
  });

  it('can leave labels to the client', () => {
    const plain = buildBaseMapStyle({ origin: 'http://localhost:3000', labels: false });
    const layers = plain.layers as { type: string }[];
    expect(layers.some((l) => l.type === 'symbol')).toBe(false);
    expect(validateStyleMin(plain as never)).toEqual([]);
  });
});

describe('map files', () => {
  it('serves the 101 départements with code, name and région', () => {
    const departements = readMapFile('departements.geojson');
    expect(departements.features).toHaveLength(101);
    const moselle = departements.features.find((f) => f.properties.code === '57');
    expect(moselle?.properties).toEqual({ code: '57', name: 'Moselle', region: '44' });
    expect(departements.features.every((f) => ['Polygon', 'MultiPolygon'].includes(f.geometry.type))).toBe(true);
  });

  it('serves the 18 régions and label points', () => {
    expect(readMapFile('regions.geojson').features).toHaveLength(18);
    const labels = readMapFile('labels.geojson').features;
    expect(labels.filter((f) => f.properties.kind === 'departement')).toHaveLength(101);
    expect(labels.filter((f) => f.properties.kind === 'region')).toHaveLength(18);
  });

  it('stays small enough for a phone to download', () => {
    const total = ['departements.geojson', 'regions.geojson', 'labels.geojson'].reduce(
      (sum, name) => sum + (getMapFile(name)?.length ?? 0),
      0,
    );
    expect(total).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('refuses any other file name', () => {
    expect(getMapFile('communes.json')).toBeUndefined();
    expect(getMapFile('../../package.json')).toBeUndefined();
  });
});

describe('map views', () => {
  const contains = (outer: number[], inner: number[]) =>
    (outer[0] ?? 0) <= (inner[0] ?? 0) &&
    (outer[1] ?? 0) <= (inner[1] ?? 0) &&
    (outer[2] ?? 0) >= (inner[2] ?? 0) &&
    (outer[3] ?? 0) >= (inner[3] ?? 0);

  it('frames each overseas département whole', () => {
    expect(OVERSEAS_VIEWS.map((v) => v.departement)).toEqual(['971', '972', '973', '974', '976']);
    for (const view of OVERSEAS_VIEWS) expect(contains(view.bbox, getDepartement(view.departement)?.bbox ?? []), view.name).toBe(true);
  });

  it('frames metropolitan France and Corsica whole', () => {
    for (const code of ['29', '2B', '67', '66', '59', '06'])
      expect(contains(METROPOLE_BBOX, getDepartement(code)?.bbox ?? []), code).toBe(true);
  });
});
