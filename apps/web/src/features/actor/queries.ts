import { client, read, readQuery } from '../../lib/client.ts';

export const actorKeys = {
  all: ['actors', 'detail'] as const,
  detail: (slug: string) => [...actorKeys.all, slug] as const,
};

/** An actor's public record (`GET /api/actors/:slug`). */
export function actorQuery(slug: string) {
  return readQuery(actorKeys.detail(slug), (options) =>
    read(client.actors[':slug'].$get({ param: { slug: encodeURIComponent(slug) } }, options)),
  );
}
