import { ErrorBodySchema, PublicResourceSchema, SearchResourcesResponseSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccentAndCaseBlind, getListRefused, LIST_BAD_QUERIES } from '../helpers/api-expectations.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp();
});
afterAll(() => t.close());

type Item = {
  slug: string;
  type: string;
  publics: string[];
  themes: string[];
  territory: { scope: string };
  producers: { slug: string }[];
};
const slugs = (body: { items: Item[] }) => body.items.map((i) => i.slug);

describe('the legal references are shipped', () => {
  it('the law of 4 March 2002 says a minor in prostitution is presumed in danger', async () => {
    const { status, body } = await getJson(
      t.app,
      '/api/resources/loi-2002-305-article-13-mineur-prostitution-en-danger',
      PublicResourceSchema,
    );
    expect(status).toBe(200);
    expect(body.type).toBe('texte-juridique');
    expect(body.reference).toContain('n° 2002-305 du 4 mars 2002');
    expect(body.summary).toContain('est réputé en danger');
    expect(body.date).toBe('2002-03-04');
  });

  it.each([
    ['code-penal-article-226-14', 'Code pénal, article 226-14'],
    ['casf-article-l226-2-2-information-partagee', 'article L. 226-2-2'],
  ])('%s carries its official reference', async (slug, reference) => {
    const { status, body } = await getJson(t.app, `/api/resources/${slug}`, PublicResourceSchema);
    expect(status).toBe(200);
    expect(body.reference).toContain(reference);
    expect(body.themes).toContain('information-partagee');
  });

  it('the Moselle convention and its first-year report carry the report’s figures only', async () => {
    const convention = await getJson(t.app, '/api/resources/convention-moselle-prostitution-des-mineurs-2023', PublicResourceSchema);
    expect(convention.body.date).toBe('2023-12-19');
    expect(convention.body.producers.map((p: { slug: string }) => p.slug)).toEqual(['ase-moselle', 'dirpjj-grand-est', 'cour-appel-metz']);
    const report = await getJson(t.app, '/api/resources/bilan-convention-moselle-2025', PublicResourceSchema);
    expect(report.body.date).toBe('2025-01-16');
    // As the Département's communiqué states them (issue 14): 34 situations in 2024, aged 13 to 17.
    for (const fact of [
      '34 situations',
      '2 garçons',
      '13 à 17 ans',
      '25 janvier 2024',
      '23 adolescentes',
      '7 âgées de 14 ans',
      '29 mineurs',
    ]) {
      expect(report.body.summary).toContain(fact);
    }
    // The « 12 to 18, 15 on average » profile is not in the communiqué: it is not repeated.
    expect(report.body.summary).not.toContain('15 ans en moyenne');
  });

  it('every shipped link is https and none is invented for texts we could not check', async () => {
    const { body } = await getJson(t.app, '/api/resources?per_page=100', SearchResourcesResponseSchema);
    for (const r of body.items) if (r.url) expect(r.url).toMatch(/^https:\/\//);
    // Article 226-14 now links to Légifrance (its permanent id); L. 226-2-2 CASF, whose id could not be established, has no link.
    const art = await getJson(t.app, '/api/resources/code-penal-article-226-14', PublicResourceSchema);
    expect(art.body.url).toBe('https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006417946');
    const casf = await getJson(t.app, '/api/resources/casf-article-l226-2-2-information-partagee', PublicResourceSchema);
    expect(casf.body.url).toBeNull();
  });
});

describe('GET /api/resources — full text', () => {
  it('finds the same resources with or without accents, in any case', async () => {
    await expectAccentAndCaseBlind(t.app, '/api/resources?q=prévention', '/api/resources?q=PREVENTION', SearchResourcesResponseSchema);
  });

  it('matches the beginning of a word', async () => {
    const { body } = await getJson(t.app, '/api/resources?q=autorit', SearchResourcesResponseSchema);
    expect(slugs(body)).toContain('loi-2002-305-article-13-mineur-prostitution-en-danger');
  });

  it('finds a code article by its number', async () => {
    const { body } = await getJson(t.app, '/api/resources?q=226-14', SearchResourcesResponseSchema);
    expect(slugs(body)[0]).toBe('code-penal-article-226-14');
  });

  it('treats quotes and operators as plain text', async () => {
    const { status } = await getJson(t.app, `/api/resources?q=${encodeURIComponent('"loi" OR NEAR(* -')}`, SearchResourcesResponseSchema);
    expect(status).toBe(200);
  });

  it('returns nothing rather than an error for a word no resource contains', async () => {
    const { status, body } = await getJson(t.app, '/api/resources?q=zzzyyyxxx', SearchResourcesResponseSchema);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 0, items: [] });
  });
});

