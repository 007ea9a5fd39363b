import { describe, expect, it } from 'vitest';
import { idPositions, popcount32, positionOf } from './id-positions.ts';

/** A seeded generator: the same lists at every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('the positions of an id list', () => {
  it('counts the bits of every kind of word, the sign bit included', () => {
    for (const [v, n] of [
      [0, 0],
      [1, 1],
      [0x80000000, 1],
      [0xffffffff, 32],
      [0x7fffffff, 31],
      [0x55555555, 16],
      [0xf0f0f0f0, 16],
      [-1, 32],
    ] as const)
      expect(popcount32(v)).toBe(n);
  });

  it('gives each id its index in the list and -1 to every other id, dense or sparse, across word boundaries', () => {
    const next = random(7);
    const lists: number[][] = [[], [0], [31], [32], [0, 31, 32, 63, 64, 95], Array.from({ length: 64 }, (_, i) => i)];
    for (const share of [0.02, 0.3, 0.9]) {
      const ids: number[] = [];
      for (let id = 0; id < 5_000; id++) if (next() < share) ids.push(id);
      lists.push(ids);
    }
    for (const list of lists) {
      const p = idPositions(Int32Array.from(list));
      const at = new Map(list.map((id, i) => [id, i]));
      for (let id = 0; id < 5_100; id++) expect(positionOf(p, id)).toBe(at.get(id) ?? -1);
    }
  });
});
