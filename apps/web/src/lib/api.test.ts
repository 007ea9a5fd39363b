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
