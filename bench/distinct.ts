/**
 * Searches as real visitors send them: every request different. Generated from a fixed seed so a
 * run can be repeated, drawn so that almost none repeats (a commune among all of France's ×
 * action or public filters × radius × page; a word × a département × page), and spread over the
 * connections one by one (not one list per connection, which would make the 50 connections send
 * the same URLs and the public cache answer them).
 *
 * Used by bench/run.ts (the `distinct` rows: 50 connections, one client, with saves) and usable alone:
 *
 *   node --import tsx bench/distinct.ts <base url> [seconds] [connections]
 */

import { readFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { listCommunes, listDepartements } from '../packages/geo/src/index.ts';
import { ACTIONS, PUBLICS } from '../packages/schema/src/index.ts';
import { autocannonRun, BROWSER_HEADERS, DIRECTORY_WORDS, type LoadResult, loadResultOf, round } from './lib.ts';

/** A small seeded generator (mulberry32): the same seed gives the same requests. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words people type: the directory's, and a few more of its subjects. */
const WORDS = ['enfance', ...DIRECTORY_WORDS, 'parents', 'accueil', 'violence', 'sante', 'education', 'protection', 'association'];
const RADII = [2, 5, 10, 15, 20, 30, 50];

/**
 * `count` search paths from `seed`: 80 % around a commune drawn among every commune of France
 * (no filter, an action, a public or both; a radius; page 1 to 3), 20 % a word in a département
 * (sometimes with an action; page 1 or 2).
 */
export function distinctSearchPaths(seed: number, count: number): string[] {
  const rnd = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const communes = listCommunes();
  const departements = listDepartements();
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const params = new URLSearchParams();
    if (rnd() < 0.8) {
      params.set('commune', pick(communes).code);
      const f = rnd();
      if (f < 0.35) params.set('actions', pick(ACTIONS));
      else if (f < 0.6) params.set('publics', pick(PUBLICS));
      else if (f < 0.75) {
        params.set('actions', pick(ACTIONS));
        params.set('publics', pick(PUBLICS));
      }
      params.set('radius_km', String(pick(RADII)));
      const p = rnd();
      if (p > 0.7) params.set('page', p > 0.9 ? '3' : '2');
    } else {
      params.set('q', pick(WORDS));
      params.set('departement', pick(departements).code);
      if (rnd() < 0.3) params.set('actions', pick(ACTIONS));
      if (rnd() < 0.2) params.set('page', '2');
    }
    out.push(`/api/actors?${params}`);
  }
  return out;
}

/** Share of `paths` that are not a repeat of an earlier one. */
export function distinctShare(paths: readonly string[]): number {
  return round(new Set(paths).size / Math.max(1, paths.length), 4);
}

/** A fixed page-like JSON (38 KB) for `machinePace`. */
let paceBody: Buffer | undefined;
let paceWarm = false;

/**
 * The machine's pace just before a row: a fixed piece of work (Brotli quality 1 over the same
 * 38 KB of JSON, what a server does for each answer; the median of five blocks of 120, × 5),
 * timed on the bench's own thread while the server waits, in ms. The same code's rows of one run
 * have cost 0.67 and 1.53 ms of CPU a search minutes apart (docs/PERFORMANCE.md §20): when this
 * figure moves with them, the machine did.
 */
export function machinePace(): number {
  if (!paceBody) {
    const rnd = seeded(99);
    const items = Array.from({ length: 20 }, (_, i) => ({
      id: i,
      name: `Association ${WORDS[Math.floor(rnd() * WORDS.length)]} ${i}`,
      description: Array.from({ length: 40 }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' '),
      sites: Array.from({ length: 3 }, () => ({ lat: rnd() * 10 + 42, lng: rnd() * 10 - 4, opening_hours: 'Mo-Fr 09:00-17:00' })),
    }));
    paceBody = Buffer.from(JSON.stringify({ total: 1000, items, pad: 'x'.repeat(Math.max(0, 38_000 - JSON.stringify(items).length)) }));
  }
  const params = { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: paceBody.byteLength };
  // A process's first few hundred compressions run 10–20 times slower (910 µs each for the first
  // 120, then 46): the first call compresses for three seconds untimed.
  if (!paceWarm) {
    const end = performance.now() + 3000;
    while (performance.now() < end) brotliCompressSync(paceBody, { params });
    paceWarm = true;
  }
  // The median of five blocks of 120: a collection of the bench's own garbage falls in one of them.
  const blocks: number[] = [];
  for (let b = 0; b < 5; b++) {
    const t = performance.now();
    for (let i = 0; i < 120; i++) brotliCompressSync(paceBody, { params });
    blocks.push(performance.now() - t);
  }
  blocks.sort((x, y) => x - y);
  return round((blocks[2] as number) * 5, 1);
}

/**
 * A load run where each request, on whichever connection, takes the next path of `paths`
 * (wrapping round at the end: give more paths than the run can send).
 */
