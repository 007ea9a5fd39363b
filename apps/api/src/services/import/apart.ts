/**
 * Runs an import in a worker thread, on its own connection to the same database file, so the
 * server keeps answering while it writes: a batch written on the server's own thread holds every
 * request until it is done (~0.15 s per 500 rows). Apart, batches are larger (fewer commits,
 * each index page written fewer times: docs/PERFORMANCE.md); a writer of the server waits at
 * most one batch (~0.5 s) for SQLite's lock, readers never wait (WAL).
 *
 * The server's caches see the import's commits from the next turn of its event loop
 * (`directoryVersion`). A database in memory cannot be shared: the import then runs in place.
 */
import { Worker } from 'node:worker_threads';
import { type ImportDeps, type ImportOptions, runImport } from './executor.ts';
import type { ImportReport } from './report.ts';
import { type DetectedEncoding, ImportFileError } from './source.ts';

/** Rows per transaction in the worker. */
export const APART_BATCH_SIZE = 2000;

export type ImportJob = {
  dbFile: string;
  file: { path: string; detected: DetectedEncoding };
  options: Omit<ImportOptions, 'onBatch'>;
};

export type WorkerAnswer = { report: ImportReport } | { fileError: { message: string; tooLarge: boolean } } | { failed: string };

export async function runImportApart(
  deps: ImportDeps,
  file: { path: string; detected: DetectedEncoding },
  options: Omit<ImportOptions, 'onBatch'>,
): Promise<ImportReport> {
  if (deps.db.memory || !deps.db.name) return runImport(deps, file, options);
  const job: ImportJob = {
    dbFile: deps.db.name,
    file: { path: file.path, detected: file.detected },
    options: { ...options, batchSize: options.batchSize ?? APART_BATCH_SIZE },
  };
  const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: job });
  const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the import worker stopped (exit code ${code})`)));
  });
  await worker.terminate();
  if ('report' in answer) return answer.report;
  if ('fileError' in answer) throw new ImportFileError(answer.fileError.message, answer.fileError.tooLarge);
  throw new Error(`import failed in its worker: ${answer.failed}`);
}
