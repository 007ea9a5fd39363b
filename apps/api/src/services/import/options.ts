/** What an import is asked to do (format, dry run, author, details) and the sizes it works in. */
import type { ActorRepository, Db, UserRecord } from '@pare/db';
import type { ActorType } from '@pare/schema';
import type { ImportFormat } from './report.ts';

export type ImportDeps = { db: Db; actors: ActorRepository };

/** Who imports: the rights are the user's (a relais only in their départements); the revisions carry the author. */
export type ImportAuthor = { user: UserRecord; authorId: number | null; label: string };

export type ImportOptions = {
  format: ImportFormat;
  dryRun: boolean;
  /** `auto` (default): every row while the file has at most 1,000; beyond, the rejected ones only. */
  details?: 'all' | 'rejected' | 'auto';
  author: ImportAuthor;
  /** data·inclusion: the type of the new actors whose structure does not say it. */
  defaultType?: ActorType | undefined;
  batchSize?: number;
  /** Called after each batch with the number of rows read so far (progress on the command line). */
  onBatch?: (rows: number) => void;
};

/**
 * Rows per transaction by default, for an import run on the caller's thread: a batch of 500
 * takes ~0.15 s, during which that thread does nothing else. The route runs its imports in a
 * worker thread with larger batches (apart.ts).
 */
export const IMPORT_BATCH_SIZE = 500;
/**
 * Rows per transaction from the command line, where no visitor waits on the process: fewer
 * commits write each index page fewer times (100,000 rows: ~27 s instead of ~32 s, docs/PERFORMANCE.md).
 */
export const CLI_IMPORT_BATCH_SIZE = 5000;
/**
 * SQLite's page cache during an import (the default is 2 MB). Each new actor goes into a dozen
 * indexes at places all over the file (name order, slug, territories, full text): with a small
 * cache those pages are read again and again, and the import slows down as the directory grows.
 */
export const IMPORT_PAGE_CACHE_MB = 64;
