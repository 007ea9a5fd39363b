import { describe, expect, it } from 'vitest';
import * as geo from './index.ts';

describe('communes', () => {
  it('finds Thionville by its INSEE code with a postcode, population and located centre', () => {
    const thionville = geo.getCommune('57672');
    expect(thionville).toMatchObject({ name: 'Thionville', departement: '57', region: '44', postcodes: ['57100'], precision: 'exact' });
    expect(thionville?.population).toBeGreaterThan(40_000);
    expect(thionville?.lat).toBeCloseTo(49.36, 1);
    expect(thionville?.lng).toBeCloseTo(6.16, 1);
  });

  it('knows every current commune, overseas included', () => {
    const communes = geo.listCommunes();
    expect(communes.length).toBeGreaterThan(34_000);
    expect(geo.getCommune('97411')).toMatchObject({ name: 'Saint-Denis', departement: '974', region: '04' });
    expect(geo.getCommune('97611')).toMatchObject({ name: 'Mamoudzou', departement: '976' });
    expect(geo.getCommune('2A004')).toMatchObject({ name: 'Ajaccio', departement: '2A', region: '94' });
    expect(geo.getCommune('2a004')?.code).toBe('2A004');
  });

  it('resolves a Paris arrondissement code to the arrondissement, pointing at Paris as parent', () => {
    expect(geo.getCommune('75111')).toMatchObject({ name: 'Paris 11e Arrondissement', parent: '75056', postcodes: ['75011'] });
    expect(geo.getCommune('69381')?.parent).toBe('69123');
    expect(geo.getCommune('13201')?.parent).toBe('13055');
  });

  it('gives every commune finite coordinates inside (or at the edge of) its département, and a precision', () => {
    const margin = 0.05;
    const outside = geo.listCommunes().filter((c) => {
      const bbox = geo.getDepartement(c.departement)?.bbox;
      if (bbox === undefined || !Number.isFinite(c.lat) || !Number.isFinite(c.lng)) return true;
      return c.lng < bbox[0] - margin || c.lng > bbox[2] + margin || c.lat < bbox[1] - margin || c.lat > bbox[3] + margin;
    });
    expect(outside.map((c) => c.code)).toEqual([]);
    expect(geo.listCommunes().every((c) => ['exact', 'postcode', 'epci', 'departement'].includes(c.precision))).toBe(true);
  });

  it('returns unknown codes as undefined', () => {
    expect(geo.getCommune('99999')).toBeUndefined();
    expect(geo.getCommune('')).toBeUndefined();
  });
});

describe('postcodes', () => {
  it('returns every commune sharing a postcode, most populous first', () => {
    const communes = geo.getCommunesByPostcode('57100');
    expect(communes.map((c) => c.code)).toEqual(['57672', '57441']);
    const shared = geo.getCommunesByPostcode('01400');
    expect(shared.length).toBeGreaterThan(5);
    const populations = shared.map((c) => c.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it('answers a Paris postcode with Paris, or with the arrondissement when asked', () => {
    expect(geo.getCommunesByPostcode('75011').map((c) => c.code)).toEqual(['75056']);
    expect(geo.getCommunesByPostcode('75011', { arrondissements: true }).map((c) => c.code)).toEqual(['75111']);
  });

  it('returns nothing for a postcode that does not exist', () => {
    expect(geo.getCommunesByPostcode('00000')).toEqual([]);
  });

  it('resolves an address to its commune for importers', () => {
    expect(geo.resolveCommune({ postcode: '57100', name: 'THIONVILLE' })?.code).toBe('57672');
    expect(geo.resolveCommune({ postcode: '57100', name: 'Manom' })?.code).toBe('57441');
    expect(geo.resolveCommune({ postcode: '75011', name: 'Paris' })?.code).toBe('75111');
    expect(geo.resolveCommune({ postcode: '42000', name: 'St-Etienne' })?.code).toBe('42218');
    expect(geo.resolveCommune({ name: 'Thionville' })?.code).toBe('57672');
  });
});

describe('départements and régions', () => {
  it('lists the 101 départements and 18 régions', () => {
    expect(geo.listDepartements()).toHaveLength(101);
    expect(geo.listRegions()).toHaveLength(18);
  });

  it('finds départements by code, Corsica and overseas included', () => {
    expect(geo.getDepartement('57')).toMatchObject({ name: 'Moselle', region: '44', chefLieu: '57463' });
    expect(geo.getDepartement('2A')?.name).toBe('Corse-du-Sud');
    expect(geo.getDepartement('2b')?.name).toBe('Haute-Corse');
    expect(geo.getDepartement('974')?.name).toBe('La Réunion');
    expect(geo.getDepartement('1')?.name).toBe('Ain');
    expect(geo.getDepartement('20')).toBeUndefined();
  });

  it('places each département centre inside its own box', () => {
    for (const d of geo.listDepartements()) {
      const [minLng, minLat, maxLng, maxLat] = d.bbox;
      expect(d.lng, d.code).toBeGreaterThanOrEqual(minLng);
      expect(d.lng, d.code).toBeLessThanOrEqual(maxLng);
      expect(d.lat, d.code).toBeGreaterThanOrEqual(minLat);
      expect(d.lat, d.code).toBeLessThanOrEqual(maxLat);
    }
  });

  it('finds régions by code', () => {
    expect(geo.getRegion('44')?.name).toBe('Grand Est');
    expect(geo.getRegion('94')?.name).toBe('Corse');
    expect(geo.getRegion('04')?.name).toBe('La Réunion');
    expect(geo.getRegion('99')).toBeUndefined();
  });
});
