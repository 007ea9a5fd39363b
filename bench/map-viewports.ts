/**
 * The map rows of `pnpm bench` alone (bench/map-load.ts): random box and zoom over France with
 * random search filters, every request different, 50 connections, against the bare Hono route in
 * the same run, then one client.
 *
 *   node --import tsx bench/map-viewports.ts --db bench/results/pare-100000-….db [--duration 10] [--connections 50] [--seed 1] [--workers 1]
 *
 * Results go to `bench/results/map-viewports-<date>.json`; figures and their meaning in
 * docs/PERFORMANCE.md (« Map data »).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type LoadResult, load, ROOT, round, type Server, startServer } from './lib.ts';
import { measureMapViewports } from './map-load.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string', default: '1' },
  },
});
if (!values.db) throw new Error('--db is required (a generated directory, e.g. bench/results/pare-100000-….db)');
const duration = Number(values.duration);
const connections = Number(values.connections);
const seed = Number(values.seed);

let app: Server | null = null;
let bare: Server | null = null;
try {
  const before = (await import('node:os')).loadavg();
  app = await startServer(['--mode', 'app', '--db', values.db, '--workers', values.workers]);
  bare = await startServer(['--mode', 'bare']);
  // The directory's tables are read on the first request, as after a restart.
  const t0 = performance.now();
  await (await fetch(`${app.url}/api/map/points?bbox=-5,42,8,51&zoom=5`)).arrayBuffer();
  const firstMs = round(performance.now() - t0);
  await load(`${bare.url}/`, { connections, duration: 2 });
  const bareLoad = await load(`${bare.url}/`, { connections, duration });
  const { moves, distinct, single } = await measureMapViewports(app.url, bareLoad.rps, { connections, duration, seed });
  const end = (await import('node:os')).loadavg();

  const share = (x: LoadResult) => `${round((100 * x.rps) / Math.max(1, bareLoad.rps), 1)} %`;
  const line = (name: string, x: LoadResult) =>
    `${name.padEnd(10)} ${String(x.rps).padStart(7)} req/s (${share(x)} of bare)  p50 ${x.p50} ms  p99 ${x.p99} ms  max ${x.max} ms  ${x.bytes} B/req on the wire  errors ${x.errors}  non-2xx ${x.non2xx}`;
  const text = [
    `map viewports — ${values.db}, ${values.workers} process(es), ${connections} connections × ${duration} s, seed ${seed}, load average ${before.map((l) => round(l, 1)).join(' ')} → ${end.map((l) => round(l, 1)).join(' ')}`,
    `first map request (tables read): ${firstMs} ms`,
    line('bare', bareLoad),
    line('moves', moves),
    line('distinct', distinct),
    `one client, moves:    p50 ${single.moves.p50} ms  p99 ${single.moves.p99} ms  largest answer ${single.moves.maxJsonKb} KB  failed ${single.moves.failed}`,
    `one client, distinct: p50 ${single.distinct.p50} ms  p99 ${single.distinct.p99} ms  largest answer ${single.distinct.maxJsonKb} KB  failed ${single.distinct.failed}`,
  ].join('\n');
  process.stdout.write(`${text}\n`);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-');
  writeFileSync(
    join(dir, `map-viewports-${stamp}.json`),
    `${JSON.stringify({ db: values.db, workers: values.workers, connections, duration, seed, load: before, end, firstMs, bare: bareLoad, moves, distinct, single }, null, 2)}\n`,
  );
} finally {
  await app?.stop();
  await bare?.stop();
}
