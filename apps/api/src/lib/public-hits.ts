/**
 * The public cache's hits answered ahead of Hono, on Node's own request and response.
 *
 * A repeated anonymous search is a lookup in the public cache (lib/public-cache.ts): its body is
 * compressed already and its headers final (security headers included). Through the app, that
 * lookup still pays for node-server's request and response objects, Hono's routing and seven
 * middlewares: ~60 µs of CPU a request on the bench machine, three times the bare route's whole
 * request (docs/PERFORMANCE.md §22). `createApp` makes a function that answers such a hit
 * directly — the same headers, body, 304, request id, log line and metrics as through the app —
 * and says false for anything else (a miss, a session cookie, an answer not yet compressed in the
 * encoding asked, any other route or method), which the app then answers as always.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerOptions, type ServerResponse } from 'node:http';

/** Answers the request if it is a public cache hit; false, having written nothing, otherwise. */
export type PublicHitServer = (req: IncomingMessage, res: ServerResponse) => boolean;

const servers = new WeakMap<object, PublicHitServer>();

/** Called by `createApp`: the hit server of `app`. */
export function setPublicHitServer(app: object, serve: PublicHitServer): void {
  servers.set(app, serve);
}

/**
 * For `serve({ createServer })` (@hono/node-server, which calls it with its server options and
 * its request listener): Node's HTTP server whose requests go to the app's hit server first, then
 * to node-server's listener (the app) when it is not a hit.
 */
export function createServerWithPublicHits(app: object): typeof createServer {
  const serveHit = servers.get(app);
  if (!serveHit) throw new Error('createServerWithPublicHits: not an app made by createApp');
  const create = (options: ServerOptions, listener: RequestListener) =>
    createServer(options, (req, res) => {
      let served = false;
      try {
        served = serveHit(req, res);
      } catch {
        // Nothing sent yet: the app answers (and reports any error as it does for every request).
        if (res.headersSent || res.writableEnded) return void res.destroy();
      }
      if (!served) listener(req, res);
    });
  return create as typeof createServer;
}
