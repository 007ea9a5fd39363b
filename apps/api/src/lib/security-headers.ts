/**
 * The security headers of every response, computed once when the app is built: a set for pages
 * (and any other file a browser may render) and a shorter one for JSON answers.
 *
 * Hono's `secureHeaders()` sets them one by one on each response after the handler, which turns
 * the response's plain header record into a `Headers` object: measured under load, that and the
 * request id cost half the throughput of a cached search (docs/PERFORMANCE.md). Here they are
 * plain records: the middleware applies them to ordinary responses, and responses built complete
 * (the public cache, lib/public-cache.ts) carry them already and are left alone.
 */
import type { MiddlewareHandler } from 'hono';

/** Public pages talk to this origin only: no CDN, no tracker, no outside font or tile. */
function contentSecurityPolicy(mapOrigins: readonly string[]): string {
  const extra = mapOrigins.length > 0 ? ` ${mapOrigins.join(' ')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${extra}`,
    `connect-src 'self'${extra}`,
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export type SecurityHeaders = {
  /** For pages and every other file a browser may render (HTML, SVG, scripts, styles…). */
  document: Readonly<Record<string, string>>;
  /**
   * For JSON answers, which a browser only renders as text: the OWASP REST set. A JSON document
   * opened directly may load nothing and be framed nowhere; the page-only headers (opener and
   * permissions policies, agent cluster, DNS prefetch) do nothing for it.
   */
  json: Readonly<Record<string, string>>;
};

/**
 * The headers, as records (lower-case names). `mapOrigins`: the hosts of an online map style
 * (PARE_MAP_STYLE_URL), allowed for images and connections of the pages; none by default.
 * `hsts`: add Strict-Transport-Security (when the public address is https).
 */
export function securityHeaders(mapOrigins: readonly string[] = [], options: { hsts?: boolean } = {}): SecurityHeaders {
  const both = {
    // Served over https (PARE_PUBLIC_URL says so): browsers never try plain http again for a year.
    ...(options.hsts ? { 'strict-transport-security': 'max-age=31536000' } : {}),
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
  return {
    document: Object.freeze({
      'content-security-policy': contentSecurityPolicy(mapOrigins),
      'cross-origin-opener-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
      ...both,
    }),
    json: Object.freeze({ 'content-security-policy': "default-src 'none'; frame-ancestors 'none'", ...both }),
  };
}

/** JSON answers (`application/json`, `application/geo+json`…) take the JSON set; anything else, the page set. */
export function isJson(contentType: string | null | undefined): boolean {
  return !!contentType && /^application\/([\w.-]+\+)?json\b/i.test(contentType);
}

/** Responses built with every header already in place (see `completeResponse`). */
const complete = new WeakSet<Response>();

/**
 * A response whose headers are final: security headers and request id included. It keeps its
 * plain header record all the way to the socket (no `Headers` object is built for it).
 */
export function completeResponse(body: Uint8Array | null, status: number, headers: Record<string, string>): Response {
  const res = new Response(body as ConstructorParameters<typeof Response>[0], { status, headers });
  complete.add(res);
  return res;
}

/** A request's id: the caller's `X-Request-Id` when it is a plain token, otherwise a new UUID. */
export function requestIdFor(sent: string | undefined): string {
  return sent && /^[\w\-=]{1,255}$/.test(sent) ? sent : crypto.randomUUID();
}

/**
 * Sets the request id (`requestIdFor`) and, after the handler, the security headers and that id on every response not built
 * complete.
 */
export function securityHeadersMiddleware(headers: SecurityHeaders): MiddlewareHandler<{
  Variables: { requestId: string };
}> {
  const document = Object.entries(headers.document);
  const json = Object.entries(headers.json);
  return async function security(c, next) {
    c.set('requestId', requestIdFor(c.req.header('x-request-id')));
    await next();
    const res = c.res;
    if (complete.has(res)) return;
    const h = res.headers;
    for (const [name, value] of isJson(h.get('content-type')) ? json : document) h.set(name, value);
    h.set('x-request-id', c.get('requestId'));
  };
}
