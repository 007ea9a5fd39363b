/**
 * Issue 17, item 9: after an import, the refused lines come back as a CSV (the file's columns and a
 * « motif ») that imports cleanly once fixed; a template with the French column titles imports; the
 * real import's report gives each created entry's id (the page links to it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importJson } from '../import/helpers.ts';

let t: TestApp;
let curator: Signed;
let relais57: Signed;

beforeAll(async () => {
  t = createTestApp({ seed: false });
  curator = await signedInAs(t, 'curateur');
  relais57 = await signedInAs(t, 'relais', { departements: ['57'] });
});
afterAll(() => t.close());

/** POST the file to /api/admin/import/rejected: the CSV of its refused lines. */
function rejectedOf(who: Signed | null, csv: string) {
  const headers: Record<string, string> = { 'content-type': 'text/csv' };
  if (who) Object.assign(headers, { cookie: who.cookie, origin: 'http://localhost', 'x-csrf-token': who.csrf });
  return t.app.request('/api/admin/import/rejected', { method: 'POST', headers, body: csv });
}

const FILE = [
  'Nom;Type;Publics;Actions;Territoire;Départements;Téléphone',
  'Association test bonne (données de test);association;jeunes;prevention;departements;57;03 00 00 00 21',
  'Association test type faux (données de test);club de sport;jeunes;prevention;departements;57;03 00 00 00 22',
  'Association test public faux (données de test);association;ados;ecoute;departements;57;03 00 00 00 23',
].join('\r\n');

describe('the refused lines, to fix and import again', () => {
  it('come back as a CSV with the file’s own columns, separator and a « motif » saying why', async () => {
    const res = await rejectedOf(curator, FILE);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('lignes-refusees.csv');
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Nom;Type;Publics;Actions;Territoire;Départements;Téléphone;motif');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^Association test type faux.*;club de sport;.*;[^;]*type[^;]*$/i);
    expect(lines[2]).toMatch(/^Association test public faux.*publics/i);
    // Nothing was written: the request is a dry run.
    expect(t.db.prepare('SELECT count(*) FROM actors').pluck().get()).toBe(0);
  });

  it('import cleanly once fixed, the « motif » column ignored', async () => {
    const refused = (await (await rejectedOf(curator, FILE)).text()).replace('club de sport', 'association').replace(';ados;', ';jeunes;');
    const { status, body } = await importJson(t, curator, refused, { query: 'details=all' });
    expect(status).toBe(200);
    expect(body.summary).toMatchObject({ created: 2, rejected: 0 });
    expect(body.ignored_columns).toEqual(['motif']);
    // Each created entry has its id: the page links to /admin/acteurs/<id>.
    for (const row of body.rows) expect(row).toMatchObject({ action: 'created', id: expect.any(Number) });
  });

  it('is refused to a verified professional and to nobody signed in, and a JSON file gets a clear 400', async () => {
    const professional = await signedInAs(t, 'professionnel-verifie');
    expect((await rejectedOf(professional, FILE)).status).toBe(403);
    expect((await rejectedOf(null, FILE)).status).toBe(401);
    const json = await asUser(t, curator, '/api/admin/import/rejected', { method: 'POST', body: [] });
    expect(json.status).toBe(400);
  });

  it('a relais gets the lines outside its départements back with the reason', async () => {
    const file = [
      'nom,type,publics,actions,territoire,departements',
      'Association test Nancy (données de test),association,jeunes,ecoute,departements,54',
    ].join('\n');
    const text = await (await rejectedOf(relais57, file)).text();
    expect(text.trim().split('\r\n')).toHaveLength(2);
    expect(text).toMatch(/départements/);
  });
});

describe('the template', () => {
  it('has the French column titles, and a line typed under them imports without an ignored column', async () => {
    const res = await asUser(t, curator, '/api/admin/import/modele.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('modele-import-pare.csv');
    const header = (await res.text()).replace(/^\uFEFF/, '').trim();
    expect(header).toContain('Nom de la structure;Type;Description;Publics;Actions;Territoire couvert');
    expect(header).toContain('Courriel référent');
    const titles = header.split(';');
    const line = titles.map(
      (title) =>
        (
          ({
            'Nom de la structure': 'Association test du modèle (données de test)',
            Type: 'Association',
            Publics: 'Jeunes',
            Actions: 'Écoute',
            'Territoire couvert': 'Département',
            Départements: '57',
            Téléphone: '03 00 00 00 31',
            'Courriel référent': 'referent-modele@example.test',
          }) as Record<string, string>
        )[title] ?? '',
    );
    const { status, body } = await importJson(t, curator, `${header}\r\n${line.join(';')}\r\n`, { query: 'dry_run=true' });
    expect(status).toBe(200);
    expect(body.ignored_columns).toEqual([]);
    expect(body.summary).toMatchObject({ created: 1, rejected: 0 });
  });

  it('is for importers only', async () => {
    const professional = await signedInAs(t, 'professionnel-verifie');
    expect((await asUser(t, professional, '/api/admin/import/modele.csv')).status).toBe(403);
    expect((await asUser(t, null, '/api/admin/import/modele.csv')).status).toBe(401);
  });
});
