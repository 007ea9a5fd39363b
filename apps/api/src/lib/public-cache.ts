/**
 * Finished answers of the public directory reads (search, an actor's page, map data), kept for
 * anonymous visitors until the directory changes.
 *
 * A page of search results is ~30 KB of JSON. Under load, building it again (loading 20 records,
 * `publicView`, `JSON.stringify`), writing it uncompressed and turning its headers into a
 * `Headers` object cost far more than the search itself (docs/PERFORMANCE.md). A hit here is a
 * map lookup: the body is already serialised, compressed once per encoding (Brotli or gzip, as
 * the client accepts) and sent with a plain header record; `If-None-Match` gets a 304. An answer
 * up to 128 KB (a page of results: ~35 KB) is compressed on the spot, at a fast setting (Brotli
 * quality 1, gzip level 1: 0.08 ms and 5.2 KB, against 0.28 ms and 4.4 KB at quality 4): handing
 * it to libuv's thread pool costs half as much CPU again as compressing it, and with a server
 * process per core (PARE_WORKERS) no core is idle to take it. Most searches are asked once; one
 * asked again is worth more care, so its second request has it compressed again, smaller
 * (quality 5, level 6), on the thread pool, for the requests after. Larger answers go to the
 * thread pool at once, so that the thread that answers is not held a long time; two requests for
 * the same new encoding share that one compression.
 *
 * What may be kept: only GET answers `200 application/json` given to a request without a session
 * cookie and without `Set-Cookie`; a professional's answer (which shows contacts reserved to
 * professionals) is never stored, and a request carrying a session cookie never reads the cache.
 * Staleness: every entry carries the directory version it was built at (`directoryVersion` in
 * @pare/db: any write to an actor, its publics, actions, territories, sites or contacts, from
 * this process or another) and is dropped when the version moved. The answers cached here must
 * depend on nothing else than the URL and those tables — and the time, for answers that say what
 * is open now: their handler sets `cacheUntil` (the next change, the next minute) and the entry
 * is dropped then.
 */
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { accepts } from 'hono/accepts';
import xxhash from 'xxhash-wasm';
import { SESSION_COOKIE } from './auth.ts';
import type { AppEnv } from './context.ts';
import { gatherJsonParts, type JsonParts, joinJsonParts } from './json-parts.ts';
import { completeResponse } from './security-headers.ts';
import { isWarmRequest } from './warm-request.ts';

/**
 * An answer's ETag is a 64-bit xxHash of its JSON (xxhash-wasm): 3.7 µs for a page of 38 KB,
 * against 25 µs for SHA-1, which was 3 % of a distinct search's CPU. An ETag only has to change
 * when the answer does; nothing here needs a cryptographic hash (docs/PERFORMANCE.md §20).
 */
const { h64Raw } = await xxhash();

type Encoding = 'br' | 'gzip' | 'identity';

type Entry = {
  version: string;
  bodies: Partial<Record<Encoding, Buffer>>;
  /** Compressions under way, shared by the requests that wait for them. */
  compressing: Partial<Record<Encoding, Promise<Buffer>>>;
  /** The handler's headers (content type, cache control) with the ETag and Vary, and the security headers. */
  headers: Record<string, string>;
  etag: string;
  /** Bytes of the bodies, counted in the cache's total while `stored`. */
  bytes: number;
  stored: boolean;
  /** When an answer that holds the time (open now, the week's hours) stops being true, epoch ms. */
  expiresAt: number | undefined;
  /** Encodings compressed at the fast setting, to compress again smaller if the answer is asked again. */
  fast: Partial<Record<Encoding, true>>;
  /** The pattern of the route that made it (`/api/actors/:slug`), for the metrics of a hit served ahead of Hono. */
  route: string;
};

/** A kept answer as it goes out: status, final headers (security headers and request id included), body. */
export type KeptAnswer = { status: 200 | 304; headers: Record<string, string>; body: Buffer | null; route: string };

