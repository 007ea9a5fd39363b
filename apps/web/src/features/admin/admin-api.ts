/** The back office's session: who is signed in, and its CSRF token handed to the app's `apiSend`. */
import type { CurrentUser } from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { apiGet, rememberCsrfToken } from '../../lib/api.ts';

export type Session = { user: CurrentUser; csrf_token: string; expires_at: string };

export const sessionKey = ['auth', 'session'] as const;

export function rememberSession(session: Session | null): void {
  rememberCsrfToken(session?.csrf_token ?? null);
}

/**
 * Who is signed in (`null` when nobody is). `/api/account/session` answers 200 to everybody, so a
 * public page asking (for the header's « Mon compte ») leaves no error in the console.
 */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  const s = await apiGet<{ user: CurrentUser | null; csrf_token: string | null; expires_at: string | null }>(
    '/account/session',
    undefined,
    signal,
  );
  const session = s.user && s.csrf_token ? { user: s.user, csrf_token: s.csrf_token, expires_at: s.expires_at ?? '' } : null;
  rememberSession(session);
  return session;
}

export function sessionQuery() {
  return queryOptions({ queryKey: sessionKey, queryFn: ({ signal }) => fetchSession(signal), staleTime: 60_000, retry: false });
}

/** Writes go through the app's one `apiSend` (lib/api.ts), which carries the CSRF token. */
export { apiSend } from '../../lib/api.ts';
