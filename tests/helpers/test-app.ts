/** Builds the real app on a real temporary SQLite file, seeded with the real seed plus the test fixtures. */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { type CreateAppOptions, createApp } from '@pare/api/app';
import { type Db, openDatabase, seedDirectory, seedResourcesIfEmpty } from '@pare/db';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SEED_FILE = join(ROOT, 'data/seed/actors');
export const FIXTURES_FILE = join(ROOT, 'tests/fixtures/actors.yaml');
export const WEB_DIST = join(ROOT, 'apps/web/dist');

export type TestApp = { app: ReturnType<typeof createApp>; db: Db; dir: string; close: () => void };

export function createTestApp(opts: { fixtures?: boolean; webDist?: boolean; config?: CreateAppOptions['config'] } = {}): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'pare-test-'));
  const db = openDatabase(join(dir, 'pare.db'));
  seedDirectory(db, SEED_FILE);
  if (opts.fixtures !== false) seedDirectory(db, FIXTURES_FILE);
  seedResourcesIfEmpty(db, join(ROOT, 'data/seed/resources.yaml'));
  const app = createApp({ db, ...(opts.webDist ? { webDist: WEB_DIST } : {}), ...(opts.config ? { config: opts.config } : {}) });
  return {
    app,
    db,
    dir,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The same app on a real port, for browser journeys. */
export async function startTestServer(
  opts: { fixtures?: boolean; config?: CreateAppOptions['config'] } = {},
): Promise<TestApp & { url: string }> {
  const t = createTestApp({ ...opts, webDist: true });
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    ...t,
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.close();
      t.close();
    },
  };
}

/** GET a JSON route and return status + parsed body. */
// biome-ignore lint/suspicious/noExplicitAny: tests read many response shapes; each assertion says what it expects.
export async function getJson(app: TestApp['app'], url: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await app.request(url);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
