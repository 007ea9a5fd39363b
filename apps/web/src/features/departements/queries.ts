import { client, read, readQuery } from '../../lib/client.ts';

/** `GET /api/departements/:code`: the CRIP and ASE, actors, protocols and resources of one département. */
export function departementQuery(code: string) {
  return readQuery(['departements', 'detail', code], (options) =>
    read(client.departements[':code'].$get({ param: { code: encodeURIComponent(code) } }, options)),
  );
}
