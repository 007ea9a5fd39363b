/**
 * The map's points, clustered on the server per viewport, for any search (docs/PERFORMANCE.md,
 * « Map data »).
 *
 * Once per directory version, every site of a published, non-national actor is read (public
 * coordinates only) and sorted along a quadtree (Morton) order of its Web-Mercator position: the
 * sites of any grid cell, at any zoom, are then one contiguous run of that order. For a filter
 * set (the actors a search matches), the matching sites are kept in that order with running sums
 * of their coordinates — one linear pass, a few milliseconds even at 100,000 actors — and cached
 * per (directory version, filter set). A viewport then costs two binary searches per 64 px cell
 * on screen: a cluster is a cell's matching sites (their count and centroid), whatever the
 * number of actors. A library (supercluster, used before) builds its trees for one fixed set of
 * points: 0.3 s for 5,000 points and seconds for 137,000, too slow to build per search.
 *
 * Only public data goes in: `sites.public_lat/lng` (the commune's centre for a confidential site,
 * the very values publicView() gives as `lat`/`lng`), the actor's slug and name. Confidential
 * sites are clustered apart, so a cluster never mixes them with precise points.
 */
import { lowerBound } from '@pare/geo';
import type { Db } from './database.ts';
import { keptAcrossWrites } from './search-version.ts';

/** Beyond this zoom nothing more splits: every site is answered on its own. */
export const MAP_MAX_ZOOM = 16;
/** A cluster cell is a quarter of a 256 px tile: 64 px across, about supercluster's 60 px radius. */
const CELL_LEVELS = 2;
/** Sites are placed on a 2^24 grid (about 2 m at the latitude of France). */
const DEPTH = 24;
/** A cell holding this many matching sites or more is answered as one cluster. */
const MIN_POINTS = 2;
/** The widest view a screen shows, in pixels: a larger zoom for a wider box is answered at the zoom that fits. */
const MAX_VIEW_PX = 1600;

export type MapBbox = [west: number, south: number, east: number, north: number];

export type MapFeature = {
  type: 'Feature';
  id?: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties:
    | { cluster: true; count: number; confidential: boolean; expansion_zoom: number }
    | { cluster: false; confidential: boolean; site_id: number; actor: string; name: string };
};

/** Every mappable site, in Morton order. */
type SiteTable = {
  site: Int32Array;
  actor: Int32Array;
  lng: Float64Array;
  lat: Float64Array;
  code: Float64Array;
  confidential: Uint8Array;
  /** Positions of each actor's sites: `byActor[first[a]..first[a + 1])` (ascending). */
  first: Int32Array;
  byActor: Int32Array;
  maxActor: number;
};

/** The matching sites of one kind (public or confidential), in Morton order, with running sums. */
type Layer = { confidential: boolean; pos: Int32Array; code: Float64Array; sumLng: Float64Array; sumLat: Float64Array };

/** What a filter set shows on the map. */
type MapSelection = {
  layers: [Layer, Layer];
  /** Actors matching the filter set (national ones and those without a site included). */
  total: number;
  /** Actors with at least one site on the map. */
  actors: number;
  /** The box around every matching site, or null when none is on the map. */
  bounds: MapBbox | null;
  bytes: number;
};

const mercX = (lng: number) => (lng + 180) / 360;
function mercY(lat: number): number {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}
const GRID = 2 ** DEPTH;
const toGrid = (v: number) => Math.max(0, Math.min(GRID - 1, Math.floor(v * GRID)));

