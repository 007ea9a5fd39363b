import type { ActorFacets } from '@pare/schema';
import { ACTIONS, ACTOR_TYPES, PUBLICS } from '@pare/schema';
import type { DirectoryIndex } from './search-index.ts';
import type { ActorSearch } from './search-query.ts';

// The code-list filters of a search (types, publics, actions, open now) as bit masks over the
// index, and the facet counts: for each option of each filter, how many results choosing it
// would give, the other filters kept.

const TYPE_INDEX = new Map<string, number>(ACTOR_TYPES.map((t, i) => [t, i]));
const PUBLIC_BIT = new Map<string, number>(PUBLICS.map((p, i) => [p, 1 << i]));
const ACTION_BIT = new Map<string, number>(ACTIONS.map((a, i) => [a, 1 << i]));

/** A search's filters other than its text and place: masks of the codes chosen (0: none), the actors open as bytes. */
export type Filters = { types: number; publics: number; actions: number; open: Uint8Array | null; openNow: Uint8Array | null };

export function filtersOf(s: ActorSearch): Filters {
  const f: Filters = { types: 0, publics: 0, actions: 0, open: null, openNow: null };
  for (const t of s.types ?? []) f.types |= 1 << (TYPE_INDEX.get(t) ?? 31);
  for (const p of s.publics ?? []) f.publics |= PUBLIC_BIT.get(p) ?? 0;
  for (const a of s.actions ?? []) f.actions |= ACTION_BIT.get(a) ?? 0;
  // One byte per actor: a read past the end (an actor newer than the set) is undefined, not open.
  if (s.open) f.open = s.open.open;
  if (s.openNow) f.openNow = s.openNow.open;
  return f;
}

/** Whether a candidate passes the filters (the place and the text chose the candidates). */
export function passes(f: Filters, ix: DirectoryIndex, id: number): boolean {
  if (f.types && !(f.types & (1 << (ix.type[id] as number)))) return false;
  if (f.publics && !(f.publics & (ix.publics[id] as number))) return false;
  if (f.actions && !(f.actions & (ix.actions[id] as number))) return false;
  return !f.open || f.open[id] === 1;
}

/**
 * Facet counts in the making: per type, per mask of publics and per mask of actions (one
 * increment a candidate; the bits are spread once, by `facetsOf`), and how many are open now.
 * Tallies of disjoint sets of candidates add up.
 */
export type Tally = { types: Int32Array; publics: Int32Array; actions: Int32Array; openNow: number };

const scratch: Tally = {
  types: new Int32Array(ACTOR_TYPES.length),
  publics: new Int32Array(1 << PUBLICS.length),
  actions: new Int32Array(1 << ACTIONS.length),
  openNow: 0,
};

/**
 * The one tally in the making, emptied: its counts are taken (`countsOf`) before the next call.
 * Not a new one per search: 8 KB of typed arrays a search, outside V8's heap, counted as external
 * memory — whose growth, not the heap's, set off the full collections under load (PERFORMANCE §13).
 */
export function emptyTally(): Tally {
  scratch.types.fill(0);
  scratch.publics.fill(0);
  scratch.actions.fill(0);
  scratch.openNow = 0;
  return scratch;
}

/** Counts candidates `ids[from…to)` into `t`, each where choosing its option would keep it. */
export function tallyInto(t: Tally, f: Filters, ix: DirectoryIndex, ids: ArrayLike<number>, from = 0, to = ids.length): void {
  const { type, publics, actions } = ix;
  const { open, openNow } = f;
  for (let i = from; i < to; i++) {
    const id = ids[i] as number;
    if (open && !open[id]) continue;
    const ty = type[id] as number;
    const pm = publics[id] as number;
    const am = actions[id] as number;
    const okT = !f.types || (f.types & (1 << ty)) !== 0;
    const okP = !f.publics || (f.publics & pm) !== 0;
    const okA = !f.actions || (f.actions & am) !== 0;
    if (okP && okA) t.types[ty] = (t.types[ty] as number) + 1;
    if (okT && okA) t.publics[pm] = (t.publics[pm] as number) + 1;
    if (okT && okP) t.actions[am] = (t.actions[am] as number) + 1;
    if (okT && okP && okA && openNow?.[id]) t.openNow++;
  }
}

/**
 * A tally's counts per option, its masks spread (`countsOf`): what a kept tally holds — 25 numbers
 * where a tally holds 2,000 (8 KB: a département's kept tallies once filled the old generation and
 * its collections) — and what the facets are made from. Counts of disjoint sets add up too.
 */
export type Counts = { types: Int32Array; publics: Int32Array; actions: Int32Array; openNow: number };

/** `into` plus `c`. */
export function addCounts(into: Counts, c: Counts): void {
  for (let i = 0; i < c.types.length; i++) into.types[i] = (into.types[i] as number) + (c.types[i] as number);
  for (let i = 0; i < c.publics.length; i++) into.publics[i] = (into.publics[i] as number) + (c.publics[i] as number);
  for (let i = 0; i < c.actions.length; i++) into.actions[i] = (into.actions[i] as number) + (c.actions[i] as number);
  into.openNow += c.openNow;
}

/** How many of the candidates tallied pass every filter: those of the types kept that passed the others. */
export function tallyTotal(t: Pick<Tally, 'types'>, f: Filters): number {
  let total = 0;
  for (let ty = 0; ty < t.types.length; ty++) if (!f.types || f.types & (1 << ty)) total += t.types[ty] as number;
  return total;
}

/** Adds `counts[mask]` to every bit the mask holds: counts per mask value into counts per option. */
function spreadBits(counts: Int32Array, options: number): Int32Array {
  const into = new Int32Array(options);
  for (let mask = 1; mask < counts.length; mask++) {
    const n = counts[mask] as number;
    if (n) for (let b = 0; b < options; b++) if (mask & (1 << b)) into[b] = (into[b] as number) + n;
  }
  return into;
}

/** A tally's counts per option. */
export function countsOf(t: Tally): Counts {
  return {
    types: t.types.slice(),
    publics: spreadBits(t.publics, PUBLICS.length),
    actions: spreadBits(t.actions, ACTIONS.length),
    openNow: t.openNow,
  };
}

export function facetsOf(c: Counts): ActorFacets {
  return {
    publics: Object.fromEntries(PUBLICS.map((code, i) => [code, c.publics[i]])),
    actions: Object.fromEntries(ACTIONS.map((code, i) => [code, c.actions[i]])),
    types: Object.fromEntries(ACTOR_TYPES.map((code, i) => [code, c.types[i]])),
    open_now: c.openNow,
  } as ActorFacets;
}