export type PublicCacheOptions = {
  /** The directory version; undefined means nothing may be kept (see `directoryVersion`). */
  version: () => string | undefined;
  /** The security headers of a JSON answer (lib/security-headers.ts). */
  securityHeaders: Readonly<Record<string, string>>;
  /** Bytes kept in all (bodies, every encoding); the least recently used go first. Default 64 MB. */
  maxBytes?: number;
  /** A larger answer is not kept. Default 2 MB. */
  maxEntryBytes?: number;
  /** Told of every lookup, hit or not (the hit ratio in /metrics). */
  onLookup?: (hit: boolean) => void;
  /** The clock that `cacheUntil` is read against (epoch ms). Default: `Date.now`. */
  now?: () => number;
  /**
   * How many of the last URLs asked are remembered to admit an answer when it is asked again;
   * 0 keeps every answer at once. Default 20,000 (about 2 MB of keys).
   */
  admitAfterSeen?: number;
};

/** Below this size, compressing costs more than it saves. */
const MIN_COMPRESS_BYTES = 1024;
const small = (body: Buffer) => body.byteLength < MIN_COMPRESS_BYTES;

/** The encodings chosen for the `Accept-Encoding` values met lately: browsers send a handful of them. */
const chosenEncodings = new Map<string, Encoding>();

/** Brotli when accepted (smallest), else gzip, else the JSON as is; `q=0` refuses an encoding. */
function encodingFor(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let chosen = chosenEncodings.get(acceptEncoding);
  if (chosen) return chosen;
  // Hono's `accepts` reads the header through `c.req.header` and nothing else of the context.
  const header = { req: { header: () => acceptEncoding } } as unknown as Context;
  chosen = accepts(header, {
    header: 'Accept-Encoding',
    supports: ['br', 'gzip'],
    default: 'identity',
    match: (list) => {
      const ok = (name: string) => list.some((a) => (a.type === name || a.type === '*') && a.q > 0);
      return ok('br') ? 'br' : ok('gzip') ? 'gzip' : 'identity';
    },
  }) as Encoding;
  if (chosenEncodings.size >= 256) chosenEncodings.clear();
  chosenEncodings.set(acceptEncoding, chosen);
  return chosen;
}

const encodingOf = (c: Context): Encoding => encodingFor(c.req.header('accept-encoding'));

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Up to this size an answer is compressed on the thread that answers (see above). */
const COMPRESS_HERE_MAX_BYTES = 128 * 1024;

/** Compressed on the spot at the fast setting (small answers, `here`), or on the thread pool at the small one. */
function compress(body: Buffer, encoding: 'br' | 'gzip', here: boolean): Buffer | Promise<Buffer> {
  // zlib writes into chunks of `chunkSize` bytes (16 KB by default) and hands back a slice of the
  // first when it is enough: a quarter of the JSON holds a page's compressed answer (5 KB of 35)
  // without 11 KB of bytes outside the heap left over per search (PERFORMANCE §13).
  const chunkSize = Math.max(4096, body.byteLength >> 2);
  if (encoding === 'gzip') return here ? gzipSync(body, { level: 1, chunkSize }) : gzipAsync(body, { level: 6 });
  const options = {
    chunkSize,
    params: { [constants.BROTLI_PARAM_QUALITY]: here ? 1 : 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
  };
  return here ? brotliCompressSync(body, options) : brotliAsync(body, options);
}

/** Does the request carry a session cookie (valid or not)? Such a request never touches the cache. */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return cookieHeader?.includes(`${SESSION_COOKIE}=`) === true;
}

export type PublicCache = MiddlewareHandler<AppEnv> & {
  /** What is held: answers and bytes (all encodings). */
  stats: () => { entries: number; bytes: number };
  /**
   * The kept answer for an anonymous GET of `key` (path and query, as Node reads them), when one
   * is valid and ready in the encoding asked; undefined otherwise (the app then answers, through
   * this middleware). What a hit through the middleware does, without Hono, for the hit server
   * that app.ts hands to lib/public-hits.ts. Counts the lookup only when it is a hit (a miss is
   * counted by the middleware, which the request then goes through).
   */
  hit: (key: string, acceptEncoding: string | undefined, ifNoneMatch: string | undefined, requestId: string) => KeptAnswer | undefined;
};

