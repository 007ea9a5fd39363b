import { describe, expect, it } from 'vitest';
import { kthSmallest } from './kth-smallest.ts';

describe('the k-th smallest distance, without sorting them all', () => {
  it('answers what sorting answers, for every k, on random, repeated, sorted and reversed distances', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const cases: number[][] = [
      [],
      [3],
      [2, 2, 2, 2],
      Array.from({ length: 200 }, () => Math.round(random() * 500) / 10),
      Array.from({ length: 200 }, () => Math.round(random() * 5)),
      Array.from({ length: 150 }, (_, i) => i / 3),
      Array.from({ length: 150 }, (_, i) => 150 - i),
    ];
    for (const values of cases) {
      const sorted = [...values].sort((a, b) => a - b);
      for (let k = 0; k < values.length; k++) expect(kthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
    }
    expect(kthSmallest(new Float64Array(0), 0)).toBeNaN();
    expect(kthSmallest(Float64Array.from([4, 1, 9]), 10)).toBe(9);
  });
});
