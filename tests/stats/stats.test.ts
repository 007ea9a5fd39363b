/** Issue 19: coverage per département (public) and activity per département and month (counts only). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs, withSignedIn } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { contactRequest, postJson } from '../orientation/helpers.ts';
import { cripIdsOf } from './helpers.ts';

let t: TestApp;
let curator: Signed;
beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

type Row = {
  code: string;
  actors: number;
  has_crip: boolean;
  gaps: string[];
  nearest_km: Record<string, number | null>;
  by_action: Record<string, number>;
};
const coverage = async () =>
  (await (await t.app.request('/api/stats/coverage')).json()) as { departements: Row[]; national: { actors: number } };
const row = (body: { departements: Row[] }, code: string) => body.departements.find((d) => d.code === code) as Row;

describe('GET /api/stats/coverage', () => {
  it('gives every département, counted as the public « Départements » list counts them', async () => {
    const body = await coverage();
    expect(body.departements).toHaveLength(101);
    const list = (await (await t.app.request('/api/departements')).json()) as {
      items: { code: string; actors: number; has_protocol: boolean }[];
    };
    for (const d of list.items) {
      expect(row(body, d.code).actors, d.code).toBe(d.actors);
      expect((row(body, d.code) as unknown as { has_protocol: boolean }).has_protocol, d.code).toBe(d.has_protocol);
    }
    expect(body.national.actors).toBeGreaterThan(0);
  });

  it('finds the CRIP of the public département page, and a nearest distance within 200 km or null', async () => {
    const body = await coverage();
    for (const code of ['57', '13', '971']) {
      const page = (await (await t.app.request(`/api/departements/${code}`)).json()) as {
        reporting: { actions: string[]; contacts: unknown[] }[];
      };
      const hasCrip = page.reporting.some((a) => a.actions.includes('signalement') && a.contacts.length > 0);
      expect(row(body, code).has_crip, code).toBe(hasCrip);
      expect(row(body, code).gaps.includes('no-crip'), code).toBe(!hasCrip);
    }
    for (const d of body.departements) for (const km of Object.values(d.nearest_km)) if (km !== null) expect(km).toBeLessThanOrEqual(200);
    // The Moselle has actors with sites near Metz, its préfecture.
    expect(Object.values(row(body, '57').nearest_km).some((km) => km !== null && km < 50)).toBe(true);
  });

  it('shows `no-crip` at once when a département loses its CRIP, and drops it when restored', async () => {
    const before = await coverage();
    expect(row(before, '2A').gaps).not.toContain('no-crip');
    const ids = cripIdsOf(t, '2A');
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect((await asUser(t, curator, `/api/admin/actors/${id}/archive`, { method: 'POST' })).status).toBe(200);
    const after = await coverage();
    expect(row(after, '2A').gaps).toContain('no-crip');
    expect(row(after, '2A').has_crip).toBe(false);
    for (const id of ids) await asUser(t, curator, `/api/admin/actors/${id}/restore`, { method: 'POST' });
    expect(row(await coverage(), '2A').gaps).not.toContain('no-crip');
  });

  it('answers 304 to a revalidation while nothing changed', async () => {
    const first = await t.app.request('/api/stats/coverage');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\//);
    expect((await t.app.request('/api/stats/coverage', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('uses only the stable gap codes', async () => {
    const codes = new Set((await coverage()).departements.flatMap((d) => d.gaps));
    for (const c of codes)
      expect(['no-crip', 'no-listening-young', 'no-shelter-region', 'no-specialised-association', 'stale-majority']).toContain(c);
  });

  it('gives the same table as CSV', async () => {
    const res = await t.app.request('/api/stats/coverage?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^departement,nom,region,acteurs,a_reverifier,/);
    expect(lines).toHaveLength(102);
    const body = await coverage();
    const moselle = lines.find((l) => l.startsWith('57,')) as string;
    expect(moselle.split(',')[3]).toBe(String(row(body, '57').actors));
  });

  it('never carries a site, a name or a contact: a confidential site is counted, not located', async () => {
    const text = await (await t.app.request('/api/stats/coverage')).text();
    expect(text).not.toMatch(/"lat"|"lng"|confidentiel|@/);
  });
});

describe('GET /api/admin/stats/activity', () => {
  it('is refused to anonymous visitors', async () => {
    expect((await t.app.request('/api/admin/stats/activity')).status).toBe(401);
  });

  it('counts a burst of contact requests per département and month, with no personal data', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await postJson(t.app, '/api/contact-requests', contactRequest({ name: `Personne-${i}`, message: `Message secret ${i}` }));
      expect(res.status).toBe(201);
    }
    const month = new Date().toISOString().slice(0, 7);
    const res = await asUser(t, curator, `/api/admin/stats/activity?from=${month}&to=${month}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { rows: { departement: string; month: string; requests_received: number }[] };
    const moselle = body.rows.find((r) => r.departement === '57' && r.month === month);
    expect(moselle?.requests_received).toBeGreaterThanOrEqual(6);
    expect(text).not.toMatch(/Personne-|Message secret|06 12|PARE-|reference/i);
  });

  it('writes counts below 5 as "<5" in the CSV', async () => {
    await postJson(t.app, '/api/contact-requests', contactRequest({ commune: '13055' }));
    const csv = await (await asUser(t, curator, '/api/admin/stats/activity?format=csv')).text();
    const month = new Date().toISOString().slice(0, 7);
    const line = csv.split('\r\n').find((l) => l.startsWith(`13,${month},`)) as string;
    expect(line.split(',')[2]).toBe('<5');
    expect(csv).not.toMatch(/,[1-4],/);
  });

  it('shows a relais their départements only', async () => {
    const relais = await signedInAs(t, 'relais', { departements: ['13'] });
    const body = (await (await asUser(t, relais, '/api/admin/stats/activity')).json()) as { rows: { departement: string }[] };
    expect(body.rows.length).toBeGreaterThan(0);
    expect(new Set(body.rows.map((r) => r.departement))).toEqual(new Set(['13']));
  });
});
