/** The first visit stays light on a phone: the map (MapLibre) is a separate chunk loaded only with the map. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../helpers/test-app.ts';

const BUDGET_JS_GZIP = 150 * 1024;

/** Scripts and module preloads that index.html makes the browser download before any map is shown. */
function initialAssets(): string[] {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const urls = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="(?:modulepreload|stylesheet)"[^>]+href)="([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  return urls.filter((u) => u.startsWith('/assets/'));
}

describe('bundle size', () => {
  it('the first visit downloads less than 150 KB of compressed JavaScript, without MapLibre', () => {
    const assets = initialAssets();
    const js = assets.filter((a) => a.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const gzipped = js.reduce((sum, a) => sum + gzipSync(readFileSync(join(WEB_DIST, a))).length, 0);
    expect(gzipped).toBeLessThan(BUDGET_JS_GZIP);
    for (const a of js) expect(readFileSync(join(WEB_DIST, a), 'utf8')).not.toContain('maplibregl-canvas');
    // MapLibre exists, as a lazy chunk.
    const chunks = readdirSync(join(WEB_DIST, 'assets'));
    expect(chunks.some((c) => c.startsWith('search-map-') && c.endsWith('.js'))).toBe(true);
  });
});
