/**
 * `/metrics` in the Prometheus text format (prom-client): requests and their latency per route
 * pattern (`/api/actors/:slug`, never the URL a person typed), the outbox, the jobs and the last
 * backup, the public cache's hit ratio, and Node's own process metrics. Off unless
 * PARE_METRICS_TOKEN is set; then only `Authorization: Bearer <token>` reads it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type Db, jobRunRepository } from '@pare/db';
import type { MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ApiError } from './errors.ts';
import { isWarmRequest } from './warm-request.ts';

export type Metrics = {
  registry: Registry;
  /** Counts and times every request, labelled by the route pattern that answered it. */
  middleware: MiddlewareHandler;
  /** The public cache reports each lookup of an anonymous read (lib/public-cache.ts). */
  cacheLookup: (hit: boolean) => void;
  /** A request answered without Hono (a public cache hit, app.ts `servePublicHit`), counted as the middleware counts. */
  countRequest: (method: string, route: string, status: number, seconds: number) => void;
  /** GET /metrics, behind the bearer token. */
  handler: MiddlewareHandler;
};

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Builds one registry per app (tests build several apps in one process). */
export function createMetrics(opts: { db: Db; token: string; lastBackupAt: () => Promise<Date | undefined> }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'pare_' });

  const requests = new Counter({
    name: 'pare_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'pare_http_request_duration_seconds',
    help: 'Time to answer, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'pare_public_cache_lookups_total',
    help: 'Anonymous directory reads looked up in the public cache, by result',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  let hits = 0;
  let lookups = 0;
  new Gauge({
    name: 'pare_public_cache_hit_ratio',
    help: 'Share of public cache lookups answered from the cache since start (0 before any lookup)',
    registers: [registry],
    collect() {
      this.set(lookups === 0 ? 0 : hits / lookups);
    },
  });

  const outboxStmt = opts.db.prepare(
    `SELECT status, count(*) AS n, min(created_at) AS oldest FROM outbox WHERE status IN ('pending', 'failed') GROUP BY status`,
  );
  // Each scrape reads the outbox and job_runs once: the first gauge of each pair fills the second
  // (registered after it, so collected after it).
  const oldestPending = new Gauge({
    name: 'pare_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest mail waiting to be sent (0 when none)',
    registers: [],
  });
  new Gauge({
    name: 'pare_outbox_mails',
    help: 'Mails waiting or given up in the outbox, by status',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      const counts: Record<string, number> = { pending: 0, failed: 0 };
      oldestPending.set(0);
      for (const r of outboxStmt.all() as { status: string; n: number; oldest: string }[]) {
        counts[r.status] = r.n;
        if (r.status === 'pending') oldestPending.set(Math.max(0, (Date.now() - new Date(r.oldest).getTime()) / 1000));
      }
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  registry.registerMetric(oldestPending);
  const jobFailed = new Gauge({
    name: 'pare_job_last_run_failed',
    help: '1 when the last run of the job failed',
    labelNames: ['job'] as const,
    registers: [],
  });
  new Gauge({
    name: 'pare_job_last_run_timestamp_seconds',
    help: 'When each periodic job (and the backup) last ran',
    labelNames: ['job'] as const,
    registers: [registry],
    collect() {
      for (const run of jobRunRepository(opts.db).listRuns()) {
        this.set({ job: run.name }, new Date(run.lastRunAt).getTime() / 1000);
        jobFailed.set({ job: run.name }, (run.result as { error?: unknown } | null)?.error ? 1 : 0);
      }
    },
  });
  registry.registerMetric(jobFailed);
  new Gauge({
    name: 'pare_backup_age_seconds',
    help: 'Age of the newest archive in PARE_BACKUP_DIR (-1 when there is none)',
    registers: [registry],
    async collect() {
      const last = await opts.lastBackupAt();
      this.set(last ? (Date.now() - last.getTime()) / 1000 : -1);
    },
  });

  const expected = digest(`Bearer ${opts.token}`);
  function countRequest(method: string, route: string, status: number, seconds: number): void {
    requests.inc({ method, route, status: String(status) });
    latency.observe({ method, route }, seconds);
  }

  return {
    registry,
    middleware: async function requestMetrics(c, next) {
      if (isWarmRequest(c)) return next();
      const started = performance.now();
      await next();
      // The pattern of the handler that answered (`/api/actors/:slug`, `/api/*` for a refusal by a middleware, `*` for the web client).
      countRequest(c.req.method, c.req.routePath || 'unmatched', c.res.status, (performance.now() - started) / 1000);
    },
    countRequest,
    cacheLookup: (hit) => {
      lookups++;
      if (hit) hits++;
      cache.inc({ result: hit ? 'hit' : 'miss' });
    },
    handler: async function metricsEndpoint(c) {
      const given = digest(c.req.header('authorization') ?? '');
      if (!timingSafeEqual(given, expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new ApiError('unauthorized', 'Jeton de métriques manquant ou invalide.');
      }
      c.header('Content-Type', registry.contentType);
      c.header('Cache-Control', 'no-store');
      return c.body(await registry.metrics(), 200);
    },
  };
}