/** Spreads the 16 low bits of v over the even bits of a 32-bit number. */
function spread(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

/** Morton code of a cell (x, y < 2^24): a number below 2^48, exact in a double. */
function morton(x: number, y: number): number {
  const lo = (spread(x) | (spread(y) << 1)) >>> 0;
  const hi = (spread(x >>> 16) | (spread(y >>> 16) << 1)) >>> 0;
  return hi * 4294967296 + lo;
}

type SiteRow = [id: number, actor: number, lat: number, lng: number, confidential: number];

/** The mappable sites (public coordinates, published, not national) of every actor, or of `actors` only. */
function mappableRows(db: Db, actors?: number[]): SiteRow[] {
  const MAPPABLE = `a.status = 'published' AND a.territory_scope <> 'national'`;
  const SITE = 'SELECT s.id, s.actor_id, s.public_lat, s.public_lng, s.confidential FROM';
  let rows: [number, number, number | null, number | null, number][];
  if (actors) {
    // The actors written, by their ids first (the planner would otherwise scan the published ones).
    rows = db
      .prepare(`${SITE} json_each(?) j CROSS JOIN actors a ON a.id = j.value JOIN sites s ON s.actor_id = a.id WHERE ${MAPPABLE}`)
      .raw()
      .all(JSON.stringify(actors)) as typeof rows;
  } else {
    // Two narrow reads (an index of actor ids, the sites) rather than a join reading the wide actor rows.
    const mappable = new Set(db.prepare(`SELECT id FROM actors a WHERE ${MAPPABLE}`).pluck().all() as number[]);
    rows = (db.prepare(`${SITE} sites s`).raw().all() as typeof rows).filter((r) => mappable.has(r[1]));
  }
  return rows.filter((r) => r[2] !== null && r[3] !== null) as SiteRow[];
}

/** `rows` with their Morton codes, in the table's order (code, then site id). */
function inMortonOrder(rows: SiteRow[]): { rows: SiteRow[]; codes: number[] } {
  const coded = rows.map((r) => ({ r, code: morton(toGrid(mercX(r[3])), toGrid(mercY(r[2]))) }));
  coded.sort((a, b) => a.code - b.code || a.r[0] - b.r[0]);
  return { rows: coded.map((c) => c.r), codes: coded.map((c) => c.code) };
}

function emptyTable(n: number): SiteTable {
  return {
    site: new Int32Array(n),
    actor: new Int32Array(n),
    lng: new Float64Array(n),
    lat: new Float64Array(n),
    code: new Float64Array(n),
    confidential: new Uint8Array(n),
    first: new Int32Array(1),
    byActor: new Int32Array(0),
    maxActor: 0,
  };
}

function putRow(t: SiteTable, i: number, [id, actor, lat, lng, confidential]: SiteRow, code: number): void {
  t.site[i] = id;
  t.actor[i] = actor;
  t.lat[i] = lat;
  t.lng[i] = lng;
  t.code[i] = code;
  t.confidential[i] = confidential ? 1 : 0;
}

/** A counting sort of the positions by actor: a narrow search reads its actors' sites only. */
function indexByActor(t: SiteTable): SiteTable {
  const n = t.site.length;
  t.maxActor = 0;
  for (const a of t.actor) if (a > t.maxActor) t.maxActor = a;
  t.first = new Int32Array(t.maxActor + 2);
  for (const a of t.actor) t.first[a + 1] = (t.first[a + 1] as number) + 1;
  for (let a = 0; a <= t.maxActor; a++) t.first[a + 1] = (t.first[a + 1] as number) + (t.first[a] as number);
  const next = t.first.slice(0, t.maxActor + 1);
  t.byActor = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = t.actor[i] as number;
    t.byActor[next[a] as number] = i;
    next[a] = (next[a] as number) + 1;
  }
  return t;
}

function readSites(db: Db): SiteTable {
  const { rows, codes } = inMortonOrder(mappableRows(db));
  const t = emptyTable(rows.length);
  for (const [i, r] of rows.entries()) putRow(t, i, r, codes[i] as number);
  return indexByActor(t);
}

/**
 * The table after the actors `written` changed: their sites taken out, their sites as they are
 * now merged in at their place in the order. Two linear passes over typed arrays (~2 ms at
 * 100,000 actors) where reading every site again took ~0.5 s, paid by the next map request.
 */
function patchSites(db: Db, t: SiteTable, written: number[]): SiteTable {
  const touched = new Uint8Array(t.maxActor + 1);
  for (const id of written) if (id <= t.maxActor) touched[id] = 1;
  const { rows, codes } = inMortonOrder(mappableRows(db, written));
  let kept = 0;
  for (const a of t.actor) if (touched[a] === 0) kept++;
  const out = emptyTable(kept + rows.length);
  let i = 0;
  let j = 0;
  let k = 0;
  const n = t.site.length;
  while (i < n || j < rows.length) {
    if (i < n && touched[t.actor[i] as number] === 1) {
      i++;
      continue;
    }
    const row = rows[j];
    const code = codes[j] as number;
    const fromNew = row !== undefined && (i >= n || code < (t.code[i] as number) || (code === t.code[i] && row[0] < (t.site[i] as number)));
    if (fromNew) {
      putRow(out, k++, row, code);
      j++;
    } else {
      out.site[k] = t.site[i] as number;
      out.actor[k] = t.actor[i] as number;
      out.lat[k] = t.lat[i] as number;
      out.lng[k] = t.lng[i] as number;
      out.code[k] = t.code[i] as number;
      out.confidential[k] = t.confidential[i] as number;
      k++;
      i++;
    }
  }
  return indexByActor(out);
}

