import type { ClientResponse, InferRequestType } from 'hono/client';
import { backOfficeListQuery, backOfficeQuery, client, pageQuery, read, readQuery } from '../../lib/client.ts';
import { queryObject } from '../../lib/query-object.ts';

export const newsKeys = {
  news: ['news'] as const,
  events: ['events'] as const,
  admin: ['admin', 'news'] as const,
};

const at = (id: number) => ({ param: { id: String(id) } });

export function newsListQuery(params: string) {
  return pageQuery([...newsKeys.news, 'list', params], (options) => read(client.news.$get({ query: queryObject(params) }, options)));
}

export function newsQuery(slug: string) {
  return readQuery([...newsKeys.news, 'detail', slug], (options) =>
    read(client.news[':slug'].$get({ param: { slug: encodeURIComponent(slug) } }, options)),
  );
}

export function eventsQuery(params: string) {
  return pageQuery([...newsKeys.events, 'list', params], (options) => read(client.events.$get({ query: queryObject(params) }, options)));
}

export function eventQuery(slug: string) {
  return readQuery([...newsKeys.events, 'detail', slug], (options) =>
    read(client.events[':slug'].$get({ param: { slug: encodeURIComponent(slug) } }, options)),
  );
}

// --- back office (never cached across sessions: staleTime 0) ---------------------------------

export function adminNewsListQuery(params: string) {
  return backOfficeListQuery([...newsKeys.admin, 'news'], params, (query, options) => read(client.admin.news.$get({ query }, options)));
}

export function adminEventsListQuery(params: string) {
  return backOfficeListQuery([...newsKeys.admin, 'events'], params, (query, options) => read(client.admin.events.$get({ query }, options)));
}

export function adminNewsQuery(id: number) {
  return backOfficeQuery([...newsKeys.admin, 'news-item', id], (options) => read(client.admin.news[':id'].$get(at(id), options)));
}

export function adminEventQuery(id: number) {
  return backOfficeQuery([...newsKeys.admin, 'event-item', id], (options) => read(client.admin.events[':id'].$get(at(id), options)));
}

export function revisionsQuery(kind: 'news' | 'events', id: number) {
  return backOfficeQuery([...newsKeys.admin, 'revisions', kind, id], (options) =>
    read(client.admin[kind][':id'].revisions.$get(at(id), options)),
  );
}

// --- back-office writes -----------------------------------------------------------------------

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;
export type NewsInput = Json<typeof client.admin.news.$post>;
export type EventInput = Json<typeof client.admin.events.$post>;
export type StatusAction = 'publish' | 'archive' | 'unpublish';

/** The path parameters of a call on one entry's routes. */
type Param<P> = { param: P };

/**
 * What a news item and an event are done alike, on the routes of one entry (`/api/admin/news/:id`,
 * `/api/admin/events/:id`): a new status, deletion, a revision restored.
 */
// biome-ignore lint/suspicious/noExplicitAny: as read()
function entryWrites<S extends ClientResponse<any>, D extends ClientResponse<any>, V extends ClientResponse<any>>(
  entry: {
    [A in StatusAction]: { $post: (args: Param<{ id: string }>) => Promise<S> };
  } & {
    $delete: (args: Param<{ id: string }>) => Promise<D>;
    revisions: { ':revisionId': { revert: { $post: (args: Param<{ id: string; revisionId: string }>) => Promise<V> } } };
  },
) {
  return {
    setStatus: (id: number, action: StatusAction) => read(entry[action].$post(at(id))),
    remove: (id: number) => read(entry.$delete(at(id))),
    revert: (id: number, revisionId: number) =>
      read(entry.revisions[':revisionId'].revert.$post({ param: { id: String(id), revisionId: String(revisionId) } })),
  };
}

export const newsWrites = {
  create: (json: NewsInput) => read(client.admin.news.$post({ json })),
  update: (id: number, json: NewsInput) => read(client.admin.news[':id'].$put({ ...at(id), json })),
  ...entryWrites(client.admin.news[':id']),
  deleteImage: (id: number) => read(client.admin.news[':id'].image.$delete(at(id))),
  /** `form`: the image in its field `file` (multipart, the browser sets the boundary). */
  uploadImage: (id: number, form: FormData) => read(client.admin.news[':id'].image.$put(at(id), { init: { body: form } })),
};

export const eventWrites = {
  create: (json: EventInput) => read(client.admin.events.$post({ json })),
  update: (id: number, json: EventInput) => read(client.admin.events[':id'].$put({ ...at(id), json })),
  ...entryWrites(client.admin.events[':id']),
};
