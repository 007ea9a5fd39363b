import { describe, expect, it } from 'vitest';
import { readSuggestions } from './queries.ts';

const thionville = {
  kind: 'commune',
  code: '57672',
  name: 'Thionville',
  departement: { code: '57', name: 'Moselle' },
  region: { code: '44', name: 'Grand Est' },
  postcodes: ['57100'],
  lat: 49.36,
  lng: 6.16,
};

describe('place suggestions', () => {
  it('reads a bare array or an { items } envelope alike', () => {
    expect(readSuggestions([thionville])).toHaveLength(1);
    expect(readSuggestions({ items: [thionville] })[0]).toMatchObject({
      kind: 'commune',
      code: '57672',
      name: 'Thionville',
      postcodes: ['57100'],
    });
  });

  it('drops malformed items instead of failing the whole list', () => {
    expect(readSuggestions([{ kind: 'planete', code: 'x', name: 'Mars' }, { kind: 'commune' }, null, thionville])).toHaveLength(1);
    expect(readSuggestions('oops')).toEqual([]);
  });
});
