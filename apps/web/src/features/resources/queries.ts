import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, read } from '../../lib/client.ts';
import { queryObject } from '../../lib/query-object.ts';

export const resourceKeys = {
  all: ['resources'] as const,
  search: (params: string) => [...resourceKeys.all, 'search', params] as const,
  detail: (slug: string) => [...resourceKeys.all, 'detail', slug] as const,
  protocols: ['protocols'] as const,
  departements: ['departements', 'list'] as const,
  admin: ['admin', 'resources'] as const,
};

/** `GET /api/resources?…` with the page's query string (already in the API's parameter names). */
export function resourcesQuery(params: string) {
  return queryOptions({
    queryKey: resourceKeys.search(params),
    queryFn: ({ signal }) => read(client.resources.$get({ query: queryObject(params) }, { init: { signal } })),
    placeholderData: (previous) => previous,
  });
}

export function resourceQuery(slug: string) {
  return queryOptions({
    queryKey: resourceKeys.detail(slug),
    queryFn: ({ signal }) => read(client.resources[':slug'].$get({ param: { slug: encodeURIComponent(slug) } }, { init: { signal } })),
  });
}

export function protocolsQuery() {
  return queryOptions({
    queryKey: resourceKeys.protocols,
    queryFn: ({ signal }) => read(client.protocols.$get({ query: {} }, { init: { signal } })),
  });
}

export function departementsQuery() {
  return queryOptions({
    queryKey: resourceKeys.departements,
    queryFn: ({ signal }) => read(client.departements.$get({}, { init: { signal } })),
  });
}

// --- back office (never cached across sessions: staleTime 0) ---------------------------------

export function adminResourcesQuery(params: string) {
  return queryOptions({
    queryKey: [...resourceKeys.admin, 'list', params],
    queryFn: ({ signal }) => read(client.admin.resources.$get({ query: queryObject(params) }, { init: { signal } })),
    staleTime: 0,
  });
}

export function adminProtocolsQuery(params: string) {
  return queryOptions({
    queryKey: [...resourceKeys.admin, 'protocols', params],
    queryFn: ({ signal }) => read(client.admin.protocols.$get({ query: queryObject(params) }, { init: { signal } })),
    staleTime: 0,
  });
}

const resourceAt = (id: number) => ({ param: { id: String(id) } });

export function adminResourceQuery(id: number) {
  return queryOptions({
    queryKey: [...resourceKeys.admin, 'resource', id],
    queryFn: ({ signal }) => read(client.admin.resources[':id'].$get(resourceAt(id), { init: { signal } })),
    staleTime: 0,
  });
}

export function adminProtocolQuery(id: number) {
  return queryOptions({
    queryKey: [...resourceKeys.admin, 'protocol', id],
    queryFn: ({ signal }) => read(client.admin.protocols[':id'].$get(resourceAt(id), { init: { signal } })),
    staleTime: 0,
  });
}

export function revisionsQuery(kind: 'resources' | 'protocols', id: number) {
  return queryOptions({
    queryKey: [...resourceKeys.admin, 'revisions', kind, id],
    queryFn: ({ signal }) => read(client.admin[kind][':id'].revisions.$get(resourceAt(id), { init: { signal } })),
    staleTime: 0,
  });
}

// --- back-office writes -----------------------------------------------------------------------

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;

export const resourceWrites = {
  create: (input: Json<typeof client.admin.resources.$post>) => read(client.admin.resources.$post({ json: input })),
  update: (id: number, input: Json<(typeof client.admin.resources)[':id']['$patch']>) =>
    read(client.admin.resources[':id'].$patch({ ...resourceAt(id), json: input })),
  setStatus: (id: number, action: 'archive' | 'restore') => read(client.admin.resources[':id'][action].$post(resourceAt(id))),
  deleteFile: (id: number) => read(client.admin.resources[':id'].file.$delete(resourceAt(id))),
};

export const protocolWrites = {
  create: (input: Json<typeof client.admin.protocols.$post>) => read(client.admin.protocols.$post({ json: input })),
  update: (id: number, input: Json<(typeof client.admin.protocols)[':id']['$patch']>) =>
    read(client.admin.protocols[':id'].$patch({ ...resourceAt(id), json: input })),
  setStatus: (id: number, action: 'archive' | 'restore') => read(client.admin.protocols[':id'][action].$post(resourceAt(id))),
};
