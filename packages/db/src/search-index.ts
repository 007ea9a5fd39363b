import { ACTIONS, ACTOR_TYPES, PUBLICS } from '@pare/schema';
import type { Db } from './database.ts';
import { EARTH_RADIUS_KM, statementCache } from './database.ts';

/**
 * What a search needs to know of the directory, in memory: every published actor's code lists and
 * ranks (typed arrays indexed by actor id), the actors of a territory, and every site's point in a
 * grid. Built once, then patched actor by actor after a write on this connection
 * (`patchDirectoryIndex`), so a curator's save costs the next visitor a few milliseconds instead
 * of a rebuild.
 */
export type DirectoryIndex = {
  size: number;
  published: Uint8Array;
  type: Uint8Array;
  scope: Uint8Array;
  publics: Uint8Array;
  actions: Uint16Array;
  /** Position in `ORDER BY name_sort, id` and in `ORDER BY updated_at DESC, id`. */
  nameRank: Int32Array;
  updatedRank: Int32Array;
  byName: Int32Array;
  byUpdated: Int32Array;
  /** Published national actors, by id. */
  national: Int32Array;
  /** Actors by territory key (`territoryKey`), read from SQL on first use and patched since. */
  territories: Map<string, Set<number>>;
  /**
   * Actors by commune territory (INSEE code), every commune's read at once on the first commune
   * searched, and patched since; null until then. A commune absent has none.
   */
  communeTerritories: Map<string, Set<number>> | null;
  /** Every site of the R*Tree, in a grid; null until a place is first searched. */
  grid: SiteGrid | null;
  /**
   * Derived orders (`aroundOrder`, `departementActors`, `nationalByName`), made on first use; a
   * patch drops those a written actor was or now is in (`touches`), the others stay as they are.
   */
  orders: Map<string, Int32Array>;
};

/** What a patch wrote: the actors, and each one's territory keys as they are now (`sd:69`, `tk:69`, `tr:84`…). */
export type Patched = { ids: readonly number[]; keys: Map<number, Set<string>> };

/**
 * Whether a list derived from the territories `deps` (and the national actors, with `national`)
 * may have changed with a patch: a written actor was in it (`was`), or is published now with one
 * of those keys or national. The relative order of the actors not written stays what it was
 * (their scope and names did not move), so a list no written actor was or is in holds as it is.
 */
export function touches(
  ix: DirectoryIndex,
  patched: Patched,
  was: (id: number) => boolean,
  deps: readonly string[],
  national: boolean,
): boolean {
  for (const id of patched.ids) {
    if (was(id)) return true;
    if (!ix.published[id]) continue;
    if (national && ix.scope[id] === SCOPE_RANK.national) return true;
    const keys = patched.keys.get(id);
    if (keys && deps.some((d) => keys.has(d))) return true;
  }
  return false;
}

/** The territories and whether the national actors are in an order, by its key (`aroundOrder`…): null, unknown. */
function orderDeps(key: string): { deps: string[]; national: boolean } | null {
  const [kind, departement, region] = key.split(':');
  if (kind === 'around') return { deps: [`tk:${departement}`, `tr:${region}`, `sd:${departement}`], national: false };
  if (kind === 'departement') return { deps: [`sd:${departement}`, `td:${departement}`, `tr:${region}`], national: true };
  if (kind === 'national') return { deps: [], national: true };
  return null;
}

export const SCOPE_RANK: Record<string, number> = { communes: 0, departements: 1, regions: 2, national: 3 };
const TYPE_INDEX = new Map<string, number>(ACTOR_TYPES.map((t, i) => [t, i]));

// -- build ------------------------------------------------------------------------------------

/**
 * Reads the index from SQLite indexes only: ids in name order, in update order, by type, by
 * scope, by public and by action (migration 0010 adds the two that were missing). Plain lists
 * of integers are about five times cheaper to read than rows of strings.
 */
