import type {
  AdminEvent,
  AdminEventList,
  AdminNews,
  AdminNewsList,
  ContentRevision,
  PublicEvent,
  PublicEventList,
  PublicNews,
  PublicNewsList,
} from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';

export const newsKeys = {
  news: ['news'] as const,
  events: ['events'] as const,
  admin: ['admin', 'news'] as const,
};

export function newsListQuery(params: string) {
  return queryOptions({
    queryKey: [...newsKeys.news, 'list', params],
    queryFn: ({ signal }) => apiGet<PublicNewsList>('/news', params, signal),
    placeholderData: (previous) => previous,
  });
}

export function newsQuery(slug: string) {
  return queryOptions({
    queryKey: [...newsKeys.news, 'detail', slug],
    queryFn: ({ signal }) => apiGet<PublicNews>(`/news/${encodeURIComponent(slug)}`, undefined, signal),
  });
}

export function eventsQuery(params: string) {
  return queryOptions({
    queryKey: [...newsKeys.events, 'list', params],
    queryFn: ({ signal }) => apiGet<PublicEventList>('/events', params, signal),
    placeholderData: (previous) => previous,
  });
}

export function eventQuery(slug: string) {
  return queryOptions({
    queryKey: [...newsKeys.events, 'detail', slug],
    queryFn: ({ signal }) => apiGet<PublicEvent>(`/events/${encodeURIComponent(slug)}`, undefined, signal),
  });
}

// --- back office (never cached across sessions: staleTime 0) ---------------------------------

export function adminNewsListQuery(params: string) {
  return queryOptions({
    queryKey: [...newsKeys.admin, 'news', params],
    queryFn: ({ signal }) => apiGet<AdminNewsList>('/admin/news', params, signal),
    staleTime: 0,
  });
}

export function adminEventsListQuery(params: string) {
  return queryOptions({
    queryKey: [...newsKeys.admin, 'events', params],
    queryFn: ({ signal }) => apiGet<AdminEventList>('/admin/events', params, signal),
    staleTime: 0,
  });
}

export function adminNewsQuery(id: number) {
  return queryOptions({
    queryKey: [...newsKeys.admin, 'news-item', id],
    queryFn: ({ signal }) => apiGet<AdminNews>(`/admin/news/${id}`, undefined, signal),
    staleTime: 0,
  });
}

export function adminEventQuery(id: number) {
  return queryOptions({
    queryKey: [...newsKeys.admin, 'event-item', id],
    queryFn: ({ signal }) => apiGet<AdminEvent>(`/admin/events/${id}`, undefined, signal),
    staleTime: 0,
  });
}

export function revisionsQuery(kind: 'news' | 'events', id: number) {
  return queryOptions({
    queryKey: [...newsKeys.admin, 'revisions', kind, id],
    queryFn: ({ signal }) => apiGet<{ items: ContentRevision[] }>(`/admin/${kind}/${id}/revisions`, undefined, signal),
    staleTime: 0,
  });
}
