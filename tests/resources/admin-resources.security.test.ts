/** Who may change the resource centre and the protocols: every mutating route × every role, in one table. */
import { ROLES } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { createResourcesTestApp, PDF, type ResourcesTestApp, uploadAs } from './setup.ts';

let t: ResourcesTestApp;
let curator: Signed;
const who: Partial<Record<string, Signed | null>> = {};

beforeAll(async () => {
  t = createResourcesTestApp();
  curator = await signedInAs(t, 'curateur');
  who.anonyme = null;
  who['professionnel-verifie'] = await signedInAs(t, 'professionnel-verifie');
  who['relais-33'] = await signedInAs(t, 'relais', { departements: ['33'] });
  who['relais-57'] = await signedInAs(t, 'relais', { departements: ['57'] });
  who.curateur = await signedInAs(t, 'curateur');
  who.admin = await signedInAs(t, 'admin');
  who['curateur-sans-csrf'] = who.curateur;
});
afterAll(() => t.close());

const moselleResource = (title: string) => ({
  title,
  type: 'fiche',
  publics: ['professionnels'],
  territory: { scope: 'departements', departements: ['57'] },
});
const moselleProtocol = (title: string) => ({ kind: 'other', title, departements: ['57'] });

let n = 0;
async function freshResource(withFile = false): Promise<number> {
  const res = await asUser(t, curator, '/api/admin/resources', { method: 'POST', body: moselleResource(`Fiche de test ${++n}`) });
  const { id } = (await res.json()) as { id: number };
  if (withFile) expect((await uploadAs(t, curator, id, { bytes: PDF, name: 'fiche.pdf' })).status).toBe(200);
  return id;
}
async function freshProtocol(): Promise<number> {
  const res = await asUser(t, curator, '/api/admin/protocols', { method: 'POST', body: moselleProtocol(`Instance de test ${++n}`) });
  return ((await res.json()) as { id: number }).id;
}

type Call = (as: Signed | null, csrf: boolean) => Response | Promise<Response>;
const json =
  (method: string, url: string, body?: unknown): Call =>
  (as, csrf) =>
    asUser(t, as, url, { method, ...(body ? { body } : {}), csrf });

/** Each route builds what it acts on as a curator, then is called as the role under test. */
const routes: [string, () => Promise<Call>, number][] = [
  ['POST /api/admin/resources', async () => json('POST', '/api/admin/resources', moselleResource(`Nouvelle fiche ${++n}`)), 201],
  [
    'PATCH /api/admin/resources/:id',
    async () => json('PATCH', `/api/admin/resources/${await freshResource()}`, { summary: 'Résumé modifié' }),
    200,
  ],
  ['POST /api/admin/resources/:id/archive', async () => json('POST', `/api/admin/resources/${await freshResource()}/archive`), 200],
  ['POST /api/admin/resources/:id/restore', async () => json('POST', `/api/admin/resources/${await freshResource()}/restore`), 200],
  [
    'PUT /api/admin/resources/:id/file',
    async () => {
      const id = await freshResource();
      return (as, csrf) => uploadAs(t, as, id, { bytes: PDF, name: 'fiche.pdf', type: 'application/pdf' }, { csrf });
    },
    200,
  ],
  ['DELETE /api/admin/resources/:id/file', async () => json('DELETE', `/api/admin/resources/${await freshResource(true)}/file`), 200],
  ['POST /api/admin/protocols', async () => json('POST', '/api/admin/protocols', moselleProtocol(`Nouvelle instance ${++n}`)), 201],
  [
    'PATCH /api/admin/protocols/:id',
    async () => json('PATCH', `/api/admin/protocols/${await freshProtocol()}`, { frequency: 'trimestriel' }),
    200,
  ],
  ['POST /api/admin/protocols/:id/archive', async () => json('POST', `/api/admin/protocols/${await freshProtocol()}/archive`), 200],
  ['POST /api/admin/protocols/:id/restore', async () => json('POST', `/api/admin/protocols/${await freshProtocol()}/restore`), 200],
  [
    'POST /api/admin/resources/:id/revisions/:revisionId/revert',
    async () => {
      const id = await freshResource();
      await asUser(t, curator, `/api/admin/resources/${id}`, { method: 'PATCH', body: { summary: 'Résumé modifié' } });
      const first = (
        (await (await asUser(t, curator, `/api/admin/resources/${id}/revisions`)).json()) as { items: { id: number }[] }
      ).items.at(-1);
      return json('POST', `/api/admin/resources/${id}/revisions/${first?.id}/revert`);
    },
    200,
  ],
  [
    'POST /api/admin/protocols/:id/revisions/:revisionId/revert',
    async () => {
      const id = await freshProtocol();
      await asUser(t, curator, `/api/admin/protocols/${id}`, { method: 'PATCH', body: { frequency: 'trimestriel' } });
      const first = (
        (await (await asUser(t, curator, `/api/admin/protocols/${id}/revisions`)).json()) as { items: { id: number }[] }
      ).items.at(-1);
      return json('POST', `/api/admin/protocols/${id}/revisions/${first?.id}/revert`);
    },
    200,
  ],
];

