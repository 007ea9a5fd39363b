import Database from 'better-sqlite3';
import type { Db } from './database.ts';

/**
 * FTS5's bm25 of one entry, computed here from the entry's own words: how a kept text catches up
 * on the actors a save wrote without asking FTS5 again. FTS5's bm25 weighs each word by how many
 * entries hold it, which it learns by reading the word's whole list of entries each time it is
 * asked, even for one entry (5–12 ms a common word at 100,000 actors, once per text kept and per
 * save: most of what a save cost the searches after it). Those counts, and the mean length of an
 * entry, are taken once with the text's whole read (`TextStats`); an entry's words come from
 * FTS5's own tokenizer, run on a table in memory holding only the entries written (`entryWords`).
 * The formula is FTS5's (sqlite/ext/fts5/fts5_aux.c, fts5Bm25Function), term for term, so that an
 * entry caught up ranks as a whole read of the same moment would rank it
 * (text-scoring.test.ts checks every entry of the fixtures against SQLite's own bm25).
 */

/** Each column's weight in bm25, in the table's column order: name, description, actions, places. */
export const TEXT_WEIGHTS = [10.0, 2.0, 3.0, 1.0] as const;

/** A text's matches with their bm25 rank (name weighs most, then actions, description, places). */
export const TEXT_RANKS_SQL = `SELECT rowid, bm25(actors_fts, ${TEXT_WEIGHTS.map((w) => w.toFixed(1)).join(', ')}) FROM actors_fts WHERE actors_fts MATCH ?`;

/** How many entries hold a phrase (what bm25 reads a word's whole list for). */
export const PHRASE_COUNT_SQL = 'SELECT count(*) FROM actors_fts WHERE actors_fts MATCH ?';

/** FTS5's record of the number of entries and of the words in each column (its « averages »). */
export const AVERAGES_SQL = 'SELECT block FROM actors_fts_data WHERE id = 1';

/**
 * An FTS5 query as `toFtsQuery` writes it: prefixes of one word each (`"w"*`), grouped by OR in
 * parentheses, groups joined by AND. `phrases` in the query's order (as bm25 numbers them).
 */
export type TextQuery = { phrases: string[]; groups: number[][] };

/** What bm25 needs beyond an entry's own words, as of the text's whole read. */
export type TextStats = { query: TextQuery; idf: Float64Array; avgdl: number };

/** An entry's words (FTS5's tokens, folded) in each column, and how many it holds in all. */
export type EntryWords = { columns: string[][]; size: number };

const PHRASE = /^"([a-z0-9]+)"\*$/;

/** The phrases and groups of a query `toFtsQuery` wrote, or null for any other shape (then it is read whole). */
export function parseTextQuery(fts: string): TextQuery | null {
  const phrases: string[] = [];
  const groups: number[][] = [];
  for (const part of fts.split(' AND ')) {
    const alternatives = part.startsWith('(') && part.endsWith(')') ? part.slice(1, -1).split(' OR ') : [part];
    const group: number[] = [];
    for (const alternative of alternatives) {
      const word = PHRASE.exec(alternative)?.[1];
      if (!word) return null;
      group.push(phrases.length);
      phrases.push(word);
    }
    groups.push(group);
  }
  return { phrases, groups };
}

/** The number of entries and of words in all columns, from FTS5's averages record (SQLite varints). */
export function textAverages(block: Uint8Array | undefined): { rows: number; words: number } {
  if (!block) return { rows: 0, words: 0 };
  const values: number[] = [];
  let at = 0;
  while (at < block.length) {
    let value = 0;
    let i = 0;
    for (; i < 8 && at < block.length; i++) {
      const byte = block[at++] as number;
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) break;
    }
    // A ninth byte gives all its eight bits (never reached by counts below 2^56).
    if (i === 8 && at < block.length) value = value * 256 + (block[at++] as number);
    values.push(value);
  }
  const [rows = 0, ...columns] = values;
  return { rows, words: columns.reduce((a, b) => a + b, 0) };
}

