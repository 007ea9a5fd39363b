import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Db, directoryVersion } from '@pare/db';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { csrfProtection, sessionMiddleware } from './lib/auth.ts';
import { closeAfterRefusedBody } from './lib/connections.ts';
import type { AppConfig, AppDeps } from './lib/context.ts';
import { createRouter } from './lib/create-router.ts';
import { ApiError, handleError } from './lib/errors.ts';
import type { Logger } from './lib/logger.ts';
import { createMetrics } from './lib/metrics.ts';
import { hasSessionCookie, publicResponseCache } from './lib/public-cache.ts';
import { setPublicHitServer } from './lib/public-hits.ts';
import { requestIdFor, securityHeaders, securityHeadersMiddleware } from './lib/security-headers.ts';
import { isWarmRequest } from './lib/warm-request.ts';
import { isImportPath } from './routes/admin-import/admin-import.index.ts';
import { isNewsImagePath } from './routes/admin-news/admin-news.index.ts';
import { apiRoutes } from './routes/api.mount.ts';
import { docsRoute, type OpenApiDocument, renderDocsPage } from './routes/docs/docs-page.ts';
import { mapRoutes } from './routes/map/map.index.ts';
import { listBackups } from './services/backup.ts';
import { createServices } from './services/index.ts';
import { isSecureLinkPath, loggablePath } from './services/secure-links.ts';
import { isUploadPath } from './services/uploads.ts';

export type CreateAppOptions = {
  db: Db;
  log?: Logger;
  /** The built web client (apps/web/dist); the API alone is served when absent. */
  webDist?: string;
  /** Resolved by `resolveConfig` (lib/config.ts): a partial gets every default. */
  config?: Partial<AppConfig>;
  /**
   * The composition root, when the caller built it (`createServices`, with the same `db`):
   * server.ts does, so that the view warmer reads ahead for the very search the app answers with.
   */
  deps?: AppDeps;
};

