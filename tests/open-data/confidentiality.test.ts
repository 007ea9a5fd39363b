import { HsdsServiceSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confidentialSecrets } from '../helpers/confidential.ts';
import { createTestApp, getJson, type JsonBody, type TestApp } from '../helpers/test-app.ts';

/**
 * Crawls every open-data output — CSV (both separators), GeoJSON, data·inclusion structures and
 * services, every HSDS list page and record, the documentation page — for what must stay
 * private: confidential sites' street, label, hours, exact point and direct contacts,
 * professionals-only contacts, referent e-mails. The secrets are read from the database, so a
 * new confidential entry in the seed is covered without editing this test.
 */
let t: TestApp;
let secrets: string[];
const bodies: { url: string; text: string }[] = [];

async function fetchText(url: string): Promise<string> {
  const res = await t.app.request(url);
  expect(res.status, url).toBe(200);
  const text = await res.text();
  bodies.push({ url, text });
  return text;
}

beforeAll(async () => {
  t = createTestApp();
  const db = t.db;
  secrets = confidentialSecrets(db);
  for (const expected of [
    'referent-secret@example.test',
    '12 rue Secrète-de-Test',
    '49.3712',
    '6.1492',
    'direction-test@example.test',
    '03 00 00 00 01',
    '03 00 00 00 03',
  ]) {
    expect(secrets).toContain(expected);
  }

  for (const url of [
    '/api/exports/actors.csv',
    '/api/exports/actors.csv?sep=;',
    '/api/exports/actors.geojson',
    '/api/exports/data-inclusion/structures.json',
    '/api/exports/data-inclusion/services.json',
    '/api/hsds/',
    '/api/docs',
    '/api/openapi.json',
  ]) {
    await fetchText(url);
  }
  for (const list of ['services', 'organizations']) {
    for (const query of ['', '&full=true', '&full_service=true', '&search=thionville', '&search=secrete']) {
      const page = JSON.parse(await fetchText(`/api/hsds/${list}?per_page=500${query}`));
      if (query === '') {
        for (const item of page.contents) {
          await fetchText(`/api/hsds/${list}/${item.id}`);
          if (list === 'organizations') await fetchText(`/api/hsds/${list}/${item.id}?full_service=true`);
        }
      }
    }
  }
});
afterAll(() => t.close());

describe('confidential data never leaves through open data', () => {
  it('no export, HSDS response or documentation contains a confidential street, label, hours, exact point, direct contact, professionals-only contact or referent e-mail', () => {
    expect(bodies.length).toBeGreaterThan(50);
    for (const { url, text } of bodies) {
      for (const secret of secrets) expect(text.includes(secret), `${url} leaks ${secret}`).toBe(false);
    }
  });

  it('the confidential test actor is exported, marked, without its place', async () => {
    const csv = bodies.find((b) => b.url === '/api/exports/actors.csv')?.text ?? '';
    const line = csv.split('\r\n').find((l) => l.includes('test-foyer-confidentiel-thionville')) ?? '';
    expect(line).toContain(',oui,');
    const geo = bodies.find((b) => b.url === '/api/exports/actors.geojson')?.text ?? '';
    expect(geo).not.toContain('test-foyer-confidentiel-thionville');
    const { body } = await getJson<JsonBody>(t.app, '/api/hsds/services?search=thionville');
    const foyer = body.contents.find((s: { name: string }) => s.name.startsWith('Foyer test'));
    const full = (await getJson(t.app, `/api/hsds/services/${foyer!.id}`, HsdsServiceSchema)).body;
    expect(JSON.stringify(full)).not.toMatch(/"latitude"|"addresses"/);
  });
});
