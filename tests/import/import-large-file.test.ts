import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { postImport } from './helpers.ts';

let source: TestApp;
let target: TestApp;
beforeAll(() => {
  source = createTestApp();
  target = createTestApp({ seed: false });
});
afterAll(() => {
  source.close();
  target.close();
});

describe('an import file larger than a JSON body', () => {
  it('goes through the API: the import route is not held to the 64 KiB limit of other routes', async () => {
    const csv = (await (await source.app.request('/api/exports/actors.csv')).text()).replace(/^\uFEFF/, '');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    // Long descriptions (within the schema's 5,000 characters) make a file well over 64 KiB.
    for (const r of rows) r.description = `${r.description} ${'Texte long de test. '.repeat(120)}`.slice(0, 4900);
    const big = stringify(rows, { header: true });
    expect(Buffer.byteLength(big)).toBeGreaterThan(96 * 1024);
    const curator = await signedInAs(target, 'curateur');
    const res = await postImport(target, curator, big, { query: 'format=csv' });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.summary.created).toBe(rows.length);
    expect(report.summary.rejected).toBe(0);
  });
});
