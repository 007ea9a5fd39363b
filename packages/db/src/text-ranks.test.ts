/** A text's first read on the worker thread: the same answers as on the server's thread, writes meanwhile included. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actorRepository, actorToInput } from './actors.ts';
import { type Db, openDatabase } from './database.ts';
import { actorSearch, actorSearchSql } from './search.ts';
import { STOP_WORDS, toFtsQuery } from './search-query.ts';
import { SEARCH_SYNONYMS } from './search-synonyms.ts';
import { seedDirectory } from './seed.ts';

const FIXTURES = new URL('../../../tests/fixtures/actors.yaml', import.meta.url).pathname;
const ask = (text: string) => ({ text, limit: 20, offset: 0 });

let dir: string;
let db: Db;
let search: ReturnType<typeof actorSearch>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pare-text-'));
  db = openDatabase(join(dir, 'pare.db'));
  seedDirectory(db, FIXTURES);
  search = actorSearch(db);
});
afterEach(async () => {
  await search.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a text searched for the first time', () => {
  it('is read on the worker thread, once for requests asking it together, and answers as a read on this thread does', async () => {
    await Promise.all([search.prepareText('parents'), search.prepareText('parents'), search.prepareText('tests')]);
    const here = actorSearch(db, { textReadsApart: false });
    for (const text of ['parents', 'tests']) expect(search.searchActors(ask(text))).toEqual(here.searchActors(ask(text)));
    expect(search.searchActors(ask('tests')).total).toBe(3);
    expect(search.textReads()).toEqual({ here: 0, apart: 2 });
    // Kept: asked again, no read at all.
    await search.prepareText('parents');
    expect(search.textReads()).toEqual({ here: 0, apart: 2 });
  });

  it('takes in an actor written while the worker read', async () => {
    const repo = actorRepository(db);
    const id = db.prepare(`SELECT id FROM actors WHERE name LIKE 'Prévention%'`).pluck().get() as number;
    const actor = repo.findActorById(id);
    if (!actor) throw new Error('fixture missing');
    const reading = search.prepareText('parents');
    repo.replaceActor(id, { ...actorToInput(actor), description: 'Un groupe pour les parents inquiets.' });
    await reading;
    const found = search.searchActors(ask('parents'));
    expect(found.hits.map((h) => h.id)).toContain(id);
    expect(found).toEqual(actorSearch(db, { textReadsApart: false }).searchActors(ask('parents')));
    expect(search.textReads().here).toBe(0);
  });

  it('kept, catches up on a write with no full-text read, here or on the worker: the actor written found at once, ranked as a whole read ranks it', async () => {
    await search.prepareText('parents');
    const repo = actorRepository(db);
    const id = db.prepare(`SELECT id FROM actors WHERE name LIKE 'Prévention%'`).pluck().get() as number;
    const actor = repo.findActorById(id);
    if (!actor) throw new Error('fixture missing');
    expect(search.searchActors(ask('parents')).hits.map((h) => h.id)).not.toContain(id);
    repo.replaceActor(id, { ...actorToInput(actor), description: 'Un groupe pour les parents inquiets.' });
    // Nothing to wait for: the search itself ranks the actor written, from its words.
    await search.prepareText('parents');
    expect(search.textCatchUps()).toBe(0);
    const found = search.searchActors(ask('parents'));
    expect(found.hits.map((h) => h.id)).toContain(id);
    expect(found).toEqual(actorSearch(db, { textReadsApart: false }).searchActors(ask('parents')));
    // One whole read (the first, on the worker), one catch-up of the actor written, here.
    expect(search.textReads()).toEqual({ here: 0, apart: 1 });
    expect(search.textCatchUps()).toBe(1);
  });

  it("kept past its weights' age, answers at once, caught up, while the worker reads it whole again behind the search", async () => {
    const s = actorSearch(db, { textRanksMaxAgeMs: 0 });
    try {
      await s.prepareText('parents');
      const repo = actorRepository(db);
      const id = db.prepare(`SELECT id FROM actors WHERE name LIKE 'Prévention%'`).pluck().get() as number;
      const actor = repo.findActorById(id);
      if (!actor) throw new Error('fixture missing');
      repo.replaceActor(id, { ...actorToInput(actor), description: 'Un groupe pour les parents inquiets.' });
      await s.prepareText('parents');
      // The search did not wait for the whole read: the worker's answer cannot have come yet.
      expect(s.textReads()).toEqual({ here: 0, apart: 1 });
      const found = s.searchActors(ask('parents'));
      expect(found.hits.map((h) => h.id)).toContain(id);
      expect(found).toEqual(actorSearchSql(db).searchActors(ask('parents')));
      expect(s.textCatchUps()).toBe(1);
      await vi.waitFor(() => expect(s.textReads()).toEqual({ here: 0, apart: 2 }));
      // Read again since the write: nothing more to read.
      await s.prepareText('parents');
      expect(s.textReads()).toEqual({ here: 0, apart: 2 });
      expect(s.searchActors(ask('parents'))).toEqual(found);
    } finally {
      await s.close();
    }
  });

  it('catches up on dozens of actors written since its read: each one matching found, the others not', async () => {
    await search.prepareText('parents');
    const repo = actorRepository(db);
    const model = repo.findActorById(db.prepare('SELECT min(id) FROM actors').pluck().get() as number);
    if (!model) throw new Error('fixture missing');
    const created = Array.from({ length: 40 }, (_, k) =>
      repo.createActor({
        ...actorToInput(model),
        name: `Lieu ${k}`,
        slug: `lieu-${k}`,
        description: k % 2 === 0 ? `Des parents et des familles, ${k} fois.` : 'Un lieu d’accueil.',
      }),
    );
    await search.prepareText('parents');
    const found = search.searchActors({ ...ask('parents'), limit: 100 });
    expect(search.textCatchUps()).toBe(1);
    expect(search.textReads()).toEqual({ here: 0, apart: 1 });
    const sql = actorSearchSql(db).searchActors({ ...ask('parents'), limit: 100 });
    // The weights are the whole read's (ten minutes at most): the same actors, their order may differ by a hair.
    expect(found.total).toBe(sql.total);
    expect(new Set(found.hits.map((h) => h.id))).toEqual(new Set(sql.hits.map((h) => h.id)));
    const ids = new Set(found.hits.map((h) => h.id));
    expect(created.filter((a) => ids.has(a.id)).map((a) => a.name)).toEqual(created.filter((_, k) => k % 2 === 0).map((a) => a.name));
  });

  it("the words the most entries hold, as typed, and the synonyms table's words are read ahead on the worker: a visitor searching one waits for no read", async () => {
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_words USING fts5vocab(main, actors_fts, row)');
    const words = db.prepare('SELECT term FROM temp.test_words ORDER BY doc DESC').pluck().all() as string[];
    const broadest = words.filter((w) => w.length >= 3 && !STOP_WORDS.has(w) && !/^\d+$/.test(w)).slice(0, 3);
    // Each as the vocabulary holds it and as a person types it (no plural's final s or x), then the synonyms' keys.
    const typed = broadest.map((w) => w.replace(/(?<=...)[sx]$/, ''));
    const texts = new Set([...broadest, ...typed, ...Object.keys(SEARCH_SYNONYMS)].map((t) => toFtsQuery(t)));
    expect(typed.some((t, i) => t !== broadest[i])).toBe(true);
    const kept = await search.warmTexts(3);
    expect(kept).toBe(texts.size);
    expect(search.textReads()).toEqual({ here: 0, apart: kept });
    for (const text of [...broadest, ...typed, 'dormir', 'Parents', 'fugue']) {
      await search.prepareText(text);
      const found = search.searchActors(ask(text));
      expect(found).toEqual(actorSearchSql(db).searchActors(ask(text)));
    }
    expect(search.searchActors(ask(broadest[0] as string)).total).toBeGreaterThan(1);
    // None of them was read again, here or on the worker.
    expect(search.textReads()).toEqual({ here: 0, apart: kept });
  });

  it('reads ahead, beyond the broadest words asked for, every word at least so many entries hold, and not the next one down', async () => {
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_words USING fts5vocab(main, actors_fts, row)');
    const rows = db.prepare('SELECT term, doc FROM temp.test_words ORDER BY doc DESC').raw().all() as [string, number][];
    const meaningful = rows.filter(([w]) => w.length >= 3 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
    // A threshold met by some words after the first and missed by the ones after them.
    const broad = (meaningful.find(([, doc], i) => i >= 2 && doc < (meaningful[1] as [string, number])[1]) ?? [])[1] as number;
    expect(broad).toBeGreaterThan(1);
    const read = meaningful.filter(([, doc], i) => i === 0 || doc >= broad).map(([w]) => w);
    const next = meaningful.find(([, doc]) => doc < broad)?.[0] as string;
    expect(read.length).toBeGreaterThan(2);
    const typed = read.map((w) => w.replace(/(?<=...)[sx]$/, ''));
    const texts = new Set([...read, ...typed, ...Object.keys(SEARCH_SYNONYMS)].map((t) => toFtsQuery(t)));
    const kept = await search.warmTexts(1, () => false, broad);
    expect(kept).toBe(texts.size);
    // A visitor searching the last word read ahead waits for no read; one searching the next word down does.
    await search.prepareText(read.at(-1) as string);
    expect(search.textReads()).toEqual({ here: 0, apart: kept });
    if (!texts.has(toFtsQuery(next))) {
      await search.prepareText(next);
      expect(search.textReads()).toEqual({ here: 0, apart: kept + 1 });
    }
  });

  it('catches up on several writes at once — an actor leaving the matches, one entering, a new one — as a whole read would answer', () => {
    const here = actorSearch(db, { textReadsApart: false });
    const repo = actorRepository(db);
    expect(here.searchActors(ask('parole')).total).toBeGreaterThan(0);
    const matching = here.searchActors(ask('parole')).hits.map((h) => h.id);
    const leaving = repo.findActorById(matching[0] as number);
    const entering = repo.findActorById(db.prepare(`SELECT id FROM actors WHERE name LIKE 'Prévention%'`).pluck().get() as number);
    if (!leaving || !entering) throw new Error('fixture missing');
    repo.replaceActor(leaving.id, { ...actorToInput(leaving), name: `${leaving.name} bis`, description: 'Un groupe d’entraide.' });
    repo.replaceActor(entering.id, { ...actorToInput(entering), description: 'Un lieu de parole pour les jeunes.' });
    const created = repo.createActor({ ...actorToInput(entering), name: 'Parole libre', slug: 'parole-libre' });
    const found = here.searchActors(ask('parole'));
    expect(here.textCatchUps()).toBe(1);
    expect(found.hits.map((h) => h.id)).not.toContain(leaving.id);
    expect(found.hits.map((h) => h.id)).toEqual(expect.arrayContaining([entering.id, created.id]));
    expect(found).toEqual(actorSearchSql(db).searchActors(ask('parole')));
  });

  it('catches up on a save that leaves the same actors matching: their ranks follow, as a whole read gives them', () => {
    const here = actorSearch(db, { textReadsApart: false });
    const repo = actorRepository(db);
    const other = repo.findActorById(db.prepare(`SELECT id FROM actors WHERE name LIKE 'Prévention%'`).pluck().get() as number);
    if (!other) throw new Error('fixture missing');
    repo.replaceActor(other.id, { ...actorToInput(other), description: 'Un lieu de parole, de parole vraie, pour dire la parole.' });
    const before = here.searchActors(ask('parole'));
    expect(before.total).toBe(2);
    // The one ranked second gets « parole » in its name (weighed most): still matching, now first.
    const second = repo.findActorById(before.hits[1]?.id as number);
    if (!second) throw new Error('fixture missing');
    repo.replaceActor(second.id, { ...actorToInput(second), name: `Parole — ${second.name}` });
    const after = here.searchActors(ask('parole'));
    expect(here.textCatchUps()).toBe(1);
    expect(after.hits.map((h) => h.id)).toEqual([second.id, before.hits[0]?.id]);
    expect(after).toEqual(actorSearchSql(db).searchActors(ask('parole')));
  });

  it('is read on this thread for a database in memory', async () => {
    const memory = openDatabase(':memory:');
    seedDirectory(memory, FIXTURES);
    const s = actorSearch(memory);
    await s.prepareText('parents');
    expect(s.searchActors(ask('parents')).total).toBeGreaterThan(0);
    expect(s.textReads()).toEqual({ here: 1, apart: 0 });
    memory.close();
  });
});
