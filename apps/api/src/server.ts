/** The only place that listens: opens the database, seeds it on first start, serves the app. */

import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { actorRepository, openDatabase, seedIfEmpty, seedResourcesIfEmpty } from '@pare/db';
import { warmUpSearch } from '@pare/geo';
import { createApp } from './app.ts';
import { loadEnv } from './env.ts';
import { serverTimeouts } from './lib/connections.ts';
import { gracefulStop } from './lib/graceful-stop.ts';
import { createLogger } from './lib/logger.ts';
import { jobConfig, startJobSchedule } from './services/jobs.ts';
import { startOutboxWorker } from './services/mailer.ts';
import { fetchOnlineMapStyle } from './services/online-map-style.ts';
import { removeOrphanUploads } from './services/resources.ts';

const env = loadEnv();
const log = createLogger(env.PARE_LOG_LEVEL);
const db = openDatabase(env.PARE_DB);
const seeded = seedIfEmpty(db, env.PARE_SEED_FILE);
log.info(seeded.skipped ? 'database ready' : 'database created and seeded', { db: env.PARE_DB, seeded: seeded.created });
// The resource centre's seed (legal texts, the Moselle convention) sits beside the actors' one.
const resourcesSeeded = seedResourcesIfEmpty(db, join(dirname(env.PARE_SEED_FILE), 'resources.yaml'));
if (!resourcesSeeded.skipped)
  log.info('resource centre seeded', { resources: resourcesSeeded.resources, protocols: resourcesSeeded.protocols });
removeOrphanUploads(db, env.PARE_UPLOADS_DIR);

// Build the autocomplete index now rather than on the first keystroke.
warmUpSearch();

const onlineMapStyle = env.PARE_MAP_STYLE_URL ? await fetchOnlineMapStyle(env.PARE_MAP_STYLE_URL, log) : undefined;

const app = createApp({
  db,
  log,
  webDist: env.PARE_WEB_DIST,
  config: {
    teamEmail: env.PARE_TEAM_EMAIL,
    retentionDays: env.PARE_RETENTION_DAYS,
    publicUrl: env.PARE_PUBLIC_URL,
    localOrigin: `http://localhost:${env.PORT}`,
    smtpConfigured: Boolean(env.PARE_SMTP_URL),
    uploadsDir: env.PARE_UPLOADS_DIR,
    ...(env.PARE_GEOCODER_URL ? { geocoderUrl: env.PARE_GEOCODER_URL } : {}),
    ...(onlineMapStyle ? { onlineMapStyle } : {}),
    secureCookies: env.NODE_ENV !== 'development',
    trustProxy: env.PARE_TRUST_PROXY,
    followUp: jobConfig(env).followUp,
    backupDir: env.PARE_BACKUP_DIR,
    ...(env.PARE_METRICS_TOKEN ? { metricsToken: env.PARE_METRICS_TOKEN } : {}),
  },
});
// Outside createApp so tests drive them: mails from the outbox, and the purge of old contact requests.
const stopMail = startOutboxWorker({ db, log, mailFrom: env.PARE_MAIL_FROM, smtpUrl: env.PARE_SMTP_URL });
// The periodic jobs (request follow-up, retention purges, weekly digest): the same code as `pnpm pare jobs:run`.
if (!env.PARE_PUBLIC_URL) log.info('PARE_PUBLIC_URL is not set: links in mails (answer, update) are written without the site address');
// With the daily backup (services/backup-job.ts): PARE_BACKUP_DIR, PARE_BACKUP_KEEP.
const backup = { dbFile: env.PARE_DB, uploadsDir: env.PARE_UPLOADS_DIR, dir: env.PARE_BACKUP_DIR, keep: env.PARE_BACKUP_KEEP };
const stopJobs = startJobSchedule({ db, log, actors: actorRepository(db), config: jobConfig(env), backup });
// Slow clients (slowloris) get a 408 and lose their connection: lib/connections.ts.
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST, serverOptions: serverTimeouts() }, (info) => {
  log.info('listening', { url: `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${info.port}` });
});

// Graceful stop (lib/graceful-stop.ts): requests in flight (10 s at most), the mail being sent, the WAL checkpointed.
let stopping = false;
function shutdown() {
  if (stopping) return;
  stopping = true;
  gracefulStop({ server: server as Server, db, log, stop: [stopMail, stopJobs] }).then(
    () => process.exit(0),
    (err: unknown) => {
      log.error('stop failed', { error: err instanceof Error ? err.message : String(err) });
      process.exit(1);
    },
  );
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
