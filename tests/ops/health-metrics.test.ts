/** GET /api/health/details (admin or this machine, degraded when mail or backups are stuck) and /metrics (bearer token). */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../helpers/accounts.ts';
import { type AppConfig, createTestApp, type TestApp } from '../helpers/test-app.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** The seed alone, a backups directory of its own, mail configured; `config` over that. */
function appWith(config: AppConfig): TestApp & { backups: string } {
  const t = createTestApp({
    fixtures: false,
    resources: false,
    config: ({ dir }) => ({ backupDir: join(dir, 'backups'), smtpConfigured: true, ...config }),
  });
  const backups = join(t.dir, 'backups');
  mkdirSync(backups);
  return { ...t, backups };
}

const stampOf = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

describe('GET /api/health/details', () => {
  let t: ReturnType<typeof appWith>;
  beforeAll(() => {
    t = appWith({});
  });
  afterAll(() => t.close());

  it('stays cheap and public at /api/health', async () => {
    const res = await t.app.request('/api/health');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('anonymous from the network should return 403; a curator too', async () => {
    expect((await t.app.request('/api/health/details')).status).toBe(403);
    const curator = await signedInAs(t, 'curateur');
    expect((await t.app.request('/api/health/details', { headers: { cookie: curator.cookie } })).status).toBe(403);
  });

  it('an administrator reads the database, outbox, backup, jobs, version and uptime', async () => {
    writeFileSync(join(t.backups, `pare-backup-${stampOf(hoursAgo(3))}.tar.gz`), 'x');
    t.db
      .prepare(`INSERT INTO job_runs (name, last_run_at, result) VALUES ('backup', ?, '{"integrity":"ok"}')`)
      .run(hoursAgo(3).toISOString());
    const admin = await signedInAs(t, 'admin');
    const res = await t.app.request('/api/health/details', { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.database.size_bytes).toBeGreaterThan(100_000);
    expect(body.database.integrity).toEqual({ result: 'ok', checked_at: expect.any(String) });
    expect(body.backup.last.age_s).toBeGreaterThan(3 * 3600 - 60);
    expect(body.outbox).toMatchObject({ pending: 0, failed: 0, oldest_pending_age_s: null });
    expect(body.jobs.map((j: { name: string }) => j.name)).toContain('backup');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(body.uptime_s).toBeGreaterThanOrEqual(0);
  });

  it('turns degraded when the SMTP relay was down for a day: the mail failed and is more than a day old', async () => {
    const admin = await signedInAs(t, 'admin');
    const { sendDueMail } = await import('../../apps/api/src/services/mailer.ts');
    const { createLogger } = await import('../../apps/api/src/lib/logger.ts');
    const queuedAt = hoursAgo(25);
    t.db
      .prepare(
        `INSERT INTO outbox (kind, recipient, subject, body, created_at, next_attempt_at) VALUES ('test', 'x@example.test', 's', 'b', ?, ?)`,
      )
      .run(queuedAt.toISOString(), queuedAt.toISOString());
    // The relay refuses every try, over a day of simulated time: 1 min, 5 min, 30 min, 2 h, 12 h, then failed.
    const down = { sendMail: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) };
    for (let minutes = 0; minutes <= 24 * 60; minutes += 1)
      await sendDueMail({ db: t.db, log: createLogger('silent') }, down, new Date(queuedAt.getTime() + minutes * 60_000));
    expect(t.db.prepare(`SELECT status FROM outbox WHERE kind = 'test'`).pluck().get()).toBe('failed');
    const body = await (await t.app.request('/api/health/details', { headers: { cookie: admin.cookie } })).json();
    expect(body.status).toBe('degraded');
    expect(body.outbox.failed_over_a_day).toBe(1);
    expect(body.problems.join(' ')).toMatch(/échec depuis plus d’un jour/);
    t.db.prepare(`DELETE FROM outbox WHERE kind = 'test'`).run();
  });

  it('turns degraded when the last backup is more than two days old, ok again after a fresh one', async () => {
    const admin = await signedInAs(t, 'admin');
    rmSync(t.backups, { recursive: true, force: true });
    mkdirSync(t.backups);
    writeFileSync(join(t.backups, `pare-backup-${stampOf(hoursAgo(49))}.tar.gz`), 'x');
    const old = await (await t.app.request('/api/health/details', { headers: { cookie: admin.cookie } })).json();
    expect(old.status).toBe('degraded');
    expect(old.problems.join(' ')).toMatch(/sauvegarde vieille de 49 h/);
    writeFileSync(join(t.backups, `pare-backup-${stampOf(hoursAgo(1))}.tar.gz`), 'x');
    const fresh = await (await t.app.request('/api/health/details', { headers: { cookie: admin.cookie } })).json();
    expect(fresh.status).toBe('ok');
  });

  it('answers a request from this machine without a session, but not one that came through a reverse proxy', async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health/details`;
    try {
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    } finally {
      server.close();
    }
  });
});

describe('/metrics', () => {
  it('does not exist without PARE_METRICS_TOKEN', async () => {
    const t = appWith({});
    try {
      const res = await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      t.close();
    }
  });

  it('no token or a wrong one should return 401; the right one gets the Prometheus text, per route pattern', async () => {
    const t = appWith({ metricsToken: TOKEN });
    try {
      expect((await t.app.request('/metrics')).status).toBe(401);
      expect((await t.app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const slug = t.db.prepare(`SELECT slug FROM actors WHERE status = 'published' LIMIT 1`).pluck().get() as string;
      // An answer is kept from its second ask: five asks are two misses and three hits.
      for (let i = 0; i < 5; i++) await t.app.request(`/api/actors/${slug}`);
      await t.app.request('/api/actors?q=fugue');
      await t.app.request('/api/nowhere/at-all');
      t.db.prepare(`INSERT INTO outbox (kind, recipient, subject, body) VALUES ('test', 'x@example.test', 's', 'b')`).run();
      const res = await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(text).toMatch(/pare_http_requests_total\{method="GET",route="\/api\/actors\/:slug",status="200"\} 5/);
      expect(text).toMatch(/pare_http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/api\/actors"\} 1/);
      // Never a full URL: no slug, no search words, no unknown path as a label.
      expect(text).not.toContain(slug);
      expect(text).not.toContain('fugue');
      expect(text).not.toContain('nowhere');
      expect(text).toMatch(/pare_outbox_mails\{status="pending"\} 1/);
      expect(text).toMatch(/pare_outbox_oldest_pending_age_seconds \d/);
      expect(text).toMatch(/pare_public_cache_hit_ratio 0\.[5-9]/);
      expect(text).toMatch(/pare_backup_age_seconds -1/);
      expect(text).toMatch(/pare_process_resident_memory_bytes \d+/);
    } finally {
      t.close();
    }
  });
});
