/**
 * The fetch layer: every call to our API goes through `apiFetch` (the typed client's, `client.ts`),
 * which throws one `ApiRequestError` (so every TanStack Query error has the same type and a French
 * message). Only relative URLs: the client never talks to another origin.
 */
import type { ErrorCode, ErrorIssue } from '@pare/schema';
import { fr } from '../i18n/fr.ts';

/** `network_error` and `invalid_response` are the client's own codes, added to the API's. */
export type ClientErrorCode = ErrorCode | 'network_error' | 'invalid_response';

export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    readonly issues: ErrorIssue[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** Client errors (bad parameters, unknown actor) do not get better on a retry. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the API's error body `{ error, message, issues?, requestId? }` without trusting it. */
export function toApiRequestError(status: number, body: unknown): ApiRequestError {
  if (isRecord(body) && typeof body.error === 'string' && typeof body.message === 'string') {
    const issues = Array.isArray(body.issues)
      ? body.issues.filter(isRecord).map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }))
      : [];
    const requestId = typeof body.requestId === 'string' ? body.requestId : undefined;
    return new ApiRequestError(body.error as ErrorCode, body.message, status, issues, requestId);
  }
  return new ApiRequestError(status >= 500 ? 'internal_error' : 'invalid_response', fr.errors.generic, status);
}

export type Query = URLSearchParams | Record<string, string | undefined> | string;

function toSearch(query: Query | undefined): string {
  if (query === undefined) return '';
  let params: URLSearchParams;
  if (typeof query === 'string') params = new URLSearchParams(query);
  else if (query instanceof URLSearchParams) params = query;
  else {
    params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The answer's JSON body (null when empty), or an `ApiRequestError` when it is not JSON. */
async function jsonBody<T>(res: Response): Promise<T> {
  const text = await res.text();
  if (!text) return null as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiRequestError('invalid_response', fr.errors.invalidResponse, res.status);
  }
}

/** GET `/api${path}` and return the JSON body typed as `T`, or throw an `ApiRequestError`. */
export async function apiGet<T>(path: `/${string}`, query?: Query, signal?: AbortSignal): Promise<T> {
  const res = await apiFetch(`/api${path}${toSearch(query)}`, signal ? { signal } : {});
  return jsonBody<T>(res);
}

// ---------------------------------------------------------------------------------------------
// Writes. Every POST/PATCH/PUT/DELETE of the app goes through `apiFetch`, by the typed client: the
// public forms (no session: no token needed), the back office and the inbox (a session: its CSRF token).
// ---------------------------------------------------------------------------------------------

/** The CSRF token of the session this page knows (from the sign-in answer or /api/auth/me). */
let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function refreshCsrfToken(): Promise<string | null> {
  try {
    const me = await apiGet<{ csrf_token?: unknown }>('/auth/me');
    csrfToken = typeof me.csrf_token === 'string' ? me.csrf_token : null;
  } catch {
    csrfToken = null;
  }
  return csrfToken;
}

/**
 * The one `fetch` of the app, used by the typed client (`client.ts`) and by `apiGet`:
 * same-origin credentials, the session's CSRF token on writes, and every failure as one
 * `ApiRequestError` (a network failure, or an error answer read from its body). A 403 on a write
 * with a token unknown or stale (a signed-in person in a new tab) is retried once with the
 * session's current token: the refused request had no effect, the CSRF check runs first.
 */
export async function apiFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const write = method !== 'GET' && method !== 'HEAD';
  const attempt = async (token: string | null) => {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    if (write && token) headers.set('X-CSRF-Token', token);
    try {
      return await fetch(input, { ...init, headers, credentials: 'same-origin' });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiRequestError('network_error', fr.errors.network, 0);
    }
  };
  const sentWith = csrfToken;
  let res = await attempt(sentWith);
  if (write && res.status === 403) {
    const fresh = await refreshCsrfToken();
    if (fresh && fresh !== sentWith) res = await attempt(fresh);
  }
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = JSON.parse(await res.text());
    } catch {
      // not JSON: toApiRequestError gives the generic message
    }
    throw toApiRequestError(res.status, body);
  }
  return res;
}
