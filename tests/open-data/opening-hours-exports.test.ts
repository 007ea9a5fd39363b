/**
 * Hours in the exports and the import (issue 20): data·inclusion `horaires_accueil`, HSDS
 * `schedules` (valid against the official schemas), the CSV `horaires` column; the import reads
 * the syntax back, and keeps free text that does not parse in the site's notes, saying so.
 */
import type { CreateActorInputRaw } from '@pare/schema';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidV5 } from '../../apps/api/src/services/open-data/uuid.ts';
import { asUser, createAccount, freshAppSignedInAs, type Signed, signedInAs, signIn } from '../helpers/accounts.ts';
import { createTestApp, getJson, type JsonBody, type TestApp } from '../helpers/test-app.ts';
import { actorRow, csvOf, exportText, importJson } from '../import/helpers.ts';
import { dataInclusionValidators, expectValid, hsdsValidators } from './standards.ts';

let t: TestApp;
let curator: Signed;
const ids: Record<string, number> = {};
/** TEST DATA: a site with weekday hours, a line open every day. */
const inputs: Record<string, CreateActorInputRaw> = {
  site: {
    name: 'Accueil horaires export test',
    type: 'association',
    description: 'Fiche fictive pour les exports des horaires.',
    publics: ['jeunes'],
    actions: ['ecoute'],
    territory: { scope: 'departements', departements: ['57'] },
    sites: [{ commune_code: '57463', address: '5 rue des Exports', opening_hours: 'Mo-Fr 09:00-12:00,14:00-17:30; PH off' }],
  },
  line: {
    name: 'Ligne horaires export test',
    type: 'ligne-ecoute',
    description: 'Ligne fictive pour les exports des horaires.',
    publics: ['jeunes'],
    actions: ['ecoute'],
    territory: { scope: 'national' },
    contacts: [{ kind: 'phone', value: '01 00 00 00 19', label: 'Ligne test', opening_hours: '24/7' }],
  },
};

beforeAll(async () => {
  t = createTestApp();
  curator = await signedInAs(t, 'curateur');
  for (const [key, input] of Object.entries(inputs)) {
    const res = await asUser(t, curator, '/api/admin/actors', { method: 'POST', body: input });
    expect(res.status).toBe(201);
    ids[key] = ((await res.json()) as { id: number }).id;
  }
});
afterAll(() => t.close());

describe('data·inclusion', () => {
  it('structures and services carry horaires_accueil in the OSM syntax, valid against the official schemas', async () => {
    const structures = (await getJson<JsonBody>(t.app, '/api/exports/data-inclusion/structures.json')).body as Record<string, unknown>[];
    const services = (await getJson<JsonBody>(t.app, '/api/exports/data-inclusion/services.json')).body as Record<string, unknown>[];
    const v = dataInclusionValidators();
    const structure = structures.find((s) => s.id === `pare--${ids.site}`);
    expect(structure?.horaires_accueil).toBe('Mo-Fr 09:00-12:00,14:00-17:30; PH off');
    expectValid(v.structure, structure, 'structure');
    expect(structures.find((s) => s.id === `pare--${ids.line}`)?.horaires_accueil).toBe('24/7');
    const service = services.find((s) => s.structure_id === `pare--${ids.site}`);
    expect(service?.horaires_accueil).toBe('Mo-Fr 09:00-12:00,14:00-17:30; PH off');
    expectValid(v.service, service, 'service');
  });
});

