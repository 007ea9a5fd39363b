import type { DirectoryIndex } from './search-index.ts';
import type { ActorSearch } from './search-query.ts';

// The orders of a search's candidates, as the SQL definition's `orderBy` gives them
// (search-sql.ts), made once per candidates and order and kept with them.

/** Packed sort keys (see `byKey`): candidate positions below 2^22, name ranks below 2^21. */
const POSITIONS = 2 ** 22;
export const NAME_RANKS = 2 ** 21;

/** The actors matching the text, département and place of a search, before the code-list filters. */
export type Candidates = {
  ids: Int32Array;
  rank: Float64Array | null;
  /** NaN where the SQL gives NULL. */
  distance: Float64Array | null;
  /** -1 where the SQL gives NULL. */
  grp: Int8Array | null;
  /** Candidate positions in each order asked for so far. */
  orders: Map<string, Int32Array>;
};

export type OrderKind = 'name' | 'updated' | 'place' | 'rank' | 'departement';

/** The same choice of order as `orderBy` in actorSearchSql. */
export function orderKind(s: ActorSearch, hasFts: boolean): OrderKind {
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

export function ordered(c: Candidates, kind: OrderKind, ix: DirectoryIndex): Int32Array {
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
      // -1/1, not a difference: a comparator's fractional result is a new heap number each call.
      compare = (a, b) => {
        const ra = rank[a] as number;
        const rb = rank[b] as number;
        return ra < rb ? -1 : ra > rb ? 1 : name(a) - name(b);
      };
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
        if (!na && da !== db2) return da < db2 ? -1 : 1;
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
