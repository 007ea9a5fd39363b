/** The generator's random source (mulberry32): small, fast and deterministic — the same seed gives the same directory. */

export type Random = {
  next: () => number;
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(list: readonly T[]) => T;
  weighted: <T>(entries: readonly (readonly [T, number])[]) => T;
  some: <T>(list: readonly T[], min: number, max: number) => T[];
};

export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      let total = 0;
      for (const [, w] of entries) total += w;
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return (entries[entries.length - 1] as readonly [T, number])[0];
    },
    some: <T>(list: readonly T[], min: number, max: number): T[] => {
      const count = Math.min(list.length, int(min, max));
      const copy = [...list];
      const out: T[] = [];
      for (let i = 0; i < count; i++) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0] as T);
      return out;
    },
  };
}

/** `count` distinct values, each drawn by its weight among those not drawn yet. */
export function pickWeighted<T>(entries: readonly (readonly [T, number])[], count: number, random: Random): T[] {
  const left = [...entries];
  const out: T[] = [];
  while (out.length < count && left.length > 0) {
    const value = random.weighted(left);
    out.push(value);
    left.splice(
      left.findIndex(([v]) => v === value),
      1,
    );
  }
  return out;
}