export function buildDirectoryIndex(db: Db): DirectoryIndex {
  const size = ((db.prepare('SELECT max(id) FROM actors').pluck().get() as number | null) ?? 0) + 1;
  const ids = (sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .all(...params) as number[];
  const byName = Int32Array.from(ids(`SELECT id FROM actors WHERE status = 'published' ORDER BY name_sort, id`));
  const byUpdated = Int32Array.from(ids(`SELECT id FROM actors WHERE status = 'published' ORDER BY updated_at DESC, id`));
  const ix: DirectoryIndex = {
    size,
    published: new Uint8Array(size),
    type: new Uint8Array(size),
    scope: new Uint8Array(size),
    publics: new Uint8Array(size),
    actions: new Uint16Array(size),
    nameRank: new Int32Array(size),
    updatedRank: new Int32Array(size),
    byName,
    byUpdated,
    national: Int32Array.from(ids(`SELECT id FROM actors WHERE status = 'published' AND territory_scope = 'national' ORDER BY id`)),
    territories: new Map(),
    communeTerritories: null,
    grid: null,
    orders: new Map(),
  };
  byName.forEach((id, i) => {
    ix.published[id] = 1;
    ix.nameRank[id] = i;
  });
  byUpdated.forEach((id, i) => {
    ix.updatedRank[id] = i;
  });
  ACTOR_TYPES.forEach((type, t) => {
    for (const id of ids(`SELECT id FROM actors WHERE status = 'published' AND type = ?`, type)) ix.type[id] = t;
  });
  for (const [scope, rank] of Object.entries(SCOPE_RANK)) {
    for (const id of ids(`SELECT id FROM actors WHERE status = 'published' AND territory_scope = ?`, scope)) ix.scope[id] = rank;
  }
  PUBLICS.forEach((code, b) => {
    for (const id of ids('SELECT actor_id FROM actor_publics WHERE public = ?', code))
      if (id < size) ix.publics[id] = (ix.publics[id] as number) | (1 << b);
  });
  ACTIONS.forEach((code, b) => {
    for (const id of ids('SELECT actor_id FROM actor_actions WHERE action = ?', code))
      if (id < size) ix.actions[id] = (ix.actions[id] as number) | (1 << b);
  });
  return ix;
}

// -- territories ------------------------------------------------------------------------------

/**
 * The territory lookups a search makes, each a set of actor ids (published or not):
 * `sd` sites in a département, `td` territories whose département is it, `tk` a département
 * territory, `tc` a commune territory, `tr` a région territory.
 */
export type TerritoryKind = 'sd' | 'td' | 'tk' | 'tc' | 'tr';
const TERRITORY_SQL: Record<TerritoryKind, string> = {
  sd: 'SELECT actor_id FROM sites WHERE departement_code = ?',
  td: 'SELECT actor_id FROM actor_territories WHERE departement = ?',
  tk: `SELECT actor_id FROM actor_territories WHERE kind = 'departement' AND code = ?`,
  tc: `SELECT actor_id FROM actor_territories WHERE kind = 'commune' AND code = ?`,
  tr: `SELECT actor_id FROM actor_territories WHERE kind = 'region' AND code = ?`,
};
/** Beyond this many territory sets kept (départements and régions: a few hundred), they are all dropped. */
const MAX_TERRITORY_SETS = 20_000;

/** The index's statements, prepared once per connection (a commune asked first costs a query, not a prepare too). */
const statements = new WeakMap<Db, ReturnType<typeof statementCache>>();
function statementsOf(db: Db): ReturnType<typeof statementCache> {
  let stmt = statements.get(db);
  if (!stmt) {
    stmt = statementCache(db);
    statements.set(db, stmt);
  }
  return stmt;
}

/** No actor: what a commune without a territory of its own answers (never written to). */
const NONE: ReadonlySet<number> = new Set<number>();

/**
 * Every commune's territory actors, read in one query (75,000 rows for 16,000 communes at
 * 100,000 actors, ~40 ms) instead of a query and a set kept per commune searched: half of
 * France's 35,000 communes have none, and distinct searches around them filled the kept sets
 * to their cap, which then dropped every département's too.
 */
function communeTerritories(db: Db, ix: DirectoryIndex): Map<string, Set<number>> {
  if (ix.communeTerritories) return ix.communeTerritories;
  const byCode = new Map<string, Set<number>>();
  for (const [code, id] of statementsOf(db)(`SELECT code, actor_id FROM actor_territories WHERE kind = 'commune'`)
    .raw()
    .iterate() as Iterable<[string, number]>) {
    const set = byCode.get(code);
    if (set) set.add(id);
    else byCode.set(code, new Set([id]));
  }
  ix.communeTerritories = byCode;
  return byCode;
}

export function territoryActors(db: Db, ix: DirectoryIndex, kind: TerritoryKind, code: string): ReadonlySet<number> {
  if (kind === 'tc') return communeTerritories(db, ix).get(code) ?? NONE;
  const key = `${kind}:${code}`;
  let set = ix.territories.get(key);
  if (!set) {
    if (ix.territories.size >= MAX_TERRITORY_SETS) ix.territories.clear();
    set = new Set(statementsOf(db)(TERRITORY_SQL[kind]).pluck().all(code) as number[]);
    ix.territories.set(key, set);
  }
  return set;
}

/** Ids sorted by territory scope (commune first, national last), then name: how a place's
 * « territoire » and « national » groups are ordered. */
export function byScopeAndName(ix: DirectoryIndex, ids: Iterable<number>): Int32Array {
  const out = Int32Array.from(ids);
  // Scope (below 4) and name rank packed into one integer key: a native numeric sort.
  const keys = new Float64Array(out.length);
  for (let i = 0; i < out.length; i++) {
    const id = out[i] as number;
    keys[i] = ((ix.scope[id] as number) * 2 ** 21 + (ix.nameRank[id] as number)) * 2 ** 22 + i;
  }
  keys.sort();
  const sorted = new Int32Array(out.length);
  for (let i = 0; i < keys.length; i++) sorted[i] = out[(keys[i] as number) % 2 ** 22] as number;
  return sorted;
}

/** `into` with the published actors of each territory `[kind, code]` added. */
function publishedIn(db: Db, ix: DirectoryIndex, into: Set<number>, territories: [TerritoryKind, string][]): Set<number> {
  for (const [kind, code] of territories)
    for (const id of territoryActors(db, ix, kind, code)) if (id < ix.size && ix.published[id]) into.add(id);
  return into;
}

/**
 * The published actors a commune's search finds « sur le territoire » before its own commune's
 * territories: those with a site in its département, or a territory on its département or its
 * région — sorted by scope then name, once per département, not at every search.
 */
export function aroundOrder(db: Db, ix: DirectoryIndex, departement: string, region: string): Int32Array {
  const key = `around:${departement}:${region}`;
  let order = ix.orders.get(key);
  if (!order) {
    const ids = publishedIn(db, ix, new Set<number>(), [
      ['tk', departement],
      ['tr', region],
      ['sd', departement],
    ]);
    order = byScopeAndName(ix, ids);
    ix.orders.set(key, order);
  }
  return order;
}

/**
 * The published actors a search in a département keeps: the national ones, those with a site
 * in it, a territory in it, or a territory on its région — by id, once per département.
 */
export function departementActors(db: Db, ix: DirectoryIndex, departement: string, region: string): Int32Array {
  const key = `departement:${departement}:${region}`;
  let list = ix.orders.get(key);
  if (!list) {
    const ids = publishedIn(db, ix, new Set<number>(ix.national), [
      ['sd', departement],
      ['td', departement],
      ['tr', region],
    ]);
    list = Int32Array.from(ids).sort();
    ix.orders.set(key, list);
  }
  return list;
}

/** The published national actors by name. */
export function nationalByName(ix: DirectoryIndex): Int32Array {
  let order = ix.orders.get('national');
  if (!order) {
    order = byScopeAndName(ix, ix.national);
    ix.orders.set('national', order);
  }
  return order;
}

// -- sites ------------------------------------------------------------------------------------

/** Grid cells of this many degrees: a 10 km radius reads about 4 cells, 50 km about 40. */
const CELL = 0.2;
const RAD = Math.PI / 180;
const cellOf = (lat: number, lng: number) => (Math.floor(lat / CELL) + 1000) * 10_000 + (Math.floor(lng / CELL) + 1000);

/**
 * Every site of `sites_rtree`: its actor (-1 once removed), its public point (what distances are
 * measured from) and its R*Tree box as stored (32-bit floats, rounded outwards), so the box test
 * is the SQL's to the last bit.
 */
type SiteGrid = {
  actor: number[];
  lat: number[];
  lng: number[];
  /** The cosine of each site's latitude, as `haversineKm` computes it (to the last bit). */
  cosLat: number[];
  box: number[];
  cells: Map<number, number[]>;
  /** By actor id, its last filed site (-1: none); by site, the same actor's site filed before it (-1: none). */
  first: number[];
  next: number[];
};

const SITE_SQL = `SELECT s.actor_id, s.public_lat, s.public_lng, r.min_lat, r.max_lat, r.min_lng, r.max_lng
  FROM sites_rtree r JOIN sites s ON s.id = r.id`;

function addSites(grid: SiteGrid, rows: [number, number, number, number, number, number, number][]) {
  for (const [actor, lat, lng, minLat, maxLat, minLng, maxLng] of rows) {
    const i = grid.actor.length;
    grid.actor.push(actor);
    grid.lat.push(lat);
    grid.lng.push(lng);
    grid.cosLat.push(Math.cos(lat * RAD));
    grid.box.push(minLat, maxLat, minLng, maxLng);
    while (grid.first.length <= actor) grid.first.push(-1);
    grid.next.push(grid.first[actor] as number);
    grid.first[actor] = i;
    const cell = cellOf(minLat, minLng);
    const list = grid.cells.get(cell);
    if (list) list.push(i);
    else grid.cells.set(cell, [i]);
  }
}

function siteGrid(db: Db, ix: DirectoryIndex): SiteGrid {
  if (!ix.grid) {
    ix.grid = { actor: [], lat: [], lng: [], cosLat: [], box: [], cells: new Map(), first: [], next: [] };
    // Filed cell by cell (a stable sort: within a cell, the order the SQL gave): a search reads a
    // cell's sites from consecutive places in the arrays, not from all over 140,000 entries.
    const rows = db.prepare(SITE_SQL).raw().all() as [number, number, number, number, number, number, number][];
    const cells = rows.map((r) => cellOf(r[3], r[5]));
    const order = rows.map((_, i) => i).sort((a, b) => (cells[a] as number) - (cells[b] as number) || a - b);
    addSites(
      ix.grid,
      order.map((i) => rows[i] as (typeof rows)[number]),
    );
  }
  return ix.grid;
}

/**
 * Actors with a site within the radius, with their distance to the nearest one: the SQL's R*Tree
 * box (same bounds, same comparisons), then the exact distance.
 */
export function nearActors(db: Db, ix: DirectoryIndex, p: { lat: number; lng: number; radiusKm: number }): Near {
  const grid = siteGrid(db, ix);
  const dLat = p.radiusKm / 111.2;
  const dLng = p.radiusKm / (111.2 * Math.max(0.05, Math.cos((p.lat * Math.PI) / 180)));
  const minLat = p.lat - dLat;
  const maxLat = p.lat + dLat;
  const minLng = p.lng - dLng;
  const maxLng = p.lng + dLng;
  // Each actor's best distance so far in a scratch array by id (-1: not met), the actors met in
  // the order first met: no Map of thousands of entries made at every search (large, it went
  // straight to the old generation, and the collector ran a full mark-compact every second or so).
  if (nearBest.length < ix.size) {
    nearBest = new Float64Array(ix.size).fill(-1);
    nearMet = new Int32Array(ix.size);
  }
  let best = nearBest;
  let met = nearMet;
  let count = 0;
  // A site is filed under its box's lower corner; boxes are points (a few float32 steps wide).
  const r0 = Math.floor((minLat - 0.01) / CELL);
  const r1 = Math.floor(maxLat / CELL);
  const c0 = Math.floor((minLng - 0.01) / CELL);
  const c1 = Math.floor(maxLng / CELL);
  const box = grid.box;
  const cosLat = grid.cosLat;
  const cosCentre = Math.cos(p.lat * RAD);
  // The haversine term of the radius, with a margin far above rounding: beyond it, a site is out.
  const beyond = Math.sin(p.radiusKm / (2 * EARTH_RADIUS_KM)) ** 2 * (1 + 1e-9) + 1e-18;
  const visit = (list: number[]) => {
    for (const i of list) {
      const actor = grid.actor[i] as number;
      if (actor < 0) continue;
      if (actor >= best.length) {
        // Not expected (the index grows before a site is filed), but never a site left out.
        const wider = new Float64Array(actor + 1).fill(-1);
        wider.set(best);
        const widerMet = new Int32Array(actor + 1);
        widerMet.set(met);
        nearBest = best = wider;
        nearMet = met = widerMet;
      }
      const b = i * 4;
      if (
        !(
          (box[b + 1] as number) >= minLat &&
          (box[b] as number) <= maxLat &&
          (box[b + 3] as number) >= minLng &&
          (box[b + 2] as number) <= maxLng
        )
      )
        continue;
      // haversineKm's own steps, the cosines made once; a site clearly beyond the radius is
      // left before the square root and arc sine (its actor's distance, if within, is another site's).
      const dLat = ((grid.lat[i] as number) - p.lat) * RAD;
      const dLng = ((grid.lng[i] as number) - p.lng) * RAD;
      const h = Math.sin(dLat / 2) ** 2 + cosCentre * (cosLat[i] as number) * Math.sin(dLng / 2) ** 2;
      if (h > beyond) continue;
      const d = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
      const prev = best[actor] as number;
      if (prev < 0) {
        met[count++] = actor;
        best[actor] = d;
      } else if (d < prev) best[actor] = d;
    }
  };
  if ((r1 - r0 + 1) * (c1 - c0 + 1) > grid.cells.size) {
    for (const list of grid.cells.values()) visit(list);
  } else {
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const list = grid.cells.get((r + 1000) * 10_000 + (c + 1000));
        if (list) visit(list);
      }
    }
  }
  let size = 0;
  for (let k = 0; k < count; k++) if ((best[met[k] as number] as number) <= p.radiusKm) size++;
  const ids = new Int32Array(size);
  const distance = new Float64Array(size);
  let j = 0;
  for (let k = 0; k < count; k++) {
    const id = met[k] as number;
    const d = best[id] as number;
    best[id] = -1;
    if (d <= p.radiusKm) {
      ids[j] = id;
      distance[j++] = d;
    }
  }
  return { ids, distance };
}

