/**
 * The `k`-th smallest of `values` (0: the smallest), found in place by quickselect: linear time
 * on average, where sorting them all to read one was `n log n` — a place's page sorted every
 * distance within its radius (thousands at 50 km around a city) to find its farthest shown.
 * `values` is reordered; `k` is clamped to its bounds. NaN is not expected (distances).
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  if (hi < 0) return Number.NaN;
  const target = Math.min(Math.max(0, k), hi);
  while (lo < hi) {
    // Median of three as the pivot: sorted or nearly sorted distances stay linear.
    const mid = (lo + hi) >>> 1;
    const a = values[lo] as number;
    const b = values[mid] as number;
    const c = values[hi] as number;
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    // [lo, j] ≤ pivot ≤ [i, hi]; between them, equal to the pivot.
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target] as number;
  }
  return values[target] as number;
}