export async function loadDistinct(
  url: string,
  opts: { connections: number; duration: number; paths: readonly string[]; headers?: Record<string, string>; pid?: number },
): Promise<LoadResult & { sent: number; distinct: number; cpuMsPerRequest: number | null; paceMs: number }> {
  const paceMs = machinePace();
  let next = 0;
  const cpuBefore = opts.pid ? cpuMs(opts.pid) : null;
  const sent: string[] = [];
  const result = await autocannonRun(url, {
    connections: opts.connections,
    duration: opts.duration,
    headers: opts.headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const path = opts.paths[next++ % opts.paths.length] as string;
          sent.push(path);
          return { ...req, path };
        },
      },
    ],
  });
  return {
    ...loadResultOf(result),
    sent: sent.length,
    distinct: distinctShare(sent),
    cpuMsPerRequest: cpuBefore !== null && opts.pid ? round((cpuMs(opts.pid) - cpuBefore) / Math.max(1, result.requests.total), 3) : null,
    paceMs,
  };
}

/**
 * CPU time a process and its children (the workers of `--workers N`) used so far (user + system),
 * in ms, from /proc (Linux): the server's CPU per request is what a busy shared machine moves least.
 */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return own + children.reduce((sum, child) => sum + cpuMs(child), 0);
  } catch {
    return Number.NaN;
  }
}

/**
 * One client, one request at a time over `paths`: p50/p99/max in ms, and any answer not 200.
 * The client is node:http on one kept-alive connection, each body read whole and decompressed
 * (Brotli or gzip, as the server chose): what a browser does, without undici's `fetch` machinery,
 * which alone adds 0.4–1 ms to a request here (/api/health: p50 0.82 ms through `fetch`, 0.46 ms
 * through node:http; distinct searches 2.98 against 2.0) — the load rows' autocannon has none of it either.
 */
export async function sequentialDistinct(
  url: string,
  paths: readonly string[],
): Promise<{ p50: number; p99: number; max: number; count: number; non2xx: number }> {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let non2xx = 0;
  try {
    for (const path of paths) {
      const t = performance.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpGet({ host: base.hostname, port: base.port, path, agent, headers: BROWSER_HEADERS }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            const encoding = res.headers['content-encoding'];
            if (encoding === 'br') brotliDecompressSync(body);
            else if (encoding === 'gzip') gunzipSync(body);
            resolve(res.statusCode ?? 0);
          });
          res.on('error', reject);
        });
        req.on('error', reject);
      });
      times.push(performance.now() - t);
      if (status !== 200) non2xx++;
    }
  } finally {
    agent.destroy();
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
  return { p50: round(at(50)), p99: round(at(99)), max: round(times[times.length - 1] ?? 0), count: times.length, non2xx };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [base, seconds = '10', conns = '50'] = process.argv.slice(2);
  if (!base) throw new Error('usage: bench/distinct.ts <base url> [seconds] [connections]');
  const paths = distinctSearchPaths(1, 200_000);
  const r = await loadDistinct(base, { connections: Number(conns), duration: Number(seconds), paths });
  console.log(JSON.stringify(r));
}

export type DistinctRow = LoadResult & { sent: number; distinct: number; ratio: number; cpuMsPerRequest: number | null; paceMs?: number };
export type DistinctResult = {
  /** 50 connections, every request different. */
  load?: DistinctRow;
  /** One client, one request at a time, every request different. */
  single?: { p50: number; p99: number; max: number; count: number; non2xx: number };
  /** The same load while an actor is saved every second by the server itself (a curator's save). */
  withSaves?: DistinctRow & { saves: string };
  /** The same load while another process saves an actor every second. */
  withOtherProcessSaves?: DistinctRow & { saves: string };
  /** The same load on one process per core (the default) while one of them saves an actor every second. */
  withSavesEveryCore?: DistinctRow & { saves: string; workers: number };
  /** The same load and client on one process per core, as the server runs by default (PARE_WORKERS). */
  everyCore?: { workers: number; load: DistinctRow; single: NonNullable<DistinctResult['single']> };
};

/**
 * The `distinct` rows of `pnpm bench` for one server: under load (its own seed), one client (another
 * seed, so nothing it asks was asked under load), as ratios of the bare route's req/s.
 */
export async function measureDistinct(
  url: string,
  bareRps: number,
  opts: { connections: number; duration: number; seed: number; singleCount?: number; pid?: number },
): Promise<{ load: DistinctRow; single: NonNullable<DistinctResult['single']> }> {
  const paths = distinctSearchPaths(opts.seed, 250_000);
  // The first searches build the indexes (seconds on a busy machine): one at a time, untimed.
  await sequentialDistinct(url, distinctSearchPaths(opts.seed + 5000, 5));
  // A short warm-up on other requests (JIT, the index, the territory sets), then the run.
  await loadDistinct(url, { connections: opts.connections, duration: 2, paths: distinctSearchPaths(opts.seed + 1000, 20_000) });
  const load = await loadDistinct(url, {
    connections: opts.connections,
    duration: opts.duration,
    paths,
    ...(opts.pid ? { pid: opts.pid } : {}),
  });
  const single = await sequentialDistinct(url, distinctSearchPaths(opts.seed + 2000, opts.singleCount ?? 300));
  return { load: { ...load, ratio: round(load.rps / Math.max(1, bareRps), 4) }, single };
}
