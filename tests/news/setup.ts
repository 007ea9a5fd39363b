/** Small helpers for the news and events tests (the app is `createTestApp()`: its uploads are in its own temporary directory). */
import { expect } from 'vitest';
import { asUser, type Signed } from '../helpers/accounts.ts';
import { parisDay as dateInParis } from '../helpers/clock.ts';
import { type JsonAnswer, type JsonBody, readJson, type TestApp } from '../helpers/test-app.ts';

/** Markdown that tries everything the allow-list must stop. */
export const HOSTILE_MARKDOWN = [
  '# Un titre',
  'Texte **important** et [un lien](https://example.org/page).',
  '<script>alert("xss")</script>',
  '[piège](javascript:alert(1)) [piège2](JaVaScRiPt:alert(2)) [data](data:text/html;base64,PHNjcmlwdD4=)',
  '<img src=x onerror="alert(3)"> <a href="javascript:alert(4)" onclick="alert(5)">brut</a>',
  '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>',
  '<div onmouseover="alert(6)">survol</div>',
].join('\n\n');

/** What must never appear in HTML built from HOSTILE_MARKDOWN. */
export function expectHarmless(html: string) {
  expect(html).not.toMatch(/<script|<img|<iframe|<style|<div/i);
  expect(html).not.toMatch(/javascript:|data:text/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toContain('alert(');
}

export async function send(t: TestApp, who: Signed | null, url: string, method = 'GET', body?: unknown): Promise<JsonAnswer<JsonBody>> {
  return readJson(await asUser(t, who, url, { method, ...(body !== undefined ? { body } : {}) }));
}

export async function createNews(t: TestApp, who: Signed, input: Record<string, unknown>, publish = true) {
  const created = await send(t, who, '/api/admin/news', 'POST', { summary: 'Résumé', body: 'Texte.', ...input });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (publish) expect((await send(t, who, `/api/admin/news/${created.body.id}/publish`, 'POST')).status).toBe(200);
  return created.body as { id: number; slug: string };
}

export async function createEvent(t: TestApp, who: Signed, input: Record<string, unknown>, publish = true) {
  const created = await send(t, who, '/api/admin/events', 'POST', {
    kind: 'webinaire',
    online_url: 'https://visio.example.org/pare',
    ...input,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (publish) expect((await send(t, who, `/api/admin/events/${created.body.id}/publish`, 'POST')).status).toBe(200);
  return created.body as { id: number; slug: string };
}

/** `AAAA-MM-JJTHH:MM`, Paris time, `days` from now (events must be relative to the real clock). */
export function parisDay(days: number, time: string): string {
  return `${dateInParis(days)}T${time}`;
}
