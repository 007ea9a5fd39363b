/**
 * A process's first searches used to make, on the visitors' requests, what every later search
 * reads: the index, the sites' grid, the « open now » groups, each département's base and counts
 * (at 100,000 actors ~1 s for the first request, 2 s for the first 250: docs/PERFORMANCE.md §11).
 * The view warmer now makes them with a search around each département's chef-lieu.
 */
import { getCommune, listDepartements } from '@pare/geo';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { joinJsonParts } from '../../apps/api/src/lib/json-parts.ts';
import { searchActorsJson } from '../../apps/api/src/services/actors.ts';
import { createServices } from '../../apps/api/src/services/index.ts';
import { startViewWarmer, warmSearchPaths } from '../../apps/api/src/services/view-warmer.ts';
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
      const answer = JSON.parse(joinJsonParts(searchActorsJson(deps, { ...q, page: 1, per_page: 20 }).parts).toString()) as {
        total: number;
      };
      expect(answer.total).toBeGreaterThan(0);
    }
    expect(deps.search.indexBuilds()).toBe(1);
    expect(deps.search.basesMade()).toBe(bases);
  });

  it('makes, before midnight in Paris, the views of after it: the first searches of the new day read no actor', async () => {
    // Its own database: the views are kept per connection, and those the test above made at the
    // real time would otherwise be kept too. On the day this test's clock reads (2026-12-07), late
    // in the evening, some were still valid at 23:58: renewed here, not made here (271 against 270
    // in CI at 22:45 in Paris).
    const own = createTestApp();
    onTestFinished(() => own.close());
    let clock = new Date('2026-12-07T22:58:00Z'); // 23:58 in Paris
    const base = createServices({ db: own.db, config: { now: () => clock } });
    const reads: number[] = [];
    const deps = {
      ...base,
      actors: {
        ...base.actors,
        loadActors: (ids: readonly number[]) => {
          reads.push(...ids);
          return base.actors.loadActors(ids);
        },
      },
    };
    const warmer = startViewWarmer(deps, { everyMs: 3_600_000 });
    const done = await warmer.ready;
    await warmer.stop();
    expect(done.renewed).toBe(done.views);
    expect(done.views).toBeGreaterThan(0);

    clock = new Date('2026-12-07T23:02:00Z');
    reads.length = 0;
    const answer = JSON.parse(
      joinJsonParts(searchActorsJson(deps, { commune: '75056', radius_km: 30, page: 1, per_page: 20 }).parts).toString(),
    ) as { total: number; at: string };
    expect(answer.total).toBeGreaterThan(0);
    expect(answer.at).toBe('2026-12-07T23:02:00.000Z');
    expect(reads).toEqual([]);
  });

  it('stops between two départements when asked to', async () => {
    const deps = createServices({ db: t.db });
    const warmer = startViewWarmer(deps, { everyMs: 3_600_000 });
    await warmer.stop();
    expect((await warmer.ready).places).toBeLessThan(listDepartements().length);
  });

  it('sends the app a sample of visitors’ searches once, which no log line, no metric and no remembered answer counts', async () => {
    const TOKEN = 'warm-metrics-token-0123456789';
    const w = createTestApp({ captureLog: true, config: { metricsToken: TOKEN } });
    try {
      const deps = createServices({ db: w.db });
      const warmer = startViewWarmer(deps, { everyMs: 3_600_000, fetch: w.app.fetch, requests: 60 });
      const done = await warmer.ready;
      await warmer.stop();
      // Every one answered 200: a search the app could not answer would not count.
      expect(done.requests).toBe(60);
      expect(w.lines.filter((line) => JSON.parse(line).msg === 'request')).toEqual([]);
      // Asked by a visitor, a warm path is new to the public cache: kept from its second ask, a hit at its third.
      const path = warmSearchPaths(60)[7] as string;
      for (let i = 0; i < 3; i++) expect((await w.app.request(path)).status).toBe(200);
      expect(w.lines.filter((line) => JSON.parse(line).msg === 'request')).toHaveLength(3);
      const metrics = await (await w.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      expect(metrics).toMatch(/pare_http_requests_total\{method="GET",route="\/api\/actors",status="200"\} 3\n/);
      expect(metrics).toMatch(/pare_public_cache_lookups_total\{result="miss"\} 2\n/);
      expect(metrics).toMatch(/pare_public_cache_lookups_total\{result="hit"\} 1\n/);
    } finally {
      w.close();
    }
  });

  it('spreads its searches over France’s communes, filters and words, the same at each start', () => {
    const paths = warmSearchPaths(2_000);
    expect(new Set(paths).size).toBe(2_000);
    expect(warmSearchPaths(2_000)).toEqual(paths);
    const communes = new Set(paths.map((p) => new URLSearchParams(p.split('?')[1]).get('commune')).filter(Boolean));
    const departements = new Set([...communes].map((code) => getCommune(code as string)?.departement));
    expect(communes.size).toBeGreaterThan(1_500);
    expect(departements.size).toBe(listDepartements().length);
    expect(paths.filter((p) => p.includes('q=')).length).toBe(400);
  });
});
