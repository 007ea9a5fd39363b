/** Expectations several test files make of the API's answers, each written once. */
import type { ErrorBody } from '@pare/schema';
import { expect } from 'vitest';
import { type App, getJson, type JsonAnswer } from './test-app.ts';

/** Each path is described in the API's OpenAPI document. */
export async function expectDocumented(app: App, paths: readonly string[]): Promise<void> {
  const { body } = await getJson<{ paths: Record<string, unknown> }>(app, '/api/openapi.json');
  for (const path of paths) expect(Object.keys(body.paths), path).toContain(path);
}

/**
 * GET `url` with bad input: a 400 whose error body names `field` among its issues. The answer is
 * returned for what else a test looks at (the error code, the content type, the messages).
 */
export async function getRefused(app: App, url: string, field: string): Promise<JsonAnswer<ErrorBody>> {
  const answer = await getJson<ErrorBody>(app, url);
  expect(answer.status).toBe(400);
  expect(answer.body.issues?.map((i) => i.path)).toContain(field);
  return answer;
}

/**
 * A public list's refusal of bad input: `getRefused`'s 400 naming `field`, as JSON, with the
 * `validation_error` code. The answer is returned for what else a test looks at.
 */
export async function getListRefused(app: App, url: string, field: string): Promise<JsonAnswer<ErrorBody>> {
  const answer = await getRefused(app, url, field);
  expect(answer.headers.get('content-type')).toMatch(/application\/json/);
  expect(answer.body.error).toBe('validation_error');
  return answer;
}

/**
 * A full-text search of a public list finds the same items, in the same order, for a word typed
 * with its accents and for the same word in capitals without them (`plainUrl`); it finds some.
 */
export async function expectAccentAndCaseBlind<T extends { total: number; items: { slug: string }[] }>(
  app: App,
  accentedUrl: string,
  plainUrl: string,
  schema: { parse: (v: unknown) => T },
): Promise<void> {
  const slugs = (body: T) => body.items.map((i) => i.slug);
  const accented = await getJson(app, accentedUrl, schema);
  const plain = await getJson(app, plainUrl, schema);
  expect(accented.status).toBe(200);
  expect(accented.body.total).toBeGreaterThan(0);
  expect(slugs(plain.body)).toEqual(slugs(accented.body));
}

/**
 * Bad input every public list refuses as /api/actors does (its public filter, its département,
 * its pages, its search text), as `[what, query, field]`: each list's test adds it to its own.
 */
export const LIST_BAD_QUERIES: readonly (readonly [string, string, string])[] = [
  ['an unknown public', 'publics=adultes', 'publics'],
  ['a malformed département code', 'departement=999', 'departement'],
  ['a page size over 100', 'per_page=1000', 'per_page'],
  ['a page 0', 'page=0', 'page'],
  ['a search text of 500 characters', `q=${'a'.repeat(500)}`, 'q'],
];
