// The embedded base map, served from this origin so the public map needs no outside host
// (see packages/geo/src/base-map.ts). Mounted by the app under /api/map.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { buildBaseMapStyle, getMapFile } from '@pare/geo';
import { Hono } from 'hono';
import { ApiError } from '../../lib/errors.ts';

// The files change only when the referential is refreshed and redeployed: browsers keep them
// a week and revalidate with the ETag afterwards.
const FILE_CACHE = 'public, max-age=604800, stale-while-revalidate=86400';
const STYLE_CACHE = 'public, max-age=3600';

type Prepared = { raw: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer>; etag: string };
const prepared = new Map<string, Prepared>();

function prepare(name: string): Prepared | undefined {
  const cached = prepared.get(name);
  if (cached !== undefined) return cached;
  const raw = getMapFile(name);
  if (raw === undefined) return undefined;
  // Compressed once: the GeoJSON shrinks about four times, and nothing else here compresses.
  const file = {
    raw: new Uint8Array(raw),
    gzip: new Uint8Array(gzipSync(raw, { level: 9 })),
    etag: `"${createHash('sha1').update(raw).digest('base64url')}"`,
  };
  prepared.set(name, file);
  return file;
}

export const mapRoutes = new Hono()
  .get('/style.json', (c) => {
    // The style names its sources by absolute URL (MapLibre requires it), on the origin
    // the browser used to reach us.
    const origin = new URL(c.req.url).origin;
    c.header('Cache-Control', STYLE_CACHE);
    return c.json(buildBaseMapStyle({ origin }));
  })
  .get('/:file{[a-z]+\\.geojson}', (c) => {
    const file = prepare(c.req.param('file'));
    if (file === undefined) throw new ApiError('not_found', 'Ce fichier de carte n’existe pas.');
    c.header('Cache-Control', FILE_CACHE);
    c.header('ETag', file.etag);
    c.header('Vary', 'Accept-Encoding');
    if (c.req.header('If-None-Match') === file.etag) return c.body(null, 304);
    c.header('Content-Type', 'application/geo+json; charset=utf-8');
    if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
      c.header('Content-Encoding', 'gzip');
      return c.body(file.gzip);
    }
    return c.body(file.raw);
  });

/** The map's routes as the web's typed client sees them (`mapClient`). */
export type MapRoutes = typeof mapRoutes;
