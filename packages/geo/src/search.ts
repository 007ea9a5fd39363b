// Autocomplete over communes, postcodes, départements and régions, in memory.
//
// Every searchable name is folded (foldPlaceName) into one or two keys (with and without its
// leading article) kept in one sorted array; a query is folded the same way and the keys it
// prefixes form a contiguous range found by binary search. Short prefixes ("s", "sai",
// "saint") cover thousands of keys, so for every prefix whose range is larger than
// SCAN_LIMIT the best TOP_SIZE entries are computed once at load time; smaller ranges are
// scanned. A query therefore costs two binary searches plus at most SCAN_LIMIT key visits.
import { lazy } from './data-files.ts';
import { foldPlaceName, stripLeadingArticle } from './normalize.ts';
import { type Commune, type Departement, loadReferential, type Region } from './referential.ts';
import { lowerBound } from './sorted.ts';

export type TerritoryKind = 'commune' | 'postcode' | 'departement' | 'region';

export type TerritoryHit = {
  kind: TerritoryKind;
  /** INSEE code; for a postcode hit, the code of the commune (or arrondissement) it serves. */
  code: string;
  name: string;
  departement: { code: string; name: string } | null;
  region: { code: string; name: string } | null;
  /** For a postcode hit, only the postcode that matched. */
  postcodes: string[];
  lat: number;
  lng: number;
  population?: number;
};

// How much a territory's population counts when ranking it against others of another kind:
// typing "mos" most likely means Moselle (1 M people) rather than a village, but "mar"
// means Marseille before the Marne, and "paris" the city before the département.
const KIND_WEIGHT: Record<TerritoryKind, number> = { commune: 1, postcode: 1, departement: 0.5, region: 0.25 };
const SCAN_LIMIT = 32;
const TOP_SIZE = 32;
// Words a département or région name is not searched from ("de Haute-Provence").
const NOT_A_START = new Set(['d', 'de', 'du', 'des', 'et', 'l', 'la', 'le', 'les', 'sur', 'en']);

/** What an entry is: its index here in `Entries.kind`; on equal weights, communes come before postcodes before départements before régions. */
const KINDS: readonly TerritoryKind[] = ['commune', 'postcode', 'departement', 'region'];

/**
 * The searchable entries, one index each, as parallel arrays rather than an object per entry:
 * the server keeps this index for its whole life, and each of its ~70,000 entries as objects (the
 * entry, its hit, the hit's département and région references, the boxed numbers of its weight
 * and coordinates, its group's string) was ~8 live objects — a fifth of everything V8's full
 * collections had to mark in a server at 100,000 actors (docs/PERFORMANCE.md §18). An entry's
 * hit is made when a query returns it.
 */
type Entries = {
  /** The commune, département or région the entry is. */
  source: (Commune | Departement | Region)[];
  kind: Uint8Array;
  /** For a postcode entry, the postcode that matched; otherwise undefined (the source's postcodes). */
  postcode: (string | undefined)[];
  /** Identity of what the user sees: two postcodes of one commune are one suggestion. */
  group: Int32Array;
  weight: Float64Array;
  /** Arrondissements ("paris 11") only appear once the query names the number. */
  needsDigit: Uint8Array;
};

type Index = {
  entries: Entries;
  compare: (a: number, b: number) => number;
  keys: string[];
  keyEntry: Int32Array;
  top: Map<string, Int32Array>;
  innerKeys: string[];
  innerEntry: Int32Array;
  /** The hit of entry `i`, made on demand (frozen; its département and région references are shared). */
  hitOf: (i: number) => Readonly<TerritoryHit>;
};

const better =
  (entries: Entries) =>
  (a: number, b: number): number => {
    // Index order last: entries were added in code order, which keeps ties stable.
    return (
      (entries.weight[b] as number) - (entries.weight[a] as number) || (entries.kind[a] as number) - (entries.kind[b] as number) || a - b
    );
  };

function bestDistinct(entries: Entries, candidates: Iterable<number>, size: number): number[] {
  const sorted = [...new Set(candidates)].sort(better(entries));
  const seen = new Set<number>();
  const out: number[] = [];
  for (const index of sorted) {
    const group = entries.group[index] as number;
    if (seen.has(group)) continue;
    seen.add(group);
    out.push(index);
    if (out.length === size) break;
  }
  return out;
}

