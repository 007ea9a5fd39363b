import { DepartementPageSchema } from '@pare/schema';
/**
 * The shipped directory, as a reviewer and a family would check it: every entry sourced from an
 * https page read on a past date, phone numbers a French phone can dial, and in every one of the
 * 101 départements a CRIP that the département page shows under « Signaler ».
 */

import { checkSeedEntries, formatSeedReport, readSeedEntries, type SeedEntry, seedReport } from '@pare/db';
import { listDepartements } from '@pare/geo';
import type { CreateActorInputRaw } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, getJson, SEED_FILE, type TestApp } from '../helpers/test-app.ts';

const entries = readSeedEntries(SEED_FILE);
const actors = entries.map((e) => e.raw as CreateActorInputRaw);
const cripOf = (code: string) => actors.find((a) => a.slug === `crip-${code.toLowerCase()}`);

const valid: CreateActorInputRaw = {
  slug: 'crip-test',
  name: 'Cellule de test',
  type: 'service-departemental',
  publics: ['familles'],
  actions: ['signalement'],
  territory: { scope: 'departements', departements: ['57'] },
  sites: [{ commune_code: '57463' }],
  contacts: [{ kind: 'phone', value: '03 87 00 00 00' }],
  provenance: { source_url: 'https://www.moselle.fr/', last_verified_at: '2026-01-02' },
};
const check = (raw: Partial<CreateActorInputRaw>, file = '57.yaml') =>
  checkSeedEntries([{ file, raw: { ...valid, ...raw } } satisfies SeedEntry], '2026-12-03').map((p) => p.message);

