import { DepartementListSchema, DepartementPageSchema, ErrorBodySchema, ProtocolListSchema, PublicProtocolSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp();
});
afterAll(() => t.close());

type Member = { actor: { slug: string; name: string }; role: string };
type Protocol = {
  slug: string;
  kind: string;
  members: Member[];
  meetings: { date: string; summary: string }[];
  frequency: string | null;
  parent: { slug: string } | null;
};

describe('GET /api/departements/57 — what exists in Moselle', () => {
  let page: {
    departement: { code: string; name: string; region: { name: string } };
    reporting: { slug: string }[];
    actors: { slug: string; territory: { scope: string }; sites: { address: string | null; confidential: boolean }[] }[];
    protocols: Protocol[];
    resources: { slug: string }[];
  };
  beforeAll(async () => {
    const res = await getJson(t.app, '/api/departements/57', DepartementPageSchema);
    expect(res.status).toBe(200);
    page = res.body;
  });

  it('names the département and its région', () => {
    expect(page.departement).toMatchObject({ code: '57', name: 'Moselle', region: { name: 'Grand Est' } });
  });

  it('shows the CRIP first, then the ASE', () => {
    expect(page.reporting.map((a) => a.slug).slice(0, 2)).toEqual(['crip-57', 'ase-moselle']);
  });

  it('lists the other actors with a site or coverage there, without the national ones', () => {
    const slugs = page.actors.map((a) => a.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(['mousqueton-moselle', 'cour-appel-metz', 'dirpjj-grand-est', 'test-foyer-confidentiel-thionville']),
    );
    expect(slugs).not.toContain('crip-57');
    expect(slugs).not.toContain('allo-enfance-en-danger-119');
    for (const a of page.actors) expect(a.territory.scope).not.toBe('national');
  });

  it('shows actors through the public view: a confidential site has no address', () => {
    const confidential = page.actors.flatMap((a) => a.sites).filter((s) => s.confidential);
    expect(confidential.length).toBeGreaterThan(0);
    for (const s of confidential) expect(s.address).toBeNull();
    expect(JSON.stringify(page)).not.toContain('12 rue Secrète-de-Test');
  });

  it('shows the convention with its three signatories linked to their actor pages', () => {
    const convention = page.protocols.find((p) => p.kind === 'convention');
    expect(convention?.slug).toBe('convention-moselle-prostitution-des-mineurs');
    const signatories = convention?.members.filter((m) => m.role === 'signataire').map((m) => m.actor.slug);
    expect(signatories).toEqual(['ase-moselle', 'dirpjj-grand-est', 'cour-appel-metz']);
    for (const m of convention?.members ?? []) expect(m.actor.name.length).toBeGreaterThan(3);
  });

  it('shows the quarterly follow-up committee, its members and its meetings', () => {
    const committee = page.protocols.find((p) => p.kind === 'comite-de-suivi');
    expect(committee).toMatchObject({ frequency: 'trimestriel', parent: { slug: 'convention-moselle-prostitution-des-mineurs' } });
    expect(committee?.members.map((m) => m.actor.slug)).toEqual([
      'cour-appel-metz',
      'ase-moselle',
      'crip-57',
      'dirpjj-grand-est',
      'mouvement-du-nid',
      'ars-grand-est',
      'police-nationale-moselle',
      'gendarmerie-moselle',
    ]);
    expect(committee?.meetings.map((m) => m.date)).toEqual(['2024-01-25', '2024-04-11', '2024-09-05']);
    expect(committee?.meetings[0]?.summary).toContain('10 situations');
  });

  it('shows the commission prostitution des mineurs', () => {
    expect(page.protocols.map((p) => p.kind)).toContain('commission');
  });

  it('lists the resources of the territory, not the national ones', () => {
    const slugs = page.resources.map((r) => r.slug);
    expect(slugs).toEqual(expect.arrayContaining(['convention-moselle-prostitution-des-mineurs-2023', 'bilan-convention-moselle-2025']));
    expect(slugs).not.toContain('code-penal-article-226-14');
  });
});

