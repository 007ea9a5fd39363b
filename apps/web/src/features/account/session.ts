/**
 * Who is signed in, for every page (the header's « Mon compte », the back office's frame, the
 * inbox, « Mon compte »): one query, one key, typed from the API's own routes. Signing in or out
 * writes that one entry, so no page keeps a session the others have forgotten.
 */
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { rememberCsrfToken } from '../../lib/api.ts';
import { client, read } from '../../lib/client.ts';

/** A signed-in session, as `POST /auth/login` answers it. */
export type Session = InferResponseType<typeof client.auth.login.$post, 200>;

export const sessionKey = ['auth', 'session'] as const;

/** Hands the session's CSRF token to the app's one fetch, which sends it with every write. */
export function rememberSession(session: Session | null): void {
  rememberCsrfToken(session?.csrf_token ?? null);
}

/**
 * Who is signed in (`null` when nobody is). `/api/account/session` answers 200 to everybody, so a
 * public page asking (for the header's « Mon compte ») leaves no error in the console.
 */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  const s = await read(client.account.session.$get(undefined, { init: signal ? { signal } : {} }));
  const session: Session | null =
    s.user && s.csrf_token ? { user: s.user, csrf_token: s.csrf_token, expires_at: s.expires_at ?? '' } : null;
  rememberSession(session);
  return session;
}

export function sessionQuery() {
  return queryOptions({ queryKey: sessionKey, queryFn: ({ signal }) => fetchSession(signal), staleTime: 60_000, retry: false });
}

/** Signed in: the session kept, and what was read anonymously (an actor's contacts) read again with it. */
export function sessionStarted(queryClient: QueryClient, session: Session): void {
  rememberSession(session);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
  queryClient.setQueryData(sessionKey, session);
}

/** Signed out: the session forgotten, the back office's data dropped, the public data read again (without the professionals' contacts). */
export function sessionEnded(queryClient: QueryClient): void {
  rememberSession(null);
  queryClient.setQueryData(sessionKey, null);
  queryClient.removeQueries({ queryKey: ['admin'] });
  queryClient.removeQueries({ queryKey: ['account'] });
  queryClient.removeQueries({ queryKey: ['inbox'] });
  void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
}
