/**
 * The work one process alone does: the outbox worker and the periodic jobs (backups, purges,
 * reminders, resumed newsletter sends). Every server process (PARE_WORKERS, cluster.ts) tries to
 * take the `background` lease (table `leases`, migration 0022) now and then; the holder does the
 * work and renews the lease; a process that could not renew it in time stops the work; when the
 * holder dies, another takes over once its lease expired — at once when the primary saw the death
 * and gave the lease back. With one process, it takes the lease at start and keeps it.
 */
import { hostname } from 'node:os';
import { type Db, leaseRepository } from '@pare/db';
import type { Logger } from './lib/logger.ts';
import { runEvery } from './services/run-every.ts';

export const BACKGROUND_LEASE = 'background';
/** A lease not renewed for this long is free for another process. */
export const LEASE_TTL_MS = 30_000;
/** How often the holder renews it, and the others try to take it. */
export const LEASE_RENEW_MS = 5_000;

/** Who holds a lease: the machine and the process. */
export function leaseHolder(pid: number = process.pid): string {
  return `${hostname()}:${pid}`;
}

export type LeaseOptions = {
  db: Db;
  log: Logger;
  /** Starts the work; given a function that says whether the lease is still safely held. Returns its stop. */
  start: (stillHeld: () => boolean) => () => Promise<void> | void;
  name?: string;
  holder?: string;
  ttlMs?: number;
  renewMs?: number;
  now?: () => number;
};

/**
 * Runs `start` while this process holds the lease. Returns a function that stops the work (it
 * resolves once the work is finished: the mail being sent is sent) and gives the lease back.
 */
export function runUnderLease(opts: LeaseOptions): () => Promise<void> {
  const leases = leaseRepository(opts.db);
  const name = opts.name ?? BACKGROUND_LEASE;
  const holder = opts.holder ?? leaseHolder();
  const ttlMs = opts.ttlMs ?? LEASE_TTL_MS;
  const now = opts.now ?? Date.now;
  let heldUntil = 0;
  let stopWork: (() => Promise<void> | void) | undefined;
  let stopping: Promise<void> | undefined;
  let stopped = false;
  // Held with a margin: past two thirds of the lease without a renewal, no new mail is begun
  // (another process may take it over when it expires).
  const stillHeld = () => !stopped && now() < heldUntil - ttlMs / 3;

  const tick = () => {
    if (stopped) return;
    let held = false;
    try {
      held = leases.acquireLease(name, holder, now(), ttlMs);
    } catch (err) {
      opts.log.error('lease not renewed', { lease: name, error: err instanceof Error ? err.message : 'unknown' });
    }
    if (held) {
      heldUntil = now() + ttlMs;
      if (!stopWork && !stopping) {
        opts.log.info('lease taken: this process runs the outbox worker and the jobs', { lease: name, holder });
        stopWork = opts.start(stillHeld);
      }
    } else if (stopWork) {
      opts.log.error('lease lost: the outbox worker and the jobs stop here', { lease: name, holder });
      const stop = stopWork;
      stopWork = undefined;
      stopping = Promise.resolve(stop()).finally(() => {
        stopping = undefined;
      });
    }
  };
  const stopTimer = runEvery(tick, opts.renewMs ?? LEASE_RENEW_MS);

  return async () => {
    stopped = true;
    stopTimer();
    await stopping;
    if (stopWork) await stopWork();
    stopWork = undefined;
    if (opts.db.open) leases.releaseLease(name, holder);
  };
}
