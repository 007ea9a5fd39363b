/**
 * The named fields of `o`, in the order named: what a record or a view keeps of another under the
 * same names (`{ ...pick(row, 'id', 'slug'), createdAt: row.created_at }`).
 */
export function pick<T extends object, const K extends keyof T>(o: T, ...keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = o[k];
  return out;
}
