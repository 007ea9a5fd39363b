/** The orientation, contact-request and follow-up tests' app options (team address, generous limits, log kept), and small helpers. */

import { addTestActor } from '../helpers/actors.ts';
import { type AppConfig, createTestApp, type JsonBody, readJson, type TestApp, type TestAppOptions } from '../helpers/test-app.ts';

export const TEAM_EMAIL = 'equipe-pare@example.test';
/** The fixture whose site is confidential: its referent must never receive a request, nor its address leave. */
export const CONFIDENTIAL_SLUG = 'test-foyer-confidentiel-thionville';
export const CONFIDENTIAL_REFERENT = 'referent-secret@example.test';

/** Limits high enough that only the rate-limit tests meet them. */
const GENEROUS = { orientation: { limit: 10_000, windowMs: 60_000 }, contactRequests: { limit: 10_000, windowMs: 60_000 } };

/**
 * Options for `createTestApp()`: the seed and the fixtures (no resource centre), the log kept in
 * `lines`, the team's address and limits only the rate-limit tests meet; `config` over those.
 */
export function orientationApp(config: AppConfig = {}): TestAppOptions {
  return { resources: false, captureLog: true, config: { teamEmail: TEAM_EMAIL, rateLimits: GENEROUS, ...config } };
}

/** The orientation tests' app (see orientationApp), holding the structure that accepts contact requests. */
export function createOrientationApp(config: AppConfig = {}): TestApp {
  const t = createTestApp(orientationApp(config));
  addActorAcceptingRequests(t);
  return t;
}

/** POST a JSON body; status + parsed body + headers. */
export async function postJson(app: TestApp['app'], url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return readJson<JsonBody>(res);
}

/** A valid contact request; tests override what they look at. */
export function contactRequest(over: Record<string, unknown> = {}) {
  return {
    name: 'Camille',
    phone: '06 12 34 56 78',
    email: '',
    profile: 'famille',
    commune: '57672',
    message: 'Mon fils de 15 ans fugue souvent, je voudrais en parler.',
    consent: true,
    ...over,
  };
}

export const REFERENT_EMAIL = 'referent-familles@example.test';

/**
 * TEST DATA: a fictitious actor that accepts routed requests, with a referent and no confidential
 * site (the seed has none: no real structure has agreed to receive them yet).
 */
export function addActorAcceptingRequests(t: TestApp, slug = 'test-ecoute-familles-thionville'): void {
  addTestActor(t, {
    slug,
    name: 'Écoute test Familles Thionville (données de test)',
    type: 'association',
    description: 'Association fictive qui reçoit les demandes de contact routées, pour les tests.',
    publics: ['familles'],
    actions: ['soutien-familles', 'ecoute'],
    territory: { scope: 'departements', departements: ['57'] },
    accepts_contact_requests: true,
    referent_email: REFERENT_EMAIL,
    sites: [{ label: 'Local test', address: '2 place de Test', commune_code: '57672', lat: 49.358, lng: 6.168 }],
    contacts: [{ kind: 'website', value: 'https://example.test/ecoute' }],
  });
}
