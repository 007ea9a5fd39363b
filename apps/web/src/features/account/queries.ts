/** Accounts in the web: reads as TanStack Query option factories (the API answers no-store), and the writes. */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { backOfficeQuery, client, read } from '../../lib/client.ts';

export const accountKeys = {
  sessions: ['account', 'sessions'] as const,
  passwordLink: (token: string) => ['account', 'password', token] as const,
  users: ['admin', 'users'] as const,
  requests: ['admin', 'account-requests'] as const,
};

export function mySessionsQuery() {
  return backOfficeQuery(accountKeys.sessions, (options) => read(client.account.sessions.$get(undefined, options)));
}

const passwordLink = client.account.password[':token'];

export function passwordLinkQuery(token: string) {
  return queryOptions({
    queryKey: accountKeys.passwordLink(token),
    queryFn: ({ signal }) => read(passwordLink.$get({ param: { token: encodeURIComponent(token) } }, { init: { signal } })),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function usersQuery() {
  return backOfficeQuery(accountKeys.users, (options) => read(client.admin.users.$get(undefined, options)));
}

export function accountRequestsQuery() {
  return backOfficeQuery(accountKeys.requests, (options) => read(client.admin['account-requests'].$get(undefined, options)));
}

// --- writes ------------------------------------------------------------------------------------

export function revokeMySession(id: string) {
  return read(client.account.sessions[':id'].$delete({ param: { id: encodeURIComponent(id) } }));
}

export function revokeMyOtherSessions() {
  return read(client.account.sessions['end-others'].$post());
}

export function choosePassword(token: string, password: string) {
  return read(passwordLink.$post({ param: { token: encodeURIComponent(token) }, json: { password } }));
}

export type AccountRequestInput = InferRequestType<(typeof client)['account-requests']['$post']>['json'];

export function requestAccount(input: AccountRequestInput) {
  return read(client['account-requests'].$post({ json: input }));
}

export function refuseAccountRequest(id: number) {
  return read(client.admin['account-requests'][':id'].refuse.$post({ param: { id: String(id) } }));
}

const users = client.admin.users;
export type CreateUserInput = InferRequestType<typeof users.$post>['json'];
export type UpdateUserInput = InferRequestType<(typeof users)[':id']['$patch']>['json'];

export function createUser(input: CreateUserInput) {
  return read(users.$post({ json: input }));
}

/** The changes to one account; `ended` is the number of its sessions closed (the last one only). */
export const userActions = {
  update: (id: number, input: UpdateUserInput) => read(users[':id'].$patch({ param: { id: String(id) }, json: input })),
  reset: (id: number) => read(users[':id'].reset.$post({ param: { id: String(id) } })),
  endSessions: (id: number) => read(users[':id'].sessions.$delete({ param: { id: String(id) } })),
};

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
