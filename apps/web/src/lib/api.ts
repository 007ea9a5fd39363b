/**
 * The fetch layer: every call to our API goes through `apiGet`, which returns the typed body or
 * throws one `ApiRequestError` (so every TanStack Query error has the same type and a French
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
function toApiRequestError(status: number, body: unknown): ApiRequestError {
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

/** GET `/api${path}` and return the JSON body typed as `T`, or throw an `ApiRequestError`. */
export async function apiGet<T>(path: `/${string}`, query?: Query, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}${toSearch(query)}`, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiRequestError('network_error', fr.errors.network, 0);
  }
  let body: unknown = null;
  const text = await res.text();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiRequestError('invalid_response', fr.errors.invalidResponse, res.status);
    }
  }
  if (!res.ok) throw toApiRequestError(res.status, body);
  return body as T;
}
