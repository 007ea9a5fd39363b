import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { contactRequest, createOrientationApp, postJson } from './helpers.ts';

let t: TestApp;
let curator: Signed;
let relais57: Signed;
const refs: Record<'thionville' | 'toulouse' | 'marseille' | 'actor', string> = { thionville: '', toulouse: '', marseille: '', actor: '' };

async function submit(over: Record<string, unknown>): Promise<string> {
  const { status, body } = await postJson(t.app, '/api/contact-requests', contactRequest(over));
  expect(status).toBe(201);
  return body.reference as string;
}

beforeAll(async () => {
  t = createOrientationApp();
  refs.thionville = await submit({ commune: '57672', name: 'Camille' });
  refs.toulouse = await submit({
    commune: '31555',
    name: 'Infirmière scolaire',
    profile: 'professionnel',
    email: 'infirmiere@example.test',
  });
  refs.marseille = await submit({ commune: '13055', name: 'Sam', profile: 'jeune' });
  refs.actor = await submit({ commune: '57463', actor: 'test-ecoute-familles-thionville' });
  curator = await signedInAs(t, 'curateur');
  relais57 = await signedInAs(t, 'relais', { departements: ['57'] });
});
afterAll(() => t.close());

type Summary = {
  reference: string;
  status: string;
  departement: { code: string };
  actor: { slug: string } | null;
  phone?: unknown;
  message?: unknown;
};
async function list(who: Signed, query = '') {
  const res = await asUser(t, who, `/api/admin/contact-requests${query}`);
  return { status: res.status, body: (await res.json()) as { total: number; items: Summary[] }, headers: res.headers };
}

describe('GET /api/admin/contact-requests', () => {
  it('shows a curator every request, newest first, without contact details or message', async () => {
    const { status, body, headers } = await list(curator);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body.items.map((i) => i.reference)).toEqual([refs.actor, refs.marseille, refs.toulouse, refs.thionville]);
    expect(body.total).toBe(4);
    for (const item of body.items) {
      expect(item.phone).toBeUndefined();
      expect(item.message).toBeUndefined();
    }
  });

  it('filters by département, status and actor', async () => {
    expect((await list(curator, '?departement=31')).body.items.map((i) => i.reference)).toEqual([refs.toulouse]);
    expect((await list(curator, '?actor=test-ecoute-familles-thionville')).body.items.map((i) => i.reference)).toEqual([refs.actor]);
    expect((await list(curator, '?status=cloturee')).body.total).toBe(0);
    expect((await list(curator, '?status=nouvelle')).body.total).toBe(4);
    expect((await list(curator, '?per_page=1&page=2')).body).toMatchObject({ total: 4, items: [{ reference: refs.marseille }] });
  });

  it('shows a relais only the requests of its départements', async () => {
    const { body } = await list(relais57);
    expect(body.items.map((i) => i.reference).sort()).toEqual([refs.thionville, refs.actor].sort());
    expect(body.items.every((i) => i.departement.code === '57')).toBe(true);
    expect((await list(relais57, '?departement=31')).status).toBe(403);
  });

  it('refuses a bad filter with the one 400 shape', async () => {
    const { status, body } = await list(curator, '?status=perdue');
    expect(status).toBe(400);
    expect((body as unknown as { issues: { path: string }[] }).issues[0]?.path).toBe('status');
  });
});

describe('GET /api/admin/contact-requests/:reference', () => {
  it('gives the whole request, its history, its mails and its purge date', async () => {
    const res = await asUser(t, curator, `/api/admin/contact-requests/${refs.toulouse}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      reference: refs.toulouse,
      status: 'nouvelle',
      recipient: 'equipe-pare',
      profile: 'professionnel',
      name: 'Infirmière scolaire',
      phone: '06 12 34 56 78',
      email: 'infirmiere@example.test',
      commune: { code: '31555', name: 'Toulouse' },
      departement: { code: '31', name: 'Haute-Garonne' },
      history: [{ from: null, to: 'nouvelle', by: 'formulaire public', note: null }],
      mails: [{ status: 'pending', attempts: 0 }],
    });
    const days = (new Date(body.purge_after).getTime() - new Date(body.created_at).getTime()) / 86_400_000;
    expect(days).toBe(180);
  });

  it('a lowercase reference works, an unknown one is 404, a malformed one 400', async () => {
    expect((await asUser(t, curator, `/api/admin/contact-requests/${refs.toulouse.toLowerCase()}`)).status).toBe(200);
    expect((await asUser(t, curator, '/api/admin/contact-requests/PARE-22222222')).status).toBe(404);
    expect((await asUser(t, curator, '/api/admin/contact-requests/12')).status).toBe(400);
  });

  it('a relais cannot open a request of another département', async () => {
    expect((await asUser(t, relais57, `/api/admin/contact-requests/${refs.toulouse}`)).status).toBe(403);
    expect((await asUser(t, relais57, `/api/admin/contact-requests/${refs.thionville}`)).status).toBe(200);
  });
});

describe('PATCH /api/admin/contact-requests/:reference', () => {
  it('moves a request on and keeps who, when, from, to and the note in the history', async () => {
    const res = await asUser(t, relais57, `/api/admin/contact-requests/${refs.thionville}`, {
      method: 'PATCH',
      body: { status: 'en-cours', note: 'Rappel prévu mardi' },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('en-cours');
    expect(body.history.at(-1)).toMatchObject({ from: 'nouvelle', to: 'en-cours', by: relais57.email, note: 'Rappel prévu mardi' });
    expect(Date.now() - new Date(body.history.at(-1).at).getTime()).toBeLessThan(60_000);

    const closed = await asUser(t, curator, `/api/admin/contact-requests/${refs.thionville}`, {
      method: 'PATCH',
      body: { status: 'cloturee' },
    });
    expect((await closed.json()).history.map((h: { from: string; to: string; by: string }) => [h.from, h.to, h.by])).toEqual([
      [null, 'nouvelle', 'formulaire public'],
      ['nouvelle', 'en-cours', relais57.email],
      ['en-cours', 'cloturee', curator.email],
    ]);
    expect((await list(curator, '?status=cloturee')).body.items.map((i) => i.reference)).toEqual([refs.thionville]);
  });

  it('refuses the same status (409), a way back to "nouvelle" (400) and an unknown status (400)', async () => {
    const patch = (status: string) =>
      asUser(t, curator, `/api/admin/contact-requests/${refs.marseille}`, { method: 'PATCH', body: { status } });
    expect((await patch('transmise')).status).toBe(200);
    expect((await patch('transmise')).status).toBe(409);
    const back = await patch('nouvelle');
    expect(back.status).toBe(400);
    expect((await back.json()).issues[0].path).toBe('status');
    expect((await patch('perdue')).status).toBe(400);
  });
});
