import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, WEB_DIST } from '../helpers/test-app.ts';

let t: TestApp;
let script: string;
beforeAll(() => {
  t = createTestApp({ webDist: true, fixtures: false });
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1] ?? '';
});
afterAll(() => t.close());

describe('the web client served by the app', () => {
  it('sends its JavaScript compressed and cacheable for a year', async () => {
    expect(script).toMatch(/^\/assets\//);
    const res = await t.app.request(script, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('answers a chunk the build does not have (an older version’s) with a 404 that no cache keeps, not the app shell', async () => {
    const res = await t.app.request('/assets/orientation-AncienNom.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).not.toMatch(/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).not.toContain('<html');
  });

  it('answers a client route such as an actor page with the app shell, in French, with no cookie', async () => {
    const res = await t.app.request('/acteurs/crip-57');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html lang="fr"');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
