/**
 * How the public answer cache compresses (apps/api/src/lib/public-cache.ts): a new answer at a
 * fast setting on the spot (most searches are asked once), and an answer asked again compressed
 * again, smaller, for the requests after it — the same content in every encoding.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { publicResponseCache } from '@pare/api/public-cache';
import { describe, expect, it } from 'vitest';
import { behindPublicCache, paddedPagesBehind } from '../helpers/public-cache.ts';

const ROWS = Array.from({ length: 400 }, (_, i) => ({
  id: i,
  name: `Acteur ${i}`,
  ville: ['Metz', 'Nancy', 'Lyon'][i % 3],
  note: `${(i * 7919) % 10007}`,
}));

function appWithCache() {
  const cache = publicResponseCache({ version: () => 'v1', securityHeaders: {} });
  return behindPublicCache(cache).get('/page', (c) => c.json({ rows: ROWS }));
}

const decode = (raw: Buffer, encoding: string | null) =>
  JSON.parse((encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));

describe('the public cache’s compression', () => {
  for (const encoding of ['br', 'gzip'] as const) {
    it(`sends a page asked again smaller in ${encoding} than the first time, with the same content`, async () => {
      const app = appWithCache();
      const ask = async () => {
        const res = await app.request('/page', { headers: { 'accept-encoding': encoding } });
        expect(res.headers.get('content-encoding')).toBe(encoding);
        return Buffer.from(await res.arrayBuffer());
      };
      const first = await ask();
      expect(first.byteLength).toBeLessThan(128 * 1024);
      // Asked again: still the first body, and the smaller one made meanwhile off the answering thread.
      expect((await ask()).byteLength).toBe(first.byteLength);
      let later = first;
      for (let turn = 0; turn < 200 && later.byteLength >= first.byteLength; turn++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        later = await ask();
      }
      expect(later.byteLength).toBeLessThan(first.byteLength);
      expect(decode(later, encoding)).toEqual({ rows: ROWS });
      expect(decode(first, encoding)).toEqual({ rows: ROWS });
    });
  }
});

describe('what the public cache keeps', () => {
  it('keeps an answer from the second time its URL is asked, and searches asked once do not push it out', async () => {
    const cache = publicResponseCache({ version: () => 'v1', securityHeaders: {}, maxBytes: 20_000 });
    const pages = paddedPagesBehind(cache);
    const app = pages.app;
    await app.request('/a/popular');
    expect(cache.stats().entries).toBe(0);
    await app.request('/a/popular');
    expect(pages.built).toBe(2);
    expect(cache.stats().entries).toBe(1);
    // Forty searches asked once each, more than the cache holds: none is kept, the popular one stays.
    for (let n = 0; n < 40; n++) await app.request(`/a/${n}`);
    expect(cache.stats().entries).toBe(1);
    await app.request('/a/popular');
    expect(pages.built).toBe(42);
  });
});
