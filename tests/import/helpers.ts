/** Shared by the import tests: a raw-body import request, the exports (an empty directory is `createTestApp({ seed: false })`). */
import { type Signed, TEST_ORIGIN } from '../helpers/accounts.ts';
import { type JsonBody, readJson, type TestApp } from '../helpers/test-app.ts';

export type ImportRequest = {
  query?: string;
  contentType?: string;
  csrf?: boolean;
  headers?: Record<string, string>;
};

/** POST /api/admin/import with the file as the raw body. */
export function postImport(
  t: TestApp,
  who: Signed | null,
  body: string | Uint8Array | ReadableStream<Uint8Array>,
  opts: ImportRequest = {},
) {
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'text/csv', ...opts.headers };
  if (who) {
    headers.cookie = who.cookie;
    headers.origin ??= TEST_ORIGIN;
    if (opts.csrf !== false) headers['x-csrf-token'] = who.csrf;
  }
  return t.app.request(`/api/admin/import${opts.query ? `?${opts.query}` : ''}`, {
    method: 'POST',
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

export async function importJson(t: TestApp, who: Signed, body: string | Uint8Array, opts: ImportRequest = {}) {
  return readJson<JsonBody>(await postImport(t, who, body, opts));
}

export async function exportText(t: TestApp, url = '/api/exports/actors.csv'): Promise<string> {
  const res = await t.app.request(url);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()));
}

export const countActors = (t: TestApp, where = '1 = 1') =>
  t.db.prepare(`SELECT count(*) FROM actors WHERE ${where}`).pluck().get() as number;
export const countRevisions = (t: TestApp) => t.db.prepare('SELECT count(*) FROM revisions').pluck().get() as number;

/** A CSV file of these rows (RFC 4180 quoting), the header made of every key used. */
export function csvOf(rows: Record<string, string>[]): string {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h] ?? '')).join(','))].join('\r\n');
}

/** A fictitious actor in the export's columns, in Metz. */
export const actorRow = (slug: string, extra: Record<string, string> = {}): Record<string, string> => ({
  slug,
  nom: `Acteur ${slug} (données de test)`,
  type: 'association',
  publics: 'jeunes',
  actions: 'prevention|ecoute',
  territoire: 'departements',
  departements: '57',
  code_commune_du_lieu: '57463',
  telephone: '03 00 00 00 31',
  description: 'Acteur fictif pour les tests d’import.',
  ...extra,
});