/**
 * Scratch of `select` (one selection at a time: JavaScript runs one at a time), kept from one to
 * the next: the positions of each kind before they are cut to size, the actors matching (1,
 * emptied after use), and the columns of a selection asked for the first time. Typed arrays'
 * bytes live outside V8's heap and their growth, not the heap's, starts full collections
 * (PERFORMANCE §13): a new search's selection made afresh cost up to a megabyte of them, and under
 * a load of new searches the collector ran a full collection every second (§24).
 */
let picked: [Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0)];
let keep = new Uint8Array(0);
type Columns = { code: Float64Array; sumLng: Float64Array; sumLat: Float64Array };
const noColumns = (): Columns => ({ code: new Float64Array(0), sumLng: new Float64Array(0), sumLat: new Float64Array(0) });
let scratchColumns: [Columns, Columns] = [noColumns(), noColumns()];

/**
 * The matching sites of a filter set in Morton order, split by kind, with their running sums; in
 * one pass over every site (a broad search: more than an eighth of the sites' actors) or over its
 * actors' sites only, then ordered. `kept`: in arrays of its own; otherwise in the scratch
 * columns, good until the next selection.
 */
function select(t: SiteTable, matching: Int32Array | null, total: number, kept: boolean): MapSelection {
  const n = t.site.length;
  if (picked[0].length < n) picked = [new Int32Array(n), new Int32Array(n)];
  if (!kept && scratchColumns[0].code.length < n)
    scratchColumns = [0, 1].map(() => ({
      code: new Float64Array(n),
      sumLng: new Float64Array(n + 1),
      sumLat: new Float64Array(n + 1),
    })) as [Columns, Columns];
  const counts = [0, 0];
  let actors = 0;
  const pick = (i: number) => {
    const kind = t.confidential[i] as 0 | 1;
    picked[kind][counts[kind] as number] = i;
    counts[kind] = (counts[kind] as number) + 1;
  };
  if (!matching) {
    for (let a = 0; a <= t.maxActor; a++) if ((t.first[a + 1] as number) > (t.first[a] as number)) actors++;
    for (let i = 0; i < n; i++) pick(i);
  } else if (matching.length > n / 8) {
    if (keep.length < t.maxActor + 1) keep = new Uint8Array(t.maxActor + 1);
    for (const id of matching) {
      if (id > t.maxActor || keep[id] === 1) continue;
      keep[id] = 1;
      if ((t.first[id + 1] as number) > (t.first[id] as number)) actors++;
    }
    for (let i = 0; i < n; i++) if (keep[t.actor[i] as number] === 1) pick(i);
    for (const id of matching) if (id <= t.maxActor) keep[id] = 0;
  } else {
    // A narrow one: its actors' sites only (each actor once), then in Morton order.
    let k = 0;
    for (const id of matching) if (id <= t.maxActor) k += (t.first[id + 1] as number) - (t.first[id] as number);
    const positions = new Int32Array(k);
    k = 0;
    for (const id of matching) {
      if (id > t.maxActor) continue;
      const from = t.first[id] as number;
      const to = t.first[id + 1] as number;
      if (to > from) actors++;
      for (let j = from; j < to; j++) positions[k++] = t.byActor[j] as number;
    }
    positions.sort();
    for (const i of positions) pick(i);
  }
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let north = -Infinity;
  const layer = (confidential: boolean, from: Int32Array, m: number): Layer => {
    const scratch = scratchColumns[confidential ? 1 : 0];
    const l: Layer = kept
      ? { confidential, pos: from.slice(0, m), code: new Float64Array(m), sumLng: new Float64Array(m + 1), sumLat: new Float64Array(m + 1) }
      : {
          confidential,
          pos: from.subarray(0, m),
          code: scratch.code.subarray(0, m),
          sumLng: scratch.sumLng.subarray(0, m + 1),
          sumLat: scratch.sumLat.subarray(0, m + 1),
        };
    for (let k = 0; k < m; k++) {
      const i = from[k] as number;
      const lng = t.lng[i] as number;
      const lat = t.lat[i] as number;
      l.code[k] = t.code[i] as number;
      l.sumLng[k + 1] = (l.sumLng[k] as number) + lng;
      l.sumLat[k + 1] = (l.sumLat[k] as number) + lat;
      if (lng < w) w = lng;
      if (lng > e) e = lng;
      if (lat < s) s = lat;
      if (lat > north) north = lat;
    }
    return l;
  };
  const sites = (counts[0] as number) + (counts[1] as number);
  return {
    layers: [layer(false, picked[0], counts[0] as number), layer(true, picked[1], counts[1] as number)],
    total,
    actors,
    bounds: sites > 0 ? [w, s, e, north] : null,
    bytes: sites * 28 + 200,
  };
}

