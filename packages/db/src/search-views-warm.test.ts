import { describe, expect, it } from 'vitest';
import { type ActorRecord, actorRepository, actorToInput } from './actors.ts';
import { openDatabase } from './database.ts';
import { GENERATED_SUFFIX, generateDirectory } from './generate.ts';
import { ANONYMOUS, publicView } from './public-view.ts';
import { anonymousListViewsJson, renewAnonymousListViews, warmAnonymousListViews } from './search-views.ts';

/** A generated directory, with a loader that records the actors it reads, and the published ids. */
function generated(actors: number, seed: number) {
  const db = openDatabase(':memory:');
  generateDirectory(db, { actors, seed });
  const repo = actorRepository(db);
  const reads: number[] = [];
  const load = (ids: readonly number[]): ActorRecord[] => {
    reads.push(...ids);
    return repo.loadActors(ids);
  };
  const published = () => db.prepare("SELECT id FROM actors WHERE status = 'published' ORDER BY id").pluck().all() as number[];
  return { db, repo, reads, load, published };
}

/**
 * The view warmer (apps/api services/view-warmer.ts) makes every published actor's public view
 * ahead of the searches: after it, a page of results reads no actor record, and shows what a view
 * made on the spot shows.
 */
describe('the public views made ahead of the searches', () => {
  const setup = () => generated(300, 5);

  it('makes every published actor’s view, so that a page of results then reads no record', async () => {
    const { db, repo, reads, load, published } = setup();
    repo.setActorStatus(published()[0] as number, 'archived');
    const ids = published();
    expect(await warmAnonymousListViews(db, load, { chunk: 64 })).toBe(ids.length);
    expect(new Set(reads)).toEqual(new Set(ids));

    reads.length = 0;
    const page = ids.filter((_, i) => i % 15 === 0).slice(0, 20);
    const at = new Date();
    const { views } = anonymousListViewsJson(db, load, page, at);
    expect(reads).toEqual([]);
    expect(views.map((v) => v.toString())).toEqual(
      repo.loadActors(page).map((record) => JSON.stringify(publicView(record, ANONYMOUS, { at, week: false }))),
    );
  });

  it('makes again only what a write dropped, and nothing when all are made', async () => {
    const { db, repo, load, published } = setup();
    await warmAnonymousListViews(db, load);
    expect(await warmAnonymousListViews(db, load)).toBe(0);
    const id = published()[7] as number;
    const record = repo.findActorById(id) as ActorRecord;
    repo.replaceActor(id, { ...actorToInput(record), description: `Relu et corrigé${GENERATED_SUFFIX}` });
    expect(await warmAnonymousListViews(db, load)).toBe(1);
    const [view] = anonymousListViewsJson(db, load, [id], new Date()).views;
    expect(JSON.parse(view?.toString() ?? '{}').description).toBe(`Relu et corrigé${GENERATED_SUFFIX}`);
  });

  it('stops when asked, leaving the searches to make the views themselves', async () => {
    const { db, reads, load, published } = setup();
    let chunks = 0;
    expect(await warmAnonymousListViews(db, load, { chunk: 50, stop: () => ++chunks > 2 })).toBe(100);
    reads.length = 0;
    const rest = published().slice(150, 160);
    anonymousListViewsJson(db, load, rest, new Date());
    expect(reads).toEqual(rest);
  });

  it('lets searches answer between two chunks', async () => {
    const { db, load } = setup();
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    await warmAnonymousListViews(db, load, { chunk: 20 });
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
  });
});

/**
 * A kept view holds its instants as whole seconds (small integers, unboxed: two objects a view for
 * the collector instead of five, docs/PERFORMANCE.md §18). Its end is rounded down and its start
 * too, which is exact as hours change on whole seconds.
 */
describe('a kept view’s instants, to the second', () => {
  it('shows a closing not a millisecond late, and serves the whole second it was made in', () => {
    const { db, repo, reads, load, published } = generated(120, 3);
    const withSite = published().filter((id) => repo.findActorById(id)?.sites.some((s) => !s.confidential));
    const [closing, other] = withSite as [number, number];
    const record = repo.findActorById(closing) as ActorRecord;
    const input = actorToInput(record);
    const site = input.sites.findIndex((_, i) => !record.sites[i]?.confidential);
    input.sites[site] = {
      ...input.sites[site],
      opening_hours: 'Mo-Su 09:00-16:00',
      temporary_closures: [],
    } as (typeof input.sites)[number];
    repo.replaceActor(closing, input);
    const openNow = (view: Buffer | undefined) =>
      (JSON.parse(view?.toString() ?? '{}') as { sites: { open_now: boolean | null }[] }).sites[site]?.open_now;
    // 15:59:59.700 in Paris (winter, UTC+1): open, for 300 ms more.
    expect(openNow(anonymousListViewsJson(db, load, [closing], new Date('2026-12-07T14:59:59.700Z')).views[0])).toBe(true);
    reads.length = 0;
    expect(openNow(anonymousListViewsJson(db, load, [closing], new Date('2026-12-07T14:59:59.999Z')).views[0])).toBe(true);
    expect(reads).toEqual([]);
    // 16:00:00.000: closed, read again.
    expect(openNow(anonymousListViewsJson(db, load, [closing], new Date('2026-12-07T15:00:00.000Z')).views[0])).toBe(false);
    expect(reads).toEqual([closing]);

    // Made at .400 of a second, a view also answers a search stamped earlier in that second.
    reads.length = 0;
    anonymousListViewsJson(db, load, [other], new Date('2026-12-07T15:00:07.400Z'));
    const earlier = new Date('2026-12-07T15:00:07.100Z');
    const { views } = anonymousListViewsJson(db, load, [other], earlier);
    expect(reads).toEqual([other]);
    expect(views[0]?.toString()).toBe(
      JSON.stringify(publicView(repo.findActorById(other) as ActorRecord, ANONYMOUS, { at: earlier, week: false })),
    );
  });
});

