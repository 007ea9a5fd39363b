import type { ActorFacets } from '@pare/schema';
import { ACTIONS } from '@pare/schema';
import type { Db } from './database.ts';
import { positionOf } from './id-positions.ts';
import { type Counts, countsOf, emptyTally, type Filters, facetsOf, filtersOf, passes, tallyInto } from './search-filters.ts';
import {
  buildDirectoryIndex,
  type DirectoryIndex,
  departementActors,
  nearActors,
  nearMap,
  patchDirectoryIndex,
  territoryActors,
} from './search-index.ts';
import { lru } from './search-lru.ts';
import { type Candidates, NAME_RANKS, ordered, orderKind } from './search-orders.ts';
import { placeSearch } from './search-place.ts';
import {
  ACTION_BOOST,
  type ActorSearch,
  type ActorSearchHit,
  actionsNamedBy,
  criteriaKey,
  type SearchPlace,
  toFtsQuery,
} from './search-query.ts';
import { actorSearchSql } from './search-sql.ts';
import { textMatchesKept } from './search-text.ts';
import { type ChangeFeed, directoryChanges } from './search-version.ts';

// The search, cut along its seams: what a search asks (search-query.ts), the SQL definition of
// its answers (search-sql.ts), when the directory changed (search-version.ts), the in-memory index
// (search-index.ts), a text's matches kept across writes (search-text.ts), the orders of the
// candidates (search-orders.ts), and here the search the app uses: candidates, filters, facets.
export * from './search-query.ts';
export { actorSearchSql } from './search-sql.ts';
export { TEXT_RANKS_MAX_AGE_MS } from './search-text.ts';
export { directoryVersion } from './search-version.ts';
export {
  anonymousListViews,
  anonymousListViewsJson,
  renewAnonymousListViews,
  viewsValidUntil,
  warmAnonymousListViews,
} from './search-views.ts';

const MATCHES = ['proximite', 'territoire', 'national'] as const;

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
 * many actors, or a connection not opened by `openDatabase`), it is rebuilt. The texts kept catch
 * up on the actors written (text-scoring.ts), and a département's candidates hold unless a
 * written actor was or now is among its actors.
 * Nothing is used inside a transaction (its own uncommitted writes are not for others to see
 * later): there the SQL definition answers.
 */
