/** The back office's session: who is signed in, and its CSRF token handed to the app's `apiSend`. */
import type { CurrentUser } from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { ApiRequestError, apiGet, rememberCsrfToken } from '../../lib/api.ts';

export type Session = { user: CurrentUser; csrf_token: string; expires_at: string };

export const sessionKey = ['auth', 'session'] as const;

export function rememberSession(session: Session | null): void {
  rememberCsrfToken(session?.csrf_token ?? null);
}

/** Who is signed in (`null` when nobody is). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await apiGet<Session>('/auth/me', undefined, signal);
    rememberSession(session);
    return session;
  } catch (err) {
    if (err instanceof ApiRequestError && err.status === 401) {
      rememberSession(null);
      return null;
    }
    throw err;
  }
}

export function sessionQuery() {
  return queryOptions({ queryKey: sessionKey, queryFn: ({ signal }) => fetchSession(signal), staleTime: 60_000, retry: false });
}

/** Writes go through the app's one `apiSend` (lib/api.ts), which carries the CSRF token. */
export { apiSend } from '../../lib/api.ts';
