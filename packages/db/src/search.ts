import type { ActorFacets } from '@pare/schema';
import { ACTIONS, ACTOR_TYPES, PUBLICS } from '@pare/schema';
import type { Db } from './database.ts';
import {
  aroundOrder,
  buildDirectoryIndex,
  byScopeAndName,
  type DirectoryIndex,
  departementActors,
  type Near,
  nationalByName,
  nearActors,
  nearMap,
  patchDirectoryIndex,
  territoryActors,
} from './search-index.ts';
import { ACTION_BOOST, type ActorSearch, type ActorSearchHit, actionsNamedBy, type SearchPlace, toFtsQuery } from './search-query.ts';
import { actorSearchSql } from './search-sql.ts';
import { type ChangeFeed, directoryChanges } from './search-version.ts';
import { textRanksReader } from './text-ranks.ts';

// The search, cut along its seams: what a search asks (search-query.ts), the SQL definition of
// its answers (search-sql.ts), when the directory changed (search-version.ts), the in-memory index
// (search-index.ts), and here the search the app uses, with its caches.
export * from './search-query.ts';
export { actorSearchSql } from './search-sql.ts';
export { directoryVersion } from './search-version.ts';
export { anonymousListViews, anonymousListViewsJson, viewsValidUntil, warmAnonymousListViews } from './search-views.ts';

/** How long a text's bm25 ranks, read whole, are kept across writes (the actors written are read again at once). */
export const TEXT_RANKS_MAX_AGE_MS = 60_000;

/** A text's matches with their bm25 rank (name weighs most, then places, description, the rest). */
const TEXT_RANKS_SQL = 'SELECT rowid, bm25(actors_fts, 10.0, 2.0, 3.0, 1.0) FROM actors_fts WHERE actors_fts MATCH ?';
/** Writes a kept text can catch up on, and actors written; beyond, it is read whole again. */
const MAX_TEXT_CATCH_UP = 500;
const MAX_TEXT_CATCH_UP_ACTORS = 24;
type TextMatches = { ids: Int32Array; rank: Float64Array; readAt: number; seq: number };

const TYPE_INDEX = new Map<string, number>(ACTOR_TYPES.map((t, i) => [t, i]));
const PUBLIC_BIT = new Map<string, number>(PUBLICS.map((p, i) => [p, 1 << i]));
const ACTION_BIT = new Map<string, number>(ACTIONS.map((a, i) => [a, 1 << i]));
const MATCHES = ['proximite', 'territoire', 'national'] as const;
/** Packed sort keys (see `byKey`): candidate positions below 2^22, name ranks below 2^21. */
const POSITIONS = 2 ** 22;
const NAME_RANKS = 2 ** 21;

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

/** Adds `counts[mask]` to every bit the mask holds: counts per mask value into counts per option. */
function spreadBits(counts: Int32Array, into: number[]): void {
  for (let mask = 1; mask < counts.length; mask++) {
    const n = counts[mask] as number;
    if (n) for (let b = 0; b < into.length; b++) if (mask & (1 << b)) into[b] = (into[b] as number) + n;
  }
}

/** A small least-recently-used map. */
function lru<V>(max: number, weight: (v: V) => number = () => 1) {
  const map = new Map<string, V>();
  const weights = new Map<string, number>();
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
    /** Keeps `v` under `key`, weighing `w` (by default `weight(v)`). */
    set(key: string, v: V, w: number = weight(v)) {
      const old = weights.get(key);
      if (old !== undefined) total -= old;
      map.delete(key);
      map.set(key, v);
      weights.set(key, w);
      total += w;
      for (const k of map.keys()) {
        if (total <= max || map.size === 1) break;
        map.delete(k);
        total -= weights.get(k) ?? 0;
        weights.delete(k);
      }
    },
    clear() {
      map.clear();
      weights.clear();
      total = 0;
    },
  };
}

