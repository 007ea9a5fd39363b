/**
 * The server's daily backup: `createBackup` in a worker thread (the database copy is synchronous
 * SQLite work, the server keeps answering meanwhile), its result logged and recorded in
 * `job_runs` under `backup`, as `pnpm pare backup` also does. Health and metrics read it there.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '@pare/db';
import type { Logger } from '../lib/logger.ts';
import type { BackupResult } from './backup.ts';
import { reposOf } from './index.ts';

export const BACKUP_JOB = 'backup';
export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;

export type BackupSettings = { dbFile: string; uploadsDir: string; dir: string; keep: number };

/** What `job_runs` keeps of a backup (no table counts: one line in the list of runs). */
export function backupRunRecord(r: BackupResult): { file: string; bytes: number; ms: number; integrity: 'ok'; uploads: number } {
  return { file: r.file, bytes: r.bytes, ms: r.ms, integrity: r.integrity, uploads: r.uploads };
}

export type BackupWorkerAnswer = { result: BackupResult } | { failed: string };

/** A backup under way in a worker, and how to stop it (its unfinished files removed). */
export type RunningBackup = { done: Promise<BackupResult>; abort: () => Promise<void> };

export function startBackupInWorker(settings: BackupSettings, now: Date): RunningBackup {
  const worker = new Worker(new URL('./backup-worker-entry.mjs', import.meta.url), {
    workerData: {
      dbFile: settings.dbFile,
      uploadsDir: settings.uploadsDir,
      toDir: settings.dir,
      keep: settings.keep,
      now: now.toISOString(),
    },
  });
  const done = new Promise<BackupResult>((resolve, reject) => {
    worker.once('message', (answer: BackupWorkerAnswer) =>
      'result' in answer ? resolve(answer.result) : reject(new Error(answer.failed)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the backup worker stopped (exit code ${code})`)));
  }).finally(() => void worker.terminate());
  return {
    done,
    abort: async () => {
      await worker.terminate();
      // The worker's unfinished copy (`.pare-backup-*`); finished archives are never touched.
      for (const name of await readdir(settings.dir).catch(() => [] as string[])) {
        if (name.startsWith('.pare-backup-')) await rm(join(settings.dir, name), { recursive: true, force: true });
      }
    },
  };
}

/**
 * Makes the backup if the last one (server or command line) is a day old or more, records and
 * logs the result. Returns undefined when none was due.
 */
export function runBackupIfDue(
  deps: { db: Db; log: Logger; backup: BackupSettings },
  now: Date,
): (RunningBackup & { recorded: Promise<void> }) | undefined {
  const runs = reposOf(deps).jobRuns;
  const last = runs.lastRun(BACKUP_JOB);
  if (last && now.getTime() - new Date(last).getTime() < BACKUP_EVERY_MS) return undefined;
  const running = startBackupInWorker(deps.backup, now);
  const recorded = running.done.then(
    (result) => {
      runs.recordRun(BACKUP_JOB, now, backupRunRecord(result));
      deps.log.info('backup written', {
        file: result.file,
        bytes: result.bytes,
        ms: result.ms,
        uploads: result.uploads,
        pruned: result.pruned.length,
      });
    },
    (err: unknown) => {
      if (!deps.db.open) return;
      const error = err instanceof Error ? err.message : String(err);
      runs.recordRun(BACKUP_JOB, now, { error });
      deps.log.error('backup failed', { error });
    },
  );
  return { ...running, recorded };
}
