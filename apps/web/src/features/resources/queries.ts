import type {
  AdminProtocol,
  AdminProtocolList,
  AdminResource,
  AdminResourceList,
  DepartementList,
  ProtocolList,
  PublicResource,
  RevisionOut,
  SearchResourcesResponse,
} from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';

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
    queryFn: ({ signal }) => apiGet<SearchResourcesResponse>('/resources', params, signal),
    placeholderData: (previous) => previous,
  });
}

export function resourceQuery(slug: string) {
  return queryOptions({
    queryKey: resourceKeys.detail(slug),
    queryFn: ({ signal }) => apiGet<PublicResource>(`/resources/${encodeURIComponent(slug)}`, undefined, signal),
  });
}

export function protocolsQuery() {
  return queryOptions({ queryKey: resourceKeys.protocols, queryFn: ({ signal }) => apiGet<ProtocolList>('/protocols', undefined, signal) });
}

export function departementsQuery() {
  return queryOptions({
    queryKey: resourceKeys.departements,
    queryFn: ({ signal }) => apiGet<DepartementList>('/departements', undefined, signal),
  });
}

// --- back office (never cached across sessions: staleTime 0) ---------------------------------

export function adminResourcesQuery(params: string) {
  return queryOptions({
    queryKey: [...resourceKeys.admin, 'list', params],
    queryFn: ({ signal }) => apiGet<AdminResourceList>('/admin/resources', params, signal),
    staleTime: 0,
  });
}

export function adminProtocolsQuery(params: string) {
  return queryOptions({
    queryKey: [...resourceKeys.admin, 'protocols', params],
    queryFn: ({ signal }) => apiGet<AdminProtocolList>('/admin/protocols', params, signal),
    staleTime: 0,
  });
}

export function adminResourceQuery(id: number) {
  return queryOptions({
    queryKey: [...resourceKeys.admin, 'resource', id],
    queryFn: ({ signal }) => apiGet<AdminResource>(`/admin/resources/${id}`, undefined, signal),
    staleTime: 0,
  });
}

export function adminProtocolQuery(id: number) {
  return queryOptions({
    queryKey: [...resourceKeys.admin, 'protocol', id],
    queryFn: ({ signal }) => apiGet<AdminProtocol>(`/admin/protocols/${id}`, undefined, signal),
    staleTime: 0,
  });
}

export function revisionsQuery(kind: 'resources' | 'protocols', id: number) {
  return queryOptions({
    queryKey: [...resourceKeys.admin, 'revisions', kind, id],
    queryFn: ({ signal }) => apiGet<{ items: RevisionOut[] }>(`/admin/${kind}/${id}/revisions`, undefined, signal),
    staleTime: 0,
  });
}
