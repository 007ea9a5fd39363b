/**
 * A process's first searches used to make, on the visitors' requests, what every later search
 * reads: the index, the sites' grid, the « open now » groups, each département's base and counts
 * (at 100,000 actors ~1 s for the first request, 2 s for the first 250: docs/PERFORMANCE.md §11).
 * The view warmer now makes them with a search around each département's chef-lieu.
 */
import { listDepartements } from '@pare/geo';
import { afterAll, describe, expect, it } from 'vitest';
import { searchActorsJson } from '../../apps/api/src/services/actors.ts';
import { createServices } from '../../apps/api/src/services/index.ts';
import { startViewWarmer } from '../../apps/api/src/services/view-warmer.ts';
import { createTestApp } from '../helpers/test-app.ts';

const t = createTestApp();
afterAll(() => t.close());

describe('the view warmer, before the first visitors search', () => {
  it('searches each département once, so that a visitor’s first search anywhere builds nothing whole', async () => {
    const deps = createServices({ db: t.db });
    const warmer = startViewWarmer(deps, { everyMs: 3_600_000 });
    const done = await warmer.ready;
    await warmer.stop();
    expect(done.places).toBe(listDepartements().length);
    expect(deps.search.indexBuilds()).toBe(1);
    const bases = deps.search.basesMade();
    expect(bases).toBeGreaterThanOrEqual(listDepartements().length);

    // Thionville (no chef-lieu) with a filter, and a Corsican commune: found, nothing made again.
    for (const q of [
      { commune: '57672', radius_km: 10, actions: ['prevention' as const] },
      { commune: '2A004', radius_km: 50 },
    ]) {
      const answer = JSON.parse(searchActorsJson(deps, { ...q, page: 1, per_page: 20 }).body.toString()) as { total: number };
      expect(answer.total).toBeGreaterThan(0);
    }
    expect(deps.search.indexBuilds()).toBe(1);
    expect(deps.search.basesMade()).toBe(bases);
  });

  it('stops between two départements when asked to', async () => {
    const deps = createServices({ db: t.db });
    const warmer = startViewWarmer(deps, { everyMs: 3_600_000 });
    await warmer.stop();
    expect((await warmer.ready).places).toBeLessThan(listDepartements().length);
  });
});
