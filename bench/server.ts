/**
 * The server under test, run as a child process of bench/run.ts so the load generator does not
 * share its event loop:
 *
 *   node --import tsx bench/server.ts --mode app --db bench/results/pare-100000-….db [--web]
 *   node --import tsx bench/server.ts --mode bare
 *   node --import tsx bench/server.ts --mode app --db … --workers 2
 *
 * `app` serves the real application (createApp, as server.ts does, logs silenced) on the given
 * database; `bare` serves one Hono route returning a fixed JSON body, the baseline every figure
 * is divided by (and `/page`, a fixed body the size of a page of results). Prints `READY <port>` on stdout once listening.
 * `--save-every-ms N` (app mode) saves an actor every N ms on the app's connection (bench/saves.ts);
 * with `--workers N`, the first process saves and the others see its writes as another process's.
 * `--workers N` (app mode): N processes on the port, as PARE_WORKERS runs the server
 * (apps/api/src/cluster.ts), each with its own connection to the database; READY once all listen.
 * In app mode each process makes the public views of every actor first, reads ahead the
 * texts of the broadest words and searches each département once (the view warmer the server
 * runs in the background once it listens, services/view-warmer.ts), and says how long it took on stderr: the figures are those of a server that has been up a minute, not of its first
 * seconds. `--cold-views` listens at once instead, every view then made on the request that first shows it.
 * `--warm-requests N`: how many searches the warmer sends through the app first (default `WARM_REQUESTS`; 0: none).
 * `--midnight-in S` (app mode): the app's clock (its hours, views and public cache) runs at the
 * real pace but reads 23:50 in Paris while it warms, then jumps once it listens so that midnight
 * comes S seconds later: a trace then shows a search's tail across midnight, when every kept
 * view runs out (docs/PERFORMANCE.md §16).
 */
import cluster from 'node:cluster';
import type { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'app' },
    db: { type: 'string' },
    web: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    // A curator's save every N ms, on the app's own connection (what the save route does).
    'save-every-ms': { type: 'string' },
    workers: { type: 'string', default: '1' },
    'cold-views': { type: 'boolean', default: false },
    // How many searches the warmer sends through the app before listening (default: the server's, WARM_REQUESTS).
    'warm-requests': { type: 'string' },
    'midnight-in': { type: 'string' },
  },
});
const workers = values.mode === 'app' ? Number(values.workers) : 1;

async function appServer(): Promise<{ fetch: (req: Request) => Response | Promise<Response>; createServer: typeof createServer }> {
  if (!values.db) throw new Error('--db is required in app mode');
  const { openDatabase } = await import('../packages/db/src/index.ts');
  const { warmUpSearch } = await import('../packages/geo/src/index.ts');
  const { createApp } = await import('../apps/api/src/app.ts');
  const { createLogger } = await import('../apps/api/src/lib/logger.ts');
  const { startViewWarmer } = await import('../apps/api/src/services/view-warmer.ts');
  const db = openDatabase(values.db);
  warmUpSearch();
  const root = join(import.meta.dirname, '..');
  const log = createLogger('silent');
  const { createServices } = await import('../apps/api/src/services/index.ts');
  const midnight = values['midnight-in'] === undefined ? undefined : midnightClock(Number(values['midnight-in']));
  const deps = createServices({ db, log, ...(midnight ? { config: { now: midnight.now } } : {}) });
  const app = createApp({ db, log, deps, ...(values.web ? { webDist: join(root, 'apps/web/dist') } : {}) });
  if (!values['cold-views']) {
    const { views, texts, places, requests, ms } = await startViewWarmer(deps, {
      fetch: app.fetch,
      ...(values['warm-requests'] ? { requests: Number(values['warm-requests']) } : {}),
    }).ready;
    process.stderr.write(
      `[bench] server ${process.pid}: ${views} views made, ${texts} texts read ahead, ${places} départements searched, ${requests} searches sent through the app in ${ms} ms before listening\n`,
    );
  }
  midnight?.listening();
  // With `--workers N`, the first process saves: a save a second in all, seen by the others as
  // another process's write, as a curator's save reaches one of the server's processes.
  if (values['save-every-ms'] && (cluster.worker?.id ?? 1) === 1) {
    const { saveNow } = await import('./saves.ts');
    const stalls = process.env.STALLS === '1';
    setInterval(() => {
      const t = performance.now();
      saveNow(db);
      if (stalls)
        process.stderr.write(
          `[stall] ${process.pid} ${Math.round(performance.timeOrigin + t)} save ${(performance.now() - t).toFixed(1)}\n`,
        );
    }, Number(values['save-every-ms'])).unref();
  }
  const { createServerWithPublicHits } = await import('../apps/api/src/lib/public-hits.ts');
  // As apps/api/src/server.ts serves it: a public cache hit answered ahead of Hono.
  return { fetch: app.fetch, createServer: createServerWithPublicHits(app) };
}

/**
 * A clock at the real pace that reads 23:50 in Paris until `listening()`, then midnight
 * `seconds` after that call. The days are winter ones (UTC+1): 2026-12-07 23:50 in Paris.
 */
function midnightClock(seconds: number): { now: () => Date; listening: () => void } {
  const midnight = Date.parse('2026-12-07T23:00:00Z');
  let offset = midnight - 10 * 60_000 - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    listening: () => {
      offset = midnight - seconds * 1000 - Date.now();
      process.stderr.write(`[bench] server ${process.pid}: midnight in Paris in ${seconds} s\n`);
    },
  };
}

function bareFetch(): (req: Request) => Response | Promise<Response> {
  // `/page`: a fixed body the size of a page of search results (about 30 KB), to tell what
  // moving a page costs from what making it costs.
  const page = {
    total: 1000,
    items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `Acteur ${i}`, description: 'x'.repeat(1400) })),
  };
  const app = new Hono().get('/', (c) => c.json({ status: 'ok', name: 'PARÉ', items: [1, 2, 3] })).get('/page', (c) => c.json(page));
  return app.fetch;
}

// `STALLS=1`: each process writes to stderr, with the epoch ms, every collection (kind, ms) and
// every turn of its event loop later than 15 ms, to lay beside a trace's slow seconds.
if (process.env.STALLS === '1' && !(workers > 1 && cluster.isPrimary)) {
  const { PerformanceObserver, performance: perf } = await import('node:perf_hooks');
  const kinds: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = kinds[(e as unknown as { detail: { kind: number } }).detail.kind] ?? '?';
      if (e.duration >= 2)
        process.stderr.write(`[stall] ${process.pid} ${Math.round(perf.timeOrigin + e.startTime)} gc-${kind} ${e.duration.toFixed(1)}\n`);
    }
  }).observe({ entryTypes: ['gc'] });
  let last = performance.now();
  setInterval(() => {
    const t = performance.now();
    if (t - last > 20)
      process.stderr.write(`[stall] ${process.pid} ${Math.round(perf.timeOrigin + last)} loop ${(t - last - 5).toFixed(1)}\n`);
    last = t;
  }, 5).unref();
}

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening === workers) process.stdout.write(`READY ${address.port}\n`);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const served = values.mode === 'bare' ? { fetch: bareFetch() } : await appServer();
  const server = serve({ ...served, port: Number(values.port), hostname: '127.0.0.1' });
  server.once('listening', () => {
    if (!cluster.isWorker) process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
  });
  process.on('SIGTERM', () => {
    server.close();
    process.exit(0);
  });
}
