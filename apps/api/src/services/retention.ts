/** The retention job: contact requests, their history and their mails are deleted after PARE_RETENTION_DAYS. */
import { contactRequestRepository, type Db } from '@pare/db';
import type { Logger } from '../lib/logger.ts';
import { DEFAULT_RETENTION_DAYS } from './contact-requests.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionDeps = { db: Db; log: Logger; retentionDays?: number | undefined };

/**
 * Deletes every request created more than `retentionDays` days before `now`, whatever its status,
 * with its status history and its mails (sent or not). Returns the counts, which alone are logged.
 */
export function purgeExpiredContactRequests(deps: RetentionDeps, now = new Date()): { requests: number; mails: number } {
  const days = deps.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const purged = contactRequestRepository(deps.db).purgeContactRequestsCreatedBefore(cutoff);
  if (purged.requests > 0) deps.log.info('contact requests purged', { ...purged, retentionDays: days });
  return purged;
}

/** Purges at start, then once a day. Returns a function that stops it. */
export function startRetentionJob(deps: RetentionDeps, intervalMs = DAY_MS): () => void {
  const run = () => {
    try {
      purgeExpiredContactRequests(deps, new Date());
    } catch (err) {
      deps.log.error('contact request purge failed', { error: err instanceof Error ? err.name : 'unknown' });
    }
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
