import type { Db } from './database.ts';
import { kthSmallest } from './kth-smallest.ts';
import { addCounts, type Counts, countsOf, emptyTally, type Filters, passes, tallyInto, tallyTotal } from './search-filters.ts';
import {
  aroundOrder,
  byScopeAndName,
  type DirectoryIndex,
  type Near,
  nationalByName,
  nearActors,
  type Patched,
  territoryActors,
  touches,
} from './search-index.ts';
import { lru } from './search-lru.ts';
import { type Candidates, NAME_RANKS } from './search-orders.ts';
import type { ActorSearchHit, SearchPlace } from './search-query.ts';

// The search around a place without text or département — four searches in five — in the order
// `ordered(…, 'place')` gives: the sites within the radius nearest first (then scope, name);
// then, a commune asked, its « territoire »: its own territories, those on its département or
// région and the actors with a site in its département, by scope and name; then the national
// actors by name.

const MATCHES = ['proximite', 'territoire', 'national'] as const;

/**
 * What a département's searches share, made once per département while the directory holds:
 * the actors every non-strict search there finds whatever the commune and radius (its « area »,
 * `aroundOrder`, and the national actors), as bytes by id and as a list.
 */
type Base = { inBase: Uint8Array; ids: Int32Array };

/** What a place's searches share whatever their filters (the list and the facets of one request, its pages). */
type Around = {
  /** The published actors with a site within the radius, and their distance, in no order. */
  near: Near;
  /** The commune's own territories' published actors not within the radius, by scope and name. */
  commune: Int32Array;
  /** The département's base, null for a strict search (the radius only). */
  base: Base | null;
  area: Int32Array;
  /** The candidates within the radius or of the commune that are not in the base. */
  extra: Int32Array;
};

