/**
 * The real server with PARE_WORKERS=2 (apps/api/src/cluster.ts): two processes on one port and
 * one database. Both answer; a write through one is read through the other at once; a rate limit
 * counts the requests made to both; the outbox worker runs in one process only, and another takes
 * it over when that one dies; SIGTERM stops them all gracefully.
 */
import { statSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { type Db, openDatabase, SEARCH_SYNONYMS } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARM_REQUESTS } from '../../apps/api/src/services/view-warmer.ts';
import { type Delivered, startSmtpServer } from '../helpers/smtp.ts';
import { type Deployment, newDeployment, pare, type ServerProcess, startServer } from './server-process.ts';

const PASSWORD = 'mot de passe des tests ops';

type Answer = { status: number; worker: string | undefined; text: string; headers: Record<string, string | string[] | undefined> };

let d: Deployment;
let server: ServerProcess;
let smtp: { url: string; delivered: Delivered[]; close: () => Promise<void> };
let port: number;
const agents: Agent[] = [];

/** One HTTP request on the agent's connection (`undefined`: a new connection). */
function call(
  agent: Agent | undefined,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const body = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: agent ?? false,
        headers: { ...(body ? { 'content-type': 'application/json', 'content-length': body.byteLength } : {}), ...opts.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, worker: res.headers['x-pare-worker'] as string | undefined, text, headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A kept-alive connection, and the worker at its other end. */
async function connection(): Promise<{ agent: Agent; worker: string }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.push(agent);
  const { worker } = await call(agent, 'GET', '/api/health');
  return { agent, worker: worker as string };
}

/** Two connections that end in different workers. */
async function twoWorkers(): Promise<[Agent, Agent]> {
  const first = await connection();
  for (let i = 0; i < 10; i++) {
    const other = await connection();
    if (other.worker !== first.worker) return [first.agent, other.agent];
  }
  throw new Error('every connection went to one worker');
}

const withDb = <T>(fn: (db: Db) => T): T => {
  const db = openDatabase(d.env.PARE_DB as string);
  try {
    return fn(db);
  } finally {
    db.close();
  }
};
const queueMails = (recipients: string[]) =>
  withDb((db) => {
    const insert = db.prepare(`INSERT INTO outbox (kind, recipient, subject, body) VALUES ('test', ?, 'Essai', 'Courriel de test.')`);
    for (const r of recipients) insert.run(r);
  });
const leaseHolderPid = () =>
  withDb((db) => {
    const holder = db.prepare(`SELECT holder FROM leases WHERE name = 'background'`).pluck().get() as string | undefined;
    return holder ? Number(holder.split(':').pop()) : undefined;
  });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const workerPids = () => [...new Set(server.logs.flatMap((l) => /"msg":"worker listening","pid":(\d+)/.exec(l)?.[1] ?? []))].map(Number);

beforeAll(async () => {
  smtp = await startSmtpServer();
  d = newDeployment({ PARE_WORKERS: '2', PARE_SMTP_URL: smtp.url, PARE_TRUST_PROXY: 'true' });
  expect((await pare(d, ['admin:create', '--email', 'admin@example.test'], { input: `${PASSWORD}\n` })).code).toBe(0);
  // Mails waiting before the start: the process that takes the lease sends them at once.
  queueMails(['un@example.test', 'deux@example.test', 'trois@example.test']);
  server = await startServer(d);
  port = Number(new URL(server.url).port);
}, 120_000);

afterAll(async () => {
  for (const a of agents) a.destroy();
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  await smtp?.close();
});

describe('PARE_WORKERS=2', () => {
  it('serves from both processes on the one port', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 12 && seen.size < 2; i++) {
      const res = await call(undefined, 'GET', '/api/health');
      expect(res.status).toBe(200);
      seen.add(res.worker as string);
    }
    expect(seen.size).toBe(2);
    expect(workerPids()).toHaveLength(2);
  });

  it('makes the public view of every published actor in each process once it listens, reads its broadest words ahead, searches each département and sends its app a sample of searches', async () => {
    const warmed = await until('both processes’ views made', () => {
      const lines = server.logs.filter((l) => l.includes('"msg":"views warmed"'));
      return lines.length >= 2 && lines;
    });
    const published = withDb((db) => db.prepare("SELECT count(*) FROM actors WHERE status = 'published'").pluck().get() as number);
    expect(published).toBeGreaterThan(10);
    expect(warmed.map((l) => (JSON.parse(l) as { views: number }).views)).toEqual([published, published]);
    // The texts of the 32 words the most entries hold, as typed too, and of the synonyms table's
    // words, read on each process's worker thread: the same in both.
    const texts = warmed.map((l) => (JSON.parse(l) as { texts: number }).texts);
    expect(texts[0]).toBeGreaterThanOrEqual(Math.max(32, Object.keys(SEARCH_SYNONYMS).length));
    expect(texts[1]).toBe(texts[0]);
    // A first search around each of the 101 départements' chef-lieu (services/view-warmer.ts).
    expect(warmed.map((l) => (JSON.parse(l) as { places: number }).places)).toEqual([101, 101]);
    // Then searches as visitors send them, through each process's own app, every one answered 200.
    expect(warmed.map((l) => (JSON.parse(l) as { requests: number }).requests)).toEqual([WARM_REQUESTS, WARM_REQUESTS]);
  });

  it('shows a curator’s edit made through one process to a visitor of the other at once', async () => {
    const [a, b] = await twoWorkers();
    const { id, slug } = withDb(
      (db) =>
        db.prepare(`SELECT id, slug FROM actors WHERE status = 'published' ORDER BY id LIMIT 1`).get() as { id: number; slug: string },
    );
    // Each process has the page and a search in its public cache.
    for (const agent of [a, b]) {
      expect((await call(agent, 'GET', `/api/actors/${slug}`)).status).toBe(200);
      expect(JSON.parse((await call(agent, 'GET', '/api/actors?q=zanzibarite')).text).total).toBe(0);
    }
    const login = await call(a, 'POST', '/api/auth/login', {
      headers: { origin: server.url },
      body: { email: 'admin@example.test', password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const csrf = JSON.parse(login.text).csrf_token as string;
    const edit = await call(a, 'PATCH', `/api/admin/actors/${id}`, {
      headers: { cookie, 'x-csrf-token': csrf, origin: server.url },
      body: { description: 'Permanence zanzibarite le mardi, édition faite dans un autre processus.' },
    });
    expect(edit.status).toBe(200);
    expect(edit.worker).not.toBe((await call(b, 'GET', '/api/health')).worker);

    const page = await call(b, 'GET', `/api/actors/${slug}`);
    expect(JSON.parse(page.text).description).toBe('Permanence zanzibarite le mardi, édition faite dans un autre processus.');
    const search = JSON.parse((await call(b, 'GET', '/api/actors?q=zanzibarite')).text);
    expect(search.total).toBe(1);
    expect(search.items[0].slug).toBe(slug);
  });

  it('counts a client’s requests to both processes against one limit', async () => {
    const [a, b] = await twoWorkers();
    const lookup = { reference: 'PARE-22222222', contact: '06 99 88 77 66' };
    const headers = { 'x-forwarded-for': '198.51.100.23' };
    const answers: Answer[] = [];
    // « Où en est ma demande ? »: 10 tries per 10 minutes and per client.
    for (let i = 0; i < 12; i++)
      answers.push(await call(i % 2 === 0 ? a : b, 'POST', '/api/contact-requests/status', { headers, body: lookup }));
    expect(new Set(answers.map((r) => r.worker)).size).toBe(2);
    expect(answers.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(404));
    expect(answers.slice(10).map((r) => r.status)).toEqual([429, 429]);
    expect(JSON.parse(answers[10]?.text as string)).toMatchObject({ error: 'rate_limited' });
    expect(answers[10]?.headers['ratelimit-limit']).toBe('10');
    // Another client is not held back.
    expect(
      (await call(a, 'POST', '/api/contact-requests/status', { headers: { 'x-forwarded-for': '198.51.100.24' }, body: lookup })).status,
    ).toBe(404);
  });

  it('sends each mail once, from the lease holder; when it dies another process takes the lease over', async () => {
    const ours = ['un', 'deux', 'trois', 'quatre', 'cinq'].map((n) => `${n}@example.test`);
    // Ours only: the admin gets mails of its own.
    const sent = () => smtp.delivered.map((m) => m.to.join(',')).filter((to) => ours.includes(to));
    await until('the three mails queued before the start', () => sent().length >= 3);
    const holder = await until('a lease holder', leaseHolderPid);
    expect(workerPids()).toContain(holder);

    process.kill(holder, 'SIGKILL');
    await until('the holder to be gone', () => !alive(holder));
    const next = await until('another lease holder', () => {
      const pid = leaseHolderPid();
      return pid !== undefined && pid !== holder ? pid : undefined;
    });
    expect(alive(next)).toBe(true);
    queueMails(['quatre@example.test', 'cinq@example.test']);
    // The new holder's worker looks every 30 s.
    await until('the two mails queued after the takeover', () => sent().length >= 5, 45_000);
    await new Promise((r) => setTimeout(r, 1000));
    // Each of them once.
    expect(sent().sort()).toEqual([...ours].sort());
    expect(withDb((db) => db.prepare(`SELECT status, count(*) AS n FROM outbox WHERE kind = 'test' GROUP BY status`).all())).toEqual([
      { status: 'sent', n: 5 },
    ]);
    // The primary started a process in place of the dead one: two answer again.
    await until('a new worker', () => workerPids().length === 3);
  }, 120_000);

  it('stops gracefully on SIGTERM: every process ends, the WAL is folded in, exit 0', async () => {
    const pids = await until('two live workers', () => {
      const live = workerPids().filter(alive);
      return live.length >= 2 ? live : undefined;
    });
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(server.logs.filter((l) => /"msg":"stopped"/.test(l)).length).toBeGreaterThanOrEqual(3);
    let wal = 0;
    try {
      wal = statSync(`${d.env.PARE_DB}-wal`).size;
    } catch {}
    expect(wal).toBe(0);
    expect(leaseHolderPid()).toBeUndefined();
  }, 60_000);
});