/**
 * At a local midnight every kept view runs out at once (its closures and its week move on): the
 * views of the new day are made ahead (`renewAnonymousListViews`, from the view warmer's passes),
 * so the first searches after midnight read no record and show the new day's state.
 */
describe('the public views of the next day, made before midnight', () => {
  // 23:57 and 00:01 in Paris (winter: UTC+1).
  const before = new Date('2026-12-07T22:57:00Z');
  const after = new Date('2026-12-07T23:01:00Z');
  const setup = () => {
    const { db, repo, reads, load, published } = generated(200, 11);
    const ids = published();
    // An actor whose public site closes tomorrow: its view changes at midnight.
    const closing = ids.find((id) => repo.findActorById(id)?.sites.some((s) => !s.confidential)) as number;
    const record = repo.findActorById(closing) as ActorRecord;
    const input = actorToInput(record);
    const site = input.sites.findIndex((_, i) => !record.sites[i]?.confidential);
    input.sites[site] = {
      ...input.sites[site],
      temporary_closures: [{ starts_on: '2026-12-08', ends_on: '2026-12-09', message: 'Fermé pour travaux', closed: true }],
    } as (typeof input.sites)[number];
    repo.replaceActor(closing, input);
    const fresh = (at: Date) => repo.loadActors(ids).map((r) => JSON.stringify(publicView(r, ANONYMOUS, { at, week: false })));
    return { db, repo, reads, load, ids, closing, fresh };
  };

  it('makes them ahead, so that after midnight a page reads no record and shows the new day', async () => {
    const { db, reads, load, ids, closing, fresh } = setup();
    await warmAnonymousListViews(db, load, { now: () => before });
    expect(await renewAnonymousListViews(db, load, { now: () => before, withinMs: 5 * 60_000 })).toBe(ids.length);
    reads.length = 0;

    const { views } = anonymousListViewsJson(db, load, ids, after);
    expect(reads).toEqual([]);
    expect(views.map((v) => v.toString())).toEqual(fresh(after));
    // The closing actor's view did change at midnight: the one made ahead is the new day's.
    const i = ids.indexOf(closing);
    expect(fresh(before)[i]).not.toEqual(fresh(after)[i]);
    expect(JSON.parse(views[i]?.toString() ?? '{}').sites.some((s: { open_now: boolean | null }) => s.open_now === false)).toBe(true);
    // Before midnight, the searches still show today's views.
    expect(anonymousListViewsJson(db, load, ids, before).views.map((v) => v.toString())).toEqual(fresh(before));
  });

  it('spreads them over the passes before midnight instead of making them all in one', async () => {
    const { db, reads, load, ids, fresh } = setup();
    const at = (minutes: number) => new Date(before.getTime() - (17 - minutes) * 60_000);
    await warmAnonymousListViews(db, load, { now: () => at(0) });
    const made: number[] = [];
    for (let minute = 0; minute <= 17; minute++)
      made.push(await renewAnonymousListViews(db, load, { now: () => at(minute), everyMs: 60_000 }));
    expect(made.reduce((x, y) => x + y, 0)).toBe(ids.length);
    // 23:40 to 23:57, one pass a minute: none makes more than a tenth of them.
    expect(Math.max(...made)).toBeLessThanOrEqual(Math.ceil(ids.length / 10));
    reads.length = 0;
    expect(anonymousListViewsJson(db, load, ids, after).views.map((v) => v.toString())).toEqual(fresh(after));
    expect(reads).toEqual([]);
  });

  it('makes ahead only what runs out soon, and drops what a write changed', async () => {
    const { db, repo, reads, load, ids, closing, fresh } = setup();
    const early = new Date(before.getTime() - 40 * 60_000);
    await warmAnonymousListViews(db, load, { now: () => early });
    expect(await renewAnonymousListViews(db, load, { now: () => early })).toBe(0);
    await renewAnonymousListViews(db, load, { now: () => before });
    const record = repo.findActorById(closing) as ActorRecord;
    repo.replaceActor(closing, { ...actorToInput(record), description: `Relu avant minuit${GENERATED_SUFFIX}` });
    reads.length = 0;
    const { views } = anonymousListViewsJson(db, load, ids, after);
    expect(reads).toEqual([closing]);
    expect(views.map((v) => v.toString())).toEqual(fresh(after));
  });
});
