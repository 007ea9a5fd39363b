/**
 * Place autocomplete (`GET /api/territories/search?q=`). The endpoint is young: its answer may be
 * an array or `{ items: [...] }`, so each item is checked here and anything unexpected dropped.
 */
import { queryOptions } from '@tanstack/react-query';
import { client, read } from '../../lib/client.ts';

export type TerritoryKind = 'commune' | 'postcode' | 'departement' | 'region';

export type TerritorySuggestion = {
  kind: TerritoryKind;
  code: string;
  name: string;
  departement: { code: string; name: string } | null;
  postcodes: string[];
};

const KINDS: readonly string[] = ['commune', 'postcode', 'departement', 'region'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Exported for tests: turns whatever the endpoint returned into suggestions, dropping the malformed. */
export function readSuggestions(body: unknown): TerritorySuggestion[] {
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.items) ? body.items : [];
  const out: TerritorySuggestion[] = [];
  for (const raw of list) {
    if (!isRecord(raw) || typeof raw.kind !== 'string' || !KINDS.includes(raw.kind)) continue;
    if (typeof raw.code !== 'string' || typeof raw.name !== 'string') continue;
    const dep = isRecord(raw.departement) && typeof raw.departement.code === 'string' ? raw.departement : null;
    out.push({
      kind: raw.kind as TerritoryKind,
      code: raw.code,
      name: raw.name,
      departement: dep ? { code: String(dep.code), name: typeof dep.name === 'string' ? dep.name : String(dep.code) } : null,
      postcodes: Array.isArray(raw.postcodes) ? raw.postcodes.filter((p): p is string => typeof p === 'string') : [],
    });
  }
  return out;
}

export const territoryKeys = {
  search: (q: string) => ['territories', 'search', q] as const,
};

export function territorySearchQuery(q: string) {
  return queryOptions({
    queryKey: territoryKeys.search(q),
    queryFn: async ({ signal }) => readSuggestions(await read(client.territories.search.$get({ query: { q } }, { init: { signal } }))),
    staleTime: 10 * 60_000,
    enabled: q.length >= 2,
  });
}
