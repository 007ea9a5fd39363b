/**
 * What the server does on SIGTERM (systemd's stop) or SIGINT: stop accepting connections, let the
 * requests in flight finish (`graceMs` at most, then their connections are cut), let the outbox
 * worker finish the mail it is sending and stop the jobs, fold the WAL into the database file,
 * close it and exit 0. Every acknowledged write is already committed (SQLite, WAL): a `kill -9`
 * loses nothing either; this only makes the stop tidy and fast.
 */
import type { Server } from 'node:http';
import type { Db } from '@pare/db';
import type { Logger } from './logger.ts';

export const STOP_GRACE_MS = 10_000;

export async function gracefulStop(opts: {
  server: Pick<Server, 'close' | 'closeIdleConnections' | 'closeAllConnections'>;
  db: Db;
  log: Logger;
  /** The outbox worker and the job schedule: each resolves once what it was doing is done. */
  stop: (() => Promise<void> | void)[];
  graceMs?: number;
}): Promise<void> {
  const started = performance.now();
  opts.log.info('stopping: no new connections, finishing requests in flight');
  const closed = new Promise<void>((resolve) => opts.server.close(() => resolve()));
  // Kept-alive connections with no request in flight would hold close() open: end them now, and
  // again as the requests in flight finish.
  opts.server.closeIdleConnections();
  const idle = setInterval(() => opts.server.closeIdleConnections(), 100);
  let cut = false;
  const deadline = new Promise<void>((resolve) =>
    setTimeout(() => {
      cut = true;
      resolve();
    }, opts.graceMs ?? STOP_GRACE_MS).unref(),
  );
  await Promise.all([Promise.race([closed, deadline]), ...opts.stop.map((s) => s())]);
  clearInterval(idle);
  if (cut) {
    opts.log.error('stopping: requests still running after the grace period, connections cut');
    opts.server.closeAllConnections();
  }
  if (opts.db.open) {
    opts.db.pragma('wal_checkpoint(TRUNCATE)');
    opts.db.close();
  }
  opts.log.info('stopped', { ms: Math.round(performance.now() - started) });
}
