/**
 * Requests that change something (the curators' forms): JSON or multipart bodies, with the
 * session's CSRF token in `X-CSRF-Token`. The token comes from `GET /api/auth/me`. Errors are the
 * same `ApiRequestError` as `apiGet`'s, so forms show the API's French messages and fields.
 */
import type { ErrorCode } from '@pare/schema';
import { fr } from '../../i18n/fr.ts';
import { ApiRequestError, apiGet } from '../../lib/api.ts';

type Session = { user: { id: number; email: string; role: string; departements: string[] }; csrf_token: string };

let session: Promise<Session> | null = null;

/** The signed-in session (cached for the page's life; dropped after a 401 or 403). */
export function currentSession(): Promise<Session> {
  session ??= apiGet<Session>('/auth/me').catch((err: unknown) => {
    session = null;
    throw err;
  });
  return session;
}

export function forgetSession(): void {
  session = null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `POST`/`PATCH`/`PUT`/`DELETE` on `/api${path}`; `body` is JSON, or a FormData sent as multipart. */
export async function apiSend<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: `/${string}`, body?: unknown): Promise<T> {
  const { csrf_token } = await currentSession();
  const headers: Record<string, string> = { Accept: 'application/json', 'X-CSRF-Token': csrf_token };
  let payload: BodyInit | undefined;
  if (body instanceof FormData)
    payload = body; // the browser sets the multipart boundary
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, credentials: 'same-origin', ...(payload !== undefined ? { body: payload } : {}) });
  } catch {
    throw new ApiRequestError('network_error', fr.errors.network, 0);
  }
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 || res.status === 403) forgetSession();
    if (isRecord(parsed) && typeof parsed.error === 'string' && typeof parsed.message === 'string') {
      const issues = Array.isArray(parsed.issues)
        ? parsed.issues.filter(isRecord).map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }))
        : [];
      throw new ApiRequestError(
        parsed.error as ErrorCode,
        parsed.message,
        res.status,
        issues,
        typeof parsed.requestId === 'string' ? parsed.requestId : undefined,
      );
    }
    throw new ApiRequestError(res.status >= 500 ? 'internal_error' : 'invalid_response', fr.errors.generic, res.status);
  }
  return parsed as T;
}
