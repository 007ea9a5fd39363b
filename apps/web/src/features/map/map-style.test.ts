import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { localizeStyle } from './map-style.ts';

const ORIGIN = 'https://pare.example';

const style = (extra: Partial<StyleSpecification>): StyleSpecification => ({
  version: 8,
  sources: {
    ours: { type: 'geojson', data: '/api/map/departements.geojson' },
    proxied: { type: 'geojson', data: 'http://127.0.0.1:8080/api/map/regions.geojson' },
    outside: { type: 'vector', tiles: ['https://tiles.example.com/{z}/{x}/{y}.pbf'] },
  },
  layers: [
    { id: 'bg', type: 'background' },
    { id: 'a', type: 'line', source: 'ours' },
    { id: 'b', type: 'line', source: 'proxied' },
    { id: 'c', type: 'fill', source: 'outside', 'source-layer': 'x' },
  ],
  ...extra,
});

describe('base map style', () => {
  it('keeps our own sources, made absolute, and drops any source on another server', () => {
    const out = localizeStyle(style({}), ORIGIN);
    expect(Object.keys(out.sources)).toEqual(['ours', 'proxied']);
    expect((out.sources.ours as { data: string }).data).toBe(`${ORIGIN}/api/map/departements.geojson`);
    expect((out.sources.proxied as { data: string }).data).toBe(`${ORIGIN}/api/map/regions.geojson`);
    expect(out.layers.map((l) => l.id)).toEqual(['bg', 'a', 'b']);
  });

  it('never asks another server for glyphs or sprites', () => {
    const out = localizeStyle(
      style({ glyphs: 'https://fonts.example.com/{fontstack}/{range}.pbf', sprite: 'https://cdn.example.com/sprite' }),
      ORIGIN,
    );
    expect(out.glyphs).toBeUndefined();
    expect(out.sprite).toBeUndefined();
    const ours = localizeStyle(style({ glyphs: '/api/map/fonts/{fontstack}/{range}.pbf' }), ORIGIN);
    expect(ours.glyphs).toBe(`${ORIGIN}/api/map/fonts/{fontstack}/{range}.pbf`);
  });

  it('keeps the sources of an online style only on the hosts our server names', () => {
    const out = localizeStyle(style({ metadata: { 'pare:allowed-origins': ['https://tiles.example.com'] } }), ORIGIN);
    expect(Object.keys(out.sources)).toEqual(['ours', 'proxied', 'outside']);
    const other = localizeStyle(style({ metadata: { 'pare:allowed-origins': ['https://elsewhere.example'] } }), ORIGIN);
    expect(Object.keys(other.sources)).toEqual(['ours', 'proxied']);
  });
});
