/**
 * What `GET /api/health/details` and `/metrics` report: the database (size, WAL, the integrity
 * check of the last backup), the outbox (pending, failed, the oldest pending), the last backup,
 * the jobs' last runs, version and uptime; and whether any of it is `degraded`.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { type Db, jobRunRepository } from '@pare/db';
import { BACKUP_JOB } from './backup-job.ts';

const HOUR_MS = 60 * 60 * 1000;
/** A mail failed, or still waiting, this long after it was queued: the outbox is stuck. */
export const STUCK_MAIL_MS = 24 * HOUR_MS;
/** No backup for this long: degraded. */
export const STALE_BACKUP_MS = 48 * HOUR_MS;

export const API_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

export type HealthDetails = {
  status: 'ok' | 'degraded';
  /** Why it is degraded, in French, one line each. */
  problems: string[];
  version: string;
  uptime_s: number;
  checked_at: string;
  database: { size_bytes: number; wal_bytes: number; integrity: { result: string; checked_at: string } | null };
  outbox: {
    smtp_configured: boolean | null;
    pending: number;
    failed: number;
    oldest_pending_age_s: number | null;
    /** Failed mails queued more than a day ago. */
    failed_over_a_day: number;
  };
  backup: { last: { file: string; at: string; age_s: number; bytes: number } | null; last_error: string | null };
  jobs: { name: string; last_run_at: string; ok: boolean }[];
};

const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** The newest archive in the backup directory (its name says when it was made). */
export type LastBackup = { file: string; at: Date; bytes: number } | undefined;

/** Builds the report at `now` (tests pass a simulated time). */
export function healthDetails(
  deps: { db: Db; smtpConfigured?: boolean | undefined; lastBackup: LastBackup },
  now = new Date(),
): HealthDetails {
  const { db } = deps;
  const problems: string[] = [];
  const runs = jobRunRepository(db).listRuns();
  const backupRun = runs.find((r) => r.name === BACKUP_JOB);
  const backupResult = (backupRun?.result ?? null) as { integrity?: string; error?: string } | null;

  const outbox = db
    .prepare(
      `SELECT
         (SELECT count(*) FROM outbox WHERE status = 'pending') AS pending,
         (SELECT count(*) FROM outbox WHERE status = 'failed') AS failed,
         (SELECT min(created_at) FROM outbox WHERE status = 'pending') AS oldest_pending,
         (SELECT count(*) FROM outbox WHERE status = 'failed' AND created_at < ?) AS failed_old`,
    )
    .get(new Date(now.getTime() - STUCK_MAIL_MS).toISOString()) as {
    pending: number;
    failed: number;
    oldest_pending: string | null;
    failed_old: number;
  };
  const oldestPendingMs = outbox.oldest_pending ? now.getTime() - new Date(outbox.oldest_pending).getTime() : null;
  if (outbox.failed_old > 0) problems.push(`${outbox.failed_old} courriel(s) en échec depuis plus d’un jour (file d’envoi).`);
  if (oldestPendingMs !== null && oldestPendingMs > STUCK_MAIL_MS)
    problems.push(
      deps.smtpConfigured === false
        ? 'Des courriels attendent depuis plus d’un jour : aucun relais SMTP n’est configuré (PARE_SMTP_URL).'
        : 'Des courriels attendent depuis plus d’un jour dans la file d’envoi.',
    );

  const last = deps.lastBackup;
  const backupAgeMs = last ? now.getTime() - last.at.getTime() : null;
  if (!last) problems.push('Aucune sauvegarde trouvée dans PARE_BACKUP_DIR.');
  else if (backupAgeMs !== null && backupAgeMs > STALE_BACKUP_MS)
    problems.push(`Dernière sauvegarde vieille de ${Math.floor(backupAgeMs / HOUR_MS)} h.`);
  if (backupResult?.error) problems.push(`La dernière sauvegarde a échoué : ${backupResult.error}`);
  const integrity = backupResult?.integrity && backupRun ? { result: backupResult.integrity, checked_at: backupRun.lastRunAt } : null;
  if (integrity && integrity.result !== 'ok') problems.push(`Contrôle d’intégrité : ${integrity.result}`);

  const failedJobs = runs.filter((r) => r.name !== BACKUP_JOB && (r.result as { error?: string } | null)?.error);
  for (const j of failedJobs) problems.push(`La tâche ${j.name} a échoué à sa dernière exécution.`);

  const file = db.name;
  return {
    status: problems.length > 0 ? 'degraded' : 'ok',
    problems,
    version: API_VERSION,
    uptime_s: Math.round(process.uptime()),
    checked_at: now.toISOString(),
    // The database's size as SQLite sees it (pages), whether they sit in the file or still in the WAL.
    database: {
      size_bytes: (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number),
      wal_bytes: db.memory ? 0 : sizeOf(`${file}-wal`),
      integrity,
    },
    outbox: {
      smtp_configured: deps.smtpConfigured ?? null,
      pending: outbox.pending,
      failed: outbox.failed,
      oldest_pending_age_s: oldestPendingMs === null ? null : Math.round(oldestPendingMs / 1000),
      failed_over_a_day: outbox.failed_old,
    },
    backup: {
      last: last
        ? { file: basename(last.file), at: last.at.toISOString(), age_s: Math.round((backupAgeMs ?? 0) / 1000), bytes: last.bytes }
        : null,
      last_error: backupResult?.error ?? null,
    },
    jobs: runs.map((r) => ({ name: r.name, last_run_at: r.lastRunAt, ok: !(r.result as { error?: string } | null)?.error })),
  };
}
