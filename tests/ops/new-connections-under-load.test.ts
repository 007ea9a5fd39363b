/**
 * A visitor who opens a new connection while the server is busy with searches is let in before
 * they are all answered (lib/turns.ts): Node 20's event loop accepts one new connection per pass,
 * and a pass used to run every search whose request had arrived.
 */
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-app.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** GET `path` on `agent` (false: a connection of its own), resolving with its answer's status once read whole. */
function get(path: string, agent: Agent | false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { agent, headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a new connection while searches are queued', () => {
  it('is accepted and answered before the searches already waiting are all done', async () => {
    const busy = 40;
    const agent = new Agent({ keepAlive: true, maxSockets: busy });
    // The busy visitors' connections, open and kept alive.
    await Promise.all(Array.from({ length: busy }, () => get('/api/health', agent)));
    const done: string[] = [];
    // Searches nobody asked before (a cached answer skips the queue), all sent at once…
    const searches = Array.from({ length: busy }, (_, i) =>
      get(`/api/actors?commune=75056&radius_km=${10 + i}&page=1`, agent).then((status) => {
        expect(status).toBe(200);
        done.push('search');
      }),
    );
    // …and a newcomer on a connection of its own.
    const newcomer = get('/api/health', false).then((status) => {
      expect(status).toBe(200);
      done.push('newcomer');
    });
    await Promise.all([...searches, newcomer]);
    agent.destroy();
    const before = done.indexOf('newcomer');
    // Without turns the newcomer came last (40 searches before it): accepted only once they were all run.
    expect(before).toBeGreaterThanOrEqual(0);
    expect(busy - before).toBeGreaterThanOrEqual(busy / 2);
  });
});