/** The zoom a view is answered at: the one asked, unless the box is wider than a screen shows at it. */
export function viewZoom(bbox: MapBbox, zoom: number): number {
  const width = Math.max(1e-9, mercX(bbox[2]) - mercX(bbox[0]));
  const height = Math.max(1e-9, mercY(bbox[1]) - mercY(bbox[3]));
  const fits = Math.floor(Math.log2(MAX_VIEW_PX / (256 * Math.max(width, height))));
  return Math.max(0, Math.min(zoom, MAP_MAX_ZOOM, fits));
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The clusters and single sites of a selection in a view, as supercluster's getClusters gives them. */
function clustersIn(t: SiteTable, sel: MapSelection, bbox: MapBbox, zoom: number) {
  const level = zoom + CELL_LEVELS;
  const cells = 2 ** level;
  const span = 4 ** (DEPTH - level);
  const cellOf = (v: number) => Math.max(0, Math.min(cells - 1, Math.floor(v * cells)));
  const [west, south, east, north] = bbox;
  const x0 = cellOf(mercX(west));
  const x1 = cellOf(mercX(east));
  const y0 = cellOf(mercY(north));
  const y1 = cellOf(mercY(south));
  const inView = (lng: number, lat: number) => lng >= west && lng <= east && lat >= south && lat <= north;
  const clusters: { layer: Layer; lng: number; lat: number; count: number; expansion: number }[] = [];
  const points: { layer: Layer; i: number }[] = [];
  for (const layer of sel.layers) {
    if (layer.code.length === 0) continue;
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const start = morton(cx, cy) * span;
        const from = lowerBound(layer.code, start);
        if (from >= layer.code.length || (layer.code[from] as number) >= start + span) continue;
        const to = lowerBound(layer.code, start + span, from);
        const count = to - from;
        if (count >= MIN_POINTS) {
          const lng = ((layer.sumLng[to] as number) - (layer.sumLng[from] as number)) / count;
          const lat = ((layer.sumLat[to] as number) - (layer.sumLat[from] as number)) / count;
          if (inView(lng, lat)) clusters.push({ layer, lng, lat, count, expansion: expansionZoom(layer, from, to, level) });
        } else {
          for (let k = from; k < to; k++) {
            const i = layer.pos[k] as number;
            if (inView(t.lng[i] as number, t.lat[i] as number)) points.push({ layer, i });
          }
        }
      }
    }
  }
  return { clusters, points };
}

/** The first zoom at which the sites of a cell no longer fall in one cell (MAP_MAX_ZOOM + 1: never, they share a spot). */
function expansionZoom(layer: Layer, from: number, to: number, level: number): number {
  const first = layer.code[from] as number;
  for (let l = level + 1; l <= MAP_MAX_ZOOM + CELL_LEVELS; l++) {
    const span = 4 ** (DEPTH - l);
    const end = (Math.floor(first / span) + 1) * span;
    if (lowerBound(layer.code, end, from) < to) return l - CELL_LEVELS;
  }
  return MAP_MAX_ZOOM + 1;
}