export function placeSearch(db: Db) {
  const bases = new Map<string, Base>();
  /** How many bases were made: for tests (a write elsewhere keeps a département's). */
  let basesMade = 0;
  const arounds = lru<Around>(64);
  /** Counts of a département's base by filters: `${département}|${région}|${filters key}`. */
  const baseCounts = lru<Counts>(20_000);
  /** The last counts made, for the search's facets after its page (the same place and filters). */
  let lastCounts: { around: Around; filtersKey: string; counts: Counts } | null = null;

  /** Marks of the actors already placed: `marks[id] === mark` (one mark a walk). */
  let marks = new Uint32Array(0);
  /** The distances of a page's walk, to find the page's farthest (see `page`). */
  let distanceScratch = new Float64Array(0);
  let mark = 0;
  const nextMark = (size: number) => {
    if (marks.length < size) marks = new Uint32Array(size);
    mark = (mark + 1) >>> 0;
    if (mark === 0) {
      marks.fill(0);
      mark = 1;
    }
  };

  let scratch = new Int32Array(0);
  /** 0, 1, 2…: the place order of `candidates`' answers (read-only, shared). */
  let identity = new Int32Array(0);

  /** Forgets all: the directory was read whole again. */
  function clear(): void {
    bases.clear();
    arounds.clear();
    baseCounts.clear();
    lastCounts = null;
  }

  /**
   * After a patch of the index: the bases (and their tallies) of the départements a written actor
   * was or now is in are made again on first use; the others hold — a curator's save in the Rhône
   * leaves the other hundred départements' searches as they were. What is kept per place (the
   * sites within a radius, a commune's own territories) is cheap, and dropped.
   */
  function patched(ix: DirectoryIndex, written: Patched): void {
    arounds.clear();
    lastCounts = null;
    for (const [key, base] of bases) {
      const [departement, region] = key.split('|');
      const deps = [`tk:${departement}`, `tr:${region}`, `sd:${departement}`];
      if (!touches(ix, written, (id) => base.inBase[id] === 1, deps, true)) continue;
      bases.delete(key);
      baseCounts.deleteWhere((k) => k.startsWith(`${key}|`));
    }
  }

  function baseOf(p: SearchPlace, ix: DirectoryIndex): Base {
    const key = `${p.departement ?? ''}|${p.region ?? ''}`;
    let base = bases.get(key);
    if (!base) {
      const area = aroundOrder(db, ix, p.departement ?? '', p.region ?? '');
      const inBase = new Uint8Array(ix.size);
      for (const id of area) inBase[id] = 1;
      const national: number[] = [];
      for (const id of ix.national) if (!inBase[id] && ix.published[id]) national.push(id);
      for (const id of national) inBase[id] = 1;
      const ids = new Int32Array(area.length + national.length);
      ids.set(area);
      ids.set(national, area.length);
      base = { inBase, ids };
      bases.set(key, base);
      basesMade++;
    }
    return base;
  }

  function around(p: SearchPlace, ix: DirectoryIndex): Around {
    const key = JSON.stringify([p.lat, p.lng, p.radiusKm, p.strict, p.commune, p.departement, p.region]);
    let found = arounds.get(key);
    if (found) return found;
    const all = nearActors(db, ix, p);
    let m = 0;
    for (let i = 0; i < all.ids.length; i++) if (ix.published[all.ids[i] as number]) m++;
    // All published (the usual case): the arrays found are kept as they are, not copied.
    const near: Near = m === all.ids.length ? all : { ids: new Int32Array(m), distance: new Float64Array(m) };
    nextMark(ix.size);
    for (let i = 0, j = 0; i < all.ids.length; i++) {
      const id = all.ids[i] as number;
      if (!ix.published[id]) continue;
      near.ids[j] = id;
      near.distance[j++] = all.distance[i] as number;
      marks[id] = mark;
    }
    const base = p.strict ? null : baseOf(p, ix);
    const own: number[] = [];
    if (!p.strict)
      for (const id of territoryActors(db, ix, 'tc', p.commune ?? ''))
        if (id < ix.size && ix.published[id] && marks[id] !== mark) own.push(id);
    const commune = byScopeAndName(ix, own);
    const extra: number[] = [];
    for (const id of near.ids) if (!base?.inBase[id]) extra.push(id);
    for (const id of commune) if (!base?.inBase[id]) extra.push(id);
    found = {
      near,
      commune,
      base,
      area: base ? aroundOrder(db, ix, p.departement ?? '', p.region ?? '') : new Int32Array(0),
      extra: Int32Array.from(extra),
    };
    arounds.set(key, found);
    return found;
  }

  /**
   * The facet counts of the place's candidates: its département's base (kept by filters) and the
   * rest. Made once for a search's page and its facets.
   */
  function tally(p: SearchPlace, f: Filters, filtersKey: string, ix: DirectoryIndex): Counts {
    const a = around(p, ix);
    if (lastCounts?.around === a && lastCounts.filtersKey === filtersKey) return lastCounts.counts;
    const t = emptyTally();
    tallyInto(t, f, ix, a.base ? a.extra : a.near.ids);
    const counts = countsOf(t);
    if (a.base) {
      const key = `${p.departement ?? ''}|${p.region ?? ''}|${filtersKey}`;
      let base = baseCounts.get(key);
      if (!base) {
        const bt = emptyTally();
        tallyInto(bt, f, ix, a.base.ids);
        base = countsOf(bt);
        baseCounts.set(key, base);
      }
      addCounts(counts, base);
    }
    lastCounts = { around: a, filtersKey, counts };
    return counts;
  }

  /**
   * One page of the place's results and their total, walking the order only as far as the page:
   * the total comes from the tally (the base's kept per filters), not from a pass over every
   * candidate.
   */
  function page(
    p: SearchPlace,
    f: Filters,
    filtersKey: string,
    ix: DirectoryIndex,
    offset: number,
    limit: number,
  ): { total: number; hits: ActorSearchHit[] } {
    const a = around(p, ix);
    const total = tallyTotal(tally(p, f, filtersKey, ix), f);
    const end = Math.min(offset + limit, total);
    const hits: ActorSearchHit[] = [];
    let seen = 0;
    const take = (id: number, grp: number, distance: number | null) => {
      if (seen >= offset)
        hits.push({ id, distanceKm: distance === null ? null : Math.round(distance * 10) / 10, match: MATCHES[grp] ?? null });
      seen++;
    };
    // Within the radius: those passing the filters, nearest first; only as many as the page needs sorted.
    const { near } = a;
    const kept: number[] = [];
    for (let i = 0; i < near.ids.length; i++) if (passes(f, ix, near.ids[i] as number)) kept.push(i);
    let order = kept;
    if (kept.length > end) {
      // In a scratch array kept from one search to the next (typed arrays' bytes live outside the
      // heap, and their churn is what sets off full collections: PERFORMANCE §13).
      if (distanceScratch.length < kept.length) distanceScratch = new Float64Array(kept.length * 2);
      const distances = distanceScratch.subarray(0, kept.length);
      for (let k = 0; k < kept.length; k++) distances[k] = near.distance[kept[k] as number] as number;
      const limitKm = kthSmallest(distances, end - 1);
      order = kept.filter((i) => (near.distance[i] as number) <= limitKm);
    }
    const { scope, nameRank } = ix;
    order.sort((x, y) => {
      // -1/1, not a difference: a comparator's fractional result is a new heap number each call.
      const dx = near.distance[x] as number;
      const dy = near.distance[y] as number;
      if (dx !== dy) return dx < dy ? -1 : 1;
      const ix2 = near.ids[x] as number;
      const iy = near.ids[y] as number;
      return (scope[ix2] as number) - (scope[iy] as number) || (nameRank[ix2] as number) - (nameRank[iy] as number);
    });
    for (const i of order) {
      if (seen >= end) break;
      take(near.ids[i] as number, 0, near.distance[i] as number);
    }
    if (seen >= end || !a.base) return { total, hits };
    // The « territoire »: the commune's own territories merged into the département's area (both
    // by scope and name), then the national actors; those within the radius are placed already.
    nextMark(ix.size);
    for (const id of near.ids) marks[id] = mark;
    const key = (id: number) => (scope[id] as number) * NAME_RANKS + (nameRank[id] as number);
    const own = a.commune;
    let b = 0;
    const place = (id: number, grp: number) => {
      marks[id] = mark;
      if (passes(f, ix, id)) take(id, grp, null);
    };
    for (const id of a.area) {
      if (seen >= end) break;
      if (marks[id] === mark) continue;
      const k = key(id);
      while (b < own.length && key(own[b] as number) < k && seen < end) place(own[b++] as number, 1);
      if (seen >= end) break;
      if (b < own.length && own[b] === id) b++;
      place(id, 1);
    }
    while (b < own.length && seen < end) place(own[b++] as number, 1);
    if (seen < end)
      for (const id of nationalByName(ix)) {
        if (seen >= end) break;
        if (marks[id] !== mark) place(id, 2);
      }
    return { total, hits };
  }

  /**
   * The candidates of a place without text or département (what most searches are), made already
   * in the place's order — the sites within the radius nearest first, then (a commune asked) its
   * territories — commune, département, région, sites in the département — by scope and name,
   * then the national actors by name: the same candidates and order as the general path and
   * `ordered(…, 'place')`, from the département's order made once (`aroundOrder`) instead of
   * thousands of set lookups and a sort at every search.
   */
  function candidates(p: SearchPlace, near: Near, ix: DirectoryIndex): Candidates {
    const { published, scope, nameRank } = ix;
    nextMark(ix.size);
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
   * Every candidate of the place passing the filters, in no order (the map draws them all): the
   * département's base and the rest, as `tally` counts them — no distance order made.
   */
  function matching(p: SearchPlace, f: Filters, ix: DirectoryIndex): Int32Array {
    const a = around(p, ix);
    const rest = a.base ? a.extra : a.near.ids;
    const base = a.base?.ids ?? new Int32Array(0);
    const out = new Int32Array(base.length + rest.length);
    let k = 0;
    for (const id of base) if (passes(f, ix, id)) out[k++] = id;
    for (const id of rest) if (passes(f, ix, id)) out[k++] = id;
    return out.slice(0, k);
  }

  return { clear, patched, tally, page, candidates, matching, basesMade: () => basesMade };
}
