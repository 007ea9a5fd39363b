// What distinct searches leave alive: `node --expose-gc --import tsx bench/heap-growth.mts <db> [count]`
// The views and the searches warmed as the server warms them, then `count` distinct searches through
// app.request under V8's sampling heap profiler; what is still alive after a full collection, by
// allocation site (the old generation's growth between two collections).
import { Session } from 'node:inspector/promises';
import { createApp } from '../apps/api/src/app.ts';
import { createLogger } from '../apps/api/src/lib/logger.ts';
import { createServices } from '../apps/api/src/services/index.ts';
import { startViewWarmer } from '../apps/api/src/services/view-warmer.ts';
import { openDatabase } from '../packages/db/src/index.ts';
import { warmUpSearch } from '../packages/geo/src/index.ts';
import { distinctSearchPaths } from './distinct.ts';

const [file, count = '4000'] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const db = openDatabase(file as string);
warmUpSearch();
const log = createLogger('silent');
const deps = createServices({ db, log });
const warmer = startViewWarmer(deps);
await warmer.ready;
await warmer.stop();
const app = createApp({ db, log, deps });
const headers = { 'accept-encoding': 'br, gzip' };
for (const p of distinctSearchPaths(5001, Number(process.env.WARM ?? 300))) await (await app.request(p, { headers })).arrayBuffer();
gc();
/** Bytes of ArrayBuffers (typed arrays, Buffers) after two young collections: the young ones they freed are not counted. */
async function arrayBuffersAfterYoungCollections(): Promise<number> {
  const minor = gc as unknown as (o: { type: 'minor' }) => void;
  for (let i = 0; i < 2; i++) {
    minor({ type: 'minor' });
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return process.memoryUsage().arrayBuffers;
}
const external = process.env.EXTERNAL ? trackExternalBytes() : null;
const buffersBefore = process.memoryUsage().arrayBuffers;
const before = process.memoryUsage().heapUsed;
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 4096,
  // PROMOTED=1: also what a full collection took, not what a young one did — what was promoted, then died old.
  ...(process.env.PROMOTED || process.env.ALLOCATED ? { includeObjectsCollectedByMajorGC: true } : {}),
  // ALLOCATED=1: everything allocated, young garbage included — what sets off the young collections.
  ...(process.env.ALLOCATED ? { includeObjectsCollectedByMinorGC: true } : {}),
});
// CONCURRENCY=N: N requests in flight at once, as N connections keep a server busy (they then live across young collections).
const paths = distinctSearchPaths(1, Number(count));
let next = 0;
await Promise.all(
  Array.from({ length: Number(process.env.CONCURRENCY ?? 1) }, async () => {
    while (next < paths.length) await (await app.request(paths[next++] as string, { headers })).arrayBuffer();
  }),
);
// What survives young collections: held by a cache, or promoted and not yet freed by a full one.
const buffersSurvived = await arrayBuffersAfterYoungCollections();
gc();
const buffersKept = process.memoryUsage().arrayBuffers;
const after = process.memoryUsage().heapUsed;
const { profile } = await session.post('HeapProfiler.stopSampling');
type Node = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] };
const bySite = new Map<string, number>();
const walk = (n: Node, stack: string[]) => {
  const f = n.callFrame;
  const here = `${f.functionName || '(anon)'} ${f.url.replace(/.*\/(apps|packages|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  const path = [...stack, here].slice(-3).join(' < ');
  if (n.selfSize) bySite.set(path, (bySite.get(path) ?? 0) + n.selfSize);
  for (const c of n.children) walk(c, [...stack, here]);
};
walk(profile.head as Node, []);
console.log(`heap used after a collection: ${Math.round(before / 1e6)} → ${Math.round(after / 1e6)} MB over ${count} searches`);
if (external) {
  const rows = [...external].sort((a, b) => b[1].bytes - a[1].bytes);
  const total = rows.reduce((sum, [, r]) => sum + r.bytes, 0);
  console.log(`outside the heap (typed arrays and Buffers of 1 KB or more): ${Math.round(total / Number(count) / 1e3)} KB a search`);
  for (const [site, r] of rows.slice(0, 15))
    console.log(`${(r.bytes / Number(count) / 1e3).toFixed(1).padStart(6)} KB a search, ${r.n} arrays  ${site}`);
  const perSearch = (bytes: number) => `${(bytes / Number(count) / 1e3).toFixed(1)} KB a search`;
  console.log(
    `ArrayBuffers alive after young collections: ${perSearch(buffersSurvived - buffersBefore)} (V8 starts a full collection when they grew 64 MB since the last one); after a full one: ${perSearch(buffersKept - buffersBefore)}`,
  );
}
const total = [...bySite.values()].reduce((a, b) => a + b, 0);
console.log(`sampled: ${(total / 1e6).toFixed(1)} MB, ${Math.round(total / Number(count) / 1e3)} KB a search`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25)))
  console.log(`${(bytes / 1e6).toFixed(2).padStart(7)} MB  ${site}`);
process.exit(0);

/**
 * EXTERNAL=1: the bytes of typed arrays and Buffers of 1 KB or more allocated from here on, by the
 * nearest frame of the project's code. They live outside V8's heap, which the sampling profiler
 * weighs, and their growth since the last full collection is what starts one under load
 * (`--trace-incremental-marking`: « external memory pressure », docs/PERFORMANCE.md §13). The
 * project's code reads the typed array constructors and `Buffer.allocUnsafe` at each call, so
 * replacing them now reaches it (and zlib's output chunks, Buffer.concat).
 */
function trackExternalBytes(): Map<string, { n: number; bytes: number }> {
  const sites = new Map<string, { n: number; bytes: number }>();
  const record = <T extends { byteLength: number }>(made: T): T => {
    if (made.byteLength < 1024) return made;
    const frames = (new Error().stack ?? '').split('\n').slice(2);
    const site = (frames.find((f) => /\/(apps|packages)\//.test(f) && !f.includes('node_modules')) ?? frames[1] ?? '?')
      .trim()
      .replace(/^at /, '')
      .replace(/\(?file:\/\/|\)$/g, '')
      .replace(/.*\/(apps|packages)\//, '$1/');
    const r = sites.get(site) ?? { n: 0, bytes: 0 };
    r.n++;
    r.bytes += made.byteLength;
    sites.set(site, r);
    return made;
  };
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of ['Int8Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array']) {
    const Original = g[name] as new (...args: unknown[]) => { byteLength: number };
    g[name] = class extends Original {
      constructor(...args: unknown[]) {
        super(...args);
        record(this);
      }
      static from(...args: unknown[]) {
        return record((Original as unknown as { from: (...a: unknown[]) => { byteLength: number } }).from(...args));
      }
    };
  }
  const allocUnsafe = Buffer.allocUnsafe;
  Buffer.allocUnsafe = (size: number) => record(allocUnsafe(size));
  return sites;
}
