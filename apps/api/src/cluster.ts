/**
 * Several server processes on one port (PARE_WORKERS, default: one per core), with node:cluster.
 *
 * The primary serves no request: it has applied the migrations and the seeds before forking
 * (server.ts), forks the workers, says `listening` once all of them listen, forks again a worker
 * that died (giving its lease back at once, cluster-lease.ts), and on SIGTERM or SIGINT asks each
 * worker to stop gracefully (lib/graceful-stop.ts), waits for them, folds the WAL into the
 * database file and exits. Connections are handed to the workers in turn (Node's round-robin).
 *
 * Each worker opens its own SQLite connection (WAL: readers never wait; writers wait for each
 * other, `busy_timeout`); what they share lives in the database (directory-writes.ts, leases,
 * rate limits): docs/SCALING.md.
 */
import cluster, { type Worker } from 'node:cluster';
import { checkpointDatabaseFile, leaseRepository, openDatabase } from '@pare/db';
import { leaseHolder } from './cluster-lease.ts';
import { STOP_GRACE_MS } from './lib/graceful-stop.ts';
import type { Logger } from './lib/logger.ts';

/** A worker that dies sooner than this after its start is forked again only after a pause. */
const QUICK_DEATH_MS = 10_000;
const RESTART_PAUSE_MS = 5_000;

export type PrimaryOptions = { workers: number; log: Logger; dbFile: string; host: string };

export function runPrimary(opts: PrimaryOptions): void {
  const { log } = opts;
  const startedAt = new Map<number, number>();
  const listening = new Set<number>();
  let announced = false;
  let stopping = false;
  let failed = false;

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };

  cluster.on('listening', (worker, address) => {
    listening.add(worker.id);
    if (announced || listening.size < opts.workers) return;
    announced = true;
    const host = opts.host === '0.0.0.0' ? 'localhost' : opts.host;
    log.info('listening', { url: `http://${host}:${address.port}`, workers: opts.workers });
  });

  cluster.on('exit', (worker: Worker, code, signal) => {
    listening.delete(worker.id);
    const pid = worker.process.pid;
    if (stopping) {
      if (code !== 0) failed = true;
      return;
    }
    log.error('worker died, starting another', { worker: worker.id, pid, code, signal });
    // Its lease (outbox worker, jobs) is free at once, rather than when it expires.
    if (pid !== undefined) {
      try {
        const db = openDatabase(opts.dbFile);
        leaseRepository(db).releaseLeasesOf(leaseHolder(pid));
        db.close();
      } catch (err) {
        log.error('lease of the dead worker not released', { error: err instanceof Error ? err.message : 'unknown' });
      }
    }
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    setTimeout(fork, lived < QUICK_DEATH_MS ? RESTART_PAUSE_MS : 0);
  });

  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: each worker finishes its requests in flight');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    for (const w of workers) w.process.kill('SIGTERM');
    const cut = setTimeout(() => {
      log.error('stopping: workers still running after the grace period, killed');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
    }, STOP_GRACE_MS + 5_000);
    cut.unref();
    const done = () => {
      if (Object.keys(cluster.workers ?? {}).length > 0) return;
      clearTimeout(cut);
      try {
        checkpointDatabaseFile(opts.dbFile);
      } catch (err) {
        failed = true;
        log.error('WAL not checkpointed', { error: err instanceof Error ? err.message : 'unknown' });
      }
      log.info('stopped', { workers: opts.workers });
      process.exit(failed ? 1 : 0);
    };
    cluster.on('exit', done);
    done();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  for (let i = 0; i < opts.workers; i++) fork();
}