const roles: [string, (ok: number) => number][] = [
  ['anonyme', () => 401],
  ['professionnel-verifie', () => 403],
  ['relais-33', () => 403],
  ['relais-57', (ok) => ok],
  ['curateur', (ok) => ok],
  ['admin', (ok) => ok],
  ['curateur-sans-csrf', () => 403],
];

const table = routes.flatMap(([route, prepare, ok]) => roles.map(([role, expected]) => [route, role, expected(ok), prepare] as const));

describe('mutating routes × roles', () => {
  it.each(table)('%s as %s → %i', async (_route, role, status, prepare) => {
    const call = await prepare();
    const res = await call(who[role] ?? null, role !== 'curateur-sans-csrf');
    expect(res.status).toBe(status);
    if (status >= 400) {
      const body = (await res.json()) as { error: string };
      expect(body.error).toBe(status === 401 ? 'unauthorized' : 'forbidden');
    }
  });
});

describe('a relais stays within its départements', () => {
  it('cannot create a national resource, nor move one of its own out of its départements', async () => {
    const relais = who['relais-57'] as Signed;
    const national = await asUser(t, relais, '/api/admin/resources', {
      method: 'POST',
      body: { title: 'Guide national', type: 'guide', publics: ['familles'], territory: { scope: 'national' } },
    });
    expect(national.status).toBe(403);
    const id = await freshResource();
    const moved = await asUser(t, relais, `/api/admin/resources/${id}`, {
      method: 'PATCH',
      body: { territory: { scope: 'departements', departements: ['57', '54'] } },
    });
    expect(moved.status).toBe(403);
  });

  it('cannot edit the national legal texts shipped in the seed', async () => {
    const id = t.db.prepare(`SELECT id FROM resources WHERE slug = 'code-penal-article-226-14'`).pluck().get() as number;
    const res = await asUser(t, who['relais-57'] as Signed, `/api/admin/resources/${id}`, { method: 'PATCH', body: { title: 'Modifié' } });
    expect(res.status).toBe(403);
  });

  it('sees in the list which entries it may edit', async () => {
    const res = await asUser(t, who['relais-57'] as Signed, '/api/admin/resources?per_page=200');
    const { items } = (await res.json()) as { items: { slug: string; editable: boolean }[] };
    expect(items.find((i) => i.slug === 'code-penal-article-226-14')?.editable).toBe(false);
    expect(items.find((i) => i.slug === 'convention-moselle-prostitution-des-mineurs-2023')?.editable).toBe(true);
  });
});

describe('reading the back office', () => {
  it.each(['/api/admin/resources', '/api/admin/protocols'])('%s: 401 anonymous, 403 verified professional, 200 relais', async (url) => {
    expect((await asUser(t, null, url)).status).toBe(401);
    expect((await asUser(t, who['professionnel-verifie'] as Signed, url)).status).toBe(403);
    const ok = await asUser(t, who['relais-33'] as Signed, url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('private, no-store');
  });
});

// The table names every role; a new role added to the schema fails here until it is placed.
it('covers every role of the schema', () => {
  expect([...ROLES].sort()).toEqual(['admin', 'curateur', 'professionnel-verifie', 'relais']);
});

describe('history and revert', () => {
  it('puts a resource back exactly as it was, and records the revert', async () => {
    const id = await freshResource();
    const before = await (await asUser(t, curator, `/api/admin/resources/${id}`)).json();
    await asUser(t, curator, `/api/admin/resources/${id}`, { method: 'PATCH', body: { summary: 'Résumé changé', themes: ['chiffres'] } });
    const history = (await (await asUser(t, curator, `/api/admin/resources/${id}/revisions`)).json()) as {
      items: { id: number; action: string }[];
    };
    const created = history.items.find((r) => r.action === 'create');
    const res = await asUser(t, curator, `/api/admin/resources/${id}/revisions/${created?.id}/revert`, { method: 'POST' });
    expect(res.status).toBe(200);
    const after = await res.json();
    expect(after.summary).toEqual(before.summary);
    expect(after.themes).toEqual(before.themes);
    const again = (await (await asUser(t, curator, `/api/admin/resources/${id}/revisions`)).json()) as { items: { action: string }[] };
    expect(again.items[0]?.action).toBe('revert');
  });

  it('refuses a revision of another entry with a 404', async () => {
    const a = await freshResource();
    const b = await freshResource();
    const ofB = ((await (await asUser(t, curator, `/api/admin/resources/${b}/revisions`)).json()) as { items: { id: number }[] }).items[0];
    const res = await asUser(t, curator, `/api/admin/resources/${a}/revisions/${ofB?.id}/revert`, { method: 'POST' });
    expect(res.status).toBe(404);
  });
});
