import { describe, expect, it } from 'vitest';
import { searchTerritories } from './index.ts';

const first = (query: string) => searchTerritories(query)[0];
const codes = (query: string, limit?: number) => searchTerritories(query, limit).map((hit) => `${hit.kind}:${hit.code}`);

describe('searchTerritories', () => {
  it('completes "thionv" to Thionville', () => {
    expect(first('thionv')).toMatchObject({ kind: 'commune', code: '57672', name: 'Thionville' });
  });

  it('finds Saint-Étienne first when typed "st etienne"', () => {
    expect(first('st etienne')).toMatchObject({ kind: 'commune', code: '42218' });
    expect(first('Saint-Étienne')?.code).toBe('42218');
    expect(first('SAINT ETIENNE')?.code).toBe('42218');
  });

  it('answers "57100" with Thionville and the other commune of that postcode', () => {
    const hits = searchTerritories('57100');
    expect(hits[0]).toMatchObject({ kind: 'postcode', code: '57672', name: 'Thionville', postcodes: ['57100'] });
    expect(hits.map((h) => h.code)).toContain('57441');
    expect(hits.every((h) => h.postcodes[0] === '57100')).toBe(true);
  });

  it('returns every commune of a postcode shared by several', () => {
    const hits = searchTerritories('01400', 50);
    expect(hits.length).toBeGreaterThan(5);
    expect(hits.every((h) => h.kind === 'postcode' && h.departement?.code === '01')).toBe(true);
  });

  it('matches names typed without their apostrophe or diaeresis, and « oe » for « œ »', () => {
    for (const [typed, code] of [
      ['lhay les roses', '94038'],
      ['L Hay les Roses', '94038'],
      ['villeneuve dascq', '59009'],
      ['lisle adam', '95313'],
      ['coeuvres', '02201'],
    ] as const) {
      expect(searchTerritories(typed)[0]?.code, typed).toBe(code);
    }
  });

  it('puts Metz first for "metz"', () => {
    expect(first('metz')).toMatchObject({ kind: 'commune', code: '57463', departement: { code: '57', name: 'Moselle' } });
  });

  it('puts the Moselle département first for "57" and for "Moselle"', () => {
    expect(first('57')).toMatchObject({ kind: 'departement', code: '57', name: 'Moselle', region: { code: '44', name: 'Grand Est' } });
    expect(first('Moselle')).toMatchObject({ kind: 'departement', code: '57' });
    expect(codes('moselle')).toContain('departement:54');
  });

  it('finds Corsica by code and by name', () => {
    expect(first('2A')).toMatchObject({ kind: 'departement', code: '2A', name: 'Corse-du-Sud' });
    expect(first('2b')?.name).toBe('Haute-Corse');
    expect(first('Corse')).toMatchObject({ kind: 'region', code: '94' });
    expect(codes('corse')).toEqual(expect.arrayContaining(['departement:2A', 'departement:2B']));
    expect(first('ajaccio')).toMatchObject({ kind: 'commune', code: '2A004' });
  });

  it('lists homonyms by population, overseas included', () => {
    const hits = searchTerritories('saint-denis');
    const top = hits.slice(0, 4).map((h) => h.code);
    expect(top.slice(0, 2).sort()).toEqual(['93066', '97411']);
    expect(hits.filter((h) => h.name === 'Saint-Denis').length).toBeGreaterThanOrEqual(4);
    const reunion = hits.find((h) => h.code === '97411');
    expect(reunion?.departement).toEqual({ code: '974', name: 'La Réunion' });
  });

  it('gives the city of Paris first, then its département', () => {
    expect(codes('paris').slice(0, 2)).toEqual(['commune:75056', 'departement:75']);
  });

  it('offers Paris arrondissements only once a number is typed', () => {
    expect(codes('paris').some((c) => c.startsWith('commune:751'))).toBe(false);
    expect(first('paris 11')).toMatchObject({ code: '75111', name: 'Paris 11e Arrondissement' });
    expect(first('75011')).toMatchObject({ kind: 'postcode', code: '75111' });
    expect(first('lyon 3')?.code).toBe('69383');
  });

  it('matches without the leading article and with it', () => {
    expect(first('le mans')?.code).toBe('72181');
    expect(first('mans')?.code).toBe('72181');
    expect(first("l'hay")?.code).toBe('94038');
  });

  it('finds a département by a word inside its name', () => {
    expect(codes('savoie').slice(0, 2)).toEqual(['departement:73', 'departement:74']);
  });

  it('ranks a big city before the villages sharing its first letters', () => {
    expect(first('mar')?.code).toBe('13055');
    expect(first('strasb')?.code).toBe('67482');
    expect(codes('st')).toContain('commune:67482');
  });

  it('respects the limit and returns nothing for an empty query', () => {
    expect(searchTerritories('s', 3)).toHaveLength(3);
    expect(searchTerritories('s', 60)).toHaveLength(60);
    expect(searchTerritories('   ')).toEqual([]);
    expect(searchTerritories('zzzzzz')).toEqual([]);
  });

  it('answers in well under a millisecond', () => {
    searchTerritories('warm up');
    const queries = ['t', 'th', 'thi', 'thionv', 'st etienne', '57', '571', '57100', 'sa', 'saint', 'saint d', 'm', 'paris 1'];
    const rounds = 200;
    const start = performance.now();
    for (let i = 0; i < rounds; i++) for (const q of queries) searchTerritories(q);
    const perQueryMs = (performance.now() - start) / (rounds * queries.length);
    expect(perQueryMs).toBeLessThan(0.5);
  });
});
