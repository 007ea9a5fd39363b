import type { PublicActor } from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';

export const actorKeys = {
  all: ['actors', 'detail'] as const,
  detail: (slug: string) => [...actorKeys.all, slug] as const,
};

/** An actor's public record (`GET /api/actors/:slug`). */
export function actorQuery(slug: string) {
  return queryOptions({
    queryKey: actorKeys.detail(slug),
    queryFn: ({ signal }) => apiGet<PublicActor>(`/actors/${encodeURIComponent(slug)}`, undefined, signal),
  });
}
