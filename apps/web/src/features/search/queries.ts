import type { SearchActorsResponse } from '@pare/schema';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';

export const searchKeys = {
  all: ['actors', 'search'] as const,
  /** `apiQuery` is `toApiQuery(state)`: a canonical string, so equal searches share one cache entry. */
  search: (apiQuery: string) => [...searchKeys.all, apiQuery] as const,
};

/** One page of actors for the search in the URL. The previous page stays on screen while the next one loads. */
export function searchActorsQuery(apiQuery: string) {
  return queryOptions({
    queryKey: searchKeys.search(apiQuery),
    queryFn: ({ signal }) => apiGet<SearchActorsResponse>('/actors', apiQuery, signal),
    placeholderData: keepPreviousData,
  });
}
