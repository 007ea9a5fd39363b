import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRefused } from '../helpers/api-expectations.ts';
import { createTestApp, getJson, type JsonBody, type TestApp } from '../helpers/test-app.ts';
import { expectValid, hsdsPageSchema, hsdsValidators } from './standards.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let t: TestApp;
let published: number;
const hsds = hsdsValidators();
const validatePage = new Ajv2020({ strict: false }).compile(hsdsPageSchema());

/** Every item of a paged HSDS list, following the pages as a harvester would. */
type Item = { id: string; name: string; organization_id?: string } & Record<string, unknown>;
type Page = { contents: Item[]; last_page: boolean } & Record<string, unknown>;

async function harvest(path: string, perPage: number): Promise<{ pages: Page[]; items: Item[] }> {
  const pages: Page[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await getJson<JsonBody>(t.app, `${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=${perPage}`);
    expect(status).toBe(200);
    pages.push(body);
    if (body.last_page) break;
    expect(page).toBeLessThan(1000);
  }
  return { pages, items: pages.flatMap((p) => p.contents) };
}

beforeAll(() => {
  t = createTestApp();
  published = t.db.prepare(`SELECT count(*) FROM actors WHERE status = 'published'`).pluck().get() as number;
});
afterAll(() => t.close());

describe('GET /api/hsds/', () => {
  it('says which HSDS version it serves and where its OpenAPI description is', async () => {
    const { status, body } = await getJson<JsonBody>(t.app, '/api/hsds/');
    expect(status).toBe(200);
    expect(body).toEqual({ version: '3.0', profile: 'http://localhost/api/docs#hsds', openapi_url: 'http://localhost/api/openapi.json' });
    expect((await getJson<JsonBody>(t.app, '/api/hsds')).body).toEqual(body);
  });
});

describe('GET /api/hsds/services', () => {
  it('pages through every published actor with the HSDS paging fields', async () => {
    const { pages, items } = await harvest('/api/hsds/services', 10);
    expect(items).toHaveLength(published);
    expect(new Set(items.map((s) => s.id)).size).toBe(published);
    expect(pages).toHaveLength(Math.ceil(published / 10));
    pages.forEach((p, i) => {
      expectValid(validatePage, p, `page ${i + 1}`);
      expect(p).toMatchObject({
        total_items: published,
        total_pages: Math.ceil(published / 10),
        page_number: i + 1,
        size: p.contents.length,
        first_page: i === 0,
        last_page: i === pages.length - 1,
        empty: false,
      });
    });
  });

  it('a page past the end is empty, and still says how many there are', async () => {
    const { body } = await getJson<JsonBody>(t.app, '/api/hsds/services?page=99&per_page=50');
    expect(body).toMatchObject({
      total_items: published,
      page_number: 99,
      size: 0,
      empty: true,
      first_page: false,
      last_page: true,
      contents: [],
    });
  });

  it('every listed service, summary or fully nested, validates against the official HSDS 3.0 service schema', async () => {
    for (const query of ['', '?full=true']) {
      const { items } = await harvest(`/api/hsds/services${query}`, 50);
      for (const s of items) {
        expect(s.id).toMatch(UUID);
        expectValid(hsds.service, s, `${query} ${s.name}`);
      }
    }
  });

  it('finds services by full text', async () => {
    const { body } = await getJson<JsonBody>(t.app, '/api/hsds/services?search=thionville');
    expect(body.contents.map((s: { name: string }) => s.name)).toContain('Foyer test confidentiel (données de test)');
    expect(body.total_items).toBe(body.contents.length);
  });

  it.each([
    ['a page size over 500', '/api/hsds/services?per_page=501', 'per_page'],
    ['a page 0', '/api/hsds/services?page=0', 'page'],
    ['full that is not a boolean', '/api/hsds/services?full=yes', 'full'],
  ])('%s gets a 400 naming the field', async (_, url, field) => {
    await getRefused(t.app, url, field);
  });
});

