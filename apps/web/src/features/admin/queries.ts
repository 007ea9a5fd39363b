/** Back-office reads, as TanStack Query option factories. Never cached by the browser: the API says no-store. */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { backOfficeQuery, client, read } from '../../lib/client.ts';
import { queryFromSearch, withoutEmpty } from '../../lib/url-query.ts';

export const adminKeys = {
  all: ['admin'] as const,
  actors: (q: string) => ['admin', 'actors', q] as const,
  actor: (id: number) => ['admin', 'actor', id] as const,
  revisions: (id: number) => ['admin', 'actor', id, 'revisions'] as const,
  freshness: ['admin', 'freshness'] as const,
  outbox: ['admin', 'outbox'] as const,
};

const actors = client.admin.actors;

export function adminActorsQuery(search: string) {
  return backOfficeQuery(adminKeys.actors(search), (options) =>
    read(actors.$get({ query: queryFromSearch<InferRequestType<typeof actors.$get>['query']>(search) }, options)),
  );
}

export function adminActorQuery(id: number) {
  return backOfficeQuery(adminKeys.actor(id), (options) => read(actors[':id'].$get({ param: { id: String(id) } }, options)));
}

export function revisionsQuery(id: number) {
  return backOfficeQuery(adminKeys.revisions(id), (options) => read(actors[':id'].revisions.$get({ param: { id: String(id) } }, options)));
}

export function freshnessQuery() {
  return backOfficeQuery(adminKeys.freshness, (options) => read(client.admin.freshness.$get(undefined, options)));
}

/** The mail queue's counts, when this role may see them (null otherwise). */
export function outboxQuery() {
  return backOfficeQuery(adminKeys.outbox, (options) =>
    read(client.admin.outbox.$get({ query: { limit: '1' } }, options)).catch(() => null),
  );
}

export type DuplicatesQuery = InferRequestType<typeof actors.duplicates.$get>['query'];

export function fetchDuplicates(query: DuplicatesQuery) {
  return read(actors.duplicates.$get({ query: withoutEmpty(query) }));
}

/** The mutations of one entry: save (create or edit), verify / archive / restore, revert to a revision. */
export type ActorInput = Omit<InferRequestType<typeof actors.$post>['json'], 'confirm_duplicates'>;

export function saveActor(id: number | null, input: ActorInput, confirmDuplicates: boolean) {
  if (id !== null) return read(actors[':id'].$patch({ param: { id: String(id) }, json: input }));
  return read(actors.$post({ query: {}, json: { ...input, ...(confirmDuplicates ? { confirm_duplicates: true } : {}) } }));
}

export function setActorState(id: number, what: 'verify' | 'archive' | 'restore') {
  const param = { param: { id: String(id) } };
  if (what === 'verify') return read(actors[':id'].verify.$post(param));
  if (what === 'archive') return read(actors[':id'].archive.$post(param));
  return read(actors[':id'].restore.$post(param));
}

export function revertActor(id: number, revisionId: number) {
  return read(actors[':id'].revisions[':revisionId'].revert.$post({ param: { id: String(id), revisionId: String(revisionId) } }));
}

export function verifyActors(ids: number[]) {
  return read(actors.verify.$post({ json: { ids } }));
}

export function coveringEntriesQuery() {
  return queryOptions({
    queryKey: ['admin', 'actors', 'covering'] as const,
    queryFn: ({ signal }) => read(actors.covering.$get(undefined, { init: { signal } })),
    staleTime: 60_000,
  });
}

export type ReadOnlyActor = InferResponseType<(typeof actors)[':id']['read-only']['$get'], 200>;

export function readOnlyActorQuery(id: number) {
  return queryOptions({
    queryKey: ['admin', 'actor', id, 'read-only'] as const,
    queryFn: ({ signal }) => read(actors[':id']['read-only'].$get({ param: { id: String(id) } }, { init: { signal } })),
    staleTime: 0,
    retry: false,
  });
}

export type GeocodeQuery = InferRequestType<typeof client.admin.geocode.$get>['query'];

export function geocode(query: GeocodeQuery) {
  return read(client.admin.geocode.$get({ query: withoutEmpty(query) }));
}
