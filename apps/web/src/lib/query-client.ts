import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './api.ts';

/** One client for the app. Searches are cached by their URL parameters (see features/search/queries.ts). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        gcTime: 10 * 60_000,
        refetchOnWindowFocus: false,
        // A bad parameter or an unknown actor will not get better by asking again.
        retry: (failureCount, error) => !(error instanceof ApiRequestError && error.isClientError) && failureCount < 2,
      },
    },
  });
}
