import { client, pageQuery, read } from '../../lib/client.ts';
import { queryObject } from '../../lib/query-object.ts';

export const searchKeys = {
  all: ['actors', 'search'] as const,
  /** `apiQuery` is `toApiQuery(state)`: a canonical string, so equal searches share one cache entry. */
  search: (apiQuery: string) => [...searchKeys.all, apiQuery] as const,
};

/** One page of actors for the search in the URL. The previous page stays on screen while the next one loads. */
export function searchActorsQuery(apiQuery: string) {
  return pageQuery(searchKeys.search(apiQuery), (options) => read(client.actors.$get({ query: queryObject(apiQuery) }, options)));
}