export function publicResponseCache(options: PublicCacheOptions): PublicCache {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxEntryBytes = options.maxEntryBytes ?? 2 * 1024 * 1024;
  const now = options.now ?? Date.now;
  /** Insertion order is recency: a hit moves its entry to the end, eviction takes from the start. */
  const entries = new Map<string, Entry>();
  let total = 0;
  /**
   * The URLs asked lately whose answers were not kept. Most searches are asked once (each visitor
   * types their own town, radius and filters): keeping each of them pushed out an answer worth
   * keeping and left ~40 KB of it for the collector (a full collection every second under load,
   * 15 % of the CPU of a distinct search). An answer is kept the second time its URL is asked.
   */
  const seenOnce = new Set<string>();
  const remember = options.admitAfterSeen ?? 20_000;
  const admit = (key: string): boolean => {
    if (remember === 0 || seenOnce.delete(key)) return true;
    seenOnce.add(key);
    if (seenOnce.size > remember) seenOnce.delete(seenOnce.values().next().value as string);
    return false;
  };

  const drop = (key: string, entry: Entry) => {
    entries.delete(key);
    entry.stored = false;
    total -= entry.bytes;
  };
  const store = (key: string, entry: Entry) => {
    entries.set(key, entry);
    entry.stored = true;
    total += entry.bytes;
    evict();
  };
  const evict = () => {
    for (const [key, old] of entries) {
      if (total <= maxBytes) break;
      drop(key, old);
    }
  };

  const keepBody = (entry: Entry, encoding: Encoding, body: Buffer): Buffer => {
    entry.bodies[encoding] = body;
    entry.bytes += body.byteLength;
    if (entry.stored) {
      total += body.byteLength;
      evict();
    }
    return body;
  };
  /** The entry's body in `encoding`, compressed once (large ones on the thread pool) and kept. */
  const bodyIn = (entry: Entry, encoding: Encoding): Buffer | Promise<Buffer> => {
    const done = entry.bodies[encoding];
    if (done) return done;
    let pending = entry.compressing[encoding];
    if (!pending) {
      const identity = entry.bodies.identity as Buffer;
      const made = compress(identity, encoding as 'br' | 'gzip', identity.byteLength <= COMPRESS_HERE_MAX_BYTES);
      if (Buffer.isBuffer(made)) {
        entry.fast[encoding] = true;
        return keepBody(entry, encoding, made);
      }
      pending = made.then((body) => {
        delete entry.compressing[encoding];
        return keepBody(entry, encoding, body);
      });
      entry.compressing[encoding] = pending;
    }
    return pending;
  };

  /** An answer asked again: its body made at the fast setting is compressed again, smaller, on the thread pool. */
  const refine = (entry: Entry, encoding: Encoding) => {
    if (!entry.fast[encoding] || entry.compressing[encoding]) return;
    delete entry.fast[encoding];
    const pending = compress(entry.bodies.identity as Buffer, encoding as 'br' | 'gzip', false);
    entry.compressing[encoding] = Promise.resolve(pending).then((smaller) => {
      delete entry.compressing[encoding];
      const before = entry.bodies[encoding] as Buffer;
      if (smaller.byteLength >= before.byteLength) return before;
      entry.bodies[encoding] = smaller;
      const saved = before.byteLength - smaller.byteLength;
      entry.bytes -= saved;
      if (entry.stored) total -= saved;
      return smaller;
    });
  };

  /** The answer to send for `entry` in `encoding`: a 304 when `ifNoneMatch` names it, else the body given. */
  const answerOf = (entry: Entry, encoding: Encoding, ifNoneMatch: string | undefined, requestId: string, body: Buffer): KeptAnswer => {
    const headers: Record<string, string> = { ...entry.headers, 'x-request-id': requestId };
    // Weak comparison (RFC 9110): `W/"x"` and `"x"` match.
    const opaque = entry.etag.slice(2);
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque || tag.trim() === '*')) {
      delete headers['content-type'];
      return { status: 304, headers, body: null, route: entry.route };
    }
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    return { status: 200, headers, body, route: entry.route };
  };

  const respond = async (entry: Entry, encoding: Encoding, ifNoneMatch: string | undefined, requestId: string): Promise<Response> => {
    const body = entry.bodies[encoding] ?? (await bodyIn(entry, encoding));
    const answer = answerOf(entry, encoding, ifNoneMatch, requestId, body);
    return completeResponse(answer.body, answer.status, answer.headers);
  };

  /** The entry kept for `key` if it holds now at `version`. */
  const isValid = (found: Entry | undefined, version: string): found is Entry =>
    found?.version === version && (found.expiresAt === undefined || now() < found.expiresAt);

  /** The encoding a kept answer is sent in: none when it is small, else the client's choice. */
  const encodingTo = (entry: Entry, acceptEncoding: string | undefined): Encoding =>
    small(entry.bodies.identity as Buffer) ? 'identity' : encodingFor(acceptEncoding);

  /** A hit: the entry becomes the most recent and, asked again, is compressed smaller in `encoding`. */
  const touch = (key: string, found: Entry, encoding: Encoding): void => {
    drop(key, found);
    store(key, found);
    refine(found, encoding);
  };

  const hit: PublicCache['hit'] = (key, acceptEncoding, ifNoneMatch, requestId) => {
    const version = options.version();
    if (version === undefined) return undefined;
    const found = entries.get(key);
    if (!isValid(found, version)) return undefined;
    const encoding = encodingTo(found, acceptEncoding);
    const body = found.bodies[encoding];
    // Not yet compressed in that encoding (or being compressed): the app's path waits for it.
    if (!body) return undefined;
    options.onLookup?.(true);
    touch(key, found, encoding);
    return answerOf(found, encoding, ifNoneMatch, requestId, body);
  };

  const publicCache: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method !== 'GET' || c.get('user') || hasSessionCookie(c.req.header('cookie'))) return next();
    const version = options.version();
    if (version === undefined) return next();
    const url = c.req.url;
    const key = url.slice(url.indexOf('/', url.indexOf('//') + 2));

    // The view warmer's searches at start (lib/warm-request.ts) neither count nor are remembered.
    const warm = isWarmRequest(c);
    const found = entries.get(key);
    const valid = isValid(found, version);
    if (!warm) options.onLookup?.(valid);
    if (valid) {
      const encoding = encodingTo(found, c.req.header('accept-encoding'));
      touch(key, found, encoding);
      return respond(found, encoding, c.req.header('if-none-match'), c.get('requestId'));
    }
    if (found) drop(key, found);

    let handed: JsonParts | undefined;
    c.set('takeAnswer', (parts) => {
      handed = parts;
    });
    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !type.startsWith('application/json') || res.headers.has('set-cookie')) {
      // Not kept after all: the parts the handler gave become its response's body.
      if (handed) {
        c.res = undefined;
        c.res = new Response(joinJsonParts(handed), { status: res.status, headers: res.headers });
      }
      return;
    }
    // From here to the compression below, one synchronous step: the parts gathered into the
    // scratch buffer are hashed and compressed before any other request can gather its own.
    const gathered = handed ? gatherJsonParts(handed) : Buffer.from(await res.arrayBuffer());
    const headers: Record<string, string> = { ...options.securityHeaders };
    res.headers.forEach((value, name) => {
      if (name !== 'content-length') headers[name] = value;
    });
    const vary = new Set(['Cookie', 'Accept-Encoding', ...(headers.vary ? headers.vary.split(/\s*,\s*/) : [])]);
    headers.vary = [...vary].join(', ');
    // Weak: the same content is sent under several encodings, each a different representation.
    const etag = `W/"${h64Raw(gathered).toString(36)}"`;
    headers.etag = etag;
    // Kept only if nothing was written while the answer was built, and if it is not too large.
    const keep = gathered.byteLength <= maxEntryBytes && options.version() === version && !warm && admit(key);
    const encoding = small(gathered) ? 'identity' : encodingOf(c);
    // The scratch bytes are enough for an answer compressed here and now and not kept; any other
    // needs its own copy (kept, sent as it is, or compressed on the thread pool).
    const onTheSpot = !keep && encoding !== 'identity' && gathered.byteLength <= COMPRESS_HERE_MAX_BYTES;
    const identity = handed && !onTheSpot ? Buffer.from(gathered) : gathered;
    const entry: Entry = {
      version,
      bodies: { identity },
      compressing: {},
      headers,
      etag,
      bytes: identity.byteLength,
      stored: false,
      expiresAt: c.get('cacheUntil'),
      fast: {},
      route: c.req.routePath,
    };
    // Replace the handler's response (its body is read, or it had none); unset first, or Hono would merge the old headers in.
    c.res = undefined;
    if (keep) store(key, entry);
    c.res = await respond(entry, encoding, c.req.header('if-none-match'), c.get('requestId'));
  };
  return Object.assign(publicCache, { stats: () => ({ entries: entries.size, bytes: total }), hit });
}
