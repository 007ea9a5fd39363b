/** Search in the words people use: « signalement » finds the CRIP, « infirmière » care, « dormir » a shelter. */
import { toFtsQuery } from '@pare/db';
import { SearchActorsResponseSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp({ fixtures: false });
});
afterAll(() => t.close());

const search = async (q: string, departement = '57') =>
  (
    await getJson(t.app, `/api/actors?q=${encodeURIComponent(q)}&departement=${departement}&per_page=50`, SearchActorsResponseSchema)
  ).body.items.map((a: { slug: string; type: string; actions: string[] }) => a) as { slug: string; type: string; actions: string[] }[];

describe('search in the words people use', () => {
  it('« signalement » and « signaler » find the CRIP, whose action reads « informations préoccupantes »', async () => {
    for (const q of ['signalement', 'signaler un enfant'])
      expect(
        (await search(q)).map((a) => a.slug),
        q,
      ).toContain('crip-57');
  });

  it('puts the actors doing what the words name first: « signalement » gives the CRIP before Pharos', async () => {
    const found = await search('signalement');
    expect(found[0]?.slug).toBe('crip-57');
    expect(found.findIndex((a) => a.slug === 'crip-57')).toBeLessThan(
      found.findIndex((a) => a.slug === 'pharos-signalement-contenus-illicites'),
    );
    const shelter = await search('dormir');
    expect(shelter[0]?.actions).toContain('hebergement');
  });

  it('« infirmière » finds care and health actors, « dormir » the 115', async () => {
    const care = await search('infirmière', '38');
    expect(care.length).toBeGreaterThan(0);
    expect(care.some((a) => a.type === 'sante' || a.actions.includes('soin'))).toBe(true);
    expect((await search('dormir')).map((a) => a.slug)).toContain('samu-social-115');
  });

  it('keeps every other word required, as a prefix', () => {
    expect(toFtsQuery('Thionv')).toBe('"thionv"*');
    expect(toFtsQuery('signalement Metz')).toBe('("signalement"* OR "preoccupante"* OR "crip"*) AND "metz"*');
    expect(toFtsQuery('saint avold')).toBe('"saint"* AND "avold"*');
    expect(toFtsQuery('cœur')).toBe('"coeur"*');
    // Little words are not required, unless they are all there is.
    expect(toFtsQuery('un endroit pour dormir')).toBe('"endroit"* AND ("dormir"* OR "hebergement"* OR "abri"* OR "115"*)');
    expect(toFtsQuery('la')).toBe('"la"*');
  });
});
