import type { DepartementPage } from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';

/** `GET /api/departements/:code`: the CRIP and ASE, actors, protocols and resources of one département. */
export function departementQuery(code: string) {
  return queryOptions({
    queryKey: ['departements', 'detail', code],
    queryFn: ({ signal }) => apiGet<DepartementPage>(`/departements/${encodeURIComponent(code)}`, undefined, signal),
  });
}
