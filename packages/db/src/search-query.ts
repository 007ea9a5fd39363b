import type { Action, ActorType, Public, Sort } from '@pare/schema';
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

/**
 * What a search chooses, apart from its page, order and the « open now » it counts, as a key:
 * `more` is added for what else the key must tell apart (a page, an instant).
 */
export function criteriaKey(s: ActorSearch, ...more: unknown[]): string {
  return JSON.stringify([
    s.text ?? null,
    [...(s.publics ?? [])].sort(),
    [...(s.actions ?? [])].sort(),
    [...(s.types ?? [])].sort(),
    s.departement ?? null,
    s.place ?? null,
    s.open?.key ?? null,
    ...more,
  ]);
}

/**
 * Actors open at an instant, one byte per actor id (`open[id] === 1`; an id beyond its length is
 * not open), and a name for that instant (what the caches know it by). Bytes, not a Set: made
 * again after every write and every change of state, a Set of the 45,000 actors open at 100,000
 * took 10 ms to fill, the bytes 1 (docs/PERFORMANCE.md §19).
 */
export type OpenSet = { key: string; open: Uint8Array };

/** The ids an open set holds, ascending. */
export function openIds(set: OpenSet): number[] {
  const ids: number[] = [];
  for (let id = 0; id < set.open.length; id++) if (set.open[id] === 1) ids.push(id);
  return ids;
}

export type ActorSearchHit = { id: number; distanceKm: number | null; match: 'proximite' | 'territoire' | 'national' | null };

/** How much ahead a text match offering an action the words name goes (bm25 ranks are small negatives). */
export const ACTION_BOOST = 1000;

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
export const STOP_WORDS: ReadonlySet<string> = new Set(
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
