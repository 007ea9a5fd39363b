import type { z } from '@hono/zod-openapi';
import {
  ANONYMOUS,
  anonymousListViews,
  anonymousListViewsJson,
  hoursPreview,
  publicView,
  type SearchPlace,
  type Viewer,
  viewsValidUntil,
} from '@pare/db';
import { getCommune, getCommunesByPostcode, getDepartement, listDepartements, locate } from '@pare/geo';
import type { HoursPreviewInputSchema, PublicActor, SearchActorsQuery, SearchActorsResponse } from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError, validationError } from '../lib/errors.ts';
import type { JsonParts } from '../lib/json-parts.ts';

/** Default radius when a place is given without one: a reasonable trip for a family. */
export const DEFAULT_RADIUS_KM = 30;

type ResolvedPlace = { search: SearchPlace; response: NonNullable<SearchActorsResponse['place']> };

/** Turns `near`, `commune` or `postcode` into a centre, a radius and the territories around it. */
export function resolvePlace(q: SearchActorsQuery): ResolvedPlace | null {
  const radiusKm = q.radius_km ?? DEFAULT_RADIUS_KM;
  if (q.near) {
    const where = locate(q.near.lat, q.near.lng);
    return {
      search: {
        ...q.near,
        radiusKm,
        strict: true,
        commune: null,
        departement: where?.departement.code ?? null,
        region: where?.region.code ?? null,
      },
      response: { kind: 'point', name: null, departement: where?.departement.code ?? null, ...q.near, radius_km: radiusKm },
    };
  }
  const commune = q.commune ? getCommune(q.commune) : q.postcode ? getCommunesByPostcode(q.postcode)[0] : undefined;
  if (q.commune && !commune) throw validationError([{ path: 'commune', message: `Commune inconnue : ${q.commune}` }]);
  if (q.postcode && !commune) throw validationError([{ path: 'postcode', message: `Code postal inconnu : ${q.postcode}` }]);
  if (!commune) return null;
  return {
    search: {
      lat: commune.lat,
      lng: commune.lng,
      radiusKm,
      strict: false,
      commune: commune.code,
      departement: commune.departement,
      region: commune.region,
    },
    response: {
      kind: q.commune ? 'commune' : 'postcode',
      name: commune.name,
      departement: commune.departement,
      lat: commune.lat,
      lng: commune.lng,
      radius_km: radiusKm,
    },
  };
}

/** The instant the answers are for (tests set the clock). */
export const clockOf = (deps: AppDeps): Date => deps.config.now?.() ?? new Date();

/** What the back office's hours field says of a typed value: its problem, or the next days (`POST /api/admin/hours/preview`). */
export function previewHours(input: z.output<typeof HoursPreviewInputSchema>, now: Date) {
  const closures = input.temporary_closures.map((x) => ({ ...x, ends_on: x.ends_on ?? null }));
  return hoursPreview(input.opening_hours, closures, { departement: input.departement ?? null }, now);
}

/**
 * Until when an answer holding the time stays true: the first `next_change` of its sites and
 * lines, the next local midnight of each (their week moves on), and at most `cap`.
 */
export function answerValidUntil(actors: readonly PublicActor[], now: Date, cap?: number): number {
  return viewsValidUntil(actors, now, cap);
}

/** What the search is asked for a query (filters, place, instant, page), and the place resolved. */
export function searchCriteria(deps: AppDeps, q: SearchActorsQuery) {
  let departement: { code: string; region: string } | undefined;
  if (q.departement) {
    const d = getDepartement(q.departement);
    if (!d) throw validationError([{ path: 'departement', message: `Département inconnu : ${q.departement}` }]);
    departement = { code: d.code, region: d.region };
  }
  const place = resolvePlace(q);
  const now = clockOf(deps);
  const openAt = q.open_at ? new Date(q.open_at) : undefined;
  const criteria = {
    text: q.q,
    publics: q.publics,
    actions: q.actions,
    types: q.types,
    departement,
    place: place?.search,
    sort: q.sort,
    open: q.ouvert ? deps.openActors.openNow(now) : openAt ? deps.openActors.openAt(openAt, `at:${openAt.toISOString()}`) : undefined,
    openNow: deps.openActors.openNow(now),
    limit: q.per_page,
    offset: (q.page - 1) * q.per_page,
  };
  return { criteria, place, now };
}

