/**
 * A page's own query string (`?q=…&page=2`) as the typed client's `query` object, for the list
 * pages that hand their URL's filters to the API as they are: one key, one string; a repeated key,
 * an array (hc sends it back as repeated keys). Empty values are left out, as `apiGet` did. The API
 * validates every value; the page's type only says which keys the route takes.
 */
export function queryFromSearch<Q>(search: string): Q {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) {
    if (v === '') continue;
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out as Q;
}

/** A query without its empty values (`''`): sent as `apiGet` sent them, left out rather than `?name=`. */
export function withoutEmpty<Q extends object>(query: Q): Q {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) as Q;
}
