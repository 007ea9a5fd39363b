/**
 * What a full collection costs a warm server process: the directory's views made, 2,000 distinct
 * searches sent through the app, then seven full collections timed one by one (V8's atomic
 * mark-compact, as `global.gc()` runs it: what the collector's incremental marking spreads over the
 * searches and its final pause), the heap used after, and the live objects the collector marks
 * (the node count of a heap snapshot). At 100,000 actors a process runs such a collection every
 * 5–8 s under distinct searches; the searches in flight wait through its pause and are slowed by
 * its marking (docs/PERFORMANCE.md §18).
 *
 *   node --expose-gc --v8-pool-size=1 --import tsx bench/gc-census.mts <db> [--objects]
 *
 * `--objects` also writes a heap snapshot to count the objects (~230 MB in the system's temp
 * directory, removed after; 20–30 s more).
 */
import { openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createApp } from '../apps/api/src/app.ts';
import { createLogger } from '../apps/api/src/lib/logger.ts';
import { actorRepository, openDatabase, warmAnonymousListViews } from '../packages/db/src/index.ts';
import { warmUpSearch } from '../packages/geo/src/index.ts';
import { distinctSearchPaths } from './distinct.ts';

const [file, flag] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!file || !gc) throw new Error('usage: node --expose-gc --import tsx bench/gc-census.mts <db> [--objects]');
const db = openDatabase(file);
warmUpSearch();
const app = createApp({ db, log: createLogger('silent') });
const views = await warmAnonymousListViews(db, actorRepository(db).loadActors);
for (const path of distinctSearchPaths(5, 2000)) await (await app.request(path, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
gc();
gc();
const times: number[] = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  gc();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const used = process.memoryUsage();
let objects = '';
if (flag === '--objects') {
  const path = writeHeapSnapshot(join(tmpdir(), `gc-census-${process.pid}.heapsnapshot`));
  // The snapshot's header gives its node count: `"node_count":N` within its first bytes.
  const head = Buffer.alloc(16_384);
  readSync(openSync(path, 'r'), head, 0, head.length, 0);
  objects = ` · live objects ${Number(/"node_count":(\d+)/.exec(head.toString())?.[1]).toLocaleString('en-US')}`;
  rmSync(path);
}
console.log(
  `${views.toLocaleString('en-US')} views · full collection median ${(times[3] as number).toFixed(1)} ms (min ${(times[0] as number).toFixed(1)}, max ${(times[6] as number).toFixed(1)}) · heap used ${(used.heapUsed / 1e6).toFixed(0)} MB · outside the heap ${(used.arrayBuffers / 1e6).toFixed(0)} MB${objects}`,
);
db.close();
process.exit(0);
