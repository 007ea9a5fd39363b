import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@pare/api/app';
import { fetchOnlineMapStyle } from '@pare/api/online-map-style';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// A stand-in for a deployment's tile service, on a real local port.
const ONLINE_STYLE = {
  version: 8,
  glyphs: 'https://fonts.tiles.test/{fontstack}/{range}.pbf',
  sources: { streets: { type: 'vector', tiles: ['https://tiles.test/{z}/{x}/{y}.pbf'] } },
  layers: [{ id: 'bg', type: 'background' }],
};

let t: TestApp;
let styleUrl: string;
const server = createServer((req, res) => {
  if (req.url === '/style.json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ONLINE_STYLE));
  } else {
    res.writeHead(404);
    res.end();
  }
});
const silent = { info: () => {}, error: () => {} };

beforeAll(async () => {
  t = createTestApp({ fixtures: false });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  styleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/style.json`;
});
afterAll(() => {
  server.close();
  t.close();
});

describe('PARE_MAP_STYLE_URL: an online map style', () => {
  it('is served from our own style route, and the CSP allows exactly its hosts', async () => {
    const online = await fetchOnlineMapStyle(styleUrl, silent);
    expect(online?.origins).toEqual(
      [`http://127.0.0.1:${new URL(styleUrl).port}`, 'https://fonts.tiles.test', 'https://tiles.test'].sort(),
    );
    const app = createApp({ db: t.db, config: { onlineMapStyle: online } });
    const res = await app.request('/api/map/style.json');
    const body = await res.json();
    expect(body.sources.streets.tiles).toEqual(['https://tiles.test/{z}/{x}/{y}.pbf']);
    expect(body.metadata['pare:allowed-origins']).toContain('https://tiles.test');
    // The pages' policy (the map runs in a page); a JSON answer itself may load nothing.
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const page = await app.request('/api/docs');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/connect-src 'self'[^;]*https:\/\/tiles\.test/);
    expect(csp).not.toMatch(/elsewhere/);
  });

  it('falls back to the embedded base map when the online style cannot be fetched', async () => {
    const errors: string[] = [];
    const online = await fetchOnlineMapStyle(styleUrl.replace('style.json', 'missing.json'), {
      info: () => {},
      error: (m) => errors.push(m),
    });
    expect(online).toBeUndefined();
    expect(errors[0]).toMatch(/embedded base map/);
    const res = await t.app.request('/api/map/style.json');
    const body = await res.json();
    expect(JSON.stringify(body)).not.toContain('tiles.test');
    const page = await t.app.request('/api/docs');
    expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self';/);
  });
});
