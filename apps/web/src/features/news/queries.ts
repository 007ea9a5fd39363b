/** News and events: the public lists and pages, the back office's reads and writes (typed client). */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, read } from '../../lib/client.ts';
import { queryObject } from '../../lib/query-object.ts';

export const newsKeys = {
  news: ['news'] as const,
  events: ['events'] as const,
  admin: ['admin', 'news'] as const,
};

const at = (id: number) => ({ param: { id: String(id) } });

export function newsListQuery(params: string) {
  return queryOptions({
    queryKey: [...newsKeys.news, 'list', params],
    queryFn: ({ signal }) => read(client.news.$get({ query: queryObject(params) }, { init: { signal } })),
    placeholderData: (previous) => previous,
  });
}

export function newsQuery(slug: string) {
  return queryOptions({
    queryKey: [...newsKeys.news, 'detail', slug],
    queryFn: ({ signal }) => read(client.news[':slug'].$get({ param: { slug: encodeURIComponent(slug) } }, { init: { signal } })),
  });
}

export function eventsQuery(params: string) {
  return queryOptions({
    queryKey: [...newsKeys.events, 'list', params],
    queryFn: ({ signal }) => read(client.events.$get({ query: queryObject(params) }, { init: { signal } })),
    placeholderData: (previous) => previous,
  });
}

export function eventQuery(slug: string) {
  return queryOptions({
    queryKey: [...newsKeys.events, 'detail', slug],
    queryFn: ({ signal }) => read(client.events[':slug'].$get({ param: { slug: encodeURIComponent(slug) } }, { init: { signal } })),
  });
}

// --- back office (never cached across sessions: staleTime 0) ---------------------------------

export function adminNewsListQuery(params: string) {
  return queryOptions({
    queryKey: [...newsKeys.admin, 'news', params],
    queryFn: ({ signal }) => read(client.admin.news.$get({ query: queryObject(params) }, { init: { signal } })),
    staleTime: 0,
  });
}

export function adminEventsListQuery(params: string) {
  return queryOptions({
    queryKey: [...newsKeys.admin, 'events', params],
    queryFn: ({ signal }) => read(client.admin.events.$get({ query: queryObject(params) }, { init: { signal } })),
    staleTime: 0,
  });
}

export function adminNewsQuery(id: number) {
  return queryOptions({
    queryKey: [...newsKeys.admin, 'news-item', id],
    queryFn: ({ signal }) => read(client.admin.news[':id'].$get(at(id), { init: { signal } })),
    staleTime: 0,
  });
}

export function adminEventQuery(id: number) {
  return queryOptions({
    queryKey: [...newsKeys.admin, 'event-item', id],
    queryFn: ({ signal }) => read(client.admin.events[':id'].$get(at(id), { init: { signal } })),
    staleTime: 0,
  });
}

export function revisionsQuery(kind: 'news' | 'events', id: number) {
  return queryOptions({
    queryKey: [...newsKeys.admin, 'revisions', kind, id],
    queryFn: ({ signal }) => read(client.admin[kind][':id'].revisions.$get(at(id), { init: { signal } })),
    staleTime: 0,
  });
}

// --- back-office writes -----------------------------------------------------------------------

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;
export type NewsInput = Json<typeof client.admin.news.$post>;
export type EventInput = Json<typeof client.admin.events.$post>;
export type StatusAction = 'publish' | 'archive' | 'unpublish';

export const newsWrites = {
  create: (json: NewsInput) => read(client.admin.news.$post({ json })),
  update: (id: number, json: NewsInput) => read(client.admin.news[':id'].$put({ ...at(id), json })),
  setStatus: (id: number, action: StatusAction) => read(client.admin.news[':id'][action].$post(at(id))),
  remove: (id: number) => read(client.admin.news[':id'].$delete(at(id))),
  revert: (id: number, revisionId: number) =>
    read(client.admin.news[':id'].revisions[':revisionId'].revert.$post({ param: { id: String(id), revisionId: String(revisionId) } })),
  deleteImage: (id: number) => read(client.admin.news[':id'].image.$delete(at(id))),
};

export const eventWrites = {
  create: (json: EventInput) => read(client.admin.events.$post({ json })),
  update: (id: number, json: EventInput) => read(client.admin.events[':id'].$put({ ...at(id), json })),
  setStatus: (id: number, action: StatusAction) => read(client.admin.events[':id'][action].$post(at(id))),
  remove: (id: number) => read(client.admin.events[':id'].$delete(at(id))),
  revert: (id: number, revisionId: number) =>
    read(client.admin.events[':id'].revisions[':revisionId'].revert.$post({ param: { id: String(id), revisionId: String(revisionId) } })),
};
