// The worker thread of text-ranks.ts: one read-only connection to the directory's file, answering
// a full-text query's matches and bm25 ranks, in rowid order, as typed arrays handed over whole,
// with how many entries hold each phrase asked and FTS5's averages record, read in one transaction
// (what a kept text needs to rank the actors written later: text-scoring.ts).
// Plain JavaScript (no TypeScript loader to register in a worker); the SQL comes from text-scoring.ts.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const ranks = db.prepare(workerData.sql.ranks).raw();
const count = db.prepare(workerData.sql.count).pluck();
const averages = db.prepare(workerData.sql.averages).pluck();
const read = db.transaction((fts, phrases) => ({
  rows: ranks.all(fts),
  hits: phrases.map((p) => count.get(p)),
  averages: averages.get(),
}));
let broadest = null;

parentPort.on('message', ({ id, fts, phrases, words }) => {
  try {
    if (words) {
      // The words the most entries hold, with how many hold each (FTS5's own vocabulary, read in a
      // table of this connection's temporary schema).
      if (!broadest) {
        db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.actors_fts_words USING fts5vocab(main, actors_fts, row)');
        broadest = db.prepare('SELECT term, doc FROM temp.actors_fts_words ORDER BY doc DESC LIMIT ?').raw();
      }
      parentPort.postMessage({ id, words: broadest.all(words) });
      return;
    }
    const { rows, hits, averages: block } = read(fts, phrases);
    const ids = new Int32Array(rows.length);
    const rank = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      ids[i] = rows[i][0];
      rank[i] = rows[i][1];
    }
    parentPort.postMessage({ id, ids, rank, hits, averages: block }, [ids.buffer, rank.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
