import type { Action, ActorFacets, ActorType, Public, Sort } from '@pare/schema';
import { ACTIONS, ACTOR_TYPES, PUBLICS } from '@pare/schema';
import type { Db } from './database.ts';
import { haversineKm, statementCache } from './database.ts';
import { SEARCH_ACTION_WORDS, SEARCH_SYNONYMS } from './search-synonyms.ts';

/**
 * Where a place-based search is centred. `strict`: only actors with a site within the radius
 * (a raw `near=` point). Otherwise (a commune or postcode the user typed) the actors covering
 * that commune, its département or région, and the national ones come too, after the nearby ones.
 */
export type SearchPlace = {
  lat: number;
  lng: number;
  radiusKm: number;
  strict: boolean;
  commune: string | null;
  departement: string | null;
  region: string | null;
};

export type ActorSearch = {
  text?: string | undefined;
  publics?: Public[] | undefined;
  actions?: Action[] | undefined;
  types?: ActorType[] | undefined;
  /** Actors with a site in the département or a territory covering it, national ones included. */
  departement?: { code: string; region: string } | undefined;
  place?: SearchPlace | undefined;
  sort?: Sort | undefined;
  /** Only the actors open at an instant (`openActorIds`); `key` names the instant for the caches. */
  open?: OpenSet | undefined;
  /** The actors open now, counted in the facets' `open_now`. */
  openNow?: OpenSet | undefined;
  limit: number;
  offset: number;
};

/** Actors open at an instant, and a name for that instant (what the caches know it by). */
export type OpenSet = { key: string; ids: ReadonlySet<number> };

export type ActorSearchHit = { id: number; distanceKm: number | null; match: 'proximite' | 'territoire' | 'national' | null };

/** How much ahead a text match offering an action the words name goes (bm25 ranks are small negatives). */
const ACTION_BOOST = 1000;

/** The actions a typed text names (SEARCH_ACTION_WORDS), folded as the FTS query is. */
export function actionsNamedBy(text: string | undefined): Action[] {
  if (!text) return [];
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return [...new Set(words.map((w) => SEARCH_ACTION_WORDS[w]).filter((a): a is Action => a !== undefined))];
}

/** French words that carry no search meaning on their own (articles, prepositions, pronouns). */
const STOP_WORDS: ReadonlySet<string> = new Set(
  'a au aux avec ce d de des du en et il j je l la le les ma mes mon ou par pour que qui sa ses son sur un une'.split(' '),
);

/**
 * Turns what a person typed into an FTS5 query: every word is required, as a prefix. A word people
 * use for something the directory names otherwise (SEARCH_SYNONYMS: « signalement » for the CRIP's
 * « informations préoccupantes », « infirmière » for care) matches any of its meanings.
 */
export function toFtsQuery(text: string): string | null {
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  // « un endroit pour dormir » is searched as « endroit dormir »: little words would be required too.
  const meaningful = words.filter((w) => !STOP_WORDS.has(w));
  return (
    (meaningful.length > 0 ? meaningful : words)
      .map((w) => {
        const meanings = SEARCH_SYNONYMS[w];
        if (!meanings) return `"${w}"*`;
        return `(${[...new Set([w, ...meanings])].map((m) => `"${m}"*`).join(' OR ')})`;
      })
      // Explicit AND: FTS5 refuses an implicit AND after a parenthesised group.
      .join(' AND ')
  );
}

type Facet = 'publics' | 'actions' | 'types';

/**
 * The search in plain SQL: the definition of what every search returns, in what order, with
 * which facet counts. Correct but slow on a large directory (every facet re-runs the whole
 * query, a département filter scans every actor): `actorSearch` below answers the same from an
 * in-memory index, and the tests check both give the same answers (generate.test.ts).
 */
