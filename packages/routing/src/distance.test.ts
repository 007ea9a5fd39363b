import { describe, expect, it } from 'vitest';
import { distanceKm, roundKm } from './distance.ts';

describe('distanceKm', () => {
  it('Metz is about 26 km from Thionville as the crow flies', () => {
    expect(distanceKm({ lat: 49.3579, lng: 6.1683 }, { lat: 49.1193, lng: 6.1757 })).toBeCloseTo(26.5, 0);
  });

  it('a place is 0 km from itself', () => {
    expect(distanceKm({ lat: 43.2965, lng: 5.3698 }, { lat: 43.2965, lng: 5.3698 })).toBe(0);
  });

  it('distances are shown to a tenth of a kilometre', () => {
    expect(roundKm(26.5349)).toBe(26.5);
  });
});
