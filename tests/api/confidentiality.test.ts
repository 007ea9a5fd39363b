import { PublicActorSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confidentialSecrets } from '../helpers/confidential.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

/**
 * Crawls every public response the API can give about the directory and looks for anything
 * that must stay private: confidential sites' street, label, exact point and direct contacts,
 * professionals-only contacts, referent e-mails. The secrets are read from the database, so a
 * new confidential entry in the seed is covered without editing this test.
 */
let t: TestApp;
let secrets: string[];
let bodies: { url: string; text: string }[];

beforeAll(async () => {
  t = createTestApp();
  const db = t.db;
  secrets = confidentialSecrets(db);
  expect(secrets).toContain('referent-secret@example.test');
  expect(secrets).toContain('12 rue Secrète-de-Test');

  const urls = [
    '/api/actors?per_page=100',
    '/api/actors?per_page=100&departement=57',
    '/api/actors?per_page=100&commune=57672',
    '/api/actors?per_page=100&postcode=57100',
    '/api/actors?per_page=100&near=49.37,6.15&radius_km=2',
    '/api/actors?per_page=100&q=foyer',
    '/api/actors?per_page=100&q=secrete',
    '/api/actors?per_page=100&sort=updated',
    '/api/actors?per_page=100&ouvert=maintenant',
    '/api/actors?per_page=100&open_at=2026-12-07T22:00:00%2B01:00',
  ];
  const slugs = db.prepare('SELECT slug FROM actors').pluck().all() as string[];
  for (const s of slugs) urls.push(`/api/actors/${s}`);
  bodies = [];
  for (const url of urls) {
    const res = await t.app.request(url);
    expect(res.status, url).toBe(200);
    bodies.push({ url, text: await res.text() });
  }
});
afterAll(() => t.close());

describe('confidential data never leaves the public API', () => {
  it('no public response contains a confidential street, label, hours, exact point, direct contact, professionals-only contact or referent e-mail', () => {
    for (const { url, text } of bodies) {
      for (const secret of secrets) expect(text.includes(secret), `${url} leaks ${secret}`).toBe(false);
    }
  });

  it('a confidential site comes out marked, with its commune and the commune centre only', async () => {
    const { body } = await getJson(t.app, '/api/actors/test-foyer-confidentiel-thionville', PublicActorSchema);
    const site = body.sites[0];
    expect(site).toMatchObject({ confidential: true, address: null, postcode: null, label: null, precision: 'commune' });
    expect(site!.commune).toEqual({ code: '57672', name: 'Thionville' });
    expect(site!.departement!.code).toBe('57');
    expect(body).not.toHaveProperty('referent_email');
    // The public website stays: it is not a contact of the confidential site.
    expect(body.contacts.map((c: { value: string }) => c.value)).toEqual(['https://example.test/foyer']);
  });

  it('the seed directory has at least one confidential site in Moselle', async () => {
    const n = t.db
      .prepare(
        `SELECT count(*) FROM sites s JOIN actors a ON a.id = s.actor_id WHERE s.confidential = 1 AND s.departement_code = '57' AND a.slug NOT LIKE 'test-%'`,
      )
      .pluck()
      .get() as number;
    expect(n).toBeGreaterThan(0);
  });
});
