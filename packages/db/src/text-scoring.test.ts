/** A text's bm25 rank computed from an entry's own words: FTS5's own, entry for entry. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { generateDirectory } from './generate.ts';
import { STOP_WORDS, toFtsQuery } from './search-query.ts';
import { SEARCH_SYNONYMS } from './search-synonyms.ts';
import { seedDirectory } from './seed.ts';
import {
  AVERAGES_SQL,
  entryRank,
  entryWords,
  PHRASE_COUNT_SQL,
  parseTextQuery,
  TEXT_RANKS_SQL,
  textAverages,
  textStats,
} from './text-scoring.ts';

const FIXTURES = new URL('../../../tests/fixtures/actors.yaml', import.meta.url).pathname;

const seeded = () => {
  const db = openDatabase(':memory:');
  seedDirectory(db, FIXTURES);
  return db;
};
const generated = () => {
  const db = openDatabase(':memory:');
  generateDirectory(db, { actors: 600, seed: 4 });
  return db;
};

describe.each([
  ['the fixtures (accents, apostrophes, real descriptions)', seeded, 50],
  ['a generated directory of 600 actors', generated, 5000],
])("an entry's bm25 rank computed from its words, in %s", (_, open, least) => {
  const db = open();
  const ids = db.prepare('SELECT rowid FROM actors_fts ORDER BY rowid').pluck().all() as number[];
  const words = entryWords(db).read(ids);
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.scoring_words USING fts5vocab(main, actors_fts, row)');
  const vocabulary = db.prepare('SELECT term FROM temp.scoring_words ORDER BY doc DESC').pluck().all() as string[];
  const broad = vocabulary.filter((w) => w.length >= 3 && !STOP_WORDS.has(w)).slice(0, 12);
  const rare = vocabulary.filter((w) => w.length >= 3 && !STOP_WORDS.has(w)).slice(-6);
  const texts = [
    ...broad,
    ...rare,
    ...broad.map((w) => w.slice(0, 4)),
    ...Object.keys(SEARCH_SYNONYMS),
    'jeunes parents',
    'écoute des familles',
    'prévention prostitution mineurs',
  ];

  it('is, for every entry and text (one word, a prefix, synonyms in OR, words in AND), the rank SQLite gives; an entry not matching gets none', () => {
    let compared = 0;
    const averages = textAverages(db.prepare(AVERAGES_SQL).pluck().get() as Uint8Array);
    expect(averages.rows).toBe(ids.length);
    for (const text of texts) {
      const fts = toFtsQuery(text);
      if (!fts) continue;
      const query = parseTextQuery(fts);
      expect(query, fts).not.toBeNull();
      if (!query) continue;
      const hits = query.phrases.map((p) => db.prepare(PHRASE_COUNT_SQL).pluck().get(`"${p}"*`) as number);
      const stats = textStats(query, hits, averages);
      const sqlite = new Map(db.prepare(TEXT_RANKS_SQL).raw().all(fts) as [number, number][]);
      for (const id of ids) {
        const entry = words.get(id);
        if (!entry) throw new Error(`no words for ${id}`);
        const rank = entryRank(stats, entry);
        const expected = sqlite.get(id);
        if (expected === undefined) expect(rank, `${fts} #${id}`).toBeNull();
        else {
          expect(rank, `${fts} #${id}`).not.toBeNull();
          expect(Math.abs((rank as number) - expected), `${fts} #${id}`).toBeLessThanOrEqual(Math.abs(expected) * 1e-12);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(least);
  });

  it('reads an entry the full-text table no longer holds as none', () => {
    expect(entryWords(db).read([999_999]).get(999_999)).toBeNull();
  });

  it('leaves a query of another shape (a phrase of two words, a column filter) to a whole read', () => {
    expect(parseTextQuery('"jeunes parents"*')).toBeNull();
    expect(parseTextQuery('name:"parents"*')).toBeNull();
    expect(parseTextQuery('("parent"* OR "famille"*) AND "jeune"*')).toEqual({
      phrases: ['parent', 'famille', 'jeune'],
      groups: [[0, 1], [2]],
    });
  });
});
