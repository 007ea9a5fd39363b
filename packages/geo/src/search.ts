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
const KIND_ORDER: Record<TerritoryKind, number> = { commune: 0, postcode: 1, departement: 2, region: 3 };
const SCAN_LIMIT = 32;
const TOP_SIZE = 32;
// Words a département or région name is not searched from ("de Haute-Provence").
const NOT_A_START = new Set(['d', 'de', 'du', 'des', 'et', 'l', 'la', 'le', 'les', 'sur', 'en']);

type Entry = {
  hit: Readonly<TerritoryHit>;
  /** Identity of what the user sees: two postcodes of one commune are one suggestion. */
  group: string;
  weight: number;
  order: number;
  /** Arrondissements ("paris 11") only appear once the query names the number. */
  needsDigit: boolean;
};

type Index = {
  entries: Entry[];
  compare: (a: number, b: number) => number;
  keys: string[];
  keyEntry: Int32Array;
  top: Map<string, Int32Array>;
  innerKeys: string[];
  innerEntry: Int32Array;
};

const better =
  (entries: Entry[]) =>
  (a: number, b: number): number => {
    const ea = entries[a] as Entry;
    const eb = entries[b] as Entry;
    // Index order last: entries were added in code order, which keeps ties stable.
    return eb.weight - ea.weight || ea.order - eb.order || a - b;
  };

function bestDistinct(entries: Entry[], candidates: Iterable<number>, size: number): number[] {
  const sorted = [...new Set(candidates)].sort(better(entries));
  const seen = new Set<string>();
  const out: number[] = [];
  for (const index of sorted) {
    const group = (entries[index] as Entry).group;
    if (seen.has(group)) continue;
    seen.add(group);
    out.push(index);
    if (out.length === size) break;
  }
  return out;
}

const buildIndex = lazy((): Index => {
  const referential = loadReferential();
  const entries: Entry[] = [];
  const keyed: [string, number][] = [];
  const inner: [string, number][] = [];
  const departementRef = (code: string): { code: string; name: string } | null => {
    const d = referential.departementByCode.get(code);
    return d === undefined ? null : { code: d.code, name: d.name };
  };
  const regionRef = (code: string): { code: string; name: string } | null => {
    const r = referential.regionByCode.get(code);
    return r === undefined ? null : { code: r.code, name: r.name };
  };
  const add = (hit: TerritoryHit, group: string, population: number, needsDigit = false): number => {
    entries.push({
      hit: Object.freeze(hit),
      group,
      weight: population * KIND_WEIGHT[hit.kind],
      order: KIND_ORDER[hit.kind],
      needsDigit,
    });
    return entries.length - 1;
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
  const communeHit = (c: Commune, kind: 'commune' | 'postcode', postcodes: string[]): TerritoryHit => ({
    kind,
    code: c.code,
    name: c.name,
    departement: departementRef(c.departement),
    region: regionRef(c.region),
    postcodes,
    lat: c.lat,
    lng: c.lng,
    population: c.population,
  });

  const splitIntoArrondissements = new Set(referential.arrondissements.map((a) => a.parent));
  for (const c of referential.communes) {
    addNameKeys(c.name, add(communeHit(c, 'commune', c.postcodes), `c${c.code}`, c.population));
    // Paris, Lyon and Marseille postcodes point at their arrondissement instead (below).
    if (splitIntoArrondissements.has(c.code)) continue;
    for (const postcode of c.postcodes) {
      keyed.push([postcode, add(communeHit(c, 'postcode', [postcode]), `p${c.code}`, c.population)]);
    }
  }
  for (const a of referential.arrondissements) {
    addNameKeys(a.name, add(communeHit(a, 'commune', a.postcodes), `c${a.code}`, a.population, true));
    for (const postcode of a.postcodes) {
      keyed.push([postcode, add(communeHit(a, 'postcode', [postcode]), `p${a.code}`, a.population)]);
    }
  }
  const addInnerKeys = (name: string, index: number): void => {
    const words = foldPlaceName(name).split(' ');
    for (let i = 1; i < words.length; i++) {
      if (!NOT_A_START.has(words[i] as string)) inner.push([words.slice(i).join(' '), index]);
    }
  };
  /** A département or a région found as itself: no postcode, its own reference on its own level. */
  const areaHit = (
    kind: 'departement' | 'region',
    area: Departement | Region,
    departement: TerritoryHit['departement'],
    region: TerritoryHit['region'],
  ): TerritoryHit => ({
    kind,
    code: area.code,
    name: area.name,
    departement,
    region,
    postcodes: [],
    lat: area.lat,
    lng: area.lng,
    population: area.population,
  });
  for (const d of referential.departements) {
    const index = add(areaHit('departement', d, { code: d.code, name: d.name }, regionRef(d.region)), `d${d.code}`, d.population);
    addNameKeys(d.name, index);
    keyed.push([d.code.toLowerCase(), index]);
    addInnerKeys(d.name, index);
  }
  for (const r of referential.regions) {
    const index = add(areaHit('region', r, null, { code: r.code, name: r.name }), `r${r.code}`, r.population);
    addNameKeys(r.name, index);
    addInnerKeys(r.name, index);
  }

  // Plain code-unit order, the same order the binary search compares in.
  const byKey = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);
  keyed.sort(byKey);
  inner.sort(byKey);
  const keys = keyed.map(([key]) => key);
  const keyEntry = Int32Array.from(keyed, ([, index]) => index);

  // Best entries of every prefix whose range is too large to scan, built bottom-up so each
  // node merges its children's lists instead of rescanning its whole range.
  const top = new Map<string, Int32Array>();
  const eligible = (i: number): boolean => !(entries[keyEntry[i] as number] as Entry).needsDigit;
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
 * départements before régions. Hits are shared, frozen objects.
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
        if (withDigits || !(entries[entry] as Entry).needsDigit) consider(entry, 1);
      }
    }
    const innerLo = lowerBound(index.innerKeys, variant);
    const innerHi = lowerBound(index.innerKeys, variant + AFTER_ALL);
    for (let i = innerLo; i < innerHi; i++) consider(index.innerEntry[i] as number, 2);
  }

  const { compare } = index;
  const ranked = [...tierOf.keys()].sort((a, b) => (tierOf.get(a) as number) - (tierOf.get(b) as number) || compare(a, b));
  const seen = new Set<string>();
  const hits: TerritoryHit[] = [];
  for (const entry of ranked) {
    const { group, hit } = entries[entry] as Entry;
    if (seen.has(group)) continue;
    seen.add(group);
    hits.push(hit);
    if (hits.length === limit) break;
  }
  return hits;
}

/** Builds the search index now rather than on the first keystroke (e.g. at server start). */
export function warmUpSearch(): void {
  buildIndex();
}
