import { queryOptions } from '@tanstack/react-query';
import { client, read } from '../../lib/client.ts';

export const actorKeys = {
  all: ['actors', 'detail'] as const,
  detail: (slug: string) => [...actorKeys.all, slug] as const,
};

/** An actor's public record (`GET /api/actors/:slug`). */
export function actorQuery(slug: string) {
  return queryOptions({
    queryKey: actorKeys.detail(slug),
    queryFn: ({ signal }) => read(client.actors[':slug'].$get({ param: { slug: encodeURIComponent(slug) } }, { init: { signal } })),
  });
}
