/**
 * The map of a search: every matching actor's sites, clustered per viewport (`mapIndex` in
 * @pare/db). The filters are those of the list (`searchCriteria`), so the map and the count
 * « n résultats » agree; the list pages, the map does not.
 */
import { criteriaKey, type Db, type MapBbox, type MapFeature, mapIndex } from '@pare/db';
import type { SearchActorsQuery } from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { searchCriteria } from './actors.ts';

export type MapPointsAnswer = {
  type: 'FeatureCollection';
  features: MapFeature[];
  /** Actors matching the search, as the list's `total` (national ones included). */
  total: number;
  /** Of those, the actors with a site on the map (national actors are everywhere: list only). */
  actors: number;
  /** Around every matching site (not only the view's), to frame a new search; null when none. */
  bounds: MapBbox | null;
};

const indexes = new WeakMap<Db, ReturnType<typeof mapIndex>>();

/** The clusters and sites of a search in a viewport. Only public coordinates, slugs and names. */
export function mapPoints(
  deps: AppDeps,
  q: Omit<SearchActorsQuery, 'page' | 'per_page' | 'sort'> & { bbox: MapBbox; zoom: number },
): MapPointsAnswer {
  let index = indexes.get(deps.db);
  if (!index) {
    index = mapIndex(deps.db);
    indexes.set(deps.db, index);
  }
  const { criteria } = searchCriteria(deps, { ...q, page: 1, per_page: 1 });
  const filtered = Boolean(
    criteria.text ||
      criteria.publics?.length ||
      criteria.actions?.length ||
      criteria.types?.length ||
      criteria.departement ||
      criteria.place ||
      criteria.open,
  );
  const key = filtered ? criteriaKey(criteria) : 'all';
  const shown = index.show(
    key,
    () => {
      if (!filtered) return { ids: null, total: deps.search.searchActors({ limit: 0, offset: 0 }).total };
      const ids = deps.search.matchingIds(criteria);
      return { ids, total: ids.length };
    },
    q.bbox,
    q.zoom,
  );
  return { type: 'FeatureCollection', features: shown.features, total: shown.total, actors: shown.actors, bounds: shown.bounds };
}