/** What the map shows of a search in a viewport. */
export type MapView = {
  features: MapFeature[];
  /** Actors matching the filter set (national ones and those without a site included). */
  total: number;
  /** Actors with at least one site on the map. */
  actors: number;
  /** The box around every matching site, or null when none is on the map. */
  bounds: MapBbox | null;
};

/** How many filter sets asked once are remembered, to keep the selection of one asked again. */
const REMEMBERED_KEYS = 4096;

/**
 * The map's index over one connection: `show(key, matching, bbox, zoom)` gives the clusters and
 * sites of a filter set in a viewport. The selection of a filter set asked again (a search whose
 * map is moved) is kept per directory version and key, 64 MB at most; one asked for the first
 * time is made in scratch columns and kept only when asked again — most searches are asked once.
 */
export function mapIndex(db: Db, maxBytes = 64 * 1024 * 1024) {
  // Patched for the actors written since the last read; read whole when they cannot be told.
  const sites = keptAcrossWrites(
    db,
    () => readSites(db),
    (t, written) => patchSites(db, t, written),
  );
  let table: SiteTable | null = null;
  const selections = new Map<string, MapSelection>();
  const seenOnce = new Set<string>();
  let held = 0;
  const names = db
    .prepare('SELECT s.id, a.slug, a.name FROM sites s JOIN actors a ON a.id = s.actor_id WHERE s.id IN (SELECT value FROM json_each(?))')
    .raw();

  /** Remembers a filter set asked, so that its selection is kept when it is asked again. */
  function seen(key: string): void {
    seenOnce.add(key);
    if (seenOnce.size > REMEMBERED_KEYS) seenOnce.delete(seenOnce.values().next().value as string);
  }

  function current(): SiteTable {
    const t = sites.read();
    if (t !== table) {
      table = t;
      // The filter sets kept were asked again: after a write, theirs are kept from their first request.
      for (const key of selections.keys()) seen(key);
      selections.clear();
      held = 0;
    }
    return t;
  }

  /**
   * The sites of the actors `matching` gives (every mappable site when null) and their number:
   * kept under `key` from its second request; before, good until the next selection only.
   */
  function selection(t: SiteTable, key: string, matching: () => { ids: Int32Array | null; total: number }): MapSelection {
    const known = selections.get(key);
    if (known) {
      selections.delete(key);
      selections.set(key, known);
      return known;
    }
    const again = seenOnce.delete(key);
    const { ids, total } = matching();
    const sel = select(t, ids, total, again);
    if (!again) {
      seen(key);
      return sel;
    }
    selections.set(key, sel);
    held += sel.bytes;
    for (const [k, old] of selections) {
      if (held <= maxBytes || selections.size === 1) break;
      selections.delete(k);
      held -= old.bytes;
    }
    return sel;
  }

  /** The clusters and sites of the filter set `key` in a viewport, as GeoJSON features, and its figures. */
  function show(key: string, matching: () => { ids: Int32Array | null; total: number }, bbox: MapBbox, zoom: number): MapView {
    const t = current();
    const sel = selection(t, key, matching);
    const { clusters, points } = clustersIn(t, sel, bbox, viewZoom(bbox, zoom));
    const features: MapFeature[] = [];
    for (const c of clusters) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [round6(c.lng), round6(c.lat)] },
        properties: { cluster: true, count: c.count, confidential: c.layer.confidential, expansion_zoom: c.expansion },
      });
    }
    const answer = { features, total: sel.total, actors: sel.actors, bounds: sel.bounds };
    if (points.length === 0) return answer;
    const actors = new Map<number, [string, string]>();
    const ids = points.map((p) => t.site[p.i] as number);
    for (const [id, slug, name] of names.all(JSON.stringify(ids)) as [number, string, string][]) actors.set(id, [slug, name]);
    for (const p of points) {
      const siteId = t.site[p.i] as number;
      const actor = actors.get(siteId);
      if (!actor) continue;
      features.push({
        type: 'Feature',
        id: siteId,
        geometry: { type: 'Point', coordinates: [round6(t.lng[p.i] as number), round6(t.lat[p.i] as number)] },
        properties: { cluster: false, confidential: p.layer.confidential, site_id: siteId, actor: actor[0], name: actor[1] },
      });
    }
    return answer;
  }

  /** How many times the site table was read whole (not patched); how many selections are kept. */
  return { show, builds: sites.builds, kept: () => selections.size };
}
