/** A small least-recently-used map. */
export function lru<V>(max: number, weight: (v: V) => number = () => 1) {
  const map = new Map<string, V>();
  const weights = new Map<string, number>();
  let total = 0;
  return {
    get(key: string): V | undefined {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    /** Keeps `v` under `key`, weighing `w` (by default `weight(v)`). */
    set(key: string, v: V, w: number = weight(v)) {
      const old = weights.get(key);
      if (old !== undefined) total -= old;
      map.delete(key);
      map.set(key, v);
      weights.set(key, w);
      total += w;
      for (const k of map.keys()) {
        if (total <= max || map.size === 1) break;
        map.delete(k);
        total -= weights.get(k) ?? 0;
        weights.delete(k);
      }
    },
    /** Forgets the entries whose key `drop` says. */
    deleteWhere(drop: (key: string) => boolean) {
      for (const k of [...map.keys()]) {
        if (!drop(k)) continue;
        map.delete(k);
        total -= weights.get(k) ?? 0;
        weights.delete(k);
      }
    },
    clear() {
      map.clear();
      weights.clear();
      total = 0;
    },
  };
}
