/** Runs in the daily backup's worker thread (backup-job.ts): one `createBackup`, its result posted back. */
import { parentPort, workerData } from 'node:worker_threads';
import { createBackup } from './backup.ts';
import type { BackupWorkerAnswer } from './backup-job.ts';

const job = workerData as { dbFile: string; uploadsDir: string; toDir: string; keep: number; now: string };
let answer: BackupWorkerAnswer;
try {
  answer = { result: await createBackup({ ...job, now: new Date(job.now) }) };
} catch (err) {
  answer = { failed: err instanceof Error ? err.message : String(err) };
}
parentPort?.postMessage(answer);
