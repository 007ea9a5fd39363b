import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { CONFIDENTIAL_REFERENT, CONFIDENTIAL_SLUG, orientationApp, postJson } from './helpers.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp(orientationApp());
});
afterAll(() => t.close());

type Rec = { actor: { slug: string; contacts: { value: string }[] }; reason: string; channel: string; group: string; distance_km?: number };
type Result = { recommendations: Rec[]; notices: { code: string; reference?: { url: string } }[] };

async function orient(input: Record<string, unknown>): Promise<Result> {
  const { status, body } = await postJson(t.app, '/api/orientation', input);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as Result;
}
const slugs = (r: Result) => r.recommendations.map((x) => x.actor.slug);
const codes = (r: Result) => r.notices.map((n) => n.code);
const rec = (r: Result, slug: string) => r.recommendations.find((x) => x.actor.slug === slug);
const EMERGENCY_ONLY = ['urgence-17', 'urgence-112', 'urgence-114'];

describe('POST /api/orientation — the journeys of the issue', () => {
  it('a family in Thionville sees the Moselle family actors before the national lines, and no police number', async () => {
    const r = await orient({ profile: 'famille', commune: '57672', needs: ['soutien-familles'], urgency: 'inquietude' });
    expect(r.recommendations[0]?.actor.slug).toBe('test-association-familles-metz');
    expect(r.recommendations[0]?.group).toBe('proximite');
    expect(r.recommendations[0]?.reason).toMatch(/Metz/);
    expect(r.recommendations[0]?.channel).toBe('appeler');
    const firstNational = r.recommendations.findIndex((x) => x.group === 'national');
    const lastLocal = r.recommendations.map((x) => x.group).lastIndexOf('proximite');
    expect(firstNational).toBeGreaterThan(lastLocal);
    expect(slugs(r)).toContain('allo-enfance-en-danger-119');
    for (const s of EMERGENCY_ONLY) expect(slugs(r)).not.toContain(s);
    // The shelter serves young people only: a parent is not sent there.
    expect(slugs(r)).not.toContain(CONFIDENTIAL_SLUG);
    expect(codes(r)).toContain('numeros-urgence');
  });

  it('a family in Metz hears of the parents’ group in their own commune, without a distance between two town centres', async () => {
    const r = await orient({ profile: 'famille', commune: '57463', needs: ['soutien-familles', 'ecoute'], urgency: 'information' });
    const metz = rec(r, 'test-association-familles-metz');
    expect(metz?.group).toBe('proximite');
    expect(metz?.reason).toMatch(/Metz/);
    expect(r.recommendations.every((x) => ['appeler', 'ecrire', 'demande-de-contact'].includes(x.channel))).toBe(true);
  });

  it('a school nurse in Toulouse is sent to the CRIP of the Haute-Garonne first and reminded of the law', async () => {
    const r = await orient({ profile: 'professionnel', commune: '31555', needs: ['signalement', 'accompagnement'], urgency: 'inquietude' });
    expect(r.recommendations[0]?.actor.slug).toBe('crip-31');
    expect(r.recommendations[0]?.group).toBe('signalement');
    expect(codes(r)).not.toContain('crip-inconnue');
    expect(codes(r)).toEqual(expect.arrayContaining(['obligation-de-transmettre', 'information-partagee']));
    const law = r.notices.find((n) => n.code === 'obligation-de-transmettre');
    expect(law?.reference?.url).toMatch(/^https:\/\/www\.legifrance\.gouv\.fr\//);
    // The Toulouse association that accompanies minors, close to the school.
    expect(rec(r, 'amicale-du-nid-31-repair')?.group).toBe('proximite');
    for (const s of EMERGENCY_ONLY) expect(slugs(r)).not.toContain(s);
  });

  it('a school nurse in Marseille gets the CRIP of the Bouches-du-Rhône and the prevention actors around', async () => {
    const r = await orient({ profile: 'professionnel', commune: '13055', needs: ['signalement', 'prevention'], urgency: 'inquietude' });
    expect(r.recommendations[0]?.actor.slug).toBe('crip-13');
    expect(slugs(r)).toContain('test-prevention-marseille');
  });

  it('a professional in Metz is sent to the CRIP of the Moselle first, with no "CRIP unknown" notice', async () => {
    const r = await orient({ profile: 'professionnel', commune: '57463', needs: ['signalement'], urgency: 'inquietude' });
    expect(r.recommendations[0]?.actor.slug).toBe('crip-57');
    expect(r.recommendations[0]?.group).toBe('signalement');
    expect(codes(r)).not.toContain('crip-inconnue');
    expect(codes(r)).toContain('obligation-de-transmettre');
  });

  it('a young person in immediate danger sees 17, 112 and 119 before anything else, then the 114 by SMS', async () => {
    const r = await orient({ profile: 'jeune', commune: '57672', needs: ['je-ne-sais-pas'], urgency: 'danger-immediat' });
    expect(slugs(r).slice(0, 4)).toEqual(['urgence-17', 'urgence-112', 'allo-enfance-en-danger-119', 'urgence-114']);
    expect(r.recommendations.slice(0, 3).every((x) => x.channel === 'appeler' && x.group === 'urgence')).toBe(true);
    expect(r.recommendations[3]?.channel).toBe('ecrire');
    expect(r.notices[0]?.code).toBe('numeros-urgence');
  });

  it('a young person in Thionville looking for shelter reaches the confidential foyer only through a contact request, its address kept out', async () => {
    const { text } = await postJson(t.app, '/api/orientation', {
      profile: 'jeune',
      commune: '57672',
      needs: ['hebergement'],
      urgency: 'inquietude',
    });
    const r = JSON.parse(text) as Result;
    const foyer = rec(r, CONFIDENTIAL_SLUG);
    expect(foyer?.channel).toBe('demande-de-contact');
    for (const secret of [
      '12 rue Secrète',
      'Maison test rue Secrète',
      '03 00 00 00 01',
      'direction-test@example.test',
      CONFIDENTIAL_REFERENT,
      '49.3712',
      '6.1492',
      'Nuit et jour',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('never refuses a person in danger: no place, or a commune we do not know, still gets the emergency numbers first', async () => {
    for (const where of [{}, { commune: '99999' }]) {
      const r = await orient({ profile: 'jeune', urgency: 'danger-immediat', ...where });
      expect(slugs(r).slice(0, 4)).toEqual(['urgence-17', 'urgence-112', 'allo-enfance-en-danger-119', 'urgence-114']);
      expect(codes(r)).toContain('lieu-inconnu');
      expect(r.recommendations.every((x) => x.group === 'urgence' || x.group === 'national')).toBe(true);
    }
    // Outside danger, an unknown commune is still named as such.
    const refused = await postJson(t.app, '/api/orientation', { profile: 'jeune', commune: '99999', urgency: 'inquietude' });
    expect(refused.status).toBe(400);
  });

  it('a young person with nowhere safe to sleep tonight is sent to the 115 first, with the 119', async () => {
    const r = await orient({ profile: 'jeune', commune: '13055', needs: ['hebergement'], urgency: 'inquietude' });
    expect(slugs(r).slice(0, 2)).toEqual(['samu-social-115', 'allo-enfance-en-danger-119']);
    expect(rec(r, 'samu-social-115')?.group).toBe('abri');
    expect(rec(r, 'samu-social-115')?.channel).toBe('appeler');
  });

  it('takes a question without needs as « je ne sais pas »', async () => {
    const r = await orient({ profile: 'famille', commune: '57672', urgency: 'inquietude' });
    expect(slugs(r)).toContain('allo-enfance-en-danger-119');
    expect(r.recommendations.length).toBeGreaterThan(3);
  });

  it('works from a département alone, without distances', async () => {
    const r = await orient({ profile: 'famille', departement: '57', needs: ['soutien-familles'], urgency: 'inquietude' });
    expect(slugs(r)).toContain('test-association-familles-metz');
    expect(r.recommendations.every((x) => x.distance_km === undefined)).toBe(true);
  });

  it('an arrondissement of Marseille is served by the actors of the city', async () => {
    const r = await orient({ profile: 'professionnel', commune: '13205', needs: ['prevention'], urgency: 'information' });
    expect(slugs(r)).toContain('test-prevention-marseille');
  });

  it('is never cached, and the question is not in the URL', async () => {
    const res = await t.app.request('/api/orientation', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ profile: 'famille', commune: '57672', needs: ['ecoute'], urgency: 'information' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await t.app.request('/api/orientation?profile=famille')).status).toBe(404);
  });

  it('shows professionals-only contacts to a signed-in professional, never to an anonymous visitor', async () => {
    const input = { profile: 'famille', commune: '57463', needs: ['soutien-familles'], urgency: 'information' };
    const anonymous = await orient(input);
    expect(rec(anonymous, 'test-association-familles-metz')?.actor.contacts.map((c) => c.value)).not.toContain('03 00 00 00 03');
    const pro = await signedInAs(t, 'professionnel-verifie');
    const res = await asUser(t, pro, '/api/orientation', { method: 'POST', body: input });
    expect(res.status).toBe(200);
    const signed = (await res.json()) as Result;
    expect(rec(signed, 'test-association-familles-metz')?.actor.contacts.map((c) => c.value)).toContain('03 00 00 00 03');
  });
});

describe('POST /api/orientation — bad input gets the one 400 shape naming the field', () => {
  const valid = { profile: 'famille', commune: '57672', needs: ['ecoute'], urgency: 'inquietude' };
  const cases: [string, unknown, string][] = [
    ['an unknown profile', { ...valid, profile: 'parent' }, 'profile'],
    ['a missing profile', { ...valid, profile: undefined }, 'profile'],
    ['an unknown need', { ...valid, needs: ['magie'] }, 'needs.0'],
    ['needs that are not a list', { ...valid, needs: 'ecoute' }, 'needs'],
    ['an unknown urgency', { ...valid, urgency: 'demain' }, 'urgency'],
    ['a malformed commune code', { ...valid, commune: 'Thionville' }, 'commune'],
    ['a commune that does not exist', { ...valid, commune: '57999' }, 'commune'],
    ['neither a commune nor a département', { ...valid, commune: undefined }, 'commune'],
    ['a malformed département', { ...valid, commune: undefined, departement: '999' }, 'departement'],
    ['a commune outside the département given', { ...valid, departement: '31' }, 'departement'],
  ];
  it.each(cases)('%s', async (_name, body, path) => {
    const { status, body: res } = await postJson(t.app, '/api/orientation', body);
    expect(status).toBe(400);
    expect(res.error).toBe('validation_error');
    expect(res.requestId).toEqual(expect.any(String));
    expect(res.issues.map((i: { path: string }) => i.path)).toContain(path);
    for (const i of res.issues) expect(i.message).toEqual(expect.any(String));
  });

  it('a body that is not JSON', async () => {
    const { status, body } = await postJson(t.app, '/api/orientation', '{"profile": famille');
    expect(status).toBe(400);
    expect(body.error).toBe('validation_error');
  });
});

describe('rate limit and OpenAPI', () => {
  it('answers 429 rate_limited past the limit, per client address', async () => {
    const limited = createTestApp(orientationApp({ trustProxy: true, rateLimits: { orientation: { limit: 3, windowMs: 60_000 } } }));
    try {
      const body = { profile: 'famille', commune: '57672', needs: ['ecoute'], urgency: 'information' };
      const from = (ip: string) => postJson(limited.app, '/api/orientation', body, { 'x-forwarded-for': ip });
      for (let i = 0; i < 3; i++) expect((await from('203.0.113.7')).status).toBe(200);
      const refused = await from('203.0.113.7');
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/réessayez/) });
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await from('198.51.100.2')).status).toBe(200);
    } finally {
      limited.close();
    }
  });

  it('the routes are described in /api/openapi.json', async () => {
    const res = await t.app.request('/api/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/orientation'] ?? {})).toContain('post');
    expect(Object.keys(doc.paths['/api/contact-requests'] ?? {})).toContain('post');
    expect(Object.keys(doc.paths['/api/admin/contact-requests'] ?? {})).toContain('get');
    expect(Object.keys(doc.paths['/api/admin/contact-requests/{reference}'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(Object.keys(doc.paths['/api/admin/outbox'] ?? {})).toContain('get');
    expect(Object.keys(doc.paths['/api/admin/outbox/{id}/retry'] ?? {})).toContain('post');
  });
});
