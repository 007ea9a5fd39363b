/** Reads of accounts in the web, as TanStack Query option factories (the API answers no-store). */
import type { AccountRequestList, AdminUser, DepartementList, PasswordLinkView, SessionList } from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';

export const accountKeys = {
  sessions: ['account', 'sessions'] as const,
  passwordLink: (token: string) => ['account', 'password', token] as const,
  users: ['admin', 'users'] as const,
  requests: ['admin', 'account-requests'] as const,
  departementNames: ['departements', 'names'] as const,
};

export function mySessionsQuery() {
  return queryOptions({
    queryKey: accountKeys.sessions,
    queryFn: ({ signal }) => apiGet<SessionList>('/account/sessions', undefined, signal),
    staleTime: 0,
  });
}

export function passwordLinkQuery(token: string) {
  return queryOptions({
    queryKey: accountKeys.passwordLink(token),
    queryFn: ({ signal }) => apiGet<PasswordLinkView>(`/account/password/${encodeURIComponent(token)}`, undefined, signal),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function usersQuery() {
  return queryOptions({
    queryKey: accountKeys.users,
    queryFn: ({ signal }) => apiGet<{ items: AdminUser[] }>('/admin/users', undefined, signal),
    staleTime: 0,
  });
}

export function accountRequestsQuery() {
  return queryOptions({
    queryKey: accountKeys.requests,
    queryFn: ({ signal }) => apiGet<AccountRequestList>('/admin/account-requests', undefined, signal),
    staleTime: 0,
  });
}

/** Code → name of every département, to show names rather than codes. */
export function departementNamesQuery() {
  return queryOptions({
    queryKey: accountKeys.departementNames,
    queryFn: async ({ signal }) => {
      const list = await apiGet<DepartementList>('/departements', undefined, signal);
      return new Map(list.items.map((d) => [d.code, d.name]));
    },
    staleTime: 60 * 60_000,
  });
}

/** « Firefox sur Windows »: enough for a person to recognise a device, from the browser's User-Agent. */
export function describeDevice(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\/|Chromium\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} sur ${system}`;
  return browser ?? system ?? ua.slice(0, 60);
}
