/**
 * Where each id of an ascending list of distinct ids stands, found in constant time: one bit per id
 * up to the largest, and how many ids come before each group of 32. A text's matches (tens of
 * thousands of actors for a common word) are looked up this way for each actor of a département
 * (a few thousand): 25 KB per text at 100,000 actors, where a rank per actor took 800 KB and a
 * bisection per actor 17 steps (docs/PERFORMANCE.md §19).
 */
export type IdPositions = { readonly bits: Uint32Array; readonly before: Int32Array };

/** The bits set in a 32-bit word. */
export function popcount32(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The positions of `ids` (ascending, distinct, ≥ 0). */
export function idPositions(ids: Int32Array): IdPositions {
  const words = ids.length === 0 ? 0 : ((ids[ids.length - 1] as number) >>> 5) + 1;
  const bits = new Uint32Array(words);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    bits[id >>> 5] = (bits[id >>> 5] as number) | (1 << (id & 31));
  }
  const before = new Int32Array(words);
  let n = 0;
  for (let w = 0; w < words; w++) {
    before[w] = n;
    n += popcount32(bits[w] as number);
  }
  return { bits, before };
}

/** The index of `id` in the list `p` was made from, or -1 when it is not there. */
export function positionOf(p: IdPositions, id: number): number {
  const w = id >>> 5;
  if (w >= p.bits.length) return -1;
  const word = p.bits[w] as number;
  const bit = 1 << (id & 31);
  if ((word & bit) === 0) return -1;
  // `bit - 1` is every lower bit (for bit 31, ToInt32 of -2^31 - 1 is 0x7fffffff).
  return (p.before[w] as number) + popcount32(word & (bit - 1));
}

/** What `p` takes in memory. */
export const idPositionsBytes = (p: IdPositions) => p.bits.byteLength + p.before.byteLength;