/** What `nearActors` found: actor ids in the order first met, each with its distance (km) to its nearest site. */
export type Near = { ids: Int32Array; distance: Float64Array };
/** Scratch of `nearActors` (one search at a time: JavaScript runs one at a time): best distance by actor id, -1 when not met. */
let nearBest = new Float64Array(0);
let nearMet = new Int32Array(0);

/** `nearActors`' answer as a map from actor id to distance (for the less common paths that look actors up). */
export function nearMap(near: Near): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < near.ids.length; i++) map.set(near.ids[i] as number, near.distance[i] as number);
  return map;
}

// -- patch ------------------------------------------------------------------------------------

/** SQLite's BINARY collation: bytes of the UTF-8 text. */
const binary = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function grow(ix: DirectoryIndex, size: number) {
  const more = <T extends Uint8Array | Uint16Array | Int32Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(size);
    b.set(a);
    return b;
  };
  ix.published = more(ix.published);
  ix.type = more(ix.type);
  ix.scope = more(ix.scope);
  ix.publics = more(ix.publics);
  ix.actions = more(ix.actions);
  ix.nameRank = more(ix.nameRank);
  ix.updatedRank = more(ix.updatedRank);
  ix.size = size;
}

function without(list: Int32Array, drop: Uint8Array): Int32Array {
  let n = 0;
  const out = new Int32Array(list.length);
  for (const id of list) if (!drop[id]) out[n++] = id;
  return out.subarray(0, n);
}

