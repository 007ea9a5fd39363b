/**
 * A page's query string as the typed client's `query` object: repeated keys become an array (hc
 * writes them back as repeated keys), empty values are left out as `apiGet` did, in the same order.
 */
export function queryObject(params: string | URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(params)) {
    if (v === '') continue;
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}