describe('the seed checker', () => {
  it('accepts an entry with an https source, a past date and a dialable number', () => {
    expect(check({})).toEqual([]);
    expect(check({ contacts: [{ kind: 'phone', value: '0262 90 30 57' }] }, '57.yaml')).toEqual([]);
    expect(
      check({
        contacts: [
          { kind: 'phone', value: '119' },
          { kind: 'phone', value: '116 000' },
          { kind: 'sms', value: '114' },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses a source that is not https, a missing one and a verification date in the future', () => {
    expect(check({ provenance: { source_url: 'http://www.moselle.fr/', last_verified_at: '2026-01-02' } })[0]).toMatch(/https/);
    expect(check({ provenance: { last_verified_at: '2026-01-02' } })[0]).toMatch(/https/);
    expect(check({ provenance: { source_url: 'https://www.moselle.fr/', last_verified_at: '2027-01-01' } })[0]).toMatch(/futur/);
  });

  it('refuses a number no French phone can dial', () => {
    expect(check({ contacts: [{ kind: 'phone', value: '03 87 00 00' }] })[0]).toMatch(/numéro français/);
    expect(check({ contacts: [{ kind: 'phone', value: '12 34 56 78 90' }] })[0]).toMatch(/numéro français/);
    expect(check({ contacts: [{ kind: 'sms', value: '1234' }] })[0]).toMatch(/numéro français/);
  });

  it('refuses an address with accents or spaces, which the open-data formats reject', () => {
    expect(check({ contacts: [{ kind: 'website', value: 'https://www.chu.fr/Unité-médicale' }] })[0]).toMatch(/encodée/);
    expect(check({ contacts: [{ kind: 'website', value: 'https://www.chu.fr/Unit%C3%A9' }] })).toEqual([]);
  });

  it('refuses a site outside the département of its file, and a slug used twice', () => {
    expect(check({ sites: [{ commune_code: '13055' }] })[0]).toMatch(/hors du département 57/);
    const twice = checkSeedEntries(
      [
        { file: '57.yaml', raw: valid },
        { file: '54.yaml', raw: { ...valid, sites: [] } },
      ],
      '2026-12-03',
    );
    expect(twice.map((p) => p.message)).toEqual([expect.stringMatching(/déjà utilisé dans 57.yaml/)]);
  });
});

describe('the seed report', () => {
  it('says per département whether its CRIP has a direct contact, and totals what is filed where', () => {
    const crip = (code: string, contacts: CreateActorInputRaw['contacts']) => ({
      file: `${code}.yaml`,
      raw: { ...valid, slug: `crip-${code}`, territory: { scope: 'departements', departements: [code] }, contacts },
    });
    const report = seedReport([
      crip('57', [{ kind: 'phone', value: '03 87 00 00 00' }]),
      crip('54', [{ kind: 'website', value: 'https://meurthe-et-moselle.fr/' }]),
      crip('55', [{ kind: 'website', value: 'https://meuse.fr/ip', label: 'Formulaire de transmission d’une information préoccupante' }]),
      { file: '57.yaml', raw: { ...valid, slug: 'asso-57', type: 'association', actions: ['ecoute', 'reperage'] } },
      { file: 'national.yaml', raw: { ...valid, slug: 'ligne', territory: { scope: 'national' } } },
    ]);
    const row = (code: string) => report.rows.find((r) => r.departement === code);
    expect(row('57')).toMatchObject({ entries: 2, crip: 'direct', types: { 'service-departemental': 1, association: 1 } });
    expect(row('57')?.actions).toEqual({ signalement: 1, ecoute: 1, reperage: 1 });
    expect(row('54')?.crip).toBe('page');
    expect(row('55')?.crip).toBe('direct');
    expect(row('13')?.crip).toBe('none');
    expect(report.totals).toMatchObject({
      entries: 5,
      national: 1,
      departemental: 4,
      crips: 3,
      cripsWithDirectContact: 2,
      cripsWithoutDirectContact: ['54'],
    });
    expect(report.totals.departementsWithoutCrip).toHaveLength(98);
    expect(formatSeedReport(report)).toContain('CRIP : 3 / 101 départements, dont 2 avec un contact direct');
  });
});

describe('the shipped seed', () => {
  it('has no entry without an https source, dated in the future or with an undialable number', () => {
    const problems = checkSeedEntries(entries).map((p) => `${p.file} · ${p.slug} · ${p.message}`);
    expect(problems).toEqual([]);
  });

  it('has the CRIP of each of the 101 départements, covering exactly its département', () => {
    const missing = listDepartements()
      .map((d) => d.code)
      .filter((code) => {
        const crip = cripOf(code);
        return crip?.type !== 'service-departemental' || !crip.actions.includes('signalement');
      });
    expect(missing).toEqual([]);
    for (const d of listDepartements()) {
      expect(cripOf(d.code)?.territory).toMatchObject({ scope: 'departements', departements: [d.code] });
    }
  });

  it('tells the reader to call the 119 wherever a CRIP publishes no direct contact', () => {
    const withoutContact = listDepartements()
      .map((d) => cripOf(d.code))
      .filter((crip) => crip && !(crip.contacts ?? []).some((c) => c.kind === 'phone' || c.kind === 'email'));
    for (const crip of withoutContact) expect(crip?.description, crip?.slug).toMatch(/119/);
  });

  it('keeps « signalement » for the CRIPs and the 119, not emergency numbers or reporting platforms', () => {
    const others = actors.filter(
      (a) => a.actions.includes('signalement') && !a.slug?.startsWith('crip-') && a.slug !== 'allo-enfance-en-danger-119',
    );
    expect(others.map((a) => a.slug)).toEqual([]);
  });

  it('gives hours only where the entry’s own sourced label states them, and the emergency lines 24/7', () => {
    const withHours = actors
      .flatMap((a) => [
        ...(a.sites ?? []).map((s) => ({ slug: a.slug, label: s.label ?? '', hours: s.opening_hours })),
        ...(a.contacts ?? []).map((c) => ({ slug: a.slug, label: c.label ?? '', hours: c.opening_hours })),
      ])
      .filter((x) => x.hours);
    expect(withHours.length).toBeGreaterThanOrEqual(15);
    // Hours in words in the label: « 24 h/24 », « 8 h 30–17 h 30 », « de 9 h à 23 h ».
    for (const x of withHours) expect(x.label, `${x.slug}: ${x.hours}`).toMatch(/\d\s*h/);
    for (const x of withHours.filter((y) => y.hours === '24/7')) expect(x.label, x.slug).toMatch(/24 h\/24/);
    const line = (value: string) => actors.flatMap((a) => a.contacts ?? []).find((c) => c.value === value);
    for (const n of ['119', '17', '112', '115', '3919']) expect(line(n)?.opening_hours, n).toBe('24/7');
  });

  it('lists at least 150 real structures beyond the 101 CRIPs, most of them local', () => {
    const beyond = entries.filter((e) => !(e.raw as CreateActorInputRaw).slug?.startsWith('crip-'));
    expect(beyond.length).toBeGreaterThanOrEqual(150);
    expect(beyond.filter((e) => e.file !== 'national.yaml').length).toBeGreaterThanOrEqual(120);
  });
});

describe('the département pages', () => {
  let t: TestApp;
  beforeAll(() => {
    t = createTestApp({ fixtures: false });
  });
  afterAll(() => t.close());

  it('show a CRIP under « Signaler » in every one of the 101 départements', async () => {
    const without: string[] = [];
    for (const d of listDepartements()) {
      const { status, body } = await getJson(t.app, `/api/departements/${d.code}`, DepartementPageSchema);
      expect(status).toBe(200);
      if (!body.reporting.some((a: { slug: string; actions: string[] }) => a.actions.includes('signalement'))) without.push(d.code);
    }
    expect(without).toEqual([]);
  });
});
