/**
 * How the server treats connections: slow clients dropped (slowloris), and a request refused
 * before its body was read (an early 413) answered so that every client reads the answer.
 */
import type { IncomingMessage, ServerOptions } from 'node:http';
import type { MiddlewareHandler } from 'hono';

/** The longest a client may take to send its headers, and its whole request (body included). */
export const HEADERS_TIMEOUT_MS = 15_000;
/** A 100 MB import at 1 MB/s fits; a client trickling bytes to hold a connection does not. */
export const REQUEST_TIMEOUT_MS = 180_000;
/** An idle kept-alive connection is closed after this. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * Options for Node's HTTP server (`serve({ serverOptions })`): a client that sends its headers
 * or its body too slowly gets a 408 and its connection closed. Node checks the timeouts every
 * `connectionsCheckingInterval` (30 s by default): checked every second here.
 */
export function serverTimeouts(
  t: { headersMs?: number; requestMs?: number; keepAliveMs?: number; checkEveryMs?: number } = {},
): ServerOptions {
  const headersTimeout = t.headersMs ?? HEADERS_TIMEOUT_MS;
  return {
    headersTimeout,
    requestTimeout: Math.max(t.requestMs ?? REQUEST_TIMEOUT_MS, headersTimeout),
    keepAliveTimeout: t.keepAliveMs ?? KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: t.checkEveryMs ?? 1_000,
  };
}

/** How much of a refused body is read (and dropped) before answering, and for how long at most. */
export const DRAIN_MAX_BYTES = 1024 * 1024;
export const DRAIN_MAX_MS = 2_000;

/** Reads and drops up to DRAIN_MAX_BYTES of a request body still arriving, for DRAIN_MAX_MS at most. */
function drain(incoming: IncomingMessage): Promise<void> {
  if (incoming.readableEnded || incoming.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let read = 0;
    const done = () => {
      clearTimeout(timer);
      incoming.off('data', onData);
      incoming.off('end', done);
      incoming.off('error', done);
      incoming.off('close', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read >= DRAIN_MAX_BYTES) done();
    };
    const timer = setTimeout(done, DRAIN_MAX_MS);
    // The refused Request's body stream still listens to `incoming` and, nobody reading it any more,
    // pauses it as soon as its queue is full: the drain would stall until its timeout, and the unread
    // bytes would make the close reset the connection before the client reads the 413. That stream
    // is done with: its listeners go, ours read and drop.
    incoming.removeAllListeners('data');
    incoming.removeAllListeners('readable');
    incoming.on('data', onData);
    incoming.once('end', done);
    incoming.once('error', done);
    incoming.once('close', done);
    incoming.resume();
  });
}

/**
 * A 413 sent before the body was read says `Connection: close`: the client, which announced
 * keep-alive, must not send its next request on a connection the server is about to drop. The
 * body still arriving is read (a bounded amount) before the answer, so the client is not cut off
 * mid-send and reads the 413 instead of a reset connection.
 */
export function closeAfterRefusedBody(): MiddlewareHandler {
  return async function refusedBody(c, next) {
    await next();
    if (c.res.status !== 413) return;
    c.res.headers.set('Connection', 'close');
    // @hono/node-server passes Node's request as `env.incoming`; app.request() in tests has none.
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (incoming && typeof incoming.resume === 'function') await drain(incoming);
  };
}
