import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { client, read } from '../../lib/client.ts';
import { inboxKeys, NO_FILTERS, requestListQuery } from '../inbox/queries.ts';
import { sessionEnded, sessionQuery } from './session.ts';

afterEach(() => vi.unstubAllGlobals());

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const user = { id: 1, email: 'equipe@example.org', role: 'curateur', departements: [], display_name: 'Équipe' };

/** A fake server: signed in until `/api/auth/logout`; every write's CSRF token written down. */
function server() {
  let signedIn = true;
  const writes: { url: string; token: string | null }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET') writes.push({ url, token: new Headers(init?.headers).get('X-CSRF-Token') });
    if (url === '/api/account/session')
      return json(
        signedIn ? { user, csrf_token: 'token-1', expires_at: '2030-01-01T00:00:00Z' } : { user: null, csrf_token: null, expires_at: null },
      );
    if (url === '/api/auth/logout') {
      signedIn = false;
      return new Response(null, { status: 204 });
    }
    if (url === '/api/auth/me') return json({ error: 'unauthorized', message: 'Connexion requise.' }, 401);
    if (url.startsWith('/api/admin/contact-requests'))
      return signedIn
        ? json({ total: 1, page: 1, per_page: 25, items: [{ reference: 'PARE-1' }] })
        : json({ error: 'unauthorized', message: 'Connexion requise.' }, 401);
    return json({ error: 'not_found', message: 'Inconnu.' }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  return { writes };
}

describe('one session for every page', () => {
  it('signing out of the back office leaves no page (header, back office, inbox) with the old session or the inbox’s requests', async () => {
    const { writes } = server();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    // The header, the back office's frame and the inbox each watch the session: one query, one key.
    const header = new QueryObserver(queryClient, sessionQuery());
    const frame = new QueryObserver(queryClient, sessionQuery());
    const seen: unknown[] = [];
    const stop = [header.subscribe((r) => seen.push(r.data)), frame.subscribe(() => {})];
    await queryClient.fetchQuery(sessionQuery());
    expect(header.getCurrentResult().data?.user.email).toBe('equipe@example.org');
    expect(queryClient.getQueryCache().findAll({ queryKey: ['auth'] })).toHaveLength(1);
    await queryClient.fetchQuery(requestListQuery(NO_FILTERS));
    expect(queryClient.getQueryData(requestListQuery(NO_FILTERS).queryKey)?.total).toBe(1);

    // What « Se déconnecter » does (useLogout): the call, then the session ended in the cache.
    await read(client.auth.logout.$post());
    sessionEnded(queryClient);

    expect(header.getCurrentResult().data).toBeNull();
    expect(frame.getCurrentResult().data).toBeNull();
    expect(seen.at(-1)).toBeNull();
    expect(queryClient.getQueryData(inboxKeys.list(NO_FILTERS))).toBeUndefined();
    expect(queryClient.getQueryCache().findAll({ queryKey: ['inbox'] })).toHaveLength(0);

    // The token of the ended session is sent no more.
    expect(writes[0]).toEqual({ url: '/api/auth/logout', token: 'token-1' });
    await read(client.auth.logout.$post()).catch(() => null);
    expect(writes.at(-1)?.token).toBeNull();
    for (const s of stop) s();
  });
});