describe('GET /api/resources — filters and paging', () => {
  it('keeps only the chosen types (OR within the filter)', async () => {
    const { body } = await getJson(t.app, '/api/resources?types=texte-juridique,etude&per_page=100', SearchResourcesResponseSchema);
    // Loi 2002-305, art. 226-14, L. 226-2-2, loi 2022-140, the 2025 assessment.
    expect(body.total).toBe(5);
    for (const r of body.items) expect(['texte-juridique', 'etude']).toContain(r.type);
  });

  it('ANDs the filters', async () => {
    const { body } = await getJson(
      t.app,
      '/api/resources?themes=information-partagee&types=texte-juridique&publics=professionnels',
      SearchResourcesResponseSchema,
    );
    expect(slugs(body).sort()).toEqual(['casf-article-l226-2-2-information-partagee', 'code-penal-article-226-14']);
  });

  it('for a département, gives the national resources and those of its territory, not another’s', async () => {
    const moselle = await getJson(t.app, '/api/resources?departement=57&per_page=100', SearchResourcesResponseSchema);
    expect(slugs(moselle.body)).toContain('convention-moselle-prostitution-des-mineurs-2023');
    expect(slugs(moselle.body)).toContain('code-penal-article-226-14');
    const gironde = await getJson(t.app, '/api/resources?departement=33&per_page=100', SearchResourcesResponseSchema);
    expect(slugs(gironde.body)).not.toContain('convention-moselle-prostitution-des-mineurs-2023');
    expect(slugs(gironde.body)).toContain('code-penal-article-226-14');
  });

  it('lists an actor’s resources with actor=<slug>', async () => {
    const { body } = await getJson(t.app, '/api/resources?actor=cour-appel-metz', SearchResourcesResponseSchema);
    expect(slugs(body)).toEqual(['convention-moselle-prostitution-des-mineurs-2023']);
    const none = await getJson(t.app, '/api/resources?actor=urgence-112', SearchResourcesResponseSchema);
    expect(none.body.total).toBe(0);
  });

  it('pages with the same shape as /api/actors', async () => {
    const first = await getJson(t.app, '/api/resources?per_page=2', SearchResourcesResponseSchema);
    const second = await getJson(t.app, '/api/resources?per_page=2&page=2', SearchResourcesResponseSchema);
    expect(first.body).toMatchObject({ total: 6, page: 1, per_page: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(second.body.page).toBe(2);
    expect(slugs(second.body).some((s) => slugs(first.body).includes(s))).toBe(false);
    const beyond = await getJson(t.app, '/api/resources?per_page=2&page=50', SearchResourcesResponseSchema);
    expect(beyond.body).toMatchObject({ total: 6, items: [] });
  });

  it('is newest first without a search text', async () => {
    const { body } = await getJson(t.app, '/api/resources?per_page=100', SearchResourcesResponseSchema);
    const dates = body.items.map((r: { date: string | null }) => r.date).filter(Boolean);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('bad input gets a 400 naming the field, like /api/actors', () => {
  it.each<readonly [string, string, string]>([
    ['an unknown type', 'types=roman', 'types'],
    ['an unknown theme', 'themes=magie', 'themes'],
    ['a page that is not a number', 'page=deux', 'page'],
    ['an unknown actor', 'actor=acteur-inexistant', 'actor'],
    ['a malformed actor slug', 'actor=Pas%20un%20slug', 'actor'],
    ...LIST_BAD_QUERIES,
  ])('%s', async (_what, query, field) => {
    await getListRefused(t.app, `/api/resources?${query}`, field);
  });

  it('an unknown resource is a 404 JSON', async () => {
    const { status, body } = await getJson(t.app, '/api/resources/ressource-inconnue', ErrorBodySchema);
    expect(status).toBe(404);
    expect(body.error).toBe('not_found');
  });
});