/**
 * Search over the directory. `directoryVersion` tells when what is kept in memory is stale;
 * while it holds:
 * - an index of every published actor (type, scope, publics and actions as bit masks, rank in
 *   name order and in update order, the actors of each territory, every site in a grid) answers
 *   the place and département lookups, the code-list filters, the facets and the orders without
 *   SQL (search-index.ts);
 * - the matches of a text (FTS5, run once per text) are kept, and the candidates of a text /
 *   département / place with their sort orders, so paging and filtering them is one pass over an
 *   array;
 * - whole answers are kept for the searches asked again.
 * After a write on this connection, or on another one that `directory_changes` names the actors
 * of, the index is patched for the actors written, not rebuilt; after one it cannot name (too
 * many actors, or a connection not opened by `openDatabase`), it is rebuilt.
 * Nothing is used inside a transaction (its own uncommitted writes are not for others to see
 * later): there the SQL definition answers.
 */
export function actorSearch(db: Db, options: { textRanksMaxAgeMs?: number; textReadsApart?: boolean } = {}) {
  const ftsStmt = db.prepare(TEXT_RANKS_SQL).raw();
  const ftsOfStmt = db.prepare(`${TEXT_RANKS_SQL} AND rowid IN (SELECT value FROM json_each(?))`).raw();
  const textRanksMaxAgeMs = options.textRanksMaxAgeMs ?? TEXT_RANKS_MAX_AGE_MS;
  // A text's whole read goes to a worker thread (`prepareText`) where the database is a file.
  let apart: ReturnType<typeof textRanksReader> | null = null;
  const readsApart = (options.textReadsApart ?? true) && !db.memory && db.name !== '' && db.name !== ':memory:';
  /** Whole reads of a text, on this thread and on the worker: for tests and benches. */
  const textReads = { here: 0, apart: 0 };
  const reading = new Map<string, Promise<void>>();

  // Inside a transaction, whose writes may yet be rolled back, nothing is kept: the SQL answers.
  const inTransaction = actorSearchSql(db);
  let version = '';
  let external: number | undefined;
  let feed: ChangeFeed | undefined;
  let index: DirectoryIndex | null = null;
  /** How many times the index was built whole (the rest were patches): for tests and benches. */
  let builds = 0;
  // Weighed in bytes: 12 a match (id and rank), and 8 an actor once its ranks by id are made.
  const textCache = lru<TextMatches>(96_000_000, (t) => t.ids.length * 12 + 64);
  /** The actors written by each patch of the index, by patch number, for the texts kept to catch up on. */
  const writeLog: { seq: number; ids: readonly number[] }[] = [];
  let writeSeq = 0;
  const candidatesCache = lru<Candidates>(2_000_000, (c) => c.ids.length + 1);
  const resultCache = lru<{ total: number; hits: ActorSearchHit[] }>(1000);
  const facetCache = lru<ActorFacets>(1000);

  /**
   * The index as the directory is now. After writes on this connection only, it is patched for
   * the actors they touched; after a commit from elsewhere (or too many writes), rebuilt. Either
   * way the answers kept are dropped (bm25 ranks move with every text written).
   */
  function fresh(): DirectoryIndex {
    const changes = directoryChanges(db);
    const v = changes?.version() ?? `uncached:${Math.random()}`;
    if (v === version && index) return index;
    version = v;
    candidatesCache.clear();
    resultCache.clear();
    facetCache.clear();
    const ext = changes?.external();
    if (!feed && changes) feed = changes.feed();
    const written = feed?.take();
    if (index && changes && ext === external && written) {
      patchDirectoryIndex(db, index, written);
      // A text's matches are kept across the write and caught up on the actors it wrote (textMatches).
      writeLog.push({ seq: ++writeSeq, ids: written });
      while (writeLog.length > MAX_TEXT_CATCH_UP) writeLog.shift();
    } else {
      external = ext;
      index = buildDirectoryIndex(db);
      builds++;
      // The text reader's worker started with the first index, ahead of the first text searched.
      if (readsApart && !apart) {
        apart = textRanksReader(db.name, TEXT_RANKS_SQL);
        apart.start();
      }
      textCache.clear();
      writeLog.length = 0;
    }
    return index;
  }

  // -- candidates -------------------------------------------------------------------------------

  /**
   * Published actors matching an FTS query, with their bm25 rank, in id order. Read whole once,
   * then kept across writes: the actors written since are read again (whether they match, and
   * their rank), the others keep the rank of the whole read. bm25 weighs a word by how many entries
   * hold it and an entry's length against the mean, which a write moves by a hair; so the ranks
   * are read whole again once `textRanksMaxAgeMs` (a minute) has passed since. A save no longer
   * costs a full-text read of every text searched (30–80 ms each at 100,000 actors).
   */
  function textMatches(fts: string, ix: DirectoryIndex): TextMatches {
    const cached = textCache.get(fts);
    if (cached && cached.seq === writeSeq) return cached;
    const written = cached && performance.now() - cached.readAt < textRanksMaxAgeMs ? writtenSince(cached.seq) : null;
    if (cached && written) {
      const caughtUp = catchUp(fts, cached, written, ix);
      textCache.set(fts, caughtUp);
      return caughtUp;
    }
    textReads.here++;
    const ids: number[] = [];
    const rank: number[] = [];
    for (const [id, r] of ftsStmt.all(fts) as [number, number][]) {
      if (!ix.published[id]) continue;
      ids.push(id);
      rank.push(r);
    }
    const found: TextMatches = { ids: Int32Array.from(ids), rank: Float64Array.from(rank), readAt: performance.now(), seq: writeSeq };
    textCache.set(fts, found);
    return found;
  }

  /**
   * The actors written since patch `seq`, or null when the log no longer reaches back that far or
   * they are too many: FTS5 reads a word's whole list of entries again for each one (a few ms for
   * a common word), so beyond a few dozen the whole read costs less.
   */
  function writtenSince(seq: number): Set<number> | null {
    if (seq < (writeLog[0]?.seq ?? writeSeq + 1) - 1) return null;
    const written = new Set<number>();
    for (const entry of writeLog) {
      if (entry.seq <= seq) continue;
      for (const id of entry.ids) written.add(id);
      if (written.size > MAX_TEXT_CATCH_UP_ACTORS) return null;
    }
    return written;
  }

  /** A text's matches kept, with the actors written since they were read taken out and read again. */
  function catchUp(fts: string, kept: TextMatches, written: Set<number>, ix: DirectoryIndex): TextMatches {
    const fresh = (ftsOfStmt.all(fts, JSON.stringify([...written])) as [number, number][])
      .filter(([id]) => ix.published[id])
      .sort((a, b) => a[0] - b[0]);
    let left = 0;
    for (let i = 0; i < kept.ids.length; i++) if (!written.has(kept.ids[i] as number)) left++;
    const ids = new Int32Array(left + fresh.length);
    const rank = new Float64Array(left + fresh.length);
    // A merge in id order, as the whole read gives them: the kept ones not written, and the written ones that match.
    let j = 0;
    let f = 0;
    for (let i = 0; i < kept.ids.length; i++) {
      const id = kept.ids[i] as number;
      if (written.has(id)) continue;
      for (; f < fresh.length && (fresh[f] as [number, number])[0] < id; f++, j++) [ids[j], rank[j]] = fresh[f] as [number, number];
      ids[j] = id;
      rank[j++] = kept.rank[i] as number;
    }
    for (; f < fresh.length; f++, j++) [ids[j], rank[j]] = fresh[f] as [number, number];
    return { ids, rank, readAt: kept.readAt, seq: writeSeq };
  }

  /** Whether a text's matches kept now answer without a whole read (as they are, or caught up). */
  function textKept(fts: string): boolean {
    const cached = textCache.get(fts);
    if (!cached) return false;
    return cached.seq === writeSeq || (performance.now() - cached.readAt < textRanksMaxAgeMs && writtenSince(cached.seq) !== null);
  }

  /**
   * Makes sure the search of `text` will not read the text's matches whole on this thread: when
   * they are not kept, they are read on the worker thread (text-ranks.ts) and kept as read when
   * asked, so that the writes made meanwhile are caught up on like any other (`textMatches`). A
   * failure there leaves the search to read them itself. Requests asking the same text at once
   * share one read.
   */
  async function prepareText(text: string | undefined): Promise<void> {
    if (!text || !readsApart || db.inTransaction) return;
    const fts = toFtsQuery(text);
    if (!fts) return;
    fresh();
    if (!apart || textKept(fts)) return;
    let pending = reading.get(fts);
    if (!pending) {
      const asked = { seq: writeSeq, builds, at: performance.now() };
      pending = apart
        .read(fts)
        .then((found) => {
          const ix = fresh();
          // Rebuilt meanwhile (writes it cannot name): what was read may be older than the index.
          if (builds !== asked.builds) return;
          const ids: number[] = [];
          const rank: number[] = [];
          for (let i = 0; i < found.ids.length; i++) {
            const id = found.ids[i] as number;
            if (!ix.published[id]) continue;
            ids.push(id);
            rank.push(found.rank[i] as number);
          }
          textReads.apart++;
          textCache.set(fts, { ids: Int32Array.from(ids), rank: Float64Array.from(rank), readAt: asked.at, seq: asked.seq });
        })
        .catch(() => undefined)
        .finally(() => reading.delete(fts));
      reading.set(fts, pending);
    }
    await pending;
  }

  function candidates(s: ActorSearch, ix: DirectoryIndex): Candidates {
    const fts = s.text ? toFtsQuery(s.text) : null;
    const p = s.place;
    const key = JSON.stringify([
      fts,
      fts ? actionsNamedBy(s.text) : null,
      s.departement?.code ?? null,
      s.departement?.region ?? null,
      p ? [p.lat, p.lng, p.radiusKm, p.strict, p.commune, p.departement, p.region] : null,
    ]);
    const cached = candidatesCache.get(key);
    if (cached) return cached;

    const published = ix.published;
    const size = published.length;
    const sets = (list: [Parameters<typeof territoryActors>[2], string][]) =>
      list.map(([kind, code]) => territoryActors(db, ix, kind, code));
    if (fts && s.departement && !p) {
      const result = textInDepartement(fts, s, ix);
      candidatesCache.set(key, result);
      return result;
    }
    let inDepartement: Uint8Array | null = null;
    if (s.departement) {
      inDepartement = new Uint8Array(size);
      for (const id of ix.national) inDepartement[id] = 1;
      for (const set of sets([
        ['sd', s.departement.code],
        ['td', s.departement.code],
        ['tr', s.departement.region],
      ]))
        for (const id of set) if (id < size) inDepartement[id] = 1;
    }
    const nearFound = p ? nearActors(db, ix, p) : null;
    if (p && nearFound && !fts && !inDepartement && ix.size < NAME_RANKS) {
      const result = placeCandidates(p, nearFound, ix);
      candidatesCache.set(key, result);
      return result;
    }
    const near = nearFound ? nearMap(nearFound) : null;
    let around: Set<number>[] | null = null;
    if (p && !p.strict)
      around = sets([
        ['tc', p.commune ?? ''],
        ['tk', p.departement ?? ''],
        ['tr', p.region ?? ''],
        ['sd', p.departement ?? ''],
      ]);

    const ids: number[] = [];
    const ranks: number[] = [];
    const distances: number[] = [];
    const groups: number[] = [];
    const keep = (id: number, grp: number, distance: number, rank: number) => {
      ids.push(id);
      ranks.push(rank);
      distances.push(distance);
      groups.push(grp);
    };
    /** Where a candidate stands against the place (as `near` and `grp` in SQL), or null when out. */
    const placed = (id: number): [number, number] | null => {
      if (!p || !near) return [-1, Number.NaN];
      const d = near.get(id);
      if (d !== undefined) return [0, d];
      if (p.strict) return null;
      if (around?.some((set) => set.has(id))) return [1, Number.NaN];
      if (ix.scope[id] === 3) return [2, Number.NaN];
      return null;
    };

    if (fts) {
      // Drive from the text's matches; an actor doing what the words name goes first.
      const namedMask = actionsNamedBy(s.text).reduce((m, a) => m | (1 << ACTIONS.indexOf(a)), 0);
      const text = textMatches(fts, ix);
      for (let i = 0; i < text.ids.length; i++) {
        const id = text.ids[i] as number;
        if (!published[id] || (inDepartement && !inDepartement[id])) continue;
        const at = placed(id);
        if (!at) continue;
        const r = text.rank[i] as number;
        keep(id, at[0], at[1], namedMask && (ix.actions[id] as number) & namedMask ? r - ACTION_BOOST : r);
      }
    } else if (p && near) {
      // Drive from the place: the sites around, then (a commune asked) its territories and the national actors.
      const seen = new Set<number>();
      const consider = (id: number) => {
        if (seen.has(id) || !published[id] || (inDepartement && !inDepartement[id])) return;
        seen.add(id);
        const at = placed(id);
        if (at) keep(id, at[0], at[1], 0);
      };
      for (const id of near.keys()) consider(id);
      if (around) {
        for (const set of around) for (const id of set) consider(id);
        for (const id of ix.national) consider(id);
      }
    } else if (inDepartement) {
      for (let id = 0; id < size; id++) if (inDepartement[id] && published[id]) keep(id, -1, Number.NaN, 0);
    } else {
      for (const id of ix.byName) keep(id, -1, Number.NaN, 0);
    }
    const result: Candidates = {
      ids: Int32Array.from(ids),
      rank: fts ? Float64Array.from(ranks) : null,
      distance: p ? Float64Array.from(distances) : null,
      grp: p ? Int8Array.from(groups) : null,
      orders: new Map(),
    };
    candidatesCache.set(key, result);
    return result;
  }

  /** Marks of the actors already placed by `placeCandidates`: `marks[id] === mark` (one mark a call). */
  let marks = new Uint32Array(0);
  let mark = 0;
  let scratch = new Int32Array(0);
  /** 0, 1, 2…: the place order of `placeCandidates`' answers (read-only, shared). */
  let identity = new Int32Array(0);

  /**
   * The candidates of a place without text or département (what most searches are), made already
   * in the place's order — the sites within the radius nearest first, then (a commune asked) its
   * territories — commune, département, région, sites in the département — by scope and name,
   * then the national actors by name: the same candidates and order as the general path and
   * `ordered(…, 'place')`, from the département's order made once (`aroundOrder`) instead of
   * thousands of set lookups and a sort at every search.
   */
  function placeCandidates(p: SearchPlace, near: Near, ix: DirectoryIndex): Candidates {
    const { published, scope, nameRank } = ix;
    if (marks.length < ix.size) marks = new Uint32Array(ix.size);
    mark = (mark + 1) >>> 0;
    if (mark === 0) {
      marks.fill(0);
      mark = 1;
    }
    // The sites within the radius, nearest first (then scope, name): typed arrays, no map lookups.
    const found = new Int32Array(near.ids.length);
    const foundDistance = new Float64Array(near.ids.length);
    let m = 0;
    for (let i = 0; i < near.ids.length; i++) {
      const id = near.ids[i] as number;
      if (!published[id]) continue;
      found[m] = id;
      foundDistance[m++] = near.distance[i] as number;
    }
    const byDistance = new Int32Array(m);
    for (let i = 0; i < m; i++) byDistance[i] = i;
    byDistance.sort((a, b) => {
      const ia = found[a] as number;
      const ib = found[b] as number;
      return (
        (foundDistance[a] as number) - (foundDistance[b] as number) ||
        (scope[ia] as number) - (scope[ib] as number) ||
        (nameRank[ia] as number) - (nameRank[ib] as number)
      );
    });
    const nearIds = new Int32Array(m);
    const nearDistance = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const at = byDistance[i] as number;
      nearIds[i] = found[at] as number;
      nearDistance[i] = foundDistance[at] as number;
      marks[nearIds[i] as number] = mark;
    }
    // The territory and national groups go into scratch buffers first (no array growing), then
    // into the candidate arrays of their exact size.
    if (scratch.length < ix.size) scratch = new Int32Array(ix.size);
    let t = 0;
    let territoryEnd = 0;
    if (!p.strict) {
      // The commune's own territories (few) merged into the département's order.
      // Both lists are in the same order, where no two actors are equal: one found in both is
      // met at the same step of the merge, and placed once. Each placed actor is marked.
      const area = aroundOrder(db, ix, p.departement ?? '', p.region ?? '');
      const commune: number[] = [];
      for (const id of territoryActors(db, ix, 'tc', p.commune ?? ''))
        if (id < ix.size && published[id] && marks[id] !== mark) commune.push(id);
      const own = byScopeAndName(ix, commune);
      const key = (id: number) => (scope[id] as number) * NAME_RANKS + (nameRank[id] as number);
      let b = 0;
      for (const id of area) {
        if (marks[id] === mark) continue; // within the radius: placed already
        const k = key(id);
        while (b < own.length && key(own[b] as number) < k) {
          const o = own[b++] as number;
          marks[o] = mark;
          scratch[t++] = o;
        }
        if (b < own.length && own[b] === id) b++;
        marks[id] = mark;
        scratch[t++] = id;
      }
      while (b < own.length) {
        const o = own[b++] as number;
        marks[o] = mark;
        scratch[t++] = o;
      }
      territoryEnd = t;
      for (const id of nationalByName(ix)) if (marks[id] !== mark) scratch[t++] = id;
    }
    const n = m + t;
    const ids = new Int32Array(n);
    ids.set(nearIds, 0);
    ids.set(scratch.subarray(0, t), m);
    const distance = new Float64Array(n);
    distance.set(nearDistance, 0);
    distance.fill(Number.NaN, m);
    const grp = new Int8Array(n);
    grp.fill(1, m, m + territoryEnd);
    grp.fill(2, m + territoryEnd);
    if (identity.length < n) {
      identity = new Int32Array(Math.max(n, identity.length * 2));
      for (let i = 0; i < identity.length; i++) identity[i] = i;
    }
    return { ids, rank: null, distance, grp, orders: new Map([['place', identity.subarray(0, n)]]) };
  }

  /**
   * The candidates of a text in a département (a fifth of the searches): the département's
   * actors (kept per département) whose rank the text has, instead of every match of a broad
   * word (tens of thousands) checked against the département. Same candidates as the general
   * path; their order is the rank's, made by `ordered`.
   */
  function textInDepartement(fts: string, s: ActorSearch, ix: DirectoryIndex): Candidates {
    const text = textMatches(fts, ix);
    const rankOf = rankById(fts, text, ix);
    const namedMask = actionsNamedBy(s.text).reduce((m, a) => m | (1 << ACTIONS.indexOf(a)), 0);
    const area = departementActors(db, ix, s.departement?.code ?? '', s.departement?.region ?? '');
    const ids: number[] = [];
    const ranks: number[] = [];
    for (const id of area) {
      const r = rankOf[id] as number;
      if (Number.isNaN(r)) continue;
      ids.push(id);
      ranks.push(namedMask && (ix.actions[id] as number) & namedMask ? r - ACTION_BOOST : r);
    }
    return { ids: Int32Array.from(ids), rank: Float64Array.from(ranks), distance: null, grp: null, orders: new Map() };
  }

  /** A text's bm25 rank by actor id (NaN: no match), made once per text kept. */
  const ranksById = new WeakMap<object, Float64Array>();
  function rankById(fts: string, text: TextMatches, ix: DirectoryIndex): Float64Array {
    let byId = ranksById.get(text);
    if (!byId || byId.length < ix.size) {
      byId = new Float64Array(ix.size).fill(Number.NaN);
      for (let i = 0; i < text.ids.length; i++) byId[text.ids[i] as number] = text.rank[i] as number;
      ranksById.set(text, byId);
      // Kept with its text: weighed as such in the cache (a text's matches plus a rank per actor).
      textCache.set(fts, text, text.ids.length * 12 + 64 + ix.size * 8);
    }
    return byId;
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

  /**
   * Candidate positions sorted by an integer key below 2^30 that already holds the name rank
   * (so no two are equal): key and position packed into one float and sorted natively, several
   * times faster than a comparator. Null when the directory is too large to pack.
   */
  function byKey(positions: ArrayLike<number>, key: (i: number) => number, ix: DirectoryIndex): Int32Array | null {
    const n = positions.length;
    if (n >= POSITIONS || ix.size >= NAME_RANKS) return null;
    const packed = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const i = positions[k] as number;
      packed[k] = key(i) * POSITIONS + i;
    }
    packed.sort();
    const out = new Int32Array(n);
    for (let k = 0; k < n; k++) out[k] = (packed[k] as number) % POSITIONS;
    return out;
  }

  function ordered(c: Candidates, kind: OrderKind, ix: DirectoryIndex): Int32Array {
    const done = c.orders.get(kind);
    if (done) return done;
    const n = c.ids.length;
    const positions = new Int32Array(n);
    for (let i = 0; i < n; i++) positions[i] = i;
    const ids = c.ids;
    const name = (i: number) => ix.nameRank[ids[i] as number] as number;
    const scope = (i: number) => ix.scope[ids[i] as number] as number;
    let compare: (a: number, b: number) => number;
    let sorted: Int32Array | null = null;
    switch (kind) {
      case 'name':
        compare = (a, b) => name(a) - name(b);
        sorted = byKey(positions, name, ix);
        break;
      case 'updated': {
        const updated = (i: number) => ix.updatedRank[ids[i] as number] as number;
        compare = (a, b) => updated(a) - updated(b);
        sorted = byKey(positions, updated, ix);
        break;
      }
      case 'rank': {
        const rank = c.rank as Float64Array;
        compare = (a, b) => (rank[a] as number) - (rank[b] as number) || name(a) - name(b);
        break;
      }
      case 'departement': {
        const national = (i: number) => (scope(i) === 3 ? 1 : 0);
        compare = (a, b) => national(a) - national(b) || name(a) - name(b);
        sorted = byKey(positions, (i) => national(i) * NAME_RANKS + name(i), ix);
        break;
      }
      case 'place': {
        // grp, distance IS NULL, distance, scope rank, name_sort, id — NULL first in SQLite's ascending order.
        const grp = c.grp;
        const dist = c.distance;
        const group = (i: number) => (grp ? (grp[i] as number) : -1);
        compare = (a, b) => {
          const ga = group(a);
          const gb = group(b);
          if (ga !== gb) return ga - gb;
          const da = dist ? (dist[a] as number) : Number.NaN;
          const db2 = dist ? (dist[b] as number) : Number.NaN;
          const na = Number.isNaN(da) ? 1 : 0;
          const nb = Number.isNaN(db2) ? 1 : 0;
          if (na !== nb) return na - nb;
          if (!na && da !== db2) return da - db2;
          return scope(a) - scope(b) || name(a) - name(b);
        };
        // Those at a distance (the sites around) by comparator; the many without one (territories,
        // national actors) by packed key; then the two merged, group by group.
        const near: number[] = [];
        const rest: number[] = [];
        for (let i = 0; i < n; i++) (dist && !Number.isNaN(dist[i] as number) ? near : rest).push(i);
        const far = byKey(rest, (i) => ((group(i) + 1) * 4 + scope(i)) * NAME_RANKS + name(i), ix);
        if (far) {
          near.sort(compare);
          sorted = new Int32Array(n);
          let a = 0;
          let b = 0;
          for (let k = 0; k < n; k++) {
            const takeNear = a < near.length && (b >= far.length || group(near[a] as number) <= group(far[b] as number));
            sorted[k] = takeNear ? (near[a++] as number) : (far[b++] as number);
          }
        }
        break;
      }
    }
    if (!sorted) {
      positions.sort(compare);
      sorted = positions;
    }
    c.orders.set(kind, sorted);
    return sorted;
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

  /** Whether a candidate passes the filters other than the place and the text (they chose the candidates). */
  function kept(s: ActorSearch, m: Masks, ix: DirectoryIndex, id: number): boolean {
    if (m.types && !(m.types & (1 << (ix.type[id] as number)))) return false;
    if (m.publics && !(m.publics & (ix.publics[id] as number))) return false;
    if (m.actions && !(m.actions & (ix.actions[id] as number))) return false;
    return !s.open || s.open.ids.has(id);
  }

  /** An open set as one byte per actor (made once per set): a typed read instead of a set lookup per candidate. */
  const openBytes = new WeakMap<ReadonlySet<number>, Uint8Array>();
  function openMembers(set: NonNullable<ActorSearch['open']>, ix: DirectoryIndex): Uint8Array {
    let bytes = openBytes.get(set.ids);
    if (!bytes || bytes.length < ix.size) {
      bytes = new Uint8Array(ix.size);
      for (const id of set.ids) if (id < ix.size) bytes[id] = 1;
      openBytes.set(set.ids, bytes);
    }
    return bytes;
  }

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
      if (!kept(s, m, ix, id)) continue;
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

  // Candidates counted per mask value (one increment each), bits spread once at the end.
  const publicsSeen = new Int32Array(1 << PUBLICS.length);
  const actionsSeen = new Int32Array(1 << ACTIONS.length);

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
      // Counted per mask value first (one increment a candidate), bits spread once at the end.
      publicsSeen.fill(0);
      actionsSeen.fill(0);
      const typesSeen = new Int32Array(ACTOR_TYPES.length);
      const { type, publics: publicsOf, actions: actionsOf } = ix;
      const open = s.open ? openMembers(s.open, ix) : null;
      const openNowMembers = s.openNow ? openMembers(s.openNow, ix) : null;
      let openNow = 0;
      for (let i = 0; i < c.ids.length; i++) {
        const id = c.ids[i] as number;
        if (open && !open[id]) continue;
        const t = type[id] as number;
        const pm = publicsOf[id] as number;
        const am = actionsOf[id] as number;
        const okT = !m.types || (m.types & (1 << t)) !== 0;
        const okP = !m.publics || (m.publics & pm) !== 0;
        const okA = !m.actions || (m.actions & am) !== 0;
        if (okP && okA) typesSeen[t] = (typesSeen[t] as number) + 1;
        if (okT && okA) publicsSeen[pm] = (publicsSeen[pm] as number) + 1;
        if (okT && okP) actionsSeen[am] = (actionsSeen[am] as number) + 1;
        if (okT && okP && okA && openNowMembers?.[id]) openNow++;
      }
      typesSeen.forEach((n, t) => {
        types[t] = n;
      });
      spreadBits(publicsSeen, publics);
      spreadBits(actionsSeen, actions);
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
      if (kept(s, m, ix, id)) out.push(id);
    }
    return Int32Array.from(out);
  }

  return {
    searchActors,
    facetCounts,
    matchingIds,
    prepareText,
    indexBuilds: () => builds,
    textReads: () => ({ ...textReads }),
    close: async () => apart?.close(),
  };
}
