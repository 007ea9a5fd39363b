/** The only place that listens: opens the database, seeds it on first start, serves the app. */
import { serve } from '@hono/node-server';
import { openDatabase, seedIfEmpty } from '@pare/db';
import { warmUpSearch } from '@pare/geo';
import { createApp } from './app.ts';
import { loadEnv } from './env.ts';
import { createLogger } from './lib/logger.ts';

const env = loadEnv();
const log = createLogger(env.PARE_LOG_LEVEL);
const db = openDatabase(env.PARE_DB);
const seeded = seedIfEmpty(db, env.PARE_SEED_FILE);
log.info(seeded.skipped ? 'database ready' : 'database created and seeded', { db: env.PARE_DB, seeded: seeded.created });

// Build the autocomplete index now rather than on the first keystroke.
warmUpSearch();

const app = createApp({ db, log, webDist: env.PARE_WEB_DIST });
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  log.info('listening', { url: `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${info.port}` });
});

function shutdown() {
  server.close();
  db.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
