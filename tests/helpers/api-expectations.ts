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
