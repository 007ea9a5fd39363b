/** Who may change the resource centre and the protocols: every mutating route × every role, in one table. */
import { deflateSync } from 'node:zlib';
import { ROLES } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { concat, DOCX, filesIn, JPEG, PDF, PNG, uploadAs } from './setup.ts';

let t: TestApp;
let curator: Signed;
const who: Partial<Record<string, Signed | null>> = {};

beforeAll(async () => {
  t = createTestApp();
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

type RouteRow = [string, () => Promise<Call>, number];
type Kind = { path: 'resources' | 'protocols'; fresh: () => Promise<number>; created: () => unknown; edit: Record<string, unknown> };
const RESOURCES: Kind = {
  path: 'resources',
  fresh: () => freshResource(),
  created: () => moselleResource(`Nouvelle fiche ${++n}`),
  edit: { summary: 'Résumé modifié' },
};
const PROTOCOLS: Kind = {
  path: 'protocols',
  fresh: freshProtocol,
  created: () => moselleProtocol(`Nouvelle instance ${++n}`),
  edit: { frequency: 'trimestriel' },
};

/** Create, edit, archive and restore: the routes every kind of entry has. */
function lifecycleRoutes({ path, fresh, created, edit }: Kind): RouteRow[] {
  const base = `/api/admin/${path}`;
  return [
    [`POST ${base}`, async () => json('POST', base, created()), 201],
    [`PATCH ${base}/:id`, async () => json('PATCH', `${base}/${await fresh()}`, edit), 200],
    ...(['archive', 'restore'] as const).map(
      (action): RouteRow => [`POST ${base}/:id/${action}`, async () => json('POST', `${base}/${await fresh()}/${action}`), 200],
    ),
  ];
}

/** Reverting an entry to its first revision, after one edit. */
function revertRoute({ path, fresh, edit }: Kind): RouteRow {
  const base = `/api/admin/${path}`;
  return [
    `POST ${base}/:id/revisions/:revisionId/revert`,
    async () => {
      const id = await fresh();
      await asUser(t, curator, `${base}/${id}`, { method: 'PATCH', body: edit });
      const first = ((await (await asUser(t, curator, `${base}/${id}/revisions`)).json()) as { items: { id: number }[] }).items.at(-1);
      return json('POST', `${base}/${id}/revisions/${first?.id}/revert`);
    },
    200,
  ];
}

/** Each route builds what it acts on as a curator, then is called as the role under test. */
const routes: RouteRow[] = [
  ...lifecycleRoutes(RESOURCES),
  [
    'PUT /api/admin/resources/:id/file',
    async () => {
      const id = await freshResource();
      return (as, csrf) => uploadAs(t, as, id, { bytes: PDF, name: 'fiche.pdf', type: 'application/pdf' }, { csrf });
    },
    200,
  ],
  ['DELETE /api/admin/resources/:id/file', async () => json('DELETE', `/api/admin/resources/${await freshResource(true)}/file`), 200],
  ...lifecycleRoutes(PROTOCOLS),
  revertRoute(RESOURCES),
  revertRoute(PROTOCOLS),
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

  it('sees in its list the entries of its départements only, each editable', async () => {
    const res = await asUser(t, who['relais-57'] as Signed, '/api/admin/resources?per_page=200');
    const { items, total } = (await res.json()) as { items: { slug: string; editable: boolean }[]; total: number };
    expect(items.find((i) => i.slug === 'code-penal-article-226-14')).toBeUndefined();
    expect(items.find((i) => i.slug === 'convention-moselle-prostitution-des-mineurs-2023')?.editable).toBe(true);
    expect(items.every((i) => i.editable)).toBe(true);
    expect(total).toBe(items.length);
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

// ---------------------------------------------------------------------------------------------
// Issue 24: a relais reads only its own départements' resources and protocols; active PDFs,
// polyglots, hostile names and zip bombs are refused.
// ---------------------------------------------------------------------------------------------

describe('a relais reads the back-office view of its own départements only', () => {
  it.each([
    ['resource', freshResource, '/api/admin/resources'],
    ['protocol', freshProtocol, '/api/admin/protocols'],
  ] as const)(
    'a Moselle %s: 403 for the relais of 33 (its view and its history with staff names), 200 for the relais of 57',
    async (_what, make, base) => {
      const id = await make();
      for (const url of [`${base}/${id}`, `${base}/${id}/revisions`]) {
        const refused = await asUser(t, who['relais-33'] as Signed, url);
        expect(refused.status, url).toBe(403);
        expect(await refused.text()).not.toContain('@example.test');
        expect((await asUser(t, who['relais-57'] as Signed, url)).status, url).toBe(200);
      }
      const list = (await (await asUser(t, who['relais-33'] as Signed, `${base}?per_page=200`)).json()) as { items: { id: number }[] };
      expect(list.items.map((i) => i.id)).not.toContain(id);
    },
  );

  it('the history names the organisation, never a login', async () => {
    const id = await freshResource();
    const text = await (await asUser(t, curator, `/api/admin/resources/${id}/revisions`)).text();
    expect(text).toContain('Équipe PARÉ');
    expect(text).not.toContain('@example.test');
  });
});

/** A one-page PDF around `catalog` (extra entries of the catalogue) and `objects` (more objects). */
const pdfWith = (catalog: string, objects = '') =>
  `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalog} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n${objects}trailer\n<< /Root 1 0 R >>\n%%EOF\n`;

/** The JavaScript action hidden in a compressed object stream: invisible to a search of the bytes. */
function pdfWithObjectStream(): Uint8Array {
  const objs = '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> << /S /JavaScript /JS (app.alert(1)) >>';
  const header = `1 0 4 ${objs.indexOf('<< /S')} `;
  const data = deflateSync(Buffer.from(header + objs, 'latin1'));
  return concat(
    `%PDF-1.5\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /Type /ObjStm /N 2 /First ${header.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
    data,
    '\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  );
}

/** A docx whose one entry declares `size` bytes once uncompressed (the central directory says so). */
function docxDeclaring(size: number): Uint8Array {
  const bytes = Buffer.from(DOCX);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cdStart = bytes.readUInt32LE(eocd + 16);
  bytes.writeUInt32LE(size, cdStart + 24); // the first entry's uncompressed size
  return Uint8Array.from(bytes);
}

describe('uploads: active PDFs, polyglots, hostile names and archives are refused', () => {
  const cases: [string, { bytes: Uint8Array | string; name: string; type?: string }][] = [
    ['/J#61vaScript (a name escape)', { bytes: pdfWith('/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>'), name: 'a.pdf' }],
    ['JavaScript inside a compressed object stream', { bytes: pdfWithObjectStream(), name: 'a.pdf' }],
    [
      '/OpenAction /URI (opens a link by itself)',
      { bytes: pdfWith('/OpenAction << /S /URI /URI (https://evil.example) >>'), name: 'a.pdf' },
    ],
    ['/AA /SubmitForm', { bytes: pdfWith('/AA << /O << /S /SubmitForm /F (https://evil.example) >> >>'), name: 'a.pdf' }],
    ['/Launch', { bytes: pdfWith('/OpenAction << /S /Launch /F (cmd.exe) >>'), name: 'a.pdf' }],
    ['/L#61unch (escaped)', { bytes: pdfWith('/OpenAction << /S /L#61unch /F (cmd.exe) >>'), name: 'a.pdf' }],
    ['/ImportData', { bytes: pdfWith('/OpenAction << /S /ImportData /F (data.fdf) >>'), name: 'a.pdf' }],
    ['/RichMedia', { bytes: pdfWith('', '3 0 obj\n<< /Type /Annot /Subtype /RichMedia >>\nendobj\n'), name: 'a.pdf' }],
    [
      '/EmbeddedFile',
      { bytes: pdfWith('/Names << /EmbeddedFiles 3 0 R >>', '3 0 obj\n<< /Type /EmbeddedFile >>\nendobj\n'), name: 'a.pdf' },
    ],
    [
      '/JS in a page’s /AA, through /Next',
      { bytes: pdfWith('/AA << /O << /S /GoTo /D [0] /Next << /S /JavaScript /JS (x) >> >> >>'), name: 'a.pdf' },
    ],
    ['a PDF with <img onerror> appended', { bytes: concat(PDF, '<img src=x onerror=alert(1)>'), name: 'a.pdf' }],
    [
      'a PNG with <meta refresh> appended',
      { bytes: concat(PNG, '<meta http-equiv="refresh" content="0;url=https://evil.example">'), name: 'a.png' },
    ],
    ['a PNG with an event handler on any tag', { bytes: concat(PNG, '<x onmouseover=alert(1)>'), name: 'a.png' }],
    ['a JPEG with <a href=javascript:…>', { bytes: concat(JPEG, '<a href="javascript:alert(1)">x</a>'), name: 'a.jpg' }],
    ['a name with U+0085 (a C1 control)', { bytes: PDF, name: 'guide\u0085.pdf' }],
    ['a name with a bidi override', { bytes: PDF, name: 'guide\u202efdp.exe.pdf' }],
    ['a name with a zero-width space', { bytes: PDF, name: 'gu\u200bide.pdf' }],
    ['a docx whose entry declares 500 MB once uncompressed', { bytes: docxDeclaring(500 * 1024 * 1024), name: 'rapport.docx' }],
  ];
  it.each(cases)('%s → 400 on `file`, nothing stored', async (_what, file) => {
    const id = await freshResource();
    const before = filesIn(t.uploadsDir);
    const res = await uploadAs(t, curator, id, file);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('file');
    expect(filesIn(t.uploadsDir)).toEqual(before);
  });

  it.each([
    ['a plain PDF', { bytes: PDF, name: 'guide.pdf' }],
    [
      'a PDF with an ordinary link annotation',
      { bytes: pdfWith('/Annots [ << /Type /Annot /Subtype /Link /A << /S /URI /URI (https://ok.example) >> >> ]'), name: 'a.pdf' },
    ],
    ['a docx', { bytes: DOCX, name: 'rapport.docx' }],
    ['a name with accents and spaces', { bytes: PDF, name: 'Guide été 2025.pdf' }],
  ] as const)('%s still goes in', async (_what, file) => {
    const id = await freshResource();
    expect((await uploadAs(t, curator, id, file)).status).toBe(200);
  });
});
