/**
 * Writes to the API and the session. `lib/api.ts` only reads (GET, no header to add), so the
 * back office and the public forms send through `apiSend`, which adds the session's CSRF token
 * (`X-CSRF-Token`) and throws the same `ApiRequestError` as `apiGet`.
 */
import type { CurrentUser, ErrorCode, ErrorIssue } from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { ApiRequestError, apiGet } from '../../lib/api.ts';

export type Session = { user: CurrentUser; csrf_token: string; expires_at: string };

export const sessionKey = ['auth', 'session'] as const;

// The token of the session this page knows; refreshed from /api/auth/me or the sign-in answer.
let csrfToken: string | null = null;

export function rememberSession(session: Session | null): void {
  csrfToken = session?.csrf_token ?? null;
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

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toError(status: number, body: unknown): ApiRequestError {
  if (isRecord(body) && typeof body.error === 'string' && typeof body.message === 'string') {
    const issues: ErrorIssue[] = Array.isArray(body.issues)
      ? body.issues.filter(isRecord).map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }))
      : [];
    return new ApiRequestError(
      body.error as ErrorCode,
      body.message,
      status,
      issues,
      typeof body.requestId === 'string' ? body.requestId : undefined,
    );
  }
  return new ApiRequestError(status >= 500 ? 'internal_error' : 'invalid_response', frAdmin.common.genericError, status);
}

async function send(method: string, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiRequestError('network_error', frAdmin.common.networkError, 0);
  }
}

/**
 * POST/PATCH `/api${path}` with a JSON body; returns the JSON answer or throws an
 * `ApiRequestError` carrying the API's `issues`. A session cookie without a known token (a page
 * opened in a new tab) is looked up once and the request retried.
 */
export async function apiSend<T>(method: 'POST' | 'PATCH' | 'DELETE', path: `/${string}`, body?: unknown): Promise<T> {
  let res = await send(method, path, body);
  if (res.status === 403 && !csrfToken) {
    await fetchSession().catch(() => null);
    if (csrfToken) res = await send(method, path, body);
  }
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiRequestError('invalid_response', frAdmin.common.genericError, res.status);
    }
  }
  if (!res.ok) throw toError(res.status, parsed);
  return parsed as T;
}
