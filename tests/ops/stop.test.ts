/**
 * Stopping the real server: SIGTERM (systemd's stop) finishes the request in flight and the mail
 * being sent, checkpoints the WAL and exits 0; kill -9 right after an answer loses nothing that
 * was acknowledged (a contact request, a curator's edit, an import).
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { openDatabase } from '@pare/db';
import { afterAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../helpers/smtp.ts';
import { type Deployment, newDeployment, pare, ROOT, readAnswer, startServer } from './server-process.ts';

const PASSWORD = 'mot de passe des tests ops';
const body = (i: number) =>
  JSON.stringify({
    name: `Personne ${i}`,
    phone: '06 12 34 56 78',
    email: '',
    profile: 'famille',
    commune: '57672',
    consent: true,
    message: 'Test.',
  });

const walBytes = (db: string) => {
  try {
    return statSync(`${db}-wal`).size;
  } catch {
    return 0;
  }
};

const deployments: Deployment[] = [];
afterAll(() => {
  for (const d of deployments) rmSync(d.dir, { recursive: true, force: true });
});

describe('SIGTERM', () => {
  it('finishes the request in flight and the mail being sent, checkpoints the WAL, exits 0', async () => {
    // An SMTP relay that takes 1.5 s to accept a message: the stop arrives while it is being sent.
    let sending: () => void = () => {};
    const mailStarted = new Promise<void>((r) => {
      sending = r;
    });
    const smtp = await startSmtpServer({ receiving: sending, acceptAfterMs: 1500 });
    const d = newDeployment({ PARE_SMTP_URL: smtp.url, PARE_TRUST_PROXY: 'true' });
    deployments.push(d);
    // One mail waiting before the start: the worker sends it at once.
    expect((await pare(d, ['db:migrate'])).code).toBe(0);
    const db = openDatabase(d.env.PARE_DB as string);
    db.prepare(
      `INSERT INTO outbox (kind, recipient, subject, body) VALUES ('test', 'equipe@example.test', 'Essai', 'Courriel de test.')`,
    ).run();
    db.close();
    const server = await startServer(d);

    // A request whose body is still arriving when the stop comes.
    const { port } = new URL(server.url);
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/contact-requests',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body(1)) },
        },
        (res) => readAnswer(res, resolve),
      );
      req.on('error', reject);
      const whole = Buffer.from(body(1));
      req.write(whole.subarray(0, 20));
      setTimeout(() => req.end(whole.subarray(20)), 1000);
    });
    await mailStarted;
    await new Promise((r) => setTimeout(r, 100));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    // No new connection once stopping.
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    const answered = await inFlight;
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.text).reference).toMatch(/^PARE-/);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    await smtp.close();

    expect(smtp.delivered.map((m) => m.to.join(','))).toEqual(['equipe@example.test']);
    expect(walBytes(d.env.PARE_DB as string)).toBe(0);
    const after = openDatabase(d.env.PARE_DB as string);
    expect(after.prepare(`SELECT status FROM outbox WHERE kind = 'test'`).pluck().get()).toBe('sent');
    expect(after.prepare('SELECT count(*) FROM contact_requests').pluck().get()).toBe(1);
    after.close();
    expect(server.logs.join('\n')).toMatch(/"msg":"stopped"/);
  }, 60_000);
});

describe('kill -9', () => {
  it('loses nothing acknowledged: a contact request, a curator edit, an import', async () => {
    const d = newDeployment({ PARE_TRUST_PROXY: 'true' });
    deployments.push(d);
    expect((await pare(d, ['admin:create', '--email', 'admin@example.test'], { input: `${PASSWORD}\n` })).code).toBe(0);

    // Each write, answered, then the process killed at once (no stop handler runs).
    const killedAfter = async (write: (url: string, cookie: string, csrf: string) => Promise<Response>) => {
      const server = await startServer(d);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email: 'admin@example.test', password: PASSWORD }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrf_token } = (await login.json()) as { csrf_token: string };
      const res = await write(server.url, cookie, csrf_token);
      const text = await res.text();
      server.child.kill('SIGKILL');
      expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
      return { status: res.status, body: JSON.parse(text) };
    };

    const request = await killedAfter((url) =>
      fetch(`${url}/api/contact-requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(2) }),
    );
    expect(request.status).toBe(201);

    const db0 = openDatabase(d.env.PARE_DB as string);
    const actorId = db0.prepare(`SELECT id FROM actors WHERE status = 'published' ORDER BY id LIMIT 1`).pluck().get() as number;
    db0.close();
    const edit = await killedAfter((url, cookie, csrf) =>
      fetch(`${url}/api/admin/actors/${actorId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, origin: url },
        body: JSON.stringify({ description: 'Édition de test, acquittée puis kill -9.' }),
      }),
    );
    expect(edit.status).toBe(200);

    const csv = readFileSync(join(ROOT, 'tests/fixtures/import/hand-made.csv'));
    const imported = await killedAfter((url, cookie, csrf) =>
      fetch(`${url}/api/admin/import?format=csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', cookie, 'x-csrf-token': csrf, origin: url },
        body: csv,
      }),
    );
    expect(imported.status).toBe(200);
    expect(imported.body.summary.created).toBeGreaterThan(0);

    const db = openDatabase(d.env.PARE_DB as string);
    expect(db.prepare('SELECT count(*) FROM contact_requests WHERE reference = ?').pluck().get(request.body.reference)).toBe(1);
    expect(db.prepare('SELECT description FROM actors WHERE id = ?').pluck().get(actorId)).toBe('Édition de test, acquittée puis kill -9.');
    expect(db.prepare(`SELECT count(*) FROM actors WHERE name LIKE '%(données de test)'`).pluck().get()).toBe(
      imported.body.summary.created,
    );
    db.close();
  }, 120_000);
});
