/**
 * The public search's answer is written from views kept as JSON text (no parse, no serialisation
 * of the whole answer): its bytes must be those `JSON.stringify` gives of the answer made as
 * objects, for every kind of search — place, text, département, filters, sorts, pages, open now.
 */
import { actorRepository, actorSearch, openActorsIndex } from '@pare/db';
import { SearchActorsQuerySchema } from '@pare/schema';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDeps } from '../../apps/api/src/lib/context.ts';
import { searchActors } from '../../apps/api/src/services/actors.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const NOW = new Date('2026-03-03T10:30:00+01:00');
let t: TestApp;
beforeAll(() => {
  t = createTestApp({ config: { now: () => NOW } });
});
afterAll(() => t.close());

const SEARCHES = [
  '',
  'page=2',
  'commune=75056',
  'commune=69123&radius_km=50',
  'commune=13055&radius_km=5&actions=ecoute',
  'commune=59350&publics=familles&page=2&per_page=5',
  'commune=35238&sort=name',
  'commune=35238&sort=distance',
  'commune=33063&sort=updated',
  'postcode=31000&radius_km=100',
  'near=48.8566,2.3522&radius_km=20',
  'q=ecoute',
  'q=prostitution&departement=75',
  'q=famille&page=2&per_page=3',
  'departement=93',
  'departement=2A&types=association',
  'ouvert=maintenant',
  'commune=75056&ouvert=maintenant',
  'open_at=2026-03-07T15:00:00%2B01:00',
  'actions=hebergement&publics=jeunes',
  'per_page=100',
];

it('writes, for each search, the very bytes the answer made as objects serialises to', async () => {
  const deps = {
    db: t.db,
    actors: actorRepository(t.db),
    search: actorSearch(t.db),
    openActors: openActorsIndex(t.db),
    config: { now: () => NOW },
  } as unknown as AppDeps;
  let items = 0;
  for (const search of SEARCHES) {
    const res = await t.app.request(`/api/actors?${search}`);
    expect(res.status, search).toBe(200);
    expect(res.headers.get('content-type'), search).toBe('application/json');
    const q = SearchActorsQuerySchema.parse(Object.fromEntries(new URLSearchParams(search)));
    const expected = JSON.stringify(searchActors(deps, q));
    const text = await res.text();
    expect(text, search).toBe(expected);
    items += (JSON.parse(text) as { items: unknown[] }).items.length;
  }
  // Answers with items, distances and matches were compared, not only empty pages.
  expect(items).toBeGreaterThan(100);
});
