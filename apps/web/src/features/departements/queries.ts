import { queryOptions } from '@tanstack/react-query';
import { client, read, readQuery } from '../../lib/client.ts';
import { departementsQuery } from '../resources/queries.ts';

/** `GET /api/departements/:code`: the CRIP and ASE, actors, protocols and resources of one département. */
export function departementQuery(code: string) {
  return readQuery(['departements', 'detail', code], (options) =>
    read(client.departements[':code'].$get({ param: { code: encodeURIComponent(code) } }, options)),
  );
}

/** Code → name of every département (`GET /api/departements`, the protocols page's list), to show names rather than codes. */
export function departementNamesQuery() {
  return queryOptions({
    ...departementsQuery(),
    staleTime: 60 * 60_000,
    select: (list) => new Map(list.items.map((d) => [d.code, d.name])),
  });
}

/** West, south, east, north around a département's outline, for a map to frame it. */
export type DepartementBox = [w: number, s: number, e: number, n: number];

/** Code → name and box of every département: the search page names a département and frames it on its map. */
export function departementPlacesQuery() {
  return queryOptions({
    ...departementsQuery(),
    staleTime: 60 * 60_000,
    select: (list) => new Map(list.items.map((d) => [d.code, { name: d.name, bbox: d.bbox as DepartementBox | null }])),
  });
}
