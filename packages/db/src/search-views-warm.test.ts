import { describe, expect, it } from 'vitest';
import { type ActorRecord, actorRepository, actorToInput } from './actors.ts';
import { openDatabase } from './database.ts';
import { GENERATED_SUFFIX, generateDirectory } from './generate.ts';
import { ANONYMOUS, publicView } from './public-view.ts';
import { anonymousListViewsJson, warmAnonymousListViews } from './search-views.ts';

/**
 * The view warmer (apps/api services/view-warmer.ts) makes every published actor's public view
 * ahead of the searches: after it, a page of results reads no actor record, and shows what a view
 * made on the spot shows.
 */
describe('the public views made ahead of the searches', () => {
  const setup = () => {
    const db = openDatabase(':memory:');
    generateDirectory(db, { actors: 300, seed: 5 });
    const repo = actorRepository(db);
    const reads: number[] = [];
    const load = (ids: readonly number[]): ActorRecord[] => {
      reads.push(...ids);
      return repo.loadActors(ids);
    };
    const published = () => db.prepare("SELECT id FROM actors WHERE status = 'published' ORDER BY id").pluck().all() as number[];
    return { db, repo, reads, load, published };
  };

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
