/**
 * A 2 MB body to every POST route, sent by several HTTP clients (fetch, node:http with keep-alive,
 * curl): each reads the `payload_too_large` JSON, never a reset connection, and a keep-alive
 * client's next request works. The import route takes up to 100 MB: it gets a readable answer too.
 */
import { execFile } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { serverTimeouts } from '@pare/api/connections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { readAnswer } from './server-process.ts';

const TWO_MB = Buffer.alloc(2 * 1024 * 1024, 0x61);
const hasCurl = await promisify(execFile)('curl', ['--version']).then(
  () => true,
  () => false,
);

let t: TestApp;
let base = '';
let close = () => {};
beforeAll(async () => {
  t = createTestApp();
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: serverTimeouts() });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => {
    server.close();
    t.close();
  };
});
afterAll(() => close());

/** Every POST route of the API, with its parameters filled in. */
const postRoutes = () =>
  [...new Set(t.app.routes.filter((r) => r.method === 'POST' && r.path.startsWith('/api/')).map((r) => r.path))].map((p) =>
    p.replace(/:[a-zA-Z_]+(\{[^}]*\})?/g, (m) => (/id|Id/.test(m) ? '1' : 'abc')),
  );
const isImport = (path: string) => path.startsWith('/api/admin/import');
/**
 * Each refused body is drained for up to 2 s before the answer (lib/connections.ts): every route
 * with every client would take minutes. fetch goes to every route; the other clients to a sample
 * covering public, session and upload routes.
 */
const sample = () => {
  const all = postRoutes();
  const wanted = ['/api/contact-requests', '/api/auth/login', '/api/orientation', '/api/submissions'];
  return [...new Set([...wanted.filter((p) => all.includes(p)), ...all.filter((p) => p.includes('upload') || isImport(p)).slice(0, 2)])];
};

function expectReadable(status: number, text: string, path: string) {
  let body: { error?: string } = {};
  try {
    body = JSON.parse(text) as { error: string };
  } catch {
    expect.fail(`${path}: ${status} with a body that is not JSON: ${text.slice(0, 120)}`);
  }
  if (isImport(path)) expect([401, 403, 404, 413], path).toContain(status);
  else {
    expect(status, path).toBe(413);
    expect(body.error, path).toBe('payload_too_large');
  }
}

describe('a 2 MB body to any POST route', () => {
  it('lists the POST routes it sends to', () => {
    expect(postRoutes().length).toBeGreaterThan(15);
    expect(postRoutes()).toContain('/api/contact-requests');
  });

  it('fetch reads the JSON answer', { timeout: 180_000 }, async () => {
    for (const path of postRoutes()) {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: TWO_MB });
      expectReadable(res.status, await res.text(), path);
    }
  });

  it('node:http with keep-alive reads the answer, then its next request on the agent works', { timeout: 180_000 }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (path: string, method: string, body?: Buffer) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          `${base}${path}`,
          { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {} },
          (res) => readAnswer(res, resolve),
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      for (const path of sample()) {
        const big = await send(path, 'POST', TWO_MB);
        expectReadable(big.status, big.text, path);
        const next = await send('/api/health', 'GET');
        expect(next.status, `after ${path}`).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  /** curl sends a 2 MB body, with its length or chunked; the answer's body and status. */
  async function curlPost(path: string, chunked: boolean) {
    const args = [
      '-sS',
      '-X',
      'POST',
      '-H',
      'content-type: application/json',
      '--data-binary',
      '@-',
      '-w',
      '\n%{http_code}',
      `${base}${path}`,
    ];
    // Before the other arguments: spliced between a `-H` and its value, it once made curl take the
    // header for a URL and never send a chunked body at all.
    if (chunked) args.unshift('-v', '-H', 'transfer-encoding: chunked');
    const child = promisify(execFile)('curl', args, { encoding: 'utf8', maxBuffer: 1024 * 1024 });
    child.child.stdin?.end(TWO_MB);
    const { stdout, stderr } = await child;
    // curl -v shows the request it sent: the body really went chunked, with no Content-Length.
    if (chunked) {
      expect(stderr, path).toMatch(/^> transfer-encoding: chunked\r?$/im);
      expect(stderr, path).not.toMatch(/^> content-length:/im);
    }
    const lines = stdout.trimEnd().split('\n');
    const status = Number(lines.pop());
    return { status, text: lines.join('\n') };
  }

  it.skipIf(!hasCurl)('curl reads the JSON answer', { timeout: 300_000 }, async () => {
    for (const path of sample()) {
      const { status, text } = await curlPost(path, false);
      expectReadable(status, text, `${path} (curl)`);
    }
  });

  // A chunked body has no Content-Length: hono's bodyLimit finds the limit while reading, and the
  // refused rest is drained before the close (lib/connections.ts), so the 413's JSON reaches curl.
  it.skipIf(!hasCurl)('curl with a chunked 2 MB body reads the JSON answer', { timeout: 300_000 }, async () => {
    for (const path of sample()) {
      const { status, text } = await curlPost(path, true);
      expectReadable(status, text, `${path} (curl, chunked)`);
    }
  });
});
