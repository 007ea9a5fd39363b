import { describe, expect, it } from 'vitest';
import { distanceKm, getCommune, listCommunes, locate } from './index.ts';

describe('locate', () => {
  it('puts Metz in Moselle, Grand Est', () => {
    const metz = getCommune('57463');
    expect(metz).toBeDefined();
    expect(locate(metz?.lat ?? 0, metz?.lng ?? 0)).toEqual({
      departement: { code: '57', name: 'Moselle' },
      region: { code: '44', name: 'Grand Est' },
    });
  });

  it('puts Ajaccio in Corse-du-Sud and Saint-Denis de La Réunion in La Réunion', () => {
    expect(locate(41.9267, 8.7369)?.departement.code).toBe('2A');
    const saintDenis = getCommune('97411');
    expect(locate(saintDenis?.lat ?? 0, saintDenis?.lng ?? 0)?.departement.code).toBe('974');
  });

  it('reaches every overseas département', () => {
    expect(locate(16.2411, -61.5331)?.departement.code).toBe('971'); // Pointe-à-Pitre
    expect(locate(14.6037, -61.0733)?.departement.code).toBe('972'); // Fort-de-France
    expect(locate(4.9372, -52.326)?.departement.code).toBe('973'); // Cayenne
    expect(locate(-12.7806, 45.2278)?.departement.code).toBe('976'); // Mamoudzou
  });

  it('returns nothing at sea or abroad', () => {
    expect(locate(46.0, -5.0)).toBeUndefined(); // Atlantic
    expect(locate(52.52, 13.405)).toBeUndefined(); // Berlin
    expect(locate(50.85, 4.35)).toBeUndefined(); // Brussels
    expect(locate(Number.NaN, 2)).toBeUndefined();
  });

  it('agrees with the commune list for nearly every commune', () => {
    const communes = listCommunes();
    const agreeing = communes.filter((c) => locate(c.lat, c.lng)?.departement.code === c.departement).length;
    // Natural Earth borders are generalised: communes on a border river may fall next door.
    expect(agreeing / communes.length).toBeGreaterThan(0.99);
  });
});

describe('distanceKm', () => {
  it('measures about 26 km between Metz and Thionville', () => {
    const metz = getCommune('57463');
    const thionville = getCommune('57672');
    if (metz === undefined || thionville === undefined) throw new Error('missing commune');
    expect(distanceKm(metz, thionville)).toBeGreaterThan(23);
    expect(distanceKm(metz, thionville)).toBeLessThan(29);
  });

  it('is zero for the same point and symmetric', () => {
    const a = { lat: 48.8566, lng: 2.3522 };
    const b = { lat: 43.2965, lng: 5.3698 };
    expect(distanceKm(a, a)).toBe(0);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
    expect(distanceKm(a, b)).toBeGreaterThan(650);
    expect(distanceKm(a, b)).toBeLessThan(670);
  });
});
