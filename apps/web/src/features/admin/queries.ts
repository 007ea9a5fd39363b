/** Back-office reads, as TanStack Query option factories. Never cached by the browser: the API says no-store. */
import type { AdminActor, AdminActorList, Duplicate, Freshness, RevisionOut } from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { apiGet, type Query } from '../../lib/api.ts';

export const adminKeys = {
  all: ['admin'] as const,
  actors: (q: string) => ['admin', 'actors', q] as const,
  actor: (id: number) => ['admin', 'actor', id] as const,
  revisions: (id: number) => ['admin', 'actor', id, 'revisions'] as const,
  freshness: ['admin', 'freshness'] as const,
  outbox: ['admin', 'outbox'] as const,
};

export function adminActorsQuery(search: string) {
  return queryOptions({
    queryKey: adminKeys.actors(search),
    queryFn: ({ signal }) => apiGet<AdminActorList>('/admin/actors', search, signal),
    staleTime: 0,
  });
}

export function adminActorQuery(id: number) {
  return queryOptions({
    queryKey: adminKeys.actor(id),
    queryFn: ({ signal }) => apiGet<AdminActor>(`/admin/actors/${id}`, undefined, signal),
    staleTime: 0,
  });
}

export function revisionsQuery(id: number) {
  return queryOptions({
    queryKey: adminKeys.revisions(id),
    queryFn: ({ signal }) => apiGet<{ items: RevisionOut[] }>(`/admin/actors/${id}/revisions`, undefined, signal),
    staleTime: 0,
  });
}

export function freshnessQuery() {
  return queryOptions({
    queryKey: adminKeys.freshness,
    queryFn: ({ signal }) => apiGet<Freshness>('/admin/freshness', undefined, signal),
    staleTime: 0,
  });
}

export type OutboxCounts = { counts: { pending: number; sent: number; failed: number } };

/** The mail queue's counts, when this role may see them (null otherwise). */
export function outboxQuery() {
  return queryOptions({
    queryKey: adminKeys.outbox,
    queryFn: ({ signal }) => apiGet<OutboxCounts>('/admin/outbox', { limit: '1' }, signal).catch(() => null),
    staleTime: 0,
  });
}

export type Duplicates = { items: Duplicate[] };

export function fetchDuplicates(query: Query): Promise<Duplicates> {
  return apiGet<Duplicates>('/admin/actors/duplicates', query);
}
