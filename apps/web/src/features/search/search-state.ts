/**
 * The search lives in the page URL (shareable, Back works, reload restores it). This module is
 * the one translation between the URL, the form state and the API's query parameters.
 */

import type { Action, ActorType, Public, Sort } from '@pare/schema';
import { ACTIONS, ACTOR_TYPES, PUBLICS, SORTS } from '@pare/schema/codes';

export type SearchView = 'liste' | 'carte';

export type SearchState = {
  q: string;
  publics: Public[];
  actions: Action[];
  types: ActorType[];
  departement: string | null;
  commune: string | null;
  postcode: string | null;
  /** `lat,lng`, rounded (see `roundPosition`). */
  near: string | null;
  radiusKm: number | null;
  sort: Sort | null;
  /** « Ouvert maintenant »: only the actors open at the time of the search. */
  openNow: boolean;
  page: number;
  /** How the chosen place is shown in the place box (« Thionville (57) »); display only, never sent to the API. */
  placeLabel: string | null;
  /** Phone only: list or map. Display only. */
  view: SearchView;
};

export const EMPTY_SEARCH: SearchState = {
  q: '',
  publics: [],
  actions: [],
  types: [],
  departement: null,
  commune: null,
  postcode: null,
  near: null,
  radiusKm: null,
  sort: null,
  openNow: false,
  page: 1,
  placeLabel: null,
  view: 'liste',
};

export const RADIUS_OPTIONS = [5, 10, 20, 30, 50, 100] as const;
export const PER_PAGE = 20;

function codes<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const set = new Set<string>(allowed);
  const picked = raw
    .split(',')
    .map((v) => v.trim())
    .filter((v): v is T => set.has(v));
  // Keep the code-list order so that the same filters always give the same URL (and cache key).
  return allowed.filter((c) => picked.includes(c));
}

function oneOf<T extends string>(raw: string | null, allowed: readonly T[]): T | null {
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : null;
}

function text(raw: string | null, max: number): string | null {
  const v = raw?.trim();
  return v ? v.slice(0, max) : null;
}

/** Reads the page's query string. Unknown codes are dropped; place values go to the API, which says what is wrong. */
export function parseSearch(search: string): SearchState {
  const p = new URLSearchParams(search);
  const page = Number(p.get('page'));
  const radius = Number(p.get('radius_km'));
  const commune = text(p.get('commune'), 10);
  const postcode = commune ? null : text(p.get('postcode'), 10);
  const near = commune || postcode ? null : text(p.get('near'), 40);
  return {
    q: text(p.get('q'), 200) ?? '',
    publics: codes(p.get('publics'), PUBLICS),
    actions: codes(p.get('actions'), ACTIONS),
    types: codes(p.get('types'), ACTOR_TYPES),
    departement: text(p.get('departement'), 5),
    commune,
    postcode,
    near,
    radiusKm: Number.isFinite(radius) && radius > 0 ? radius : null,
    sort: oneOf(p.get('sort'), SORTS),
    openNow: p.get('ouvert') === 'maintenant',
    page: Number.isInteger(page) && page > 1 ? page : 1,
    placeLabel: text(p.get('lieu'), 120),
    view: p.get('vue') === 'carte' ? 'carte' : 'liste',
  };
}

/** A place-based search (distance, radius) needs one of these. */
export function hasPoint(s: SearchState): boolean {
  return Boolean(s.commune || s.postcode || s.near);
}

export function hasPlace(s: SearchState): boolean {
  return hasPoint(s) || Boolean(s.departement);
}

/** The API's query parameters, in a fixed order: this string is also the TanStack Query cache key. */
export function toApiQuery(s: SearchState): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.publics.length) p.set('publics', s.publics.join(','));
  if (s.actions.length) p.set('actions', s.actions.join(','));
  if (s.types.length) p.set('types', s.types.join(','));
  if (s.departement) p.set('departement', s.departement);
  if (s.commune) p.set('commune', s.commune);
  else if (s.postcode) p.set('postcode', s.postcode);
  else if (s.near) p.set('near', s.near);
  if (hasPoint(s) && s.radiusKm) p.set('radius_km', String(s.radiusKm));
  if (s.sort && (s.sort !== 'distance' || hasPoint(s))) p.set('sort', s.sort);
  if (s.openNow) p.set('ouvert', 'maintenant');
  if (s.page > 1) p.set('page', String(s.page));
  p.set('per_page', String(PER_PAGE));
  return p.toString();
}

/** The search's filters without paging nor order: what the map asks for (it shows every result). */
export function toMapQuery(s: SearchState): string {
  const p = new URLSearchParams(toApiQuery(s));
  for (const key of ['page', 'per_page', 'sort']) p.delete(key);
  return p.toString();
}

/** The page URL for a search state: API parameters (minus paging size) plus display-only ones. */
export function toPageHref(s: SearchState): string {
  const p = new URLSearchParams(toApiQuery(s));
  p.delete('per_page');
  if (s.placeLabel && hasPlace(s)) p.set('lieu', s.placeLabel);
  if (s.view === 'carte') p.set('vue', 'carte');
  const qs = p.toString();
  return qs ? `/?${qs}` : '/';
}

/** How many filters (publics, actions, types, keywords) are on. */
export function activeFilterCount(s: SearchState): number {
  return s.publics.length + s.actions.length + s.types.length + (s.q ? 1 : 0) + (s.openNow ? 1 : 0);
}

/** Rounded to 3 decimals (about 100 m): enough to find the nearest actors, less precise in the URL. */
export function roundPosition(lat: number, lng: number): string {
  return `${lat.toFixed(3)},${lng.toFixed(3)}`;
}

/** A new place replaces the previous one (the API takes one place at a time). */
export function withPlace(
  s: SearchState,
  place: { kind: 'commune' | 'postcode' | 'departement' | 'near'; code: string; label: string } | null,
): SearchState {
  const cleared: SearchState = { ...s, departement: null, commune: null, postcode: null, near: null, placeLabel: null, page: 1 };
  if (!place) return { ...cleared, radiusKm: null, sort: s.sort === 'distance' ? null : s.sort };
  const next: SearchState = { ...cleared, placeLabel: place.label };
  if (place.kind === 'departement') {
    next.departement = place.code;
    next.radiusKm = null;
    if (next.sort === 'distance') next.sort = null;
  } else if (place.kind === 'commune') next.commune = place.code;
  else if (place.kind === 'postcode') next.postcode = place.code;
  else next.near = place.code;
  return next;
}
