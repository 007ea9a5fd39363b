/**
 * The only place that listens: opens the database, seeds it on first start, serves the app —
 * in PARE_WORKERS processes sharing the port (cluster.ts), or in this one when it is 1.
 */

import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { type Db, openDatabase, seedIfEmpty, seedResourcesIfEmpty } from '@pare/db';
import { runPrimary } from './cluster.ts';
import { loadEnv } from './env.ts';
import { resolveConfig } from './lib/config.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { createServices } from './services/index.ts';
import { removeOrphanUploads } from './services/resources.ts';

const env = loadEnv();
const baseLog = createLogger(env.PARE_LOG_LEVEL);

/** Migrations, seeds, orphan uploads: once, before any process serves. */
function prepareDatabase(log: Logger): Db {
  const db = openDatabase(env.PARE_DB);
  const seeded = seedIfEmpty(db, env.PARE_SEED_FILE);
  log.info(seeded.skipped ? 'database ready' : 'database created and seeded', { db: env.PARE_DB, seeded: seeded.created });
  // The resource centre's seed (legal texts, the Moselle convention) sits beside the actors' one.
  const resourcesSeeded = seedResourcesIfEmpty(db, join(dirname(env.PARE_SEED_FILE), 'resources.yaml'));
  if (!resourcesSeeded.skipped)
    log.info('resource centre seeded', { resources: resourcesSeeded.resources, protocols: resourcesSeeded.protocols });
  removeOrphanUploads(db, env.PARE_UPLOADS_DIR);
  return db;
}

/** One serving process: the app on its own connection, the background work if it holds the lease. */
async function serveApp(db: Db, log: Logger): Promise<void> {
  const worker = cluster.worker;
  // Loaded here, not by the primary of several processes, which serves nothing.
  const [
    { serve },
    { warmUpSearch },
    { createApp },
    { runUnderLease },
    { serverTimeouts },
    { gracefulStop },
    { createServerWithPublicHits },
    jobs,
    mailer,
    mapStyle,
    views,
  ] = await Promise.all([
    import('@hono/node-server'),
    import('@pare/geo'),
    import('./app.ts'),
    import('./cluster-lease.ts'),
    import('./lib/connections.ts'),
    import('./lib/graceful-stop.ts'),
    import('./lib/public-hits.ts'),
    import('./services/jobs.ts'),
    import('./services/mailer.ts'),
    import('./services/online-map-style.ts'),
    import('./services/view-warmer.ts'),
  ]);
  const { startJobSchedule } = jobs;
  const { startOutboxWorker } = mailer;
  const { fetchOnlineMapStyle } = mapStyle;
  // Build the autocomplete index now rather than on the first keystroke.
  warmUpSearch();

  const onlineMapStyle = env.PARE_MAP_STYLE_URL ? await fetchOnlineMapStyle(env.PARE_MAP_STYLE_URL, log) : undefined;

  const config = resolveConfig(onlineMapStyle ? { onlineMapStyle } : {}, env);
  // The composition root built here, so that the view warmer reads ahead for the app's own search.
  const deps = createServices({ db, log, config });
  const app = createApp({ db, log, webDist: env.PARE_WEB_DIST, config, deps });
  if (!env.PARE_PUBLIC_URL) log.info('PARE_PUBLIC_URL is not set: links in mails (answer, update) are written without the site address');
  // Outside createApp so tests drive them: mails from the outbox, and the periodic jobs (request
  // follow-up, retention purges, weekly digest: the same code as `pnpm pare jobs:run`), with the
  // daily backup (services/backup-job.ts: PARE_BACKUP_DIR, PARE_BACKUP_KEEP). One process runs
  // them: the holder of the lease (cluster-lease.ts).
  const backup = { dbFile: env.PARE_DB, uploadsDir: env.PARE_UPLOADS_DIR, dir: env.PARE_BACKUP_DIR, keep: env.PARE_BACKUP_KEEP };
  const stopBackground = runUnderLease({
    db,
    log,
    start: (stillHeld) => {
      const stopMail = startOutboxWorker({ db, log, mailFrom: env.PARE_MAIL_FROM, smtpUrl: env.PARE_SMTP_URL }, { mayGoOn: stillHeld });
      const stopJobs = startJobSchedule({ db, log, actors: deps.actors, config, backup });
      return async () => {
        await Promise.all([stopMail(), stopJobs()]);
      };
    },
  });
  // Slow clients (slowloris) get a 408 and lose their connection: lib/connections.ts. A public
  // cache hit is answered ahead of Hono (lib/public-hits.ts).
  const server = serve(
    {
      fetch: app.fetch,
      createServer: createServerWithPublicHits(app),
      port: env.PORT,
      hostname: env.HOST,
      serverOptions: serverTimeouts(),
    },
    (info) => {
      if (worker) log.info('worker listening', { pid: process.pid });
      else log.info('listening', { url: `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${info.port}` });
    },
  );
  // The public views of every actor made in the background, then kept made, the broadest words'
  // texts read ahead, a first search made in each département, and at start a sample of searches
  // sent through the app, so that its code is compiled before the visitors' (services/view-warmer.ts).
  const warmer = views.startViewWarmer(deps, { fetch: app.fetch });
  // Which process answered (`X-Pare-Worker: <n>`), when there are several: for the operator.
  if (worker) server.prependListener('request', (_req, res) => res.setHeader('X-Pare-Worker', String(worker.id)));

  // Graceful stop (lib/graceful-stop.ts): requests in flight (10 s at most), the mail being sent, the WAL checkpointed.
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    gracefulStop({ server: server as Server, db, log, stop: [stopBackground, warmer.stop] }).then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('stop failed', { error: err instanceof Error ? err.message : String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // A worker whose primary is gone (killed) stops too, rather than serving unsupervised.
  if (worker) process.on('disconnect', shutdown);
}

if (cluster.isPrimary) {
  const db = prepareDatabase(baseLog);
  if (env.PARE_WORKERS > 1) {
    db.close();
    runPrimary({ workers: env.PARE_WORKERS, log: baseLog, dbFile: env.PARE_DB, host: env.HOST });
  } else {
    await serveApp(db, baseLog);
  }
} else {
  // Every line a worker logs says which one it is.
  const id = cluster.worker?.id;
  const log: Logger = {
    info: (msg, fields) => baseLog.info(msg, { ...fields, worker: id }),
    error: (msg, fields) => baseLog.error(msg, { ...fields, worker: id }),
  };
  await serveApp(openDatabase(env.PARE_DB), log);
}