/** bm25's weights for `query`, from how many entries hold each phrase (`hits`) and the averages record. */
export function textStats(query: TextQuery, hits: readonly number[], averages: { rows: number; words: number }): TextStats {
  const nRow = averages.rows;
  const idf = Float64Array.from(query.phrases, (_, i) => {
    const nHit = hits[i] as number;
    const value = Math.log((nRow - nHit + 0.5) / (nHit + 0.5));
    return value <= 0.0 ? 1e-6 : value;
  });
  return { query, idf, avgdl: averages.words / nRow };
}

/** An entry's bm25 rank for a text (FTS5's fts5Bm25Function), or null when the entry does not match it. */
export function entryRank(stats: TextStats, entry: EntryWords): number | null {
  const { phrases, groups } = stats.query;
  const freq = new Float64Array(phrases.length);
  entry.columns.forEach((words, column) => {
    const w = TEXT_WEIGHTS[column] ?? 1.0;
    for (const word of words)
      for (let i = 0; i < phrases.length; i++) if (word.startsWith(phrases[i] as string)) freq[i] = (freq[i] as number) + w;
  });
  if (!groups.every((group) => group.some((i) => (freq[i] as number) > 0))) return null;
  const k1 = 1.2;
  const b = 0.75;
  const D = entry.size;
  let score = 0.0;
  for (let i = 0; i < phrases.length; i++) {
    const f = freq[i] as number;
    score += (stats.idf[i] as number) * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + (b * D) / stats.avgdl)));
  }
  return -1.0 * score;
}

/**
 * The words of entries as FTS5 tokenizes them: each entry's columns read from the full-text table
 * by rowid, put in a table in memory made with the same definition (tokenizer and all), and read
 * back through its vocabulary of instances. Null for an entry the full-text table no longer holds.
 */
export function entryWords(db: Db) {
  let scratch: Database.Database | null = null;
  let statements: {
    read: Database.Statement;
    clear: Database.Statement;
    insert: Database.Statement;
    words: Database.Statement;
    columns: string[];
  } | null = null;

  function prepared() {
    if (statements) return statements;
    const definition = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'actors_fts'`).pluck().get() as string;
    const columns = db.prepare(`SELECT name FROM pragma_table_info('actors_fts')`).pluck().all() as string[];
    scratch = new Database(':memory:');
    scratch.exec(definition.replace(/^CREATE VIRTUAL TABLE\s+"?actors_fts"?/i, 'CREATE VIRTUAL TABLE entries'));
    scratch.exec('CREATE VIRTUAL TABLE entry_words USING fts5vocab(entries, instance)');
    statements = {
      read: db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM actors_fts WHERE rowid = ?`).raw(),
      clear: scratch.prepare('DELETE FROM entries'),
      insert: scratch.prepare(
        `INSERT INTO entries (rowid, ${columns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
      ),
      words: scratch.prepare('SELECT doc, col, term FROM entry_words ORDER BY doc, col, "offset"').raw(),
      columns,
    };
    return statements;
  }

  /** The words of each entry named, as the directory is now. */
  function read(ids: Iterable<number>): Map<number, EntryWords | null> {
    const s = prepared();
    const found = new Map<number, EntryWords | null>();
    s.clear.run();
    for (const id of ids) {
      const row = s.read.get(id) as unknown[] | undefined;
      if (!row) {
        found.set(id, null);
        continue;
      }
      s.insert.run(id, ...row);
      found.set(id, { columns: s.columns.map(() => []), size: 0 });
    }
    for (const [doc, col, term] of s.words.all() as [number, string, string][]) {
      const entry = found.get(doc);
      if (!entry) continue;
      entry.columns[s.columns.indexOf(col)]?.push(term);
      entry.size++;
    }
    s.clear.run();
    return found;
  }

  return {
    read,
    close(): void {
      scratch?.close();
      scratch = null;
      statements = null;
    },
  };
}
