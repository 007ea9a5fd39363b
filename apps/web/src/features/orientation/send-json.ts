/**
 * POST/PATCH for the orientation area, with the same error type as `apiGet` (lib/api.ts has GET
 * only today; this belongs there once the lead merges it). A signed-in person's session requires the
 * CSRF token on every change; an anonymous visitor has none.
 */
import type { ErrorCode } from '@pare/schema';
import { fr } from '../../i18n/fr.ts';
import { ApiRequestError } from '../../lib/api.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toError(status: number, body: unknown): ApiRequestError {
  if (isRecord(body) && typeof body.error === 'string' && typeof body.message === 'string') {
    const issues = Array.isArray(body.issues)
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
  return new ApiRequestError(status >= 500 ? 'internal_error' : 'invalid_response', fr.errors.generic, status);
}

async function request<T>(method: string, path: `/${string}`, body: unknown, csrf: string | null): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
      },
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiRequestError('network_error', fr.errors.network, 0);
  }
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiRequestError('invalid_response', fr.errors.invalidResponse, res.status);
    }
  }
  if (!res.ok) throw toError(res.status, parsed);
  return parsed as T;
}

/** The session's CSRF token, or null when nobody is signed in (or the check fails: the server will say). */
export async function currentCsrfToken(): Promise<string | null> {
  try {
    const me = await request<{ csrf_token?: unknown }>('GET', '/auth/me', undefined, null);
    return typeof me.csrf_token === 'string' ? me.csrf_token : null;
  } catch {
    return null;
  }
}

/**
 * Sends a JSON body and returns the typed answer, or throws one ApiRequestError. With `csrf` given
 * (the inbox has it from the session) it is sent as is. Without it, the request goes out bare — the
 * common case of an anonymous visitor, with no extra call — and a 403 (a signed-in person's session
 * requires the token) is retried once with the token read from /api/auth/me: the refused request had
 * no effect, the CSRF check runs before anything else.
 */
export async function sendJson<T>(method: 'POST' | 'PATCH', path: `/${string}`, body?: unknown, csrf?: string | null): Promise<T> {
  if (csrf !== undefined) return request<T>(method, path, body, csrf);
  try {
    return await request<T>(method, path, body, null);
  } catch (err) {
    if (!(err instanceof ApiRequestError && err.status === 403)) throw err;
    const token = await currentCsrfToken();
    if (!token) throw err;
    return request<T>(method, path, body, token);
  }
}