export function actorSearchSql(db: Db) {
  const stmt = statementCache(db);

  function build(s: ActorSearch, except?: Facet) {
    const params: Record<string, unknown> = {};
    const where: string[] = [`a.status = 'published'`];
    const ctes: string[] = [];
    let joins = '';
    let grp = 'NULL';
    let distance = 'NULL';

    const fts = s.text ? toFtsQuery(s.text) : null;
    if (fts) {
      const named = actionsNamedBy(s.text);
      // An actor doing what the words name comes first (same rule as the in-memory search below).
      const boost = named.length
        ? ` - CASE WHEN EXISTS (SELECT 1 FROM actor_actions b WHERE b.actor_id = rowid AND b.action IN (SELECT value FROM json_each(@named))) THEN ${ACTION_BOOST} ELSE 0 END`
        : '';
      joins += ` JOIN (SELECT rowid AS id, bm25(actors_fts, 10.0, 2.0, 3.0, 1.0)${boost} AS rank FROM actors_fts WHERE actors_fts MATCH @fts) f ON f.id = a.id`;
      params.fts = fts;
      if (named.length) params.named = JSON.stringify(named);
    }
    if (s.types?.length && except !== 'types') {
      where.push('a.type IN (SELECT value FROM json_each(@types))');
      params.types = JSON.stringify(s.types);
    }
    if (s.publics?.length && except !== 'publics') {
      where.push('EXISTS (SELECT 1 FROM actor_publics p WHERE p.actor_id = a.id AND p.public IN (SELECT value FROM json_each(@publics)))');
      params.publics = JSON.stringify(s.publics);
    }
    if (s.actions?.length && except !== 'actions') {
      where.push('EXISTS (SELECT 1 FROM actor_actions x WHERE x.actor_id = a.id AND x.action IN (SELECT value FROM json_each(@actions)))');
      params.actions = JSON.stringify(s.actions);
    }
    if (s.open) {
      where.push('a.id IN (SELECT value FROM json_each(@open))');
      params.open = JSON.stringify([...s.open.ids]);
    }
    if (s.departement) {
      where.push(`(a.territory_scope = 'national'
        OR EXISTS (SELECT 1 FROM sites sd WHERE sd.departement_code = @fdep AND sd.actor_id = a.id)
        OR EXISTS (SELECT 1 FROM actor_territories td WHERE td.actor_id = a.id AND (td.departement = @fdep OR (td.kind = 'region' AND td.code = @fregion))))`);
      params.fdep = s.departement.code;
      params.fregion = s.departement.region;
    }
    if (s.place) {
      const p = s.place;
      // A bounding box around the circle for the R*Tree, then the exact distance.
      const dLat = p.radiusKm / 111.2;
      const dLng = p.radiusKm / (111.2 * Math.max(0.05, Math.cos((p.lat * Math.PI) / 180)));
      Object.assign(params, {
        lat: p.lat,
        lng: p.lng,
        radius: p.radiusKm,
        minLat: p.lat - dLat,
        maxLat: p.lat + dLat,
        minLng: p.lng - dLng,
        maxLng: p.lng + dLng,
      });
      ctes.push(`near AS (
        SELECT s.actor_id AS actor_id, MIN(distance_km(@lat, @lng, s.public_lat, s.public_lng)) AS d
        FROM sites_rtree r JOIN sites s ON s.id = r.id
        WHERE r.max_lat >= @minLat AND r.min_lat <= @maxLat AND r.max_lng >= @minLng AND r.min_lng <= @maxLng
        GROUP BY s.actor_id HAVING d <= @radius)`);
      joins += ' LEFT JOIN near ON near.actor_id = a.id';
      distance = 'near.d';
      if (p.strict) {
        where.push('near.actor_id IS NOT NULL');
        grp = '0';
      } else {
        params.pcommune = p.commune ?? '';
        params.pdep = p.departement ?? '';
        params.pregion = p.region ?? '';
        grp = `CASE WHEN near.actor_id IS NOT NULL THEN 0
          WHEN EXISTS (SELECT 1 FROM actor_territories tp WHERE tp.actor_id = a.id AND (
                 (tp.kind = 'commune' AND tp.code = @pcommune) OR (tp.kind = 'departement' AND tp.code = @pdep)
              OR (tp.kind = 'region' AND tp.code = @pregion)))
            OR EXISTS (SELECT 1 FROM sites sp WHERE sp.departement_code = @pdep AND sp.actor_id = a.id) THEN 1
          WHEN a.territory_scope = 'national' THEN 2 END`;
      }
    }
    const base = `base AS (
      SELECT a.id, a.type, a.name_sort, a.updated_at, a.territory_scope, ${distance} AS distance, ${grp} AS grp${fts ? ', f.rank AS rank' : ''}
      FROM actors a${joins}
      WHERE ${where.join(' AND ')})`;
    const placeFilter = s.place && !s.place.strict ? 'WHERE grp IS NOT NULL' : '';
    return { sql: `WITH ${[...ctes, base].join(', ')}`, params, placeFilter, fts: Boolean(fts) };
  }

  function orderBy(s: ActorSearch, hasFts: boolean): string {
    const scopeRank = `CASE territory_scope WHEN 'communes' THEN 0 WHEN 'departements' THEN 1 WHEN 'regions' THEN 2 ELSE 3 END`;
    switch (s.sort) {
      case 'name':
        return 'name_sort, id';
      case 'updated':
        return 'updated_at DESC, id';
      case 'distance':
        return `grp, distance IS NULL, distance, ${scopeRank}, name_sort, id`;
      default:
        if (s.place) return `grp, distance IS NULL, distance, ${scopeRank}, name_sort, id`;
        if (hasFts) return 'rank, name_sort, id';
        if (s.departement) return `${scopeRank} = 3, name_sort, id`;
        return 'name_sort, id';
    }
  }

  /** One page of matching actor ids with their distance, and the total. */
  function searchActors(s: ActorSearch): { total: number; hits: ActorSearchHit[] } {
    const { sql, params, placeFilter, fts } = build(s);
    const rows = stmt(
      `${sql} SELECT id, distance, grp, count(*) OVER () AS total FROM base ${placeFilter} ORDER BY ${orderBy(s, fts)} LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: s.limit, offset: s.offset }) as { id: number; distance: number | null; grp: number | null; total: number }[];
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && s.offset > 0) {
      total = stmt(`${sql} SELECT count(*) FROM base ${placeFilter}`).pluck().get(params) as number;
    }
    const MATCH = ['proximite', 'territoire', 'national'] as const;
    return {
      total,
      hits: rows.map((r) => ({
        id: r.id,
        distanceKm: r.distance === null ? null : Math.round(r.distance * 10) / 10,
        match: s.place && r.grp !== null ? (MATCH[r.grp] ?? null) : null,
      })),
    };
  }

  /** For each option of each filter, how many results choosing it would give (other filters kept). */
  function facetCounts(s: ActorSearch): ActorFacets {
    const facets = {
      publics: Object.fromEntries(PUBLICS.map((c) => [c, 0])),
      actions: Object.fromEntries(ACTIONS.map((c) => [c, 0])),
      types: Object.fromEntries(ACTOR_TYPES.map((c) => [c, 0])),
      open_now: 0,
    } as ActorFacets;
    if (s.openNow) {
      const { sql, params, placeFilter } = build(s);
      const where = `${placeFilter ? `${placeFilter} AND` : 'WHERE'} id IN (SELECT value FROM json_each(@openNow))`;
      facets.open_now = stmt(`${sql} SELECT count(*) FROM base ${where}`)
        .pluck()
        .get({ ...params, openNow: JSON.stringify([...s.openNow.ids]) }) as number;
    }
    const specs: [Facet, string][] = [
      ['publics', 'SELECT p.public AS code, count(*) AS n FROM base JOIN actor_publics p ON p.actor_id = base.id'],
      ['actions', 'SELECT x.action AS code, count(*) AS n FROM base JOIN actor_actions x ON x.actor_id = base.id'],
      ['types', 'SELECT base.type AS code, count(*) AS n FROM base'],
    ];
    for (const [facet, select] of specs) {
      const { sql, params, placeFilter } = build(s, facet);
      const where = placeFilter ? placeFilter.replace('grp', 'base.grp') : '';
      const rows = stmt(`${sql} ${select} ${where} GROUP BY code`).all(params) as { code: string; n: number }[];
      const target = facets[facet] as Record<string, number>;
      for (const r of rows) target[r.code] = r.n;
    }
    return facets;
  }

  /** Every matching actor's id, in no particular order (the map draws them all; the list pages them). */
  function matchingIds(s: ActorSearch): Int32Array {
    const { sql, params, placeFilter } = build(s);
    return Int32Array.from(stmt(`${sql} SELECT id FROM base ${placeFilter}`).pluck().all(params) as number[]);
  }

  return { searchActors, facetCounts, matchingIds };
}

// ---------------------------------------------------------------------------------------------
// The search used by the app: same answers as actorSearchSql, from an in-memory index.
// docs/PERFORMANCE.md tells why and how much faster.
// ---------------------------------------------------------------------------------------------

/**
 * A value that changes whenever what a search or an actor page reads may have changed: the
 * actors, their publics, actions, territories, sites or contacts. Writes on this connection are
 * counted by temporary triggers calling a JavaScript function (no write of their own, so a bulk
 * load pays about a microsecond a row, and a rolled-back write still counts: nothing kept can
 * outlive it); commits from any other connection or process move `PRAGMA data_version`.
 * Set up once per connection, outside a transaction; undefined until then.
 */
const versionTrackers = new WeakMap<Db, () => string>();
const TRACKED_TABLES = ['actors', 'actor_publics', 'actor_actions', 'actor_territories', 'sites', 'contacts'];

export function directoryVersion(db: Db): (() => string) | undefined {
  const known = versionTrackers.get(db);
  if (known) return known;
  if (db.inTransaction || !db.open) return undefined;
  let local = 0;
  try {
    db.function('pare_directory_changed', { deterministic: false }, () => {
      local++;
      return null;
    });
    for (const table of TRACKED_TABLES) {
      for (const op of ['insert', 'update', 'delete']) {
        db.exec(
          `CREATE TEMP TRIGGER IF NOT EXISTS pare_changed_${table}_${op} AFTER ${op.toUpperCase()} ON main.${table} BEGIN SELECT pare_directory_changed(); END`,
        );
      }
    }
  } catch {
    return undefined; // a connection that cannot hold temporary triggers: nothing is kept
  }
  // `PRAGMA data_version` costs a few microseconds under load, and a cached search asks for the
  // version once or twice: it is read once per turn of the event loop. A commit from another
  // connection is thus seen from the next turn on (writes on this connection, at once).
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let external: number | undefined;
  const forget = () => {
    external = undefined;
  };
  const tracker = () => {
    if (external === undefined) {
      external = dataVersion.get() as number;
      setImmediate(forget);
    }
    return `${external}:${local}`;
  };
  versionTrackers.set(db, tracker);
  return tracker;
}

const SCOPE_RANK: Record<string, number> = { communes: 0, departements: 1, regions: 2, national: 3 };
const TYPE_INDEX = new Map<string, number>(ACTOR_TYPES.map((t, i) => [t, i]));
const PUBLIC_BIT = new Map<string, number>(PUBLICS.map((p, i) => [p, 1 << i]));
const ACTION_BIT = new Map<string, number>(ACTIONS.map((a, i) => [a, 1 << i]));
const MATCHES = ['proximite', 'territoire', 'national'] as const;

/** What a search needs to know of every published actor, in typed arrays indexed by actor id. */
type DirectoryIndex = {
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
  national: Int32Array;
};

/** The actors matching the text, département and place of a search, before the code-list filters. */
type Candidates = {
  ids: Int32Array;
  rank: Float64Array | null;
  /** NaN where the SQL gives NULL. */
  distance: Float64Array | null;
  /** -1 where the SQL gives NULL. */
  grp: Int8Array | null;
  /** Candidate positions in each order asked for so far. */
  orders: Map<string, Int32Array>;
};

/** A small least-recently-used map. */
function lru<V>(max: number, weight: (v: V) => number = () => 1) {
  const map = new Map<string, V>();
  let total = 0;
  return {
    get(key: string): V | undefined {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key: string, v: V) {
      const old = map.get(key);
      if (old !== undefined) total -= weight(old);
      map.delete(key);
      map.set(key, v);
      total += weight(v);
      for (const [k, first] of map) {
        if (total <= max || map.size === 1) break;
        map.delete(k);
        total -= weight(first);
      }
    },
    clear() {
      map.clear();
      total = 0;
    },
  };
}

/**
 * Search over the directory. `directoryVersion` tells when what is kept in memory is stale;
 * while it holds:
 * - an index of every published actor (type, scope, publics and actions as bit masks, rank in
 *   name order and in update order) answers the code-list filters, the facets and the orders
 *   without SQL;
 * - the candidates of a text / département / place (FTS5, R*Tree and indexed lookups, run once)
 *   are kept with their sort orders, so paging and filtering them is one pass over an array;
 * - whole answers are kept for the searches asked again.
 * Nothing is used inside a transaction (its own uncommitted writes are not for others to see
 * later): there the SQL definition answers.
 */
export function actorSearch(db: Db) {
  const ftsStmt = db.prepare('SELECT rowid, bm25(actors_fts, 10.0, 2.0, 3.0, 1.0) FROM actors_fts WHERE actors_fts MATCH ?').raw();
  const nearStmt = db
    .prepare(`SELECT s.actor_id, s.public_lat, s.public_lng FROM sites_rtree r JOIN sites s ON s.id = r.id
      WHERE r.max_lat >= ? AND r.min_lat <= ? AND r.max_lng >= ? AND r.min_lng <= ?`)
    .raw();
  const depStmt = db
    .prepare(`SELECT actor_id FROM sites WHERE departement_code = @dep
      UNION SELECT actor_id FROM actor_territories WHERE departement = @dep
      UNION SELECT actor_id FROM actor_territories WHERE kind = 'region' AND code = @region`)
    .pluck();
  const aroundStmt = db
    .prepare(`SELECT actor_id FROM actor_territories WHERE kind = 'commune' AND code = @commune
      UNION SELECT actor_id FROM actor_territories WHERE kind = 'departement' AND code = @dep
      UNION SELECT actor_id FROM actor_territories WHERE kind = 'region' AND code = @region
      UNION SELECT actor_id FROM sites WHERE departement_code = @dep`)
    .pluck();

  // Inside a transaction, whose writes may yet be rolled back, nothing is kept: the SQL answers.
  const inTransaction = actorSearchSql(db);
  let version = '';
  let index: DirectoryIndex | null = null;
  const candidatesCache = lru<Candidates>(2_000_000, (c) => c.ids.length + 1);
  const resultCache = lru<{ total: number; hits: ActorSearchHit[] }>(1000);
  const facetCache = lru<ActorFacets>(1000);

  /** Drops everything kept when the directory changed since. */
  function fresh(): DirectoryIndex {
    const v = directoryVersion(db)?.() ?? `uncached:${Math.random()}`;
    if (v !== version || !index) {
      version = v;
      candidatesCache.clear();
      resultCache.clear();
      facetCache.clear();
      index = buildIndex();
    }
    return index;
  }

  /**
   * Reads the index from SQLite indexes only: ids in name order, in update order, by type, by
   * scope, by public and by action (migration 0010 adds the two that were missing). Plain lists
   * of integers are about five times cheaper to read than rows of strings.
   */
  function buildIndex(): DirectoryIndex {
    const size = ((db.prepare('SELECT max(id) FROM actors').pluck().get() as number | null) ?? 0) + 1;
    const ids = (sql: string, ...params: unknown[]) =>
      db
        .prepare(sql)
        .pluck()
        .all(...params) as number[];
    const byName = Int32Array.from(ids(`SELECT id FROM actors WHERE status = 'published' ORDER BY name_sort, id`));
    const byUpdated = Int32Array.from(ids(`SELECT id FROM actors WHERE status = 'published' ORDER BY updated_at DESC, id`));
    const ix: DirectoryIndex = {
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

  // -- candidates -------------------------------------------------------------------------------

  /** Actors with a site within the radius, with their distance to the nearest one (as `near` in SQL). */
  function nearActors(p: SearchPlace): Map<number, number> {
    const dLat = p.radiusKm / 111.2;
    const dLng = p.radiusKm / (111.2 * Math.max(0.05, Math.cos((p.lat * Math.PI) / 180)));
    const best = new Map<number, number>();
    for (const [actorId, lat, lng] of nearStmt.all(p.lat - dLat, p.lat + dLat, p.lng - dLng, p.lng + dLng) as [number, number, number][]) {
      const d = haversineKm(p.lat, p.lng, lat, lng);
      const prev = best.get(actorId);
      if (prev === undefined || d < prev) best.set(actorId, d);
    }
    for (const [id, d] of best) if (!(d <= p.radiusKm)) best.delete(id);
    return best;
  }

  function candidates(s: ActorSearch, ix: DirectoryIndex): Candidates {
    const fts = s.text ? toFtsQuery(s.text) : null;
    const p = s.place;
    const key = JSON.stringify([
      fts,
      s.departement?.code ?? null,
      s.departement?.region ?? null,
      p ? [p.lat, p.lng, p.radiusKm, p.strict, p.commune, p.departement, p.region] : null,
    ]);
    const cached = candidatesCache.get(key);
    if (cached) return cached;

    const published = ix.published;
    let textRank: Map<number, number> | null = null;
    if (fts) {
      textRank = new Map();
      const namedMask = actionsNamedBy(s.text).reduce((m, a) => m | (1 << ACTIONS.indexOf(a)), 0);
      for (const [id, rank] of ftsStmt.all(fts) as [number, number][]) {
        if (!published[id]) continue;
        textRank.set(id, namedMask && (ix.actions[id] as number) & namedMask ? rank - ACTION_BOOST : rank);
      }
    }
    let inDepartement: Uint8Array | null = null;
    if (s.departement) {
      inDepartement = new Uint8Array(published.length);
      for (const id of ix.national) inDepartement[id] = 1;
      for (const id of depStmt.all({ dep: s.departement.code, region: s.departement.region }) as number[])
        if (id < published.length) inDepartement[id] = 1;
    }
    let near: Map<number, number> | null = null;
    let around: Uint8Array | null = null;
    if (p) {
      near = nearActors(p);
      if (!p.strict) {
        around = new Uint8Array(published.length);
        for (const id of aroundStmt.all({ commune: p.commune ?? '', dep: p.departement ?? '', region: p.region ?? '' }) as number[])
          if (id < published.length) around[id] = 1;
      }
    }

    // Drive from the smallest set at hand, then check the others.
    let drive: Iterable<number>;
    if (textRank) drive = textRank.keys();
    else if (near && p?.strict) drive = near.keys();
    else if (inDepartement) drive = ix.byName.filter((id) => inDepartement[id] === 1);
    else drive = ix.byName;

    const ids: number[] = [];
    const ranks: number[] = [];
    const distances: number[] = [];
    const groups: number[] = [];
    for (const id of drive) {
      if (!published[id]) continue;
      if (inDepartement && !inDepartement[id]) continue;
      let grp = -1;
      let distance = Number.NaN;
      if (p && near) {
        const d = near.get(id);
        if (d !== undefined) {
          grp = 0;
          distance = d;
        } else if (p.strict) continue;
        else if (around?.[id]) grp = 1;
        else if (ix.scope[id] === 3) grp = 2;
        else continue;
      }
      ids.push(id);
      if (textRank) ranks.push(textRank.get(id) as number);
      distances.push(distance);
      groups.push(grp);
    }
    const result: Candidates = {
      ids: Int32Array.from(ids),
      rank: textRank ? Float64Array.from(ranks) : null,
      distance: p ? Float64Array.from(distances) : null,
      grp: p ? Int8Array.from(groups) : null,
      orders: new Map(),
    };
    candidatesCache.set(key, result);
    return result;
  }

  // -- orders -----------------------------------------------------------------------------------

  type OrderKind = 'name' | 'updated' | 'place' | 'rank' | 'departement';

  /** The same choice of order as `orderBy` in actorSearchSql. */
  function orderKind(s: ActorSearch, hasFts: boolean): OrderKind {
    switch (s.sort) {
      case 'name':
        return 'name';
      case 'updated':
        return 'updated';
      case 'distance':
        return 'place';
      default:
        if (s.place) return 'place';
        if (hasFts) return 'rank';
        if (s.departement) return 'departement';
        return 'name';
    }
  }

  function ordered(c: Candidates, kind: OrderKind, ix: DirectoryIndex): Int32Array {
    const done = c.orders.get(kind);
    if (done) return done;
    const n = c.ids.length;
    const positions = new Int32Array(n);
    for (let i = 0; i < n; i++) positions[i] = i;
    const ids = c.ids;
    const name = (i: number) => ix.nameRank[ids[i] as number] as number;
    let compare: (a: number, b: number) => number;
    switch (kind) {
      case 'name':
        compare = (a, b) => name(a) - name(b);
        break;
      case 'updated':
        compare = (a, b) => (ix.updatedRank[ids[a] as number] as number) - (ix.updatedRank[ids[b] as number] as number);
        break;
      case 'rank': {
        const rank = c.rank as Float64Array;
        compare = (a, b) => (rank[a] as number) - (rank[b] as number) || name(a) - name(b);
        break;
      }
      case 'departement': {
        const national = (i: number) => (ix.scope[ids[i] as number] === 3 ? 1 : 0);
        compare = (a, b) => national(a) - national(b) || name(a) - name(b);
        break;
      }
      case 'place': {
        // grp, distance IS NULL, distance, scope rank, name_sort, id — NULL first in SQLite's ascending order.
        const grp = c.grp;
        const dist = c.distance;
        compare = (a, b) => {
          const ga = grp ? (grp[a] as number) : -1;
          const gb = grp ? (grp[b] as number) : -1;
          if (ga !== gb) return ga - gb;
          const da = dist ? (dist[a] as number) : Number.NaN;
          const db2 = dist ? (dist[b] as number) : Number.NaN;
          const na = Number.isNaN(da) ? 1 : 0;
          const nb = Number.isNaN(db2) ? 1 : 0;
          if (na !== nb) return na - nb;
          if (!na && da !== db2) return da - db2;
          return (ix.scope[ids[a] as number] as number) - (ix.scope[ids[b] as number] as number) || name(a) - name(b);
        };
        break;
      }
    }
    positions.sort(compare);
    c.orders.set(kind, positions);
    return positions;
  }

  // -- code-list filters --------------------------------------------------------------------------

  type Masks = { types: number; publics: number; actions: number };
  function masks(s: ActorSearch): Masks {
    const m: Masks = { types: 0, publics: 0, actions: 0 };
    for (const t of s.types ?? []) m.types |= 1 << (TYPE_INDEX.get(t) ?? 31);
    for (const p of s.publics ?? []) m.publics |= PUBLIC_BIT.get(p) ?? 0;
    for (const a of s.actions ?? []) m.actions |= ACTION_BIT.get(a) ?? 0;
    return m;
  }

  const criteriaKey = (s: ActorSearch, withPage: boolean) =>
    JSON.stringify([
      s.text ?? null,
      [...(s.publics ?? [])].sort(),
      [...(s.actions ?? [])].sort(),
      [...(s.types ?? [])].sort(),
      s.departement ?? null,
      s.place ?? null,
      s.open?.key ?? null,
      withPage ? [s.sort ?? null, s.limit, s.offset] : (s.openNow?.key ?? null),
    ]);

  /** One page of matching actor ids with their distance, and the total. */
  function searchActors(s: ActorSearch): { total: number; hits: ActorSearchHit[] } {
    if (db.inTransaction) return inTransaction.searchActors(s);
    const ix = fresh();
    const key = criteriaKey(s, true);
    const cached = resultCache.get(key);
    if (cached) return { total: cached.total, hits: cached.hits.map((h) => ({ ...h })) };

    const c = candidates(s, ix);
    const order = ordered(c, orderKind(s, c.rank !== null), ix);
    const m = masks(s);
    const hits: ActorSearchHit[] = [];
    const end = s.offset + s.limit;
    let total = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      const id = c.ids[i] as number;
      if (m.types && !(m.types & (1 << (ix.type[id] as number)))) continue;
      if (m.publics && !(m.publics & (ix.publics[id] as number))) continue;
      if (m.actions && !(m.actions & (ix.actions[id] as number))) continue;
      if (s.open && !s.open.ids.has(id)) continue;
      if (total >= s.offset && total < end) {
        const d = c.distance ? (c.distance[i] as number) : Number.NaN;
        const g = c.grp ? (c.grp[i] as number) : -1;
        hits.push({
          id,
          distanceKm: Number.isNaN(d) ? null : Math.round(d * 10) / 10,
          match: s.place && g >= 0 ? (MATCHES[g] ?? null) : null,
        });
      }
      total++;
    }
    resultCache.set(key, { total, hits });
    return { total, hits: hits.map((h) => ({ ...h })) };
  }

  /** For each option of each filter, how many results choosing it would give (other filters kept). */
  function facetCounts(s: ActorSearch): ActorFacets {
    if (db.inTransaction) return inTransaction.facetCounts(s);
    const ix = fresh();
    const key = criteriaKey(s, false);
    let facets = facetCache.get(key);
    if (!facets) {
      const c = candidates(s, ix);
      const m = masks(s);
      const types = new Array<number>(ACTOR_TYPES.length).fill(0);
      const publics = new Array<number>(PUBLICS.length).fill(0);
      const actions = new Array<number>(ACTIONS.length).fill(0);
      let openNow = 0;
      for (let i = 0; i < c.ids.length; i++) {
        const id = c.ids[i] as number;
        if (s.open && !s.open.ids.has(id)) continue;
        const t = ix.type[id] as number;
        const pm = ix.publics[id] as number;
        const am = ix.actions[id] as number;
        const okT = !m.types || (m.types & (1 << t)) !== 0;
        const okP = !m.publics || (m.publics & pm) !== 0;
        const okA = !m.actions || (m.actions & am) !== 0;
        if (okP && okA) types[t] = (types[t] as number) + 1;
        if (okT && okA) for (let b = 0; b < PUBLICS.length; b++) if (pm & (1 << b)) publics[b] = (publics[b] as number) + 1;
        if (okT && okP) for (let b = 0; b < ACTIONS.length; b++) if (am & (1 << b)) actions[b] = (actions[b] as number) + 1;
        if (okT && okP && okA && s.openNow?.ids.has(id)) openNow++;
      }
      facets = {
        publics: Object.fromEntries(PUBLICS.map((code, i) => [code, publics[i]])),
        actions: Object.fromEntries(ACTIONS.map((code, i) => [code, actions[i]])),
        types: Object.fromEntries(ACTOR_TYPES.map((code, i) => [code, types[i]])),
        open_now: openNow,
      } as ActorFacets;
      facetCache.set(key, facets);
    }
    return { publics: { ...facets.publics }, actions: { ...facets.actions }, types: { ...facets.types }, open_now: facets.open_now };
  }

  /** Every matching actor's id, in no particular order (the map draws them all; the list pages them). */
  function matchingIds(s: ActorSearch): Int32Array {
    if (db.inTransaction) return inTransaction.matchingIds(s);
    const ix = fresh();
    const c = candidates(s, ix);
    const m = masks(s);
    const out: number[] = [];
    for (let i = 0; i < c.ids.length; i++) {
      const id = c.ids[i] as number;
      if (m.types && !(m.types & (1 << (ix.type[id] as number)))) continue;
      if (m.publics && !(m.publics & (ix.publics[id] as number))) continue;
      if (m.actions && !(m.actions & (ix.actions[id] as number))) continue;
      if (s.open && !s.open.ids.has(id)) continue;
      out.push(id);
    }
    return Int32Array.from(out);
  }

  return { searchActors, facetCounts, matchingIds };
}