describe('GET /api/departements/:code — errors', () => {
  it.each(['abc', '999', '5', '57x'])('a malformed code (%s) is a 400 naming `code`', async (code) => {
    const { status, body } = await getJson(t.app, `/api/departements/${code}`, ErrorBodySchema);
    expect(status).toBe(400);
    expect(body.issues?.map((i: { path: string }) => i.path)).toContain('code');
  });

  it('a well-formed code that names no département is a 404 JSON', async () => {
    const { status, body } = await getJson(t.app, '/api/departements/20', ErrorBodySchema);
    expect(status).toBe(404);
    expect(body.error).toBe('not_found');
  });

  it('accepts Corsica and overseas codes', async () => {
    for (const code of ['2A', '2b', '971'])
      expect((await getJson(t.app, `/api/departements/${code}`, DepartementPageSchema)).status, code).toBe(200);
  });
});

describe('the national view', () => {
  it('GET /api/departements lists every département with its counts and which have a protocol', async () => {
    const { status, body } = await getJson(t.app, '/api/departements', DepartementListSchema);
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThanOrEqual(101);
    const moselle = body.items.find((d: { code: string }) => d.code === '57');
    expect(moselle).toMatchObject({ name: 'Moselle', protocols: 3, has_protocol: true });
    expect(moselle!.actors).toBeGreaterThanOrEqual(8);
    const withProtocol = body.items.filter((d: { has_protocol: boolean }) => d.has_protocol).map((d: { code: string }) => d.code);
    // The Moselle convention and the Seine-Saint-Denis protocol of 2020 (data/seed/protocols/93.yaml).
    expect(withProtocol).toEqual(expect.arrayContaining(['57', '93']));
    expect(body.items.find((d: { code: string }) => d.code === '33')!.has_protocol).toBe(false);
    // A région-wide actor counts in each of the région's départements.
    const meuse = body.items.find((d: { code: string }) => d.code === '55');
    expect(meuse!.actors).toBeGreaterThanOrEqual(2);
  });

  it('GET /api/departements gives each département the box of its outline, for a map to frame it', async () => {
    const { body } = await getJson(t.app, '/api/departements', DepartementListSchema);
    const box = (code: string) => body.items.find((d) => d.code === code)?.bbox;
    // Metz (6.18, 49.12) is in the Moselle's box, Paris (2.35, 48.86) is not.
    const moselle = box('57');
    expect(moselle).toBeTruthy();
    const [w, s, e, n] = moselle!;
    expect(w < 6.18 && 6.18 < e && s < 49.12 && 49.12 < n).toBe(true);
    expect(w < 2.35 && 2.35 < e && s < 48.86 && 48.86 < n).toBe(false);
    // A département about a degree across, not France.
    expect(e - w).toBeLessThan(2.5);
    // Overseas too: La Réunion around Saint-Denis (55.45, -20.88).
    const [rw, rs, re, rn] = box('974')!;
    expect(rw < 55.45 && 55.45 < re && rs < -20.88 && -20.88 < rn).toBe(true);
    expect(body.items.every((d) => d.bbox !== null)).toBe(true);
  });

  it('GET /api/protocols lists the protocols, a convention before the instances it created', async () => {
    const { status, body } = await getJson(t.app, '/api/protocols', ProtocolListSchema);
    expect(status).toBe(200);
    const slugs = body.items.map((p: Protocol) => p.slug);
    const moselle = slugs.filter((s: string) => s.includes('moselle'));
    expect(moselle).toEqual([
      'convention-moselle-prostitution-des-mineurs',
      'comite-de-suivi-moselle-prostitution-des-mineurs',
      'commission-prostitution-des-mineurs-moselle',
    ]);
    expect(slugs).toContain('protocole-prostitution-des-mineurs-93-2020');
    const committees = await getJson(t.app, '/api/protocols?kinds=comite-de-suivi', ProtocolListSchema);
    expect(committees.body.total).toBe(1);
    expect((await getJson(t.app, '/api/protocols?departement=33', ProtocolListSchema)).body.total).toBe(0);
    expect((await getJson(t.app, '/api/protocols?kinds=club')).status).toBe(400);
  });

  it('GET /api/protocols/:slug gives one protocol, and 404 for an unknown one', async () => {
    const ok = await getJson(t.app, '/api/protocols/comite-de-suivi-moselle-prostitution-des-mineurs', PublicProtocolSchema);
    expect(ok.status).toBe(200);
    expect(ok.body.resources.map((r: { slug: string }) => r.slug)).toEqual(['bilan-convention-moselle-2025']);
    const missing = await getJson(t.app, '/api/protocols/inconnu');
    expect(missing.status).toBe(404);
  });
});
