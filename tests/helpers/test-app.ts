/**
 * The one test-app factory: the real app on a real temporary SQLite file, seeded with the real seed
 * plus the test fixtures (or less, by option), its uploads in its own temporary directory.
 *
 * Seeding takes about a second; under vitest the seeded database is made once per run and kind
 * (in the directory `tests/helpers/global-setup.ts` gives in PARE_TEST_TEMPLATES) and each app gets
 * a copy of that file. Outside vitest (e.g. `npx tsx tests/browser/screenshots.ts`) it seeds directly.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { type CreateAppOptions, createApp } from '@pare/api/app';
import { type Db, openDatabase, seedDirectory, seedResourcesIfEmpty } from '@pare/db';
import { createLogger } from '../../apps/api/src/lib/logger.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SEED_FILE = join(ROOT, 'data/seed/actors');
export const FIXTURES_FILE = join(ROOT, 'tests/fixtures/actors.yaml');
export const RESOURCES_SEED_FILE = join(ROOT, 'data/seed/resources.yaml');
export const WEB_DIST = join(ROOT, 'apps/web/dist');

export type AppConfig = NonNullable<CreateAppOptions['config']>;
export type App = ReturnType<typeof createApp>;

export type TestApp = {
  app: App;
  db: Db;
  /** The temporary directory holding the database (and the uploads): removed by `close()`. */
  dir: string;
  /** The app's uploads directory (`config.uploadsDir`): inside `dir` (removed with it) unless the options gave another (left to its owner). */
  uploadsDir: string;
  /** The app's log lines, when `captureLog` was asked (empty otherwise). */
  lines: string[];
  close: () => void;
};

export type TestAppOptions = {
  /** The real seed (data/seed): true by default; false for a directory with no actor at all (migrations only). */
  seed?: boolean;
  /** The test fixtures (tests/fixtures/actors.yaml): with the seed by default. */
  fixtures?: boolean;
  /** The resource centre's seed (data/seed/resources.yaml): with the seed by default. */
  resources?: boolean;
  /** Serve the built web client (apps/web/dist). */
  webDist?: boolean;
  /** Keep the app's log lines (level info) in `lines`. */
  captureLog?: boolean;
  /** The app's configuration over its defaults; a function when it needs the app's temporary directory. */
  config?: AppConfig | ((where: { dir: string }) => AppConfig);
};

type Contents = { seed: boolean; fixtures: boolean; resources: boolean };

function fill(db: Db, c: Contents): void {
  if (c.seed) seedDirectory(db, SEED_FILE);
  if (c.fixtures) seedDirectory(db, FIXTURES_FILE);
  if (c.resources) seedResourcesIfEmpty(db, RESOURCES_SEED_FILE);
}

/** The database file `file`, holding `c`: a copy of this run's template when there is one, else seeded here. */
function seededDatabase(file: string, c: Contents): Db {
  const templates = process.env.PARE_TEST_TEMPLATES;
  if (!templates || !existsSync(templates)) {
    const db = openDatabase(file);
    fill(db, c);
    return db;
  }
  const template = join(templates, `${c.seed ? 'seed' : 'empty'}${c.fixtures ? '+fixtures' : ''}${c.resources ? '+resources' : ''}.db`);
  if (!existsSync(template)) {
    // First of this kind in this run: seed it under a name of our own, then rename (atomic), so a
    // worker never copies a half-written template. Closing checkpoints the WAL into the file.
    const partial = `${template}.${process.pid}.partial`;
    const db = openDatabase(partial);
    fill(db, c);
    db.close();
    renameSync(partial, template);
  }
  copyFileSync(template, file);
  return openDatabase(file);
}

export function createTestApp(opts: TestAppOptions = {}): TestApp {
  const seed = opts.seed !== false;
  const contents = { seed, fixtures: opts.fixtures ?? seed, resources: opts.resources ?? seed };
  const dir = mkdtempSync(join(tmpdir(), 'pare-test-'));
  const db = seededDatabase(join(dir, 'pare.db'), contents);
  const lines: string[] = [];
  const given = typeof opts.config === 'function' ? opts.config({ dir }) : (opts.config ?? {});
  const config: AppConfig = { uploadsDir: join(dir, 'uploads'), ...given };
  const uploadsDir = config.uploadsDir as string;
  mkdirSync(uploadsDir, { recursive: true });
  const app = createApp({
    db,
    config,
    ...(opts.webDist ? { webDist: WEB_DIST } : {}),
    ...(opts.captureLog ? { log: createLogger('info', (line) => lines.push(line)) } : {}),
  });
  return {
    app,
    db,
    dir,
    uploadsDir,
    lines,
    close: () => {
      db.close();
      // A worker's read-only connection may still be closing its files in the directory (ENOTEMPTY):
      // retried for up to 5.5 s (0.75 s failed once under CI's load, after a test had passed).
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

export type TestServer = TestApp & { url: string };

/**
 * The same app on a real port, for browser journeys. `config` may depend on the server's own
 * address (e.g. `publicUrl`, known once listening).
 */
export async function startTestServer(
  opts: Omit<TestAppOptions, 'webDist' | 'config'> & { config?: AppConfig | ((where: { dir: string; url: string }) => AppConfig) } = {},
): Promise<TestServer> {
  let t: TestApp | undefined;
  const server = serve({ fetch: (req) => (t as TestApp).app.fetch(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { config } = opts;
  t = createTestApp({ ...opts, webDist: true, config: typeof config === 'function' ? ({ dir }) => config({ dir, url }) : config });
  const app = t;
  return {
    ...app,
    url,
    close: () => {
      server.close();
      app.close();
    },
  };
}

/** A JSON answer: status, parsed body, headers. */
export type JsonAnswer<T> = { status: number; body: T; headers: Headers; text: string };

/** Reads a response as JSON (null for an empty body). */
export async function readJson<T>(res: Response): Promise<JsonAnswer<T>> {
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers, text };
}

/**
 * GET a JSON route and return status + parsed body. With a zod schema (e.g. from @pare/schema) a
 * successful body must match it (a response that breaks the wire contract fails the test) and is
 * typed by it; for an expected refusal, pass `ErrorBodySchema` (its body is typed, not checked).
 * The body returned is the one received, not the parsed copy, so an assertion that a field is
 * absent still sees every field the API sent. Without a schema the body is `unknown`: name a type
 * (or `JsonBody`, to read it field by field) to use it.
 */
export async function getJson<T = unknown>(app: App, url: string, schema?: { parse: (v: unknown) => T }): Promise<JsonAnswer<T>> {
  const answer = await readJson<T>(await app.request(url));
  if (schema && answer.status < 300) schema.parse(answer.body);
  return answer;
}

/**
 * A JSON body read field by field, when no schema names its shape (many shapes in one table, open
 * data formats with no zod schema): every property reachable, each assertion says what it expects.
 */
// biome-ignore lint/suspicious/noExplicitAny: the one untyped shape of the test helpers, named so it can be searched.
export type JsonBody = any;
