/**
 * Map viewports as visitors send them (issue 22, item 1's map row): random box and zoom over
 * France with random search filters, every request different. Used by `pnpm bench` (bench/run.ts,
 * at each size, on one process and on one per core) and by bench/map-viewports.ts alone.
 *
 * Two loads:
 * - `moves`: 40 searches (fixed by the seed, each asked once before the load) whose map is moved
 *   and zoomed: every viewport is new, the filter sets repeat — what « a map move » costs once a
 *   search is on screen;
 * - `distinct`: a new search for almost every request (random commune among all of France's
 *   with a radius, département, action, public, type, word, « ouvert maintenant », or none), so
 *   each pays its filter set's selection.
 * Then one client, sequentially, over 300 new requests of each kind: p50/p99 and the largest answer.
 */
import type autocannon from 'autocannon';
import { createRandom, type Random } from '../packages/db/src/index.ts';
import { listCommunes, listDepartements } from '../packages/geo/src/index.ts';
import { ACTIONS, ACTOR_TYPES, PUBLICS } from '../packages/schema/src/index.ts';
import { type LoadResult, load, round } from './lib.ts';

const FRANCE = { w: -4.8, s: 42.3, e: 8.2, n: 51.0 };
/** The map pane of a desktop search page, in pixels. */
const VIEW = { width: 900, height: 650 };
const WORDS = ['enfance', 'ecoute', 'prostitution', 'famille', 'jeunes', 'sante', 'justice', 'foyer', 'prevention', 'maison'];
const RADII = [5, 10, 20, 30, 50, 100];

const communes = listCommunes().filter((c) => c.lat > FRANCE.s && c.lat < FRANCE.n && c.lng > FRANCE.w && c.lng < FRANCE.e);
const departements = listDepartements()
  .map((d) => d.code)
  .filter((code) => code.length === 2 || code === '2A' || code === '2B');

type Filters = { query: string; centre: [number, number] | null };

function randomFilters(r: Random): Filters {
  const x = r.next();
  const extra = () => (r.chance(0.3) ? (r.chance(0.5) ? `&actions=${r.pick(ACTIONS)}` : `&publics=${r.pick(PUBLICS)}`) : '');
  if (x < 0.2) return { query: '', centre: null };
  if (x < 0.32) return { query: `publics=${r.pick(PUBLICS)}`, centre: null };
  if (x < 0.47) return { query: `actions=${r.pick(ACTIONS)}`, centre: null };
  if (x < 0.55) return { query: `types=${r.pick(ACTOR_TYPES)}`, centre: null };
  if (x < 0.67) return { query: `departement=${r.pick(departements)}${extra()}`, centre: null };
  if (x < 0.87) {
    const c = r.pick(communes);
    return { query: `commune=${c.code}&radius_km=${r.pick(RADII)}${extra()}`, centre: [c.lng, c.lat] };
  }
  if (x < 0.95) return { query: `q=${r.pick(WORDS)}${extra()}`, centre: null };
  return { query: `ouvert=maintenant${extra()}`, centre: null };
}

/** A viewport of VIEW pixels at a random zoom, around the search's place or anywhere in France. */
function randomView(r: Random, f: Filters): string {
  const zoom = r.int(5, 15);
  const width = (VIEW.width * 360) / (256 * 2 ** zoom);
  const [lng, lat] = f.centre
    ? [f.centre[0] + (r.next() - 0.5) * width, f.centre[1] + (r.next() - 0.5) * width * 0.5]
    : [FRANCE.w + r.next() * (FRANCE.e - FRANCE.w), FRANCE.s + r.next() * (FRANCE.n - FRANCE.s)];
  const height = ((width * VIEW.height) / VIEW.width) * Math.cos((lat * Math.PI) / 180);
  const box = [lng - width / 2, lat - height / 2, lng + width / 2, lat + height / 2].map((v) => round(v, 4)).join(',');
  return `/api/map/points?${f.query}${f.query ? '&' : ''}bbox=${box}&zoom=${zoom}`;
}

export function generator(kind: 'moves' | 'distinct', r: Random): (() => string) & { searches: Filters[] } {
  const searches = Array.from({ length: 40 }, () => randomFilters(r));
  const next = kind === 'moves' ? () => randomView(r, r.pick(searches)) : () => randomView(r, randomFilters(r));
  return Object.assign(next, { searches });
}

/** The first map request of each search (its selection), before its moves are measured. */
export async function warm(url: string, searches: Filters[]) {
  for (const f of searches)
    await (await fetch(`${url}/api/map/points?${f.query}${f.query ? '&' : ''}bbox=-5,42,8,51&zoom=5`)).arrayBuffer();
}

/** Every request takes the next path of `next`: no two connections send the same URL. */
function loadDistinct(url: string, next: (() => string) | null, connections: number, duration: number): Promise<LoadResult> {
  const requests = next ? [{ method: 'GET' as const, setupRequest: (req: autocannon.Request) => ({ ...req, path: next() }) }] : undefined;
  return load(url, { connections, duration, ...(requests ? { requests } : {}) });
}

/** One client, one request at a time: what a visitor waits without queueing, and the largest answer. */
export async function oneClient(url: string, next: () => string, count: number) {
  const times: number[] = [];
  let maxJson = 0;
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const res = await fetch(url + next(), { headers: { 'accept-encoding': 'identity' } });
    const body = await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status !== 200) failed++;
    maxJson = Math.max(maxJson, body.byteLength);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
  return { p50: round(at(50)), p99: round(at(99)), maxJsonKb: round(maxJson / 1024, 1), failed };
}

export type MapRow = LoadResult & { ratio: number };
export type MapViewportsResult = {
  moves: MapRow;
  distinct: MapRow;
  single: { moves: Awaited<ReturnType<typeof oneClient>>; distinct: Awaited<ReturnType<typeof oneClient>> };
};

/** Both loads at `connections` for `duration` s and the one-client rows, against a bare route's req/s of the same run. */
export async function measureMapViewports(
  url: string,
  bareRps: number,
  opts: { connections: number; duration: number; seed: number },
): Promise<MapViewportsResult> {
  const { connections, duration, seed } = opts;
  const singleMoves = generator('moves', createRandom(seed + 100));
  const loadMoves = generator('moves', createRandom(seed));
  await warm(url, [...singleMoves.searches, ...loadMoves.searches]);
  const single = {
    moves: await oneClient(url, singleMoves, 300),
    distinct: await oneClient(url, generator('distinct', createRandom(seed + 200)), 300),
  };
  const row = (r: LoadResult): MapRow => ({ ...r, ratio: round(r.rps / Math.max(1, bareRps), 4) });
  const moves = row(await loadDistinct(url, loadMoves, connections, duration));
  const distinct = row(await loadDistinct(url, generator('distinct', createRandom(seed + 1)), connections, duration));
  return { moves, distinct, single };
}
