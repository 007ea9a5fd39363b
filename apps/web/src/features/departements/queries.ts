import { queryOptions } from '@tanstack/react-query';
import { client, read } from '../../lib/client.ts';

/** `GET /api/departements/:code`: the CRIP and ASE, actors, protocols and resources of one département. */
export function departementQuery(code: string) {
  return queryOptions({
    queryKey: ['departements', 'detail', code],
    queryFn: ({ signal }) => read(client.departements[':code'].$get({ param: { code: encodeURIComponent(code) } }, { init: { signal } })),
  });
}
