import type { PublicActor } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import { diName, toDataInclusionServices, toDataInclusionStructure, zoneEligibilite } from './data-inclusion.ts';

/** A fictitious public view, with only what each case changes. */
function actor(overrides: Partial<PublicActor> = {}): PublicActor {
  return {
    id: 7,
    slug: 'acteur-test',
    name: 'Acteur test',
    type: 'association',
    description: 'Un acteur fictif.',
    publics: ['jeunes'],
    actions: ['ecoute'],
    territory: { scope: 'national', regions: [], departements: [], communes: [] },
    languages: ['fr'],
    accepts_contact_requests: false,
    sites: [],
    contacts: [],
    provenance: { source_url: null, last_verified_at: null, verified_by: null },
    updated_at: '2026-02-03T04:05:06.000Z',
    ...overrides,
  };
}

describe('data·inclusion names', () => {
  it.each([
    ['a name ending with a full stop loses it', 'Association des parents.', 'Association des parents'],
    ['a two-letter name gets its type', 'AB', 'AB (Association)'],
    ['a long name is cut at 150 characters', 'x'.repeat(200), `${'x'.repeat(149)}…`],
  ])('%s', (_, name, expected) => {
    expect(diName(name, 'Association')).toBe(expected);
  });
});

describe('zone_eligibilite', () => {
  it('a national actor is eligible in all of France', () => {
    expect(zoneEligibilite(actor())).toEqual(['france']);
  });

  it('a région is listed as its départements, as the schema asks', () => {
    const zone = zoneEligibilite(
      actor({ territory: { scope: 'regions', regions: [{ code: '44', name: 'Grand Est' }], departements: [], communes: [] } }),
    );
    expect(zone).toEqual(expect.arrayContaining(['08', '10', '51', '52', '54', '55', '57', '67', '68', '88']));
    expect(zone).toHaveLength(10);
  });

  it('communes and départements keep their INSEE codes, Corsica included', () => {
    const zone = zoneEligibilite(
      actor({
        territory: {
          scope: 'communes',
          regions: [],
          departements: [{ code: '2A', name: 'Corse-du-Sud' }],
          communes: [{ code: '2A004', name: 'Ajaccio' }],
        },
      }),
    );
    expect(zone).toEqual(['2A', '2A004']);
  });
});

describe('data·inclusion records', () => {
  it('a structure without description nor site has nulls, never invented values', () => {
    const s = toDataInclusionStructure(actor({ description: '' }), 'https://pare.example');
    expect(s).toMatchObject({
      id: 'pare--7',
      description: null,
      adresse: null,
      latitude: null,
      siret: null,
      date_maj: '2026-02-03',
      lien_source: 'https://pare.example/acteurs/acteur-test',
    });
  });

  it('an actor serving only professionals has no data·inclusion public, and is mobilised by professionals', () => {
    const [service] = toDataInclusionServices(actor({ publics: ['professionnels'], actions: ['formation'] }), 'https://pare.example');
    expect(service).toMatchObject({
      id: 'pare--7--formation',
      type: 'formation',
      thematiques: null,
      publics: null,
      mobilisable_par: ['professionnels'],
    });
  });
});
