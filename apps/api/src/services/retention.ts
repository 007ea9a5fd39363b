/**
 * The retention job: contact requests, their history and their mails are deleted
 * PARE_RETENTION_DAYS after they were made; whoever sent a submission (referencing request or
 * correction) is erased from it the same number of days after the curators' decision.
 */
import type { Db } from '@pare/db';
import { CONFIG_DEFAULTS } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import { purgeHandledAccountRequests } from './accounts.ts';
import { reposOf } from './index.ts';
import { runEvery } from './run-every.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionDeps = { db: Db; log: Logger; retentionDays?: number | undefined };

/** The retention period in days, and the moment before which what it covers goes. */
function retention(deps: RetentionDeps, now: Date): { days: number; cutoff: Date } {
  const days = deps.retentionDays ?? CONFIG_DEFAULTS.retentionDays;
  return { days, cutoff: new Date(now.getTime() - days * DAY_MS) };
}

/**
 * Deletes every request created more than `retentionDays` days before `now`, whatever its status,
 * with its status history and its mails (sent or not). Returns the counts, which alone are logged.
 */
export function purgeExpiredContactRequests(deps: RetentionDeps, now = new Date()): { requests: number; mails: number } {
  const { days, cutoff } = retention(deps, now);
  const purged = reposOf(deps).contactRequests.purgeContactRequestsCreatedBefore(cutoff);
  if (purged.requests > 0) deps.log.info('contact requests purged', { ...purged, retentionDays: days });
  return purged;
}

/**
 * Erases the name, e-mail and message of the submitters whose submission was decided more than
 * `retentionDays` days before `now`, and the mails sent to them. Returns the counts, which alone are logged.
 */
export function eraseExpiredSubmitters(deps: RetentionDeps, now = new Date()): { submissions: number; mails: number } {
  const { days, cutoff } = retention(deps, now);
  const erased = reposOf(deps).submissions.eraseSubmittersDecidedBefore(cutoff);
  if (erased.submissions > 0) deps.log.info('submitters erased', { ...erased, retentionDays: days });
  return erased;
}

/** Purges at start, then once a day. Returns a function that stops it. */
export function startRetentionJob(deps: RetentionDeps, intervalMs = DAY_MS): () => void {
  const run = () => {
    for (const [what, purge] of [
      ['contact request purge', purgeExpiredContactRequests],
      ['submitter erasure', eraseExpiredSubmitters],
      ['account request purge', purgeHandledAccountRequests],
    ] as const) {
      try {
        purge(deps, new Date());
      } catch (err) {
        deps.log.error(`${what} failed`, { error: err instanceof Error ? err.name : 'unknown' });
      }
    }
  };
  return runEvery(run, intervalMs);
}
