/**
 * Every route of the orientation area × every kind of caller, in one table: who may do what.
 * "sans CSRF" is a signed-in curator whose request lacks the X-CSRF-Token header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { contactRequest, orientationApp, postJson } from './helpers.ts';

type Who = 'admin' | 'curateur' | 'relais du 57' | 'relais du 31' | 'professionnel-verifie' | 'anonyme' | 'sans CSRF';
const WHO: Who[] = ['admin', 'curateur', 'relais du 57', 'relais du 31', 'professionnel-verifie', 'anonyme', 'sans CSRF'];

let t: TestApp;
const users = {} as Record<Who, Signed | null>;

beforeAll(async () => {
  t = createTestApp(orientationApp());
  users.admin = await signedInAs(t, 'admin');
  users.curateur = await signedInAs(t, 'curateur');
  users['relais du 57'] = await signedInAs(t, 'relais', { departements: ['57'] });
  users['relais du 31'] = await signedInAs(t, 'relais', { departements: ['31'] });
  users['professionnel-verifie'] = await signedInAs(t, 'professionnel-verifie');
  users.anonyme = null;
  users['sans CSRF'] = await signedInAs(t, 'curateur');
});
afterAll(() => t.close());

/** A fresh request in Thionville (57), and its mail still waiting: every row of the table acts on its own. */
async function freshRequest(): Promise<{ reference: string; outboxId: number }> {
  const { status, body } = await postJson(t.app, '/api/contact-requests', contactRequest());
  expect(status).toBe(201);
  const outboxId = t.db
    .prepare(`SELECT o.id FROM outbox o JOIN contact_requests r ON o.subject_ref = 'contact_request:' || r.id WHERE r.reference = ?`)
    .pluck()
    .get(body.reference) as number;
  return { reference: body.reference, outboxId };
}

/** The status each caller gets from one route, given in the order of WHO. */
function answers(...statuses: number[]): Record<Who, number> {
  if (statuses.length !== WHO.length) throw new Error(`${WHO.length} statuses expected, one per caller`);
  return Object.fromEntries(WHO.map((who, i) => [who, statuses[i]])) as Record<Who, number>;
}

type Row = {
  route: string;
  request: () => Promise<{ url: string; method: string; body?: unknown; check?: (status: number) => void }>;
  expected: Record<Who, number>;
};

const statusOf = (reference: string) => t.db.prepare('SELECT status FROM contact_requests WHERE reference = ?').pluck().get(reference);
const outboxStatusOf = (id: number) => t.db.prepare('SELECT status FROM outbox WHERE id = ?').pluck().get(id);

const MUTATING: Row[] = [
  {
    route: 'POST /api/orientation',
    request: async () => ({
      url: '/api/orientation',
      method: 'POST',
      body: { profile: 'famille', commune: '57672', needs: ['ecoute'], urgency: 'information' },
    }),
    expected: answers(200, 200, 200, 200, 200, 200, 403),
  },
  {
    route: 'POST /api/contact-requests',
    request: async () => {
      const before = t.db.prepare('SELECT count(*) FROM contact_requests').pluck().get() as number;
      return {
        url: '/api/contact-requests',
        method: 'POST',
        body: contactRequest(),
        check: (status) =>
          expect(t.db.prepare('SELECT count(*) FROM contact_requests').pluck().get()).toBe(status === 201 ? before + 1 : before),
      };
    },
    expected: answers(201, 201, 201, 201, 201, 201, 403),
  },
  {
    route: 'PATCH /api/admin/contact-requests/:reference',
    request: async () => {
      const { reference } = await freshRequest();
      return {
        url: `/api/admin/contact-requests/${reference}`,
        method: 'PATCH',
        body: { status: 'en-cours' },
        check: (status) => expect(statusOf(reference)).toBe(status === 200 ? 'en-cours' : 'nouvelle'),
      };
    },
    expected: answers(200, 200, 200, 403, 403, 401, 403),
  },
  {
    route: 'POST /api/admin/outbox/:id/retry',
    request: async () => {
      const { outboxId } = await freshRequest();
      t.db.prepare(`UPDATE outbox SET status = 'failed' WHERE id = ?`).run(outboxId);
      return {
        url: `/api/admin/outbox/${outboxId}/retry`,
        method: 'POST',
        check: (status) => expect(outboxStatusOf(outboxId)).toBe(status === 200 ? 'pending' : 'failed'),
      };
    },
    expected: answers(200, 200, 403, 403, 403, 401, 403),
  },
];

const READS: Row[] = [
  {
    route: 'GET /api/admin/contact-requests',
    request: async () => ({ url: '/api/admin/contact-requests', method: 'GET' }),
    expected: answers(200, 200, 200, 200, 403, 401, 200),
  },
  {
    route: 'GET /api/admin/contact-requests/:reference',
    request: async () => ({ url: `/api/admin/contact-requests/${(await freshRequest()).reference}`, method: 'GET' }),
    expected: answers(200, 200, 200, 403, 403, 401, 200),
  },
  {
    route: 'GET /api/admin/outbox',
    request: async () => ({ url: '/api/admin/outbox', method: 'GET' }),
    expected: answers(200, 200, 403, 403, 403, 401, 200),
  },
];

const table = (rows: Row[]) => rows.flatMap((row) => WHO.map((who) => [row.route, who, row.expected[who], row] as const));

describe('who may change what', () => {
  it.each(table(MUTATING))('%s as %s → %i', async (_route, who, expected, row) => {
    const r = await row.request();
    const res = await asUser(t, users[who], r.url, { method: r.method, body: r.body, csrf: who !== 'sans CSRF' });
    expect(res.status).toBe(expected);
    const body = await res.json();
    if (expected >= 400) expect(body.error).toBe(expected === 401 ? 'unauthorized' : 'forbidden');
    r.check?.(res.status);
  });
});

describe('who may read what', () => {
  it.each(table(READS))('%s as %s → %i', async (_route, who, expected, row) => {
    const r = await row.request();
    const res = await asUser(t, users[who], r.url, { method: r.method, csrf: who !== 'sans CSRF' });
    expect(res.status).toBe(expected);
    if (expected === 200) expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('a relais of the 31 lists none of the Moselle requests', async () => {
    await freshRequest();
    const res = await asUser(t, users['relais du 31'], '/api/admin/contact-requests');
    const body = (await res.json()) as { items: { departement: { code: string } }[] };
    expect(body.items.every((i) => i.departement.code === '31')).toBe(true);
  });

  it('a request from another site (Origin) is refused even with the token', async () => {
    const who = users.curateur as Signed;
    const res = await t.app.request('/api/admin/outbox/1/retry', {
      method: 'POST',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });
});
