import type { InferRequestType } from 'hono/client';
import { backOfficeListQuery, backOfficeQuery, client, pageQuery, read, readQuery } from '../../lib/client.ts';
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
  return pageQuery(resourceKeys.search(params), (options) => read(client.resources.$get({ query: queryObject(params) }, options)));
}

export function resourceQuery(slug: string) {
  return readQuery(resourceKeys.detail(slug), (options) =>
    read(client.resources[':slug'].$get({ param: { slug: encodeURIComponent(slug) } }, options)),
  );
}

export function protocolsQuery() {
  return readQuery(resourceKeys.protocols, (options) => read(client.protocols.$get({ query: {} }, options)));
}

export function departementsQuery() {
  return readQuery(resourceKeys.departements, (options) => read(client.departements.$get({}, options)));
}

// --- back office (never cached across sessions: staleTime 0) ---------------------------------

export function adminResourcesQuery(params: string) {
  return backOfficeListQuery([...resourceKeys.admin, 'list'], params, (query, options) =>
    read(client.admin.resources.$get({ query }, options)),
  );
}

export function adminProtocolsQuery(params: string) {
  return backOfficeListQuery([...resourceKeys.admin, 'protocols'], params, (query, options) =>
    read(client.admin.protocols.$get({ query }, options)),
  );
}

const resourceAt = (id: number) => ({ param: { id: String(id) } });

export function adminResourceQuery(id: number) {
  return backOfficeQuery([...resourceKeys.admin, 'resource', id], (options) =>
    read(client.admin.resources[':id'].$get(resourceAt(id), options)),
  );
}

export function adminProtocolQuery(id: number) {
  return backOfficeQuery([...resourceKeys.admin, 'protocol', id], (options) =>
    read(client.admin.protocols[':id'].$get(resourceAt(id), options)),
  );
}

export function revisionsQuery(kind: 'resources' | 'protocols', id: number) {
  return backOfficeQuery([...resourceKeys.admin, 'revisions', kind, id], (options) =>
    read(client.admin[kind][':id'].revisions.$get(resourceAt(id), options)),
  );
}

// --- back-office writes -----------------------------------------------------------------------

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;

export const resourceWrites = {
  create: (input: Json<typeof client.admin.resources.$post>) => read(client.admin.resources.$post({ json: input })),
  update: (id: number, input: Json<(typeof client.admin.resources)[':id']['$patch']>) =>
    read(client.admin.resources[':id'].$patch({ ...resourceAt(id), json: input })),
  setStatus: (id: number, action: 'archive' | 'restore') => read(client.admin.resources[':id'][action].$post(resourceAt(id))),
  deleteFile: (id: number) => read(client.admin.resources[':id'].file.$delete(resourceAt(id))),
  /** `form`: the file in its field `file` (multipart, the browser sets the boundary). */
  uploadFile: (id: number, form: FormData) => read(client.admin.resources[':id'].file.$put(resourceAt(id), { init: { body: form } })),
};

export const protocolWrites = {
  create: (input: Json<typeof client.admin.protocols.$post>) => read(client.admin.protocols.$post({ json: input })),
  update: (id: number, input: Json<(typeof client.admin.protocols)[':id']['$patch']>) =>
    read(client.admin.protocols[':id'].$patch({ ...resourceAt(id), json: input })),
  setStatus: (id: number, action: 'archive' | 'restore') => read(client.admin.protocols[':id'][action].$post(resourceAt(id))),
};