/** An entry's hit, made when a query returns it: one frozen reference per département and région, shared by every hit that names it. */
function hitMaker(entries: Entries, departements: readonly Departement[], regions: readonly Region[]): Index['hitOf'] {
  const departementRefs = new Map(departements.map((d) => [d.code, Object.freeze({ code: d.code, name: d.name })]));
  const regionRefs = new Map(regions.map((r) => [r.code, Object.freeze({ code: r.code, name: r.name })]));
  return (i) => {
    const kind = KINDS[entries.kind[i] as number] as TerritoryKind;
    const from = entries.source[i] as Commune | Departement | Region;
    const area = kind === 'departement' || kind === 'region';
    const departementCode = kind === 'region' ? undefined : kind === 'departement' ? from.code : (from as Commune).departement;
    const postcode = entries.postcode[i];
    return Object.freeze({
      kind,
      code: from.code,
      name: from.name,
      departement: (departementCode === undefined ? undefined : departementRefs.get(departementCode)) ?? null,
      region: regionRefs.get(kind === 'region' ? from.code : (from as Commune | Departement).region) ?? null,
      postcodes: area ? [] : postcode !== undefined ? [postcode] : [...(from as Commune).postcodes],
      lat: from.lat,
      lng: from.lng,
      population: from.population,
    });
  };
}