describe('GET /api/hsds/services/{id}', () => {
  it('every service, fully nested, validates against the official HSDS 3.0 service schema', async () => {
    const { items } = await harvest('/api/hsds/services', 100);
    for (const summary of items) {
      const { status, body } = await getJson<JsonBody>(t.app, `/api/hsds/services/${summary.id}`);
      expect(status).toBe(200);
      expectValid(hsds.service, body, body.name);
      expect(body.organization.id).toBe(summary.organization_id);
      for (const sal of body.service_at_locations ?? []) expectValid(hsds.location, sal.location, `${body.name} location`);
    }
  });

  it('a public site is a location with its address and coordinates', async () => {
    const { items } = await harvest('/api/hsds/services', 100);
    const id = items.find((s) => s.name.startsWith('Association test Familles Metz'))?.id;
    const { body } = await getJson<JsonBody>(t.app, `/api/hsds/services/${id}`);
    const location = body.service_at_locations[0].location;
    expect(location).toMatchObject({ latitude: 49.1196, longitude: 6.1757 });
    // Metz has several postcodes and the fixture gives none: left empty rather than guessed.
    expect(location.addresses[0]).toMatchObject({
      address_1: '1 place de Test',
      city: 'Metz',
      state_province: 'Moselle',
      postal_code: '',
      country: 'FR',
    });
    expect(body.phones.map((p: { number: string }) => p.number)).toEqual(['03 00 00 00 02']);
  });

  it('a confidential site is a location named after its commune, without address nor coordinates', async () => {
    const { items } = await harvest('/api/hsds/services', 100);
    const id = items.find((s) => s.name.startsWith('Foyer test confidentiel'))?.id;
    const { body } = await getJson<JsonBody>(t.app, `/api/hsds/services/${id}`);
    const location = body.service_at_locations[0].location;
    expect(location.name).toBe('Lieu confidentiel – Thionville');
    expect(location).not.toHaveProperty('latitude');
    expect(location).not.toHaveProperty('longitude');
    expect(location).not.toHaveProperty('addresses');
    expect(location).not.toHaveProperty('schedules');
    expect(body.phones).toEqual([]);
  });

  it('keeps the same id for the same actor from one database to another', async () => {
    const other = createTestApp();
    try {
      const a = (await getJson<JsonBody>(t.app, '/api/hsds/services?per_page=5')).body.contents.map((s: { id: string }) => s.id);
      const b = (await getJson<JsonBody>(other.app, '/api/hsds/services?per_page=5')).body.contents.map((s: { id: string }) => s.id);
      expect(b).toEqual(a);
    } finally {
      other.close();
    }
  });

  it('an unknown id gets a 404', async () => {
    const { status, body } = await getJson<JsonBody>(t.app, '/api/hsds/services/00000000-0000-5000-8000-000000000000');
    expect(status).toBe(404);
    expect(body.error).toBe('not_found');
  });

  it('an organization id is not a service id', async () => {
    const { body } = await getJson<JsonBody>(t.app, '/api/hsds/services?per_page=1');
    expect((await getJson<JsonBody>(t.app, `/api/hsds/services/${body.contents[0].organization_id}`)).status).toBe(404);
  });
});

describe('GET /api/hsds/organizations', () => {
  it('pages through every published actor as an organization', async () => {
    const { pages, items } = await harvest('/api/hsds/organizations', 7);
    expect(items).toHaveLength(published);
    for (const p of pages) expectValid(validatePage, p, 'page');
    for (const o of items) expectValid(hsds.organization, o, o.name);
  });

  it('every organization, nested with its full service, validates against the official HSDS 3.0 schemas', async () => {
    const { items } = await harvest('/api/hsds/organizations', 100);
    for (const summary of items) {
      for (const query of ['', '?full_service=true']) {
        const { status, body } = await getJson<JsonBody>(t.app, `/api/hsds/organizations/${summary.id}${query}`);
        expect(status).toBe(200);
        expectValid(hsds.organization, body, body.name);
        // organization.json does not describe the nested services: each is checked against service.json.
        expect(body.services).toHaveLength(1);
        for (const s of body.services) expectValid(hsds.service, s, `${body.name} service`);
        for (const l of body.locations ?? []) expectValid(hsds.location, l, `${body.name} location`);
      }
    }
  });

  it('an unknown id gets a 404', async () => {
    expect((await getJson<JsonBody>(t.app, '/api/hsds/organizations/not-a-uuid')).status).toBe(404);
  });
});

describe('the HSDS validators', () => {
  it('reject a service without its required status, so a passing test means something', () => {
    expect(hsds.service({ id: '1237b2d2-ceb8-5ab6-98aa-ad51d6b5700b', name: 'x' })).toBe(false);
    expect(hsds.service({ id: 'not-a-uuid', name: 'x', status: 'active' })).toBe(false);
    expect(
      hsds.service({
        id: '1237b2d2-ceb8-5ab6-98aa-ad51d6b5700b',
        name: 'x',
        status: 'active',
        phones: [{ id: '1237b2d2-ceb8-5ab6-98aa-ad51d6b5700b' }],
      }),
    ).toBe(false);
  });
});

describe('links in open data', () => {
  it('point to the configured public address when there is one, whatever Host the request used', async () => {
    const { createApp } = await import('@pare/api/app');
    const app = createApp({ db: t.db, config: { publicUrl: 'https://annuaire.example.test/' } });
    const res = await app.request('http://proxy-amont.test:8080/api/hsds/', { headers: { Host: 'evil.example.test' } });
    const info = (await res.json()) as Record<string, string>;
    expect(info.openapi_url).toBe('https://annuaire.example.test/api/openapi.json');
    const csv = await (await app.request('http://proxy-amont.test:8080/api/exports/actors.csv')).text();
    expect(csv).toContain('https://annuaire.example.test/acteurs/');
    expect(csv).not.toContain('proxy-amont');
  });
});