/** The public search: filters, place, paging, facets; every item through `publicView`. */
export function searchActors(deps: AppDeps, q: SearchActorsQuery, viewer: Viewer = ANONYMOUS): SearchActorsResponse {
  const { criteria, place, now } = searchCriteria(deps, q);
  const { total, hits } = deps.search.searchActors(criteria);
  const ids = hits.map((h) => h.id);
  // An anonymous visitor's views are kept per actor until they would change (@pare/db search-views.ts).
  const views = viewer.seesProfessionalContacts
    ? deps.actors.loadActors(ids).map((record) => publicView(record, viewer, { at: now, week: false }))
    : anonymousListViews(deps.db, deps.actors.loadActors, ids, now);
  const items = views.map((view, i) => {
    const hit = hits[i];
    return {
      ...view,
      ...(hit?.distanceKm != null ? { distance_km: hit.distanceKm } : {}),
      ...(hit?.match ? { match: hit.match } : {}),
    };
  });
  return {
    total,
    page: q.page,
    per_page: q.per_page,
    items,
    facets: deps.search.facetCounts(criteria),
    place: place?.response ?? null,
    at: now.toISOString(),
  };
}

/**
 * The public search for a visitor who sees no professional contact, as the parts of the JSON
 * (UTF-8) `JSON.stringify(searchActors(deps, q, viewer))` would be: the views kept as JSON
 * (@pare/db search-views.ts), neither parsed nor serialised again nor yet copied, and the strings
 * between them (lib/json-parts.ts joins or gathers them); and until when it holds
 * (`answerValidUntil` of its items, at most `cap`).
 */
export function searchActorsJson(deps: AppDeps, q: SearchActorsQuery, cap?: number): { parts: JsonParts; until: number } {
  const { criteria, place, now } = searchCriteria(deps, q);
  const { total, hits } = deps.search.searchActors(criteria);
  const { views, validUntil } = anonymousListViewsJson(
    deps.db,
    deps.actors.loadActors,
    hits.map((h) => h.id),
    now,
  );
  const parts: (Buffer | string)[] = [`{"total":${total},"page":${q.page},"per_page":${q.per_page},"items":[`];
  views.forEach((view, i) => {
    if (i > 0) parts.push(',');
    // Each item is its view with `distance_km` and `match` after its own keys, as a spread gives them.
    const hit = hits[i];
    const extra =
      (hit?.distanceKm != null ? `,"distance_km":${JSON.stringify(hit.distanceKm)}` : '') +
      (hit?.match ? `,"match":${JSON.stringify(hit.match)}` : '');
    if (extra && view[view.byteLength - 1] === CLOSING_BRACE) parts.push(view.subarray(0, -1), `${extra}}`);
    else parts.push(view);
  });
  parts.push(
    `],"facets":${JSON.stringify(deps.search.facetCounts(criteria))},"place":${JSON.stringify(place?.response ?? null)},` +
      `"at":${JSON.stringify(now.toISOString())}}`,
  );
  return { parts, until: validUntil(now, cap) };
}
const CLOSING_BRACE = '}'.charCodeAt(0);

/**
 * A first search around each département's chef-lieu (default radius, no filter), as a visitor's
 * would be answered, the event loop left free between two: what a process's first searches make
 * (the sites' grid, the « open now » groups, each département's base and counts) is then made
 * before they come, or again after a write dropped it. How many were made.
 */
export async function warmPlaceSearches(deps: AppDeps, stop: () => boolean = () => false): Promise<number> {
  let made = 0;
  for (const d of listDepartements()) {
    if (stop()) break;
    searchActorsJson(deps, { commune: d.chefLieu, page: 1, per_page: 20 });
    made++;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return made;
}

/** One published actor's public record (with what is open now), or a 404. */
export function getActor(deps: AppDeps, slug: string, viewer: Viewer = ANONYMOUS): PublicActor {
  const record = deps.actors.findActorBySlug(slug);
  if (record?.status !== 'published') throw new ApiError('not_found', 'Cet acteur n’existe pas ou n’est plus référencé.');
  return publicView(record, viewer, { at: clockOf(deps) });
}