const buildIndex = lazy((): Index => {
  const referential = loadReferential();
  const source: Entries['source'] = [];
  const kinds: number[] = [];
  const postcodeOf: Entries['postcode'] = [];
  const groups: number[] = [];
  const weights: number[] = [];
  const digits: number[] = [];
  const groupIds = new Map<string, number>();
  const keyed: [string, number][] = [];
  const inner: [string, number][] = [];
  const add = (kind: TerritoryKind, from: Commune | Departement | Region, postcode: string | undefined, needsDigit = false): number => {
    source.push(from);
    kinds.push(KINDS.indexOf(kind));
    postcodeOf.push(postcode);
    // Postcodes of one commune share a group; its name, each area its own.
    const group = `${kind === 'postcode' ? 'p' : kind[0]}${from.code}`;
    let id = groupIds.get(group);
    if (id === undefined) {
      id = groupIds.size;
      groupIds.set(group, id);
    }
    groups.push(id);
    weights.push(from.population * KIND_WEIGHT[kind]);
    digits.push(needsDigit ? 1 : 0);
    return source.length - 1;
  };
  const addNameKeys = (name: string, index: number): void => {
    const folded = foldPlaceName(name);
    keyed.push([folded, index]);
    const bare = stripLeadingArticle(folded);
    if (bare !== folded) keyed.push([bare, index]);
    // People type an elided article without its apostrophe: « lhay les roses » for L'Haÿ-les-Roses,
    // « lisle adam » for L'Isle-Adam, « villeneuve dascq » for Villeneuve-d'Ascq.
    if (/['’‘`´]/.test(name)) {
      const joined = foldPlaceName(name.replace(/['’‘`´]/g, ''));
      if (joined !== folded) keyed.push([joined, index]);
    }
  };

  const splitIntoArrondissements = new Set(referential.arrondissements.map((a) => a.parent));
  for (const c of referential.communes) {
    addNameKeys(c.name, add('commune', c, undefined));
    // Paris, Lyon and Marseille postcodes point at their arrondissement instead (below).
    if (splitIntoArrondissements.has(c.code)) continue;
    for (const postcode of c.postcodes) keyed.push([postcode, add('postcode', c, postcode)]);
  }
  for (const a of referential.arrondissements) {
    addNameKeys(a.name, add('commune', a, undefined, true));
    for (const postcode of a.postcodes) keyed.push([postcode, add('postcode', a, postcode)]);
  }
  const addInnerKeys = (name: string, index: number): void => {
    const words = foldPlaceName(name).split(' ');
    for (let i = 1; i < words.length; i++) {
      if (!NOT_A_START.has(words[i] as string)) inner.push([words.slice(i).join(' '), index]);
    }
  };
  for (const d of referential.departements) {
    const index = add('departement', d, undefined);
    addNameKeys(d.name, index);
    keyed.push([d.code.toLowerCase(), index]);
    addInnerKeys(d.name, index);
  }
  for (const r of referential.regions) {
    const index = add('region', r, undefined);
    addNameKeys(r.name, index);
    addInnerKeys(r.name, index);
  }
  const entries: Entries = {
    source,
    kind: Uint8Array.from(kinds),
    postcode: postcodeOf,
    group: Int32Array.from(groups),
    weight: Float64Array.from(weights),
    needsDigit: Uint8Array.from(digits),
  };

  // Plain code-unit order, the same order the binary search compares in.
  const byKey = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);
  keyed.sort(byKey);
  inner.sort(byKey);
  const keys = keyed.map(([key]) => key);
  const keyEntry = Int32Array.from(keyed, ([, index]) => index);

  // Best entries of every prefix whose range is too large to scan, built bottom-up so each
  // node merges its children's lists instead of rescanning its whole range.
  const top = new Map<string, Int32Array>();
  const eligible = (i: number): boolean => entries.needsDigit[keyEntry[i] as number] === 0;
  const scanTop = (lo: number, hi: number): number[] => {
    const candidates: number[] = [];
    for (let i = lo; i < hi; i++) if (eligible(i)) candidates.push(keyEntry[i] as number);
    return bestDistinct(entries, candidates, TOP_SIZE);
  };
  const build = (lo: number, hi: number, depth: number): number[] => {
    if (hi - lo <= SCAN_LIMIT) return scanTop(lo, hi);
    const parts: number[] = [];
    let i = lo;
    while (i < hi && (keys[i] as string).length === depth) i++;
    parts.push(...scanTop(lo, i));
    while (i < hi) {
      const char = (keys[i] as string)[depth];
      let j = i + 1;
      while (j < hi && (keys[j] as string)[depth] === char) j++;
      parts.push(...build(i, j, depth + 1));
      i = j;
    }
    const best = bestDistinct(entries, parts, TOP_SIZE);
    top.set((keys[lo] as string).slice(0, depth), Int32Array.from(best));
    return best;
  };
  build(0, keys.length, 0);

  return {
    entries,
    compare: better(entries),
    keys,
    keyEntry,
    top,
    innerKeys: inner.map(([key]) => key),
    innerEntry: Int32Array.from(inner, ([, index]) => index),
    // Made outside this function: a closure made here would keep its build arrays alive.
    hitOf: hitMaker(entries, referential.departements, referential.regions),
  };
});

// Keys only hold [a-z0-9 ], all below U+007F, so every key starting with `prefix` sorts
// before `prefix + "\u007f"`.
const AFTER_ALL = '\u007f';
const ABBREVIATED_LAST_WORD: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte' };

/**
 * Communes, postcodes, départements and régions whose name or code starts with `query`,
 * ignoring accents, case and punctuation ("st etienne" finds Saint-Étienne, "57" the Moselle,
 * "57100" the communes of that postcode). Exact names come first, then by population
 * (départements count half, régions a quarter), then communes before postcodes before
 * départements before régions. Hits are frozen objects, made for the answer.
 */
export function searchTerritories(query: string, limit = 10): TerritoryHit[] {
  if (limit <= 0) return [];
  const folded = foldPlaceName(query, { partial: true });
  if (folded === '') return [];
  const index = buildIndex();
  const { entries, keys, keyEntry } = index;
  const variants = [folded];
  const lastSpace = folded.lastIndexOf(' ');
  const expanded = ABBREVIATED_LAST_WORD[folded.slice(lastSpace + 1)];
  if (expanded !== undefined) variants.push(folded.slice(0, lastSpace + 1) + expanded);

  const tierOf = new Map<number, number>();
  const consider = (entry: number, tier: number): void => {
    const previous = tierOf.get(entry);
    if (previous === undefined || tier < previous) tierOf.set(entry, tier);
  };
  for (const [v, variant] of variants.entries()) {
    // "st" typed alone may be the start of "Strasbourg": a commune named exactly "Saint" (Le
    // Saint, Morbihan) is not an exact match for it.
    const exactTier = v === 0 ? 0 : 1;
    const withDigits = /\d/.test(variant);
    const lo = lowerBound(keys, variant);
    const hi = lowerBound(keys, variant + AFTER_ALL);
    let exactCount = 0;
    for (let i = lo; i < hi && keys[i] === variant; i++, exactCount++) consider(keyEntry[i] as number, exactTier);
    const precomputed = hi - lo > SCAN_LIMIT && limit <= TOP_SIZE ? index.top.get(variant) : undefined;
    if (precomputed !== undefined) {
      // Already ranked and distinct: `limit` of them suffice, plus as many as the exact
      // matches they may repeat.
      const needed = Math.min(precomputed.length, limit + exactCount);
      for (let i = 0; i < needed; i++) consider(precomputed[i] as number, 1);
    } else {
      for (let i = lo; i < hi; i++) {
        const entry = keyEntry[i] as number;
        if (withDigits || entries.needsDigit[entry] === 0) consider(entry, 1);
      }
    }
    const innerLo = lowerBound(index.innerKeys, variant);
    const innerHi = lowerBound(index.innerKeys, variant + AFTER_ALL);
    for (let i = innerLo; i < innerHi; i++) consider(index.innerEntry[i] as number, 2);
  }

  const { compare } = index;
  const ranked = [...tierOf.keys()].sort((a, b) => (tierOf.get(a) as number) - (tierOf.get(b) as number) || compare(a, b));
  const seen = new Set<number>();
  const hits: TerritoryHit[] = [];
  for (const entry of ranked) {
    const group = entries.group[entry] as number;
    if (seen.has(group)) continue;
    seen.add(group);
    hits.push(index.hitOf(entry));
    if (hits.length === limit) break;
  }
  return hits;
}

/** Builds the search index now rather than on the first keystroke (e.g. at server start). */
export function warmUpSearch(): void {
  buildIndex();
}
