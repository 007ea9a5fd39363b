/**
 * The typed client: Hono's `hc` built from the API's own route tree (`ApiRoutes`, a type only,
 * erased at build), over the app's one fetch (`apiFetch`: CSRF, one `ApiRequestError`). A path,
 * a parameter or a response schema changed in the API breaks the web's typecheck, not a page.
 *
 *   const page = await read(client.actors.$get({ query: { q: 'écoute' } }));
 *   await read(client.admin.actors[':slug'].$patch({ param: { slug }, json: patch }));
 */
import { queryOptions } from '@tanstack/react-query';
import { type ClientResponse, DetailedError, hc, parseResponse } from 'hono/client';
import type { ApiRoutes } from '../../../api/src/routes/api.mount.ts';
import type { MapRoutes } from '../../../api/src/routes/map/map.index.ts';
import { fr } from '../i18n/fr.ts';
import { ApiRequestError, apiFetch } from './api.ts';
import { queryObject } from './query-object.ts';

export const client = hc<ApiRoutes>('/api', { fetch: apiFetch });
/** The embedded base map's routes, mounted apart under /api/map (their files are not JSON). */
export const mapClient = hc<MapRoutes>('/api/map', { fetch: apiFetch });

/**
 * The body of a successful answer, typed by the route's 2xx response schema. Error answers never
 * reach here: `apiFetch` has already thrown them as an `ApiRequestError`.
 */
// biome-ignore lint/suspicious/noExplicitAny: the bound hono's own parseResponse uses
export async function read<R extends ClientResponse<any>>(answer: R | Promise<R>): ReturnType<typeof parseResponse<R>> {
  try {
    return await parseResponse(answer);
  } catch (err) {
    if (err instanceof ApiRequestError || (err instanceof DOMException && err.name === 'AbortError')) throw err;
    const status = err instanceof DetailedError ? (err.statusCode ?? 0) : 0;
    throw new ApiRequestError('invalid_response', fr.errors.invalidResponse, status);
  }
}

/** What a read passes to the client's call: the query's abort signal. */
export type ReadOptions = { init: { signal: AbortSignal } };

/** A public read: `fetch` given the query's abort signal. */
export function readQuery<T, K extends readonly unknown[]>(queryKey: K, fetch: (options: ReadOptions) => Promise<T>) {
  return queryOptions({ queryKey, queryFn: ({ signal }) => fetch({ init: { signal } }) });
}

/** A page of a list: the previous page stays on screen while the next one loads. */
export function pageQuery<T, K extends readonly unknown[]>(queryKey: K, fetch: (options: ReadOptions) => Promise<T>) {
  return queryOptions({ queryKey, queryFn: ({ signal }) => fetch({ init: { signal } }), placeholderData: (previous) => previous });
}

/** A back-office read: `fetch` given the query's abort signal; never cached across sessions (staleTime 0). */
export function backOfficeQuery<T, K extends readonly unknown[]>(queryKey: K, fetch: (options: ReadOptions) => Promise<T>) {
  return queryOptions({ queryKey, queryFn: ({ signal }) => fetch({ init: { signal } }), staleTime: 0 });
}

/**
 * A back-office list at the page's query string (`params`, already in the API's parameter names):
 * `fetch` given it as the client's `query`, and the abort signal; keyed by `queryKey` then `params`.
 */
export function backOfficeListQuery<T, K extends readonly unknown[]>(
  queryKey: K,
  params: string,
  fetch: (query: Record<string, string | string[]>, options: ReadOptions) => Promise<T>,
) {
  return backOfficeQuery([...queryKey, params], (options) => fetch(queryObject(params), options));
}
