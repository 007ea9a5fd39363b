import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, apiGet } from './api.ts';

afterEach(() => vi.unstubAllGlobals());

describe('fetch layer', () => {
  it('a validation error from the API becomes one ApiRequestError with the fields in cause', async () => {
    const body = {
      error: 'validation_error',
      message: 'Certaines données sont invalides.',
      issues: [{ path: 'commune', message: 'Commune inconnue : 99999' }],
      requestId: 'r1',
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(body), { status: 400 })),
    );
    const err = await apiGet('/actors', { commune: '99999' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ code: 'validation_error', status: 400, issues: [{ path: 'commune' }], requestId: 'r1' });
    expect((err as ApiRequestError).isClientError).toBe(true);
  });

  it('a network failure is reported in French, as the same error type', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const err = await apiGet('/actors').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect((err as ApiRequestError).code).toBe('network_error');
    expect((err as ApiRequestError).message).toMatch(/ne répond pas/);
  });

  it('only calls this site’s /api, with the query string built from the parameters', async () => {
    const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response('{"total":0}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await apiGet('/actors', { q: 'écoute', publics: 'jeunes', empty: '' });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/actors?q=%C3%A9coute&publics=jeunes');
  });
});

describe('typed client', () => {
  it('calls this site’s /api with the route’s path, parameters and query, and returns the typed body', async () => {
    const fetchMock = vi.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response('{"total":3}', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { client, read } = await import('./client.ts');
    const page = await read(client.actors.$get({ query: { q: 'écoute', publics: 'jeunes' } }));
    expect(page.total).toBe(3);
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/actors?q=%C3%A9coute&publics=jeunes');
    await read(client.actors[':slug'].$get({ param: { slug: encodeURIComponent('a/b') } }));
    expect(String(fetchMock.mock.calls[1]?.[0])).toBe('/api/actors/a%2Fb');
  });

  it('an error answer becomes the same ApiRequestError as apiGet’s, with the API’s message', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: 'not_found', message: 'Acteur inconnu.' }), { status: 404 })),
    );
    const { client, read } = await import('./client.ts');
    const err = await read(client.actors[':slug'].$get({ param: { slug: 'nope' } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ code: 'not_found', status: 404, message: 'Acteur inconnu.' });
  });

  it('a write carries the session’s CSRF token, and is retried once with a fresh one after a 403', async () => {
    const { client, read } = await import('./client.ts');
    const { rememberCsrfToken } = await import('./api.ts');
    rememberCsrfToken('stale');
    const calls: { url: string; token: string | null }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        calls.push({ url, token: new Headers(init?.headers).get('X-CSRF-Token') });
        if (url === '/api/auth/me') return new Response('{"csrf_token":"fresh"}', { status: 200 });
        const ok = new Headers(init?.headers).get('X-CSRF-Token') === 'fresh';
        return ok
          ? new Response('{"ok":true}', { status: 200, headers: { 'Content-Type': 'application/json' } })
          : new Response('{"error":"forbidden","message":"Jeton CSRF invalide."}', { status: 403 });
      }),
    );
    await read(client.auth.logout.$post());
    expect(calls.map((c) => [c.url, c.token])).toEqual([
      ['/api/auth/logout', 'stale'],
      ['/api/auth/me', null],
      ['/api/auth/logout', 'fresh'],
    ]);
  });
});
