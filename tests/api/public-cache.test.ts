/**
 * The public answers kept for anonymous visitors (apps/api/src/lib/public-cache.ts): compressed
 * as the client accepts, revalidated by ETag, never stale after a change, never shared with a
 * signed-in professional, and with the same security headers as any other answer.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { publicResponseCache } from '@pare/api/public-cache';
import { actorRepository, actorToInput, openDatabase } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, signedInAs } from '../helpers/accounts.ts';
import { behindPublicCache, paddedPagesBehind } from '../helpers/public-cache.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp();
});
afterAll(() => t.close());

const SEARCH = '/api/actors?departement=57&per_page=50';
const get = (url: string, headers: Record<string, string> = {}) => t.app.request(url, { headers });
const bodyOf = async (res: Response) => {
  const raw = Buffer.from(await res.arrayBuffer());
  const encoding = res.headers.get('content-encoding');
  return JSON.parse((encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
};
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('anonymous directory reads', () => {
  it('are sent with Brotli or gzip as the client accepts, and as plain JSON otherwise, with the same content', async () => {
    // Asked before: an answer is kept from the second time its URL is asked.
    await get(SEARCH);
    const plain = await get(SEARCH);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const expected = await plain.json();
    expect(expected.total).toBeGreaterThan(2);
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', null],
    ] as const) {
      const res = await get(SEARCH, { 'accept-encoding': accept });
      expect(res.status, accept).toBe(200);
      expect(res.headers.get('content-encoding'), accept).toBe(encoding);
      expect(res.headers.get('vary'), accept).toMatch(/Accept-Encoding/);
      expect(await bodyOf(res), accept).toEqual(expected);
    }
    const compressed = await get(SEARCH, { 'accept-encoding': 'br' });
    const plainBytes = Buffer.byteLength(JSON.stringify(expected));
    expect((await compressed.arrayBuffer()).byteLength).toBeLessThan(plainBytes / 3);
  });

  it('answer 304 with no body to a browser that holds the same version, and a new ETag once the directory changed', async () => {
    const first = await get('/api/actors/test-association-familles-metz');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const again = await get('/api/actors/test-association-familles-metz', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // Weak comparison: the tag without its W/ prefix matches too.
    expect((await get('/api/actors/test-association-familles-metz', { 'if-none-match': etag.slice(2) })).status).toBe(304);

    const repo = actorRepository(t.db);
    const actor = repo.findActorBySlug('test-association-familles-metz');
    if (!actor) throw new Error('fixture missing');
    repo.replaceActor(actor.id, { ...actorToInput(actor), description: 'Groupe de parole fictif, description changée.' });
    const changed = await get('/api/actors/test-association-familles-metz', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await changed.json()).description).toBe('Groupe de parole fictif, description changée.');
  });

  it('show a curator’s change at once: the next search has it', async () => {
    const before = await (await get(SEARCH)).json();
    const target = before.items.find((i: { slug: string }) => i.slug === 'test-association-familles-metz');
    expect(target).toBeDefined();
    const curator = await signedInAs(t, 'curateur');
    const res = await asUser(t, curator, `/api/admin/actors/${target.id}`, {
      method: 'PATCH',
      body: { name: 'Association test renommée' },
    });
    expect(res.status).toBe(200);
    const after = await (await get(SEARCH)).json();
    expect(after.items.map((i: { name: string }) => i.name)).toContain('Association test renommée');
    expect(after.items.map((i: { name: string }) => i.name)).not.toContain(target.name);
  });

  it('show a change committed by another process from the next turn of the event loop', async () => {
    const DEP13 = '/api/actors?departement=13&per_page=100';
    expect((await get('/api/actors/test-prevention-marseille')).status).toBe(200);
    expect((await (await get(DEP13)).json()).items.map((i: { slug: string }) => i.slug)).toContain('test-prevention-marseille');
    const other = openDatabase(t.db.name);
    other.prepare(`UPDATE actors SET status = 'archived' WHERE slug = 'test-prevention-marseille'`).run();
    other.close();
    await nextTurn();
    expect((await get('/api/actors/test-prevention-marseille')).status).toBe(404);
    const search = await (await get(DEP13)).json();
    expect(search.items.map((i: { slug: string }) => i.slug)).not.toContain('test-prevention-marseille');
  });

  it('are never shared with a signed-in professional, in either order', async () => {
    const url = '/api/actors/test-foyer-confidentiel-thionville';
    const professional = await signedInAs(t, 'curateur');
    const anonymous = async () => bodyOf(await get(url, { 'accept-encoding': 'br' }));
    const asPro = async () => (await asUser(t, professional, url)).json();
    const proContact = 'direction-test@example.test';

    expect(JSON.stringify(await anonymous())).not.toContain(proContact);
    expect(JSON.stringify(await asPro())).toContain(proContact);
    expect(JSON.stringify(await anonymous())).not.toContain(proContact);
    const pro = await asUser(t, professional, url);
    expect(pro.headers.get('cache-control')).toBe('private, no-store');
    expect(pro.headers.get('etag')).toBeNull();
    // A stale or forged session cookie is not a way into the shared answers either.
    const forged = await get(url, { cookie: 'pare_session=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' });
    expect(forged.headers.get('etag')).toBeNull();
    expect(JSON.stringify(await forged.json())).not.toContain(proContact);
  });

  it('give each of many new searches asked at once its own answer, compressed or not, under the same ETag', async () => {
    // Never asked before: each is compressed from bytes gathered for it alone and not kept (lib/json-parts.ts).
    const urls = Array.from({ length: 24 }, (_, i) => `/api/actors?per_page=${5 + i}&page=${1 + (i % 2)}`);
    const compressed = await Promise.all(urls.map((url) => get(url, { 'accept-encoding': 'br, gzip' })));
    for (const [i, url] of urls.entries()) {
      const res = compressed[i] as Response;
      expect(res.headers.get('content-encoding'), url).toBe('br');
      const plain = await get(url, { 'accept-encoding': 'identity' });
      expect(plain.headers.get('etag'), url).not.toBeNull();
      const [a, b] = [await bodyOf(res), await bodyOf(plain)];
      expect(a.items.length, url).toBe(5 + i);
      // `at` is the instant each answer was made: the rest is the same, byte for byte when made in the same millisecond.
      expect({ ...a, at: null }, url).toEqual({ ...b, at: null });
      if (a.at === b.at) expect(res.headers.get('etag'), url).toBe(plain.headers.get('etag'));
    }
  });

  it('keep nothing of an error: a 404 becomes a 200 as soon as the actor exists', async () => {
    const repo = actorRepository(t.db);
    const source = repo.findActorBySlug('test-association-familles-metz');
    if (!source) throw new Error('fixture missing');
    expect((await get('/api/actors/test-cache-nouveau')).status).toBe(404);
    repo.createActor({ ...actorToInput(source), slug: 'test-cache-nouveau', name: 'Acteur test nouveau (cache)' });
    const res = await get('/api/actors/test-cache-nouveau');
    expect(res.status).toBe(200);
    expect((await res.json()).name).toBe('Acteur test nouveau (cache)');
  });
});

describe('security headers', () => {
  it('a kept answer carries the same security headers as a fresh one, and a JSON answer the strict JSON policy', async () => {
    const securityOf = (res: Response) => {
      const found: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        if (/^(content-security-policy|x-|referrer-policy|cross-origin|permissions-policy|origin-agent)/.test(name)) found[name] = value;
      });
      return found;
    };
    const fresh = await get('/api/actors?q=ecoute&page=2');
    const kept = await get('/api/actors?q=ecoute&page=2');
    const health = await get('/api/health');
    const { 'x-request-id': freshId, ...freshHeaders } = securityOf(fresh);
    const { 'x-request-id': keptId, ...keptHeaders } = securityOf(kept);
    const { 'x-request-id': _, ...healthHeaders } = securityOf(health);
    expect(keptHeaders).toEqual(freshHeaders);
    expect(keptHeaders).toEqual(healthHeaders);
    expect(keptHeaders['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(keptHeaders).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
    expect(freshId).not.toBe(keptId);
  });

  it('a page gets the page policy: scripts from this origin only, no framing', async () => {
    const page = await get('/api/docs');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self';.*frame-ancestors 'none'/);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('permissions-policy')).toMatch(/geolocation=\(self\)/);
  });

  it('a caller’s request id is echoed when it is a plain token, replaced otherwise', async () => {
    expect((await get('/api/actors?q=famille', { 'x-request-id': 'abc-123' })).headers.get('x-request-id')).toBe('abc-123');
    expect((await get('/api/actors?q=famille', { 'x-request-id': 'abc-123' })).headers.get('x-request-id')).toBe('abc-123');
    const replaced = (await get('/api/health', { 'x-request-id': 'bad id <script>' })).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the cache’s memory', () => {
  it('holds at most the bytes it is given, dropping the least recently used answers', async () => {
    let version = 'v1';
    const cache = publicResponseCache({ version: () => version, securityHeaders: {}, maxBytes: 10_000, admitAfterSeen: 0 });
    const pages = paddedPagesBehind(cache);
    const app = pages.app;
    for (const n of [1, 2, 3]) await app.request(`/a/${n}`);
    expect(cache.stats().bytes).toBeLessThanOrEqual(10_000);
    expect(cache.stats().entries).toBe(3);
    await app.request('/a/1'); // 1 is now the most recent
    await app.request('/a/4'); // over the limit: 2, the least recently used, goes
    expect(cache.stats().bytes).toBeLessThanOrEqual(10_000);
    expect(pages.built).toBe(4);
    await app.request('/a/1');
    expect(pages.built).toBe(4);
    await app.request('/a/2');
    expect(pages.built).toBe(5);
    version = 'v2';
    await app.request('/a/1');
    expect(pages.built).toBe(6);
  });

  it('sends a large answer (over 128 KB, compressed off the answering thread) whole in each encoding, to requests arriving together', async () => {
    const cache = publicResponseCache({ version: () => 'v1', securityHeaders: {}, admitAfterSeen: 0 });
    let built = 0;
    const rows = Array.from({ length: 4000 }, (_, i) => ({ id: i, name: `Acteur ${i}`, note: `${(i * 7919) % 10007}` }));
    const app = behindPublicCache(cache).get('/big', (c) => {
      built++;
      return c.json({ rows });
    });
    const first = await app.request('/big');
    expect(Buffer.byteLength(await first.text())).toBeGreaterThan(128 * 1024);
    const answers = await Promise.all(
      ['br', 'br', 'gzip', 'gzip', 'identity'].map((accept) => app.request('/big', { headers: { 'accept-encoding': accept } })),
    );
    for (const res of answers) expect(await bodyOf(res)).toEqual({ rows });
    expect(answers.map((r) => r.headers.get('content-encoding'))).toEqual(['br', 'br', 'gzip', 'gzip', null]);
    expect(built).toBe(1);
  });
});
