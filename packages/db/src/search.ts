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
import { lru } from './search-lru.ts';
import { type Candidates, NAME_RANKS, ordered, orderKind } from './search-orders.ts';
import { ACTION_BOOST, type ActorSearch, type ActorSearchHit, actionsNamedBy, type SearchPlace, toFtsQuery } from './search-query.ts';
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
export { anonymousListViews, anonymousListViewsJson, viewsValidUntil, warmAnonymousListViews } from './search-views.ts';

const TYPE_INDEX = new Map<string, number>(ACTOR_TYPES.map((t, i) => [t, i]));
const PUBLIC_BIT = new Map<string, number>(PUBLICS.map((p, i) => [p, 1 << i]));
const ACTION_BIT = new Map<string, number>(ACTIONS.map((a, i) => [a, 1 << i]));
const MATCHES = ['proximite', 'territoire', 'national'] as const;

/** Adds `counts[mask]` to every bit the mask holds: counts per mask value into counts per option. */
function spreadBits(counts: Int32Array, into: number[]): void {
  for (let mask = 1; mask < counts.length; mask++) {
    const n = counts[mask] as number;
    if (n) for (let b = 0; b < into.length; b++) if (mask & (1 << b)) into[b] = (into[b] as number) + n;
  }
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
  const text = textMatchesKept(db, fresh, options);

  // Inside a transaction, whose writes may yet be rolled back, nothing is kept: the SQL answers.
  const inTransaction = actorSearchSql(db);
  let version = '';
  let external: number | undefined;
  let feed: ChangeFeed | undefined;
  let index: DirectoryIndex | null = null;
  /** How many times the index was built whole (the rest were patches): for tests and benches. */
  let builds = 0;
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
      // A text's matches are kept across the write and caught up on the actors it wrote.
      text.patched(written);
    } else {
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
    const matches = text.matches(fts, ix);
    const rankOf = text.rankById(fts, matches, ix);
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
    /** Reads a text's matches off this thread ahead of its search (search-text.ts). */
    prepareText: text.prepare,
    indexBuilds: () => builds,
    textReads: text.reads,
    close: text.close,
  };
}
