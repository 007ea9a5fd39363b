import { queryOptions } from '@tanstack/react-query';
import { client, read, readQuery } from '../../lib/client.ts';

/** `GET /api/departements/:code`: the CRIP and ASE, actors, protocols and resources of one département. */
export function departementQuery(code: string) {
  return readQuery(['departements', 'detail', code], (options) =>
    read(client.departements[':code'].$get({ param: { code: encodeURIComponent(code) } }, options)),
  );
}

/** Code → name of every département (`GET /api/departements`), to show names rather than codes. */
export function departementNamesQuery() {
  return queryOptions({
    queryKey: ['departements', 'names'] as const,
    queryFn: async ({ signal }) => {
      const list = await read(client.departements.$get(undefined, { init: { signal } }));
      return new Map(list.items.map((d) => [d.code, d.name]));
    },
    staleTime: 60 * 60_000,
  });
}
