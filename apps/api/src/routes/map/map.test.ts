import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { handleError } from '../../lib/errors.ts';
import { mapRoutes } from './map.index.ts';

// Errors are turned into the API's error body by the parent app, as once mounted.
const app = new Hono().route('/api/map', mapRoutes);
app.onError((err, c) => handleError(err, c, { error: () => {} }));

describe('GET /style.json', () => {
  it('Should return a MapLibre style whose sources are on the requesting origin', async () => {
    const res = await mapRoutes.request('http://pare.test/style.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toContain('max-age=');
    const style = (await res.json()) as { version: number; sources: Record<string, { data: string }> };
    expect(style.version).toBe(8);
    expect(Object.values(style.sources).map((s) => s.data)).toEqual([
      'http://pare.test/api/map/departements.geojson',
      'http://pare.test/api/map/regions.geojson',
      'http://pare.test/api/map/labels.geojson',
    ]);
  });

  it('Should answer a bare path with the default origin', async () => {
    const res = await mapRoutes.request('/style.json');
    expect(res.status).toBe(200);
  });
});

describe('GET /:file.geojson', () => {
  it('Should return the département polygons as GeoJSON with long cache headers', async () => {
    const res = await mapRoutes.request('/departements.geojson');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('application/geo+json');
    expect(res.headers.get('Cache-Control')).toContain('max-age=604800');
    const body = (await res.json()) as { features: unknown[] };
    expect(body.features).toHaveLength(101);
  });

  it('Should return gzip when the browser accepts it', async () => {
    const res = await mapRoutes.request('/regions.geojson', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    const body = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as { features: unknown[] };
    expect(body.features).toHaveLength(18);
  });

  it('Should return 304 when the browser already has the file', async () => {
    const first = await mapRoutes.request('/labels.geojson');
    const etag = first.headers.get('ETag');
    expect(etag).toBeTruthy();
    const second = await mapRoutes.request('/labels.geojson', { headers: { 'If-None-Match': etag ?? '' } });
    expect(second.status).toBe(304);
  });

  it('Should return 404 for any other file', async () => {
    const res = await app.request('/api/map/communes.geojson');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
    expect((await app.request('/api/map/..%2Fcommunes.json')).status).toBe(404);
    expect((await app.request('/api/map/glyphs/x/0-255.pbf')).status).toBe(404);
  });
});