export function actorSearch(db: Db, options: { textRanksMaxAgeMs?: number; textReadsApart?: boolean } = {}) {
  const text = textMatchesKept(db, fresh, options);
  const place = placeSearch(db);

  // Inside a transaction, whose writes may yet be rolled back, nothing is kept: the SQL answers.
  const inTransaction = actorSearchSql(db);
  let version = '';
  let external: number | undefined;
  let feed: ChangeFeed | undefined;
  let index: DirectoryIndex | null = null;
  /** How many times the index was built whole (the rest were patches): for tests and benches. */
  let builds = 0;
  const candidatesCache = lru<Candidates>(2_000_000, (c) => c.ids.length + 1);
  /**
   * The candidates of the searches in a département (a text or not, no place) with their orders,
   * kept across writes: each holds while the département's list of actors is the same object
   * (`departementActors`, made again only after a write touching an actor it holds or would now
   * hold) and, for a text, its matches come from the same whole read (their ranks are that read's).
   * A curator's save in the Rhône leaves the other départements' searches as they were.
   */
  const departementCandidates = lru<{ c: Candidates; list: Int32Array; readAt: number }>(2_000_000, (k) => k.c.ids.length + 1);
  /** How many times those were made: for tests (a write elsewhere keeps a département's). */
  let departementCandidatesMade = 0;
  const resultCache = lru<{ total: number; hits: ActorSearchHit[] }>(1000);
  const facetCache = lru<ActorFacets>(1000);

  /**
   * The index as the directory is now. After writes on this connection only, it is patched for
   * the actors they touched; after a commit from elsewhere (or too many writes), rebuilt. Either
   * way the answers kept are dropped (bm25 ranks move with every text written); what is kept per
   * département is dropped only where a written actor was or now is.
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
      // The départements' bases the write did not touch are kept, as are the texts' matches (caught up).
      if (written.length > 0) place.patched(index, patchDirectoryIndex(db, index, written));
      else place.clear();
      text.patched(written);
    } else {
      place.clear();
      external = ext;
      index = buildDirectoryIndex(db);
      builds++;
      text.rebuilt();
    }
    return index;
  }

  // -- candidates -------------------------------------------------------------------------------

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
    if (s.departement && !p) {
      const list = departementActors(db, ix, s.departement.code, s.departement.region);
      const readAt = fts ? text.matches(fts, ix).readAt : 0;
      const kept = departementCandidates.get(key);
      if (kept && kept.list === list && kept.readAt === readAt) return kept.c;
      const c = candidatesMade(s, ix, fts);
      departementCandidatesMade++;
      departementCandidates.set(key, { c, list, readAt });
      return c;
    }
    const cached = candidatesCache.get(key);
    if (cached) return cached;
    const c = candidatesMade(s, ix, fts);
    candidatesCache.set(key, c);
    return c;
  }

  /** The candidates of a search, made. */
  function candidatesMade(s: ActorSearch, ix: DirectoryIndex, fts: string | null): Candidates {
    const p = s.place;
    const published = ix.published;
    const size = published.length;
    const sets = (list: [Parameters<typeof territoryActors>[2], string][]) =>
      list.map(([kind, code]) => territoryActors(db, ix, kind, code));
    if (fts && s.departement && !p) return textInDepartement(fts, s, ix);
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
    if (p && nearFound && !fts && !inDepartement && ix.size < NAME_RANKS) return place.candidates(p, nearFound, ix);
    const near = nearFound ? nearMap(nearFound) : null;
    let around: ReadonlySet<number>[] | null = null;
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
      const matches = text.matches(fts, ix);
      for (let i = 0; i < matches.ids.length; i++) {
        const id = matches.ids[i] as number;
        if (!published[id] || (inDepartement && !inDepartement[id])) continue;
        const at = placed(id);
        if (!at) continue;
        const r = matches.rank[i] as number;
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
    return {
      ids: Int32Array.from(ids),
      rank: fts ? Float64Array.from(ranks) : null,
      distance: p ? Float64Array.from(distances) : null,
      grp: p ? Int8Array.from(groups) : null,
      orders: new Map(),
    };
  }

  /**
   * The candidates of a text in a département (a fifth of the searches): the département's
   * actors (kept per département) whose rank the text has, instead of every match of a broad
   * word (tens of thousands) checked against the département. Same candidates as the general
   * path; their order is the rank's, made by `ordered`.
   */
  function textInDepartement(fts: string, s: ActorSearch, ix: DirectoryIndex): Candidates {
    const matches = text.matches(fts, ix);
    const namedMask = actionsNamedBy(s.text).reduce((m, a) => m | (1 << ACTIONS.indexOf(a)), 0);
    const area = departementActors(db, ix, s.departement?.code ?? '', s.departement?.region ?? '');
    const ids: number[] = [];
    const ranks: number[] = [];
    const keep = (id: number, r: number) => {
      ids.push(id);
      ranks.push(namedMask && (ix.actions[id] as number) & namedMask ? r - ACTION_BOOST : r);
    };
    // Each actor of the département looked up among the text's matches in constant time: no rank
    // per actor of the directory made per text (800 KB each at 100,000 actors), no bisection
    // (docs/PERFORMANCE.md §19). The matches come out in id order, as the area's list is.
    const at = text.positions(fts, matches);
    for (let i = 0; i < area.length; i++) {
      const id = area[i] as number;
      const k = positionOf(at, id);
      if (k >= 0) keep(id, matches.rank[k] as number);
    }
    return { ids: Int32Array.from(ids), rank: Float64Array.from(ranks), distance: null, grp: null, orders: new Map() };
  }

  // -- answers ----------------------------------------------------------------------------------

  /** The place of a search answered by `placeSearch` (a place, no text, no département), else null. */
  function placeOnly(s: ActorSearch, ix: DirectoryIndex): SearchPlace | null {
    if (!s.place || s.departement || ix.size >= NAME_RANKS) return null;
    return s.text && toFtsQuery(s.text) ? null : s.place;
  }
  /** The filters' part of the keys of what `placeSearch` keeps. */
  const filtersKey = (s: ActorSearch, f: Filters) => `${f.types}|${f.publics}|${f.actions}|${s.open?.key ?? ''}|${s.openNow?.key ?? ''}`;

  /** One page of matching actor ids with their distance, and the total. */
  function searchActors(s: ActorSearch): { total: number; hits: ActorSearchHit[] } {
    if (db.inTransaction) return inTransaction.searchActors(s);
    const ix = fresh();
    const key = criteriaKey(s, [s.sort ?? null, s.limit, s.offset]);
    const cached = resultCache.get(key);
    if (cached) return { total: cached.total, hits: cached.hits.map((h) => ({ ...h })) };

    const f = filtersOf(s);
    const p = placeOnly(s, ix);
    let found: { total: number; hits: ActorSearchHit[] };
    if (p && orderKind(s, false) === 'place') found = place.page(p, f, filtersKey(s, f), ix, s.offset, s.limit);
    else found = pageOf(s, f, ix);
    resultCache.set(key, found);
    return { total: found.total, hits: found.hits.map((h) => ({ ...h })) };
  }

  /** A page made from the search's candidates in their order. */
  function pageOf(s: ActorSearch, f: Filters, ix: DirectoryIndex): { total: number; hits: ActorSearchHit[] } {
    const c = candidates(s, ix);
    const order = ordered(c, orderKind(s, c.rank !== null), ix);
    const hits: ActorSearchHit[] = [];
    const end = s.offset + s.limit;
    let total = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      const id = c.ids[i] as number;
      if (!passes(f, ix, id)) continue;
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
    return { total, hits };
  }

  /** For each option of each filter, how many results choosing it would give (other filters kept). */
  function facetCounts(s: ActorSearch): ActorFacets {
    if (db.inTransaction) return inTransaction.facetCounts(s);
    const ix = fresh();
    const key = criteriaKey(s, s.openNow?.key ?? null);
    let facets = facetCache.get(key);
    if (!facets) {
      const f = filtersOf(s);
      const p = placeOnly(s, ix);
      let counts: Counts;
      if (p) counts = place.tally(p, f, filtersKey(s, f), ix);
      else {
        const t = emptyTally();
        tallyInto(t, f, ix, candidates(s, ix).ids);
        counts = countsOf(t);
      }
      facets = facetsOf(counts);
      facetCache.set(key, facets);
    }
    return { publics: { ...facets.publics }, actions: { ...facets.actions }, types: { ...facets.types }, open_now: facets.open_now };
  }

  /** Every matching actor's id, in no particular order (the map draws them all; the list pages them). */
  function matchingIds(s: ActorSearch): Int32Array {
    if (db.inTransaction) return inTransaction.matchingIds(s);
    const ix = fresh();
    const f = filtersOf(s);
    const p = placeOnly(s, ix);
    if (p) return place.matching(p, f, ix);
    const c = candidates(s, ix);
    const out = new Int32Array(c.ids.length);
    let k = 0;
    for (const id of c.ids) if (passes(f, ix, id)) out[k++] = id;
    return out.slice(0, k);
  }

  return {
    searchActors,
    facetCounts,
    matchingIds,
    /** Reads a text's matches off this thread ahead of its search (search-text.ts). */
    prepareText: text.prepare,
    /** Reads ahead the texts of the words the most entries hold (search-text.ts `warm`). */
    warmTexts: text.warm,
    indexBuilds: () => builds,
    /** How many départements' bases the place searches made (a write keeps those it did not touch). */
    basesMade: place.basesMade,
    /** How many times the candidates of a search in a département were made (a write elsewhere keeps them). */
    departementCandidatesMade: () => departementCandidatesMade,
    textReads: text.reads,
    /** Catch-ups of kept texts after writes (from the written actors' words, no full-text read). */
    textCatchUps: text.catchUps,
    close: text.close,
  };
}
