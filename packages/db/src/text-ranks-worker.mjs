// The worker thread of text-ranks.ts: one read-only connection to the directory's file, answering
// a full-text query's matches and bm25 ranks, in rowid order, as typed arrays handed over whole —
// all of them, or only those of the actors `only` names (a kept text catching up on a write).
// Plain JavaScript (no TypeScript loader to register in a worker); the SQL comes from search.ts.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const ranks = db.prepare(workerData.sql).raw();
const ranksOf = db.prepare(workerData.sqlOf).raw();

parentPort.on('message', ({ id, fts, only }) => {
  try {
    const rows = only ? ranksOf.all(fts, JSON.stringify(only)) : ranks.all(fts);
    const ids = new Int32Array(rows.length);
    const rank = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      ids[i] = rows[i][0];
      rank[i] = rows[i][1];
    }
    parentPort.postMessage({ id, ids, rank }, [ids.buffer, rank.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