function inserted(list: Int32Array, at: number, id: number): Int32Array {
  const out = new Int32Array(list.length + 1);
  out.set(list.subarray(0, at), 0);
  out[at] = id;
  out.set(list.subarray(at), at + 1);
  return out;
}

/**
 * Moves `id` within the sorted `list` (its place in `rank`) to where `after` says it goes now,
 * in place: the elements between its old and new places shift by one, and only their ranks are
 * set again.
 */
function moveWithin(list: Int32Array, rank: Int32Array, id: number, after: (other: number) => boolean): void {
  const from = rank[id] as number;
  const last = list.length - 1;
  list.copyWithin(from, from + 1);
  const to = position(list.subarray(0, last), after);
  list.copyWithin(to + 1, to, last);
  list[to] = id;
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) rank[list[i] as number] = i;
}

/** The published actors of national scope, in id order. */
function nationalOf(ix: DirectoryIndex): Int32Array {
  const national: number[] = [];
  for (let id = 0; id < ix.size; id++) if (ix.published[id] && ix.scope[id] === SCOPE_RANK.national) national.push(id);
  return Int32Array.from(national);
}

/** Where an element goes in a sorted list: the first position whose element comes after it. */
function position(list: Int32Array, after: (other: number) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(list[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Brings the index up to date for the actors `ids` (written on this connection since it was
 * built or last patched): their fields, their place in both orders, their territories and sites.
 * Same result as a rebuild, for a few milliseconds (generate.test.ts compares them).
 */
export function patchDirectoryIndex(db: Db, ix: DirectoryIndex, ids: readonly number[]): Patched {
  const patched: Patched = { ids, keys: new Map() };
  if (ids.length === 0) return patched;
  const stmt = statementsOf(db);
  const maxId = Math.max(...ids);
  if (maxId >= ix.size) grow(ix, Math.max(maxId + 1, Math.ceil(ix.size * 1.25)));
  type Row = { status: string; type: string; territory_scope: string; name_sort: string; updated_at: string };
  const rows = new Map<number, Row | undefined>();
  for (const id of ids)
    rows.set(id, stmt('SELECT status, type, territory_scope, name_sort, updated_at FROM actors WHERE id = ?').get(id) as Row | undefined);

  const keyOf = stmt('SELECT name_sort, updated_at FROM actors WHERE id = ?');
  const keys = new Map<number, { name_sort: string; updated_at: string }>();
  const key = (id: number) => {
    let k = keys.get(id);
    if (!k) {
      k = keyOf.get(id) as { name_sort: string; updated_at: string };
      keys.set(id, k);
    }
    return k;
  };
  /** A published actor's fields, its publics and actions read again. */
  const setFields = (id: number, row: Row) => {
    ix.published[id] = 1;
    ix.type[id] = TYPE_INDEX.get(row.type) ?? 0;
    ix.scope[id] = SCOPE_RANK[row.territory_scope] ?? 0;
    let publics = 0;
    for (const p of stmt('SELECT public FROM actor_publics WHERE actor_id = ?').pluck().all(id) as string[]) {
      const b = (PUBLICS as readonly string[]).indexOf(p);
      if (b >= 0) publics |= 1 << b;
    }
    let actions = 0;
    for (const a of stmt('SELECT action FROM actor_actions WHERE actor_id = ?').pluck().all(id) as string[]) {
      const b = (ACTIONS as readonly string[]).indexOf(a);
      if (b >= 0) actions |= 1 << b;
    }
    ix.publics[id] = publics;
    ix.actions[id] = actions;
  };
  const single = ids.length === 1 ? (ids[0] as number) : -1;
  const singleRow = rows.get(single);
  if (single >= 0 && ix.published[single] === 1 && singleRow?.status === 'published') {
    // One published actor saved and still published (a curator's save): moved within both orders
    // in place, the ranks set again only between its old and new places, the national list kept
    // unless it joined or left it — not both orders, their ranks and that list made again whole
    // (14 ms and 2 MB of new arrays at 100,000 actors, per save: docs/PERFORMANCE.md §14).
    const wasNational = ix.scope[single] === SCOPE_RANK.national;
    setFields(single, singleRow);
    keys.set(single, { name_sort: singleRow.name_sort, updated_at: singleRow.updated_at });
    moveWithin(ix.byName, ix.nameRank, single, (o) => {
      const c = binary(key(o).name_sort, singleRow.name_sort);
      return c > 0 || (c === 0 && o > single);
    });
    moveWithin(ix.byUpdated, ix.updatedRank, single, (o) => {
      const c = binary(key(o).updated_at, singleRow.updated_at);
      return c < 0 || (c === 0 && o > single);
    });
    if (wasNational !== (ix.scope[single] === SCOPE_RANK.national)) ix.national = nationalOf(ix);
  } else {
    // Out of both orders first: the others are then all in place for the binary searches.
    const changed = new Uint8Array(ix.size);
    for (const id of ids) changed[id] = 1;
    let byName = without(ix.byName, changed);
    let byUpdated = without(ix.byUpdated, changed);
    for (const id of ids) {
      const found = rows.get(id);
      const row = found?.status === 'published' ? found : null;
      if (!row) {
        ix.published[id] = 0;
        ix.publics[id] = 0;
        ix.actions[id] = 0;
        continue;
      }
      setFields(id, row);
      keys.set(id, { name_sort: row.name_sort, updated_at: row.updated_at });
      byName = inserted(
        byName,
        position(byName, (o) => {
          const c = binary(key(o).name_sort, row.name_sort);
          return c > 0 || (c === 0 && o > id);
        }),
        id,
      );
      byUpdated = inserted(
        byUpdated,
        position(byUpdated, (o) => {
          const c = binary(key(o).updated_at, row.updated_at);
          return c < 0 || (c === 0 && o > id);
        }),
        id,
      );
    }
    ix.byName = byName;
    ix.byUpdated = byUpdated;
    byName.forEach((id, i) => {
      ix.nameRank[id] = i;
    });
    byUpdated.forEach((id, i) => {
      ix.updatedRank[id] = i;
    });
    ix.national = nationalOf(ix);
  }

  // Territories: each written actor's keys as they are now; each kept set loses or gains it.
  for (const id of ids) {
    const mine = new Set<string>();
    for (const t of stmt('SELECT kind, code, departement FROM actor_territories WHERE actor_id = ?').all(id) as {
      kind: string;
      code: string;
      departement: string | null;
    }[]) {
      if (t.departement !== null) mine.add(`td:${t.departement}`);
      if (t.kind === 'departement') mine.add(`tk:${t.code}`);
      if (t.kind === 'commune') mine.add(`tc:${t.code}`);
      if (t.kind === 'region') mine.add(`tr:${t.code}`);
    }
    for (const dep of stmt('SELECT departement_code FROM sites WHERE actor_id = ? AND departement_code IS NOT NULL')
      .pluck()
      .all(id) as string[])
      mine.add(`sd:${dep}`);
    patched.keys.set(id, mine);
  }
  // One pass over the sets per written actor (usually one), not one over the actors per set.
  for (const [id, mine] of patched.keys)
    ix.territories.forEach((set, k) => {
      if (mine.has(k)) set.add(id);
      else set.delete(id);
    });
  const communes = ix.communeTerritories;
  if (communes) {
    const codesOf = new Map<number, Set<string>>();
    for (const [id, mine] of patched.keys) codesOf.set(id, new Set([...mine].filter((k) => k.startsWith('tc:')).map((k) => k.slice(3))));
    for (const [id, codes] of codesOf)
      communes.forEach((set, code) => {
        if (!codes.has(code)) set.delete(id);
      });
    for (const [id, codes] of codesOf)
      for (const code of codes) {
        const set = communes.get(code);
        if (set) set.add(id);
        else communes.set(code, new Set([id]));
      }
  }

  // Derived orders: those the written actors were or now are in are made again on first use.
  for (const [key, order] of ix.orders) {
    const d = orderDeps(key);
    // A département's list is in id order (`departementActors`): a written actor is looked up in
    // it by bisection, not by a pass over it — half of the ~200 lists each save walks.
    const was = key.startsWith('departement:')
      ? (id: number) => {
          const at = position(order, (o) => o > id);
          return at > 0 && order[at - 1] === id;
        }
      : (id: number) => order.includes(id);
    if (!d || touches(ix, patched, was, d.deps, d.national)) ix.orders.delete(key);
  }

  // Sites: the actors' old ones out, their current ones in.
  const grid = ix.grid;
  if (grid) {
    // Each actor's sites through its own chain, not a pass over the 140,000 (1 ms a save).
    for (const id of ids) {
      for (let i = grid.first[id] ?? -1; i >= 0; i = grid.next[i] as number) grid.actor[i] = -1;
      if (id < grid.first.length) grid.first[id] = -1;
    }
    for (const id of ids) addSites(grid, stmt(`${SITE_SQL} WHERE s.actor_id = ?`).raw().all(id) as never);
  }
  return patched;
}
