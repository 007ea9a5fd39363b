/**
 * Attacks on the open-data exports: a spreadsheet opening the CSV must never run a cell, and the
 * links in every export come from the configured address, never from the request's Host header.
 */
import { createApp } from '@pare/api/app';
import { actorRepository } from '@pare/db';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importJson } from '../import/helpers.ts';
import { hostileActor } from './helpers.ts';

let t: TestApp;

const hostile = (slug: string, description: string) =>
  hostileActor({ slug, name: `Acteur hostile ${slug} (données de test)`, description });

const CASES: [slug: string, description: string][] = [
  ['test-lf-formula', "Accueil de jour\n=cmd|' /C calc'!A0"],
  ['test-crlf-formula', "Accueil de jour\r\n=cmd|' /C calc'!A0"],
  ['test-cr-formula', "Accueil de jour\r@SUM(1+1)*cmd|' /C calc'!A0"],
  ['test-lf-plus', 'Permanence\n+33 6 12 34 56 78\n-HYPERLINK("https://evil.example")'],
];

beforeAll(() => {
  t = createTestApp();
  const repo = actorRepository(t.db);
  // Written straight through the repository, as an import or an old entry could hold them.
  for (const [slug, description] of CASES) repo.createActor(hostile(slug, description));
});
afterAll(() => t.close());

describe('CSV export: a line break inside a cell never starts a formula', () => {
  it.each([
    [',', '/api/exports/actors.csv'],
    [';', '/api/exports/actors.csv?sep=;'],
  ])('separator « %s »: every cell holding CR or LF is quoted, and every line starting like a formula is prefixed', async (sep, url) => {
    const text = await (await t.app.request(url)).text();
    // A reader that splits on line breaks (ignoring quotes) never sees a line starting with a formula.
    for (const line of text.split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^[=+\-@\t]/);
    const rows: Record<string, string>[] = parse(text, { bom: true, columns: true, delimiter: sep });
    for (const [slug, description] of CASES) {
      // Every cell holding CR or LF is quoted.
      const first = description.split(/[\r\n]/)[0] as string;
      expect(text, slug).toContain(`${sep}"${first}`);
      // A reader that honours quotes reads the description back, the `'` after each break aside.
      const row = rows.find((r) => r.slug === slug);
      expect(row?.description?.replace(/([\r\n])'/g, '$1'), slug).toBe(description);
    }
  });

  it('re-importing the export changes none of these descriptions', async () => {
    const admin = await signedInAs(t, 'admin');
    const text = await (await t.app.request('/api/exports/actors.csv')).text();
    const { status, body } = await importJson(t, admin, text, { query: 'dry_run=true&details=all' });
    expect(status).toBe(200);
    for (const [slug] of CASES) {
      expect(body.rows.find((r: { slug: string }) => r.slug === slug)?.action, slug).toBe('unchanged');
    }
  });
});

describe('export links never come from the Host header', () => {
  const forged = { host: 'forged-host.invalid' };
  it.each([
    '/api/exports/actors.csv',
    '/api/exports/actors.geojson',
    '/api/exports/data-inclusion/structures.json',
    '/api/hsds/organizations',
  ])('%s with a forged Host links to the configured public address', async (url) => {
    const app = createApp({ db: t.db, config: { publicUrl: 'https://pare.example.fr' } });
    const text = await (await app.request(`http://forged-host.invalid${url}`, { headers: forged })).text();
    expect(text).not.toContain('forged-host');
    expect(text).toContain('https://pare.example.fr/');
  });

  it('without PARE_PUBLIC_URL, links point at the server’s own local address, not the forged Host', async () => {
    const app = createApp({ db: t.db, config: { localOrigin: 'http://localhost:8080' } });
    const text = await (await app.request('http://forged-host.invalid/api/exports/actors.csv', { headers: forged })).text();
    expect(text).not.toContain('forged-host');
    expect(text).toContain('http://localhost:8080/acteurs/');
  });
});
