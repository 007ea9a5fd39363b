import { ErrorBodySchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getListRefused, LIST_BAD_QUERIES } from '../helpers/api-expectations.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp();
});
afterAll(() => t.close());

describe('bad input gets a 400 naming the field', () => {
  const cases: (readonly [string, string, string])[] = [
    ['an unknown action code', 'actions=prevention,magie', 'actions'],
    ['an unknown type', 'types=ong', 'types'],
    ['a negative radius', 'near=49.1,6.1&radius_km=-3', 'radius_km'],
    ['a radius that is not a number', 'near=49.1,6.1&radius_km=loin', 'radius_km'],
    ['a position that is not coordinates', 'near=abc', 'near'],
    ['a latitude out of range', 'near=123,6', 'near'],
    ['a département code that does not exist', 'departement=96', 'departement'],
    ['a malformed commune code', 'commune=abc', 'commune'],
    ['an unknown commune', 'commune=57999', 'commune'],
    ['an unknown postcode', 'postcode=00000', 'postcode'],
    ['an unknown sort', 'sort=random', 'sort'],
    ['a distance sort without a place', 'sort=distance', 'sort'],
    ['a radius without a place', 'radius_km=10', 'radius_km'],
    ['two places at once', 'near=49.1,6.1&commune=57672', 'commune'],
    ...LIST_BAD_QUERIES,
  ];
  it.each(cases)('%s', async (_what, query, field) => {
    const { body } = await getListRefused(t.app, `/api/actors?${query}`, field);
    for (const issue of body.issues ?? []) expect(issue.message.length).toBeGreaterThan(3);
  });
});

describe('errors never leak internals', () => {
  it('an unknown API route is a 404 JSON', async () => {
    const { status, body } = await getJson(t.app, '/api/nothing-here', ErrorBodySchema);
    expect(status).toBe(404);
    expect(body.error).toBe('not_found');
  });

  it('an exception is a 500 JSON with no stack trace, SQL or file path', async () => {
    // Break the database under the running app: the next search throws inside SQLite.
    const broken = createTestApp({ fixtures: false });
    broken.db.exec('DROP TABLE actors_fts');
    const res = await broken.app.request('/api/actors?q=enfance');
    const text = await res.text();
    broken.close();
    expect(res.status).toBe(500);
    const body = JSON.parse(text);
    expect(body.error).toBe('internal_error');
    expect(body.requestId).toBeTruthy();
    expect(text).not.toMatch(/actors_fts|SELECT|sqlite|\.ts|node_modules|at \w+ \(/i);
  });
});
