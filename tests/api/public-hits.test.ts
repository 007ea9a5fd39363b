/**
 * A public cache hit answered ahead of Hono (apps/api/src/lib/public-hits.ts), through real
 * sockets: the same status, headers and bytes as the app gives the same request, the 304, the
 * request id, the log line and the metrics; and every request that is not such a hit left to the
 * app (a miss, a session cookie, a HEAD, an encoding not compressed yet, another route).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { getRequestListener } from '@hono/node-server';
import { createServerWithPublicHits } from '@pare/api/public-hits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const TOKEN = 'metrics-token-for-public-hits-0123456789';
const SEARCH = '/api/actors?departement=57&per_page=50';
const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };

let t: TestApp;
/** The server with hits ahead of Hono, and the URLs its app (node-server and Hono) answered. */
let ahead: { server: Server; url: string; viaApp: string[] };
/** The same app served as before: every request through Hono. */
let plain: { server: Server; url: string };

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

beforeAll(async () => {
  t = createTestApp({ captureLog: true, config: { metricsToken: TOKEN } });
  const viaApp: string[] = [];
  const appListener = getRequestListener(t.app.fetch);
  const server = createServerWithPublicHits(t.app)({}, (req, res) => {
    viaApp.push(`${req.method} ${req.url}`);
    void appListener(req, res);
  });
  ahead = { server, url: await listen(server), viaApp };
  // The same app behind node-server alone, as before.
  const other = createServer(appListener);
  plain = { server: other, url: await listen(other) };
});
afterAll(async () => {
  await Promise.all([ahead, plain].map(({ server }) => new Promise((resolve) => server.close(resolve))));
  t.close();
});

type Raw = { status: number; headers: IncomingHttpHeaders; body: Buffer };
/** One request on its own connection; the body as sent (not decompressed). */
function send(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The headers that say the same of two answers (not the date nor the request id). */
function comparable(headers: IncomingHttpHeaders) {
  const { date: _d, 'x-request-id': _r, connection: _c, 'keep-alive': _k, ...rest } = headers;
  return rest;
}

/** Asked twice through the app: from then on the answer is kept (lib/public-cache.ts). */
async function kept(path: string, headers: Record<string, string> = BROWSER) {
  await send(plain.url, path, headers);
  await send(plain.url, path, headers);
}

describe('a public cache hit answered ahead of Hono', () => {
  it('is the answer the app gives, byte for byte, with the same headers, without reaching the app', async () => {
    await kept(SEARCH);
    // A kept answer asked again is compressed again, smaller, in the background: let it be done.
    await send(plain.url, SEARCH, BROWSER);
    await new Promise((resolve) => setTimeout(resolve, 100));
    ahead.viaApp.length = 0;
    const fast = await send(ahead.url, SEARCH, BROWSER);
    const slow = await send(plain.url, SEARCH, BROWSER);
    expect(ahead.viaApp).toEqual([]);
    expect(fast.status).toBe(200);
    expect(fast.headers['content-encoding']).toBe('br');
    expect(fast.body.equals(slow.body)).toBe(true);
    expect(comparable(fast.headers)).toEqual(comparable(slow.headers));
    expect(fast.headers['content-length']).toBe(String(fast.body.byteLength));
    expect(fast.headers['content-security-policy']).toContain("default-src 'none'");
    expect(JSON.parse(brotliDecompressSync(fast.body).toString()).total).toBeGreaterThan(2);
  });

  it('answers 304 to the ETag it sent, with no body', async () => {
    await kept(SEARCH);
    const first = await send(ahead.url, SEARCH, BROWSER);
    ahead.viaApp.length = 0;
    const again = await send(ahead.url, SEARCH, { ...BROWSER, 'if-none-match': String(first.headers.etag) });
    expect(ahead.viaApp).toEqual([]);
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['content-type']).toBeUndefined();
  });

  it('gives back the caller’s request id when it is a plain token, and a new one otherwise', async () => {
    await kept(SEARCH);
    const echoed = await send(ahead.url, SEARCH, { ...BROWSER, 'x-request-id': 'abc-123' });
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const replaced = await send(ahead.url, SEARCH, { ...BROWSER, 'x-request-id': 'a b<script>' });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes the request’s log line and counts it in the metrics, as the app does', async () => {
    const path = '/api/actors?departement=54&per_page=50';
    await kept(path);
    t.lines.length = 0;
    ahead.viaApp.length = 0;
    const res = await send(ahead.url, path, { ...BROWSER, 'x-request-id': 'log-me' });
    expect(res.status).toBe(200);
    expect(ahead.viaApp).toEqual([]);
    const line = t.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request' && l.requestId === 'log-me');
    expect(line).toMatchObject({ method: 'GET', path: '/api/actors', status: 200 });
    // The query (what a person searched for) is never logged.
    expect(JSON.stringify(line)).not.toContain('departement');
    const metrics = await send(plain.url, '/metrics', { authorization: `Bearer ${TOKEN}` });
    const text = metrics.body.toString();
    expect(text).toMatch(/pare_http_requests_total\{method="GET",route="\/api\/actors",status="200"\} \d+/);
    expect(text).toMatch(/pare_public_cache_lookups_total\{result="hit"\} [1-9]/);
  });

  it('leaves to the app a request with a session cookie, a HEAD, a miss and an encoding not compressed yet', async () => {
    await kept(SEARCH);
    ahead.viaApp.length = 0;
    await send(ahead.url, SEARCH, { ...BROWSER, cookie: 'pare_session=not-a-session' });
    await send(ahead.url, SEARCH, BROWSER, 'HEAD');
    await send(ahead.url, '/api/actors?departement=88&per_page=50', BROWSER);
    // Kept in Brotli; the first gzip request waits for its compression in the app, the next is a hit.
    const gzipFirst = await send(ahead.url, SEARCH, { 'accept-encoding': 'gzip' });
    const gzipAgain = await send(ahead.url, SEARCH, { 'accept-encoding': 'gzip' });
    expect(ahead.viaApp).toEqual([`GET ${SEARCH}`, `HEAD ${SEARCH}`, 'GET /api/actors?departement=88&per_page=50', `GET ${SEARCH}`]);
    expect(gzipFirst.headers['content-encoding']).toBe('gzip');
    expect(gzipAgain.body.equals(gzipFirst.body)).toBe(true);
  });

  it('is never taken after the directory changed: the next request is the app’s, with the new answer', async () => {
    await kept(SEARCH);
    const before = await send(ahead.url, SEARCH, BROWSER);
    t.db.prepare("UPDATE actors SET name = name || ' (renommé)' WHERE slug = 'crip-57'").run();
    ahead.viaApp.length = 0;
    const after = await send(ahead.url, SEARCH, BROWSER);
    expect(ahead.viaApp).toEqual([`GET ${SEARCH}`]);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(brotliDecompressSync(after.body).toString()).toContain('(renommé)');
  });
});
