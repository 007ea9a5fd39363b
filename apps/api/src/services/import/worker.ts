/**
 * The import's worker thread: its own connection to the database file, the same `runImport`.
 * It answers one message: `{ report }`, `{ fileError }` (the file cannot be read at all) or
 * `{ failed }` (anything else; the details stay in this thread's log, not in the answer).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { actorRepository, openDatabase } from '@pare/db';
import type { ImportJob, WorkerAnswer } from './apart.ts';
import { runImport } from './executor.ts';
import { ImportFileError } from './source.ts';

const job = workerData as ImportJob;
const answer = (message: WorkerAnswer) => parentPort?.postMessage(message);
const db = openDatabase(job.dbFile);
try {
  answer({ report: await runImport({ db, actors: actorRepository(db) }, job.file, job.options) });
} catch (err) {
  if (err instanceof ImportFileError) answer({ fileError: { message: err.message, tooLarge: err.tooLarge } });
  else answer({ failed: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
} finally {
  db.close();
}