/** Builds the whole application (API + web client) around an open database. No listen here. */
export function createApp(options: CreateAppOptions) {
  // The composition root: repositories built once, the config resolved once (lib/config.ts).
  const deps =
    options.deps ??
    createServices({
      db: options.db,
      ...(options.config ? { config: options.config } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  const log = deps.log;

  // Outside hosts allowed only when a deployment configured an online map style.
  const mapOrigins = deps.config.onlineMapStyle?.origins ?? [];

  const security = securityHeaders(mapOrigins, { hsts: deps.config.publicUrl?.startsWith('https://') ?? false });
  const depEntries = Object.entries(deps) as [keyof AppDeps, never][];

  const app = createRouter();
  // Prometheus metrics only when a token is configured (lib/metrics.ts); otherwise /metrics is a 404.
  const backupDir = deps.config.backupDir;
  const metrics = deps.config.metricsToken
    ? createMetrics({
        db: options.db,
        token: deps.config.metricsToken,
        lastBackupAt: async () => (backupDir ? (await listBackups(backupDir))[0]?.at : undefined),
      })
    : undefined;
  if (metrics) app.use(metrics.middleware);
  app.use(securityHeadersMiddleware(security));
  app.use('*', async (c, next) => {
    for (const [k, v] of depEntries) c.set(k, v);
    const started = performance.now();
    // Links that act without an account: never cached (their errors neither), never in a log (the token is cut from the path).
    const secureLink = isSecureLinkPath(c.req.path);
    if (secureLink) c.header('Cache-Control', 'no-store');
    await next();
    if (secureLink) c.header('Cache-Control', 'no-store');
    // The view warmer's own searches at start (lib/warm-request.ts) are not a visitor's.
    if (isWarmRequest(c)) return;
    // Path only: query strings may hold what a person searched for, bodies are never logged.
    log.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: loggablePath(c.req.path),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  // An early 413 closes its connection, once what the client was still sending is read (lib/connections.ts).
  app.use('/api/*', closeAfterRefusedBody());
  app.use('/api/*', sessionMiddleware());
  app.use('/api/*', csrfProtection());
  // JSON bodies: 64 KiB. The upload (10 MB) and import (100 MB) routes have their own limits, enforced while they read.
  const jsonBodyLimit = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new ApiError('payload_too_large');
    },
  });
  // A GET has no body to limit; skipping the middleware also spares Node's adapter building a
  // full Request for every read (a large share of a search's cost, see docs/PERFORMANCE.md).
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || isUploadPath(c.req.path) || isImportPath(c.req.path) || isNewsImagePath(c.req.path)
      ? next()
      : jsonBodyLimit(c, next),
  );

  // Anonymous reads of the directory, kept whole until it changes (lib/public-cache.ts).
  const publicCache = publicResponseCache({
    version: () => directoryVersion(options.db)?.(),
    securityHeaders: security.json,
    now: () => (deps.config.now?.() ?? new Date()).getTime(),
    ...(metrics ? { onLookup: metrics.cacheLookup } : {}),
  });
  for (const path of ['/api/actors', '/api/actors/:slug', '/api/map/points']) app.use(path, publicCache);

  // The same hits answered ahead of Hono when the server is made by `createServerWithPublicHits`
  // (lib/public-hits.ts): what the middlewares above do for them — the request id, the log line,
  // the metrics; the security headers are in the kept answer — and nothing else to do.
  setPublicHitServer(app, (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url;
    if (req.method !== 'GET' || !url?.startsWith('/api/') || hasSessionCookie(req.headers.cookie)) return false;
    const started = performance.now();
    const requestId = requestIdFor(req.headers['x-request-id'] as string | undefined);
    const answer = publicCache.hit(url, req.headers['accept-encoding'], req.headers['if-none-match'], requestId);
    if (!answer) return false;
    if (answer.body) answer.headers['content-length'] = String(answer.body.byteLength);
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? undefined);
    const ms = performance.now() - started;
    metrics?.countRequest('GET', answer.route, answer.status, ms / 1000);
    const query = url.indexOf('?');
    log.info('request', {
      requestId,
      method: 'GET',
      path: loggablePath(query === -1 ? url : url.slice(0, query)),
      status: answer.status,
      ms: Math.round(ms),
    });
    return true;
  });

  app.route('/api', apiRoutes);
  const onlineStyle = deps.config.onlineMapStyle?.style;
  if (onlineStyle) app.get('/api/map/style.json', (c) => c.json(onlineStyle));
  app.route('/api/map', mapRoutes);

  const openApiConfig = {
    openapi: '3.1.0',
    info: { title: 'PARÉ — annuaire des acteurs', version: '0.1.0', description: 'API publique en lecture de l’annuaire PARÉ.' },
  };
  app.doc31('/api/openapi.json', openApiConfig);
  // The same description as a French HTML page, rendered once: it only changes with the code.
  let docsPage: string | undefined;
  app.openapi(docsRoute, (c) => {
    docsPage ??= renderDocsPage(app.getOpenAPI31Document(openApiConfig) as OpenApiDocument);
    return c.html(docsPage, 200);
  });

  app.all('/api/*', () => {
    throw new ApiError('not_found', 'Route inconnue.');
  });
  app.get('/metrics', (c, next) => {
    if (!metrics) throw new ApiError('not_found', 'Route inconnue.');
    return metrics.handler(c, next);
  });

  if (options.webDist && existsSync(join(options.webDist, 'index.html'))) {
    const indexHtml = readFileSync(join(options.webDist, 'index.html'), 'utf8');
    // The web client's files are sent compressed: a phone on a slow connection gets ~100 KB
    // instead of ~330 KB of JavaScript (Lighthouse performance 89 → 98 in docs/PERFORMANCE.md).
    app.use('*', compress());
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root: options.webDist }));
    // A file of the build that is not there (an older version's chunk, asked by a tab opened before
    // a new one went online) is a 404, not the app shell: the browser then reports a failed load,
    // which the client answers by loading the page again (apps/web/src/lib/stale-build.ts), instead
    // of « a module script answered with text/html ». Never kept by a cache: it may exist tomorrow.
    app.get('/assets/*', (c) => c.text('Fichier introuvable.', 404, { 'Cache-Control': 'no-store' }));
    // Client-side routes (/acteurs/…) get the app shell.
    app.get('*', (c) => c.html(indexHtml));
  }

  app.notFound(() => {
    throw new ApiError('not_found', 'Page introuvable.');
  });
  app.onError((err, c) => handleError(err, c, log));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