describe('HSDS', () => {
  it('a site’s hours become weekly schedules on its location, a line’s on the service, valid against HSDS 3.0', async () => {
    const hsds = hsdsValidators();
    const site = (await getJson<JsonBody>(t.app, `/api/hsds/services/${uuidV5(`service:${ids.site}`)}`)).body;
    expectValid(hsds.service, site, 'service');
    const schedules = site.service_at_locations[0].location.schedules as Record<string, string>[];
    expect(schedules.map((s) => [s.freq, s.byday, s.opens_at?.slice(0, 5), s.closes_at?.slice(0, 5)])).toEqual([
      ['WEEKLY', 'MO,TU,WE,TH,FR', '09:00', '12:00'],
      ['WEEKLY', 'MO,TU,WE,TH,FR', '14:00', '17:30'],
    ]);
    expect(schedules[0]?.opens_at).toMatch(/^09:00[+-]\d\d:\d\d$/);
    expect(schedules[0]?.description).toContain('jours fériés fermé');
    const line = (await getJson<JsonBody>(t.app, `/api/hsds/services/${uuidV5(`service:${ids.line}`)}`)).body;
    expectValid(hsds.service, line, 'line');
    expect(line.schedules).toHaveLength(1);
    expect(line.schedules[0]).toMatchObject({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU', description: 'Ligne test : 24/7' });
  });
});

describe('CSV', () => {
  it('has a horaires column with the main site’s hours, and a re-import changes nothing', async () => {
    const text = await exportText(t);
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.find((r) => r.id === String(ids.site))?.horaires).toBe('Mo-Fr 09:00-12:00,14:00-17:30; PH off');
    const admin = await signIn(t, await createAccount(t, 'admin'));
    const again = await importJson(t, admin, text, { query: 'dry_run=true' });
    expect(again.status).toBe(200);
    expect(again.body.summary.updated ?? 0).toBe(0);
  });
});

describe('import', () => {
  const s = freshAppSignedInAs('admin', { seed: false });

  it('reads the syntax from a CSV horaires column, and keeps free text in the site’s notes with a warning', async () => {
    const file = csvOf([
      actorRow('horaires-csv-ok', { horaires: 'Tu-Sa 10:00-18:00' }),
      actorRow('horaires-csv-texte', { horaires: 'Du mardi au samedi, 10 h – 18 h' }),
      actorRow('horaires-csv-devine', { horaires: 'lundi 9h-12h' }),
    ]);
    const { status, body } = await importJson(s.t, s.who, file);
    expect(status).toBe(200);
    expect(body.rows.map((r: { action: string }) => r.action)).toEqual(['created', 'created', 'created']);
    expect(body.rows[0].warnings ?? []).toEqual([]);
    expect(body.rows[1].warnings.join(' ')).toContain('illisibles');
    const ok = (await getJson<JsonBody>(s.t.app, '/api/actors/horaires-csv-ok')).body;
    expect(ok.sites[0].opening_hours).toBe('Tu-Sa 10:00-18:00');
    const free = (await getJson<JsonBody>(s.t.app, '/api/actors/horaires-csv-texte')).body;
    expect(free.sites[0]).toMatchObject({
      opening_hours: null,
      accessibility: 'Horaires : Du mardi au samedi, 10 h – 18 h',
      open_now: null,
    });
  });

  it('reads horaires_accueil from data·inclusion', async () => {
    const structures = [
      {
        id: 'partenaire-1',
        source: 'partenaire',
        nom: 'Structure horaires data inclusion test',
        date_maj: '2026-11-01',
        adresse: '6 rue des Imports',
        code_insee: '57463',
        horaires_accueil: 'Mo-Fr 08:30-12:30',
      },
    ];
    const services = [
      {
        id: 'partenaire-1-s',
        structure_id: 'partenaire-1',
        source: 'partenaire',
        nom: 'Écoute',
        thematiques: ['famille--soutien-aux-parents'],
        publics: ['jeunes'],
        zone_eligibilite: ['57'],
      },
    ];
    const { status, body } = await importJson(s.t, s.who, JSON.stringify({ structures, services }), {
      contentType: 'application/json',
      query: 'type=association',
    });
    expect(status, JSON.stringify(body)).toBe(200);
    const slug = body.rows[0].slug as string;
    expect((await getJson<JsonBody>(s.t.app, `/api/actors/${slug}`)).body.sites[0].opening_hours).toBe('Mo-Fr 08:30-12:30');
  });
});
