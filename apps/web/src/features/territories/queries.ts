/**
 * Place autocomplete (`GET /api/territories/search?q=`), typed by the API's route; each item is still
 * checked here and anything unexpected dropped (an array or `{ items: [...] }` alike).
 */
import { queryOptions } from '@tanstack/react-query';
import { client, read } from '../../lib/client.ts';

/** A place as the API's `TerritoryHit` describes it, read from the typed client. */
type TerritoryHit = Awaited<ReturnType<typeof searchTerritories>>['items'][number];
export type TerritoryKind = TerritoryHit['kind'];
/** What the combobox keeps of a hit. */
export type TerritorySuggestion = Pick<TerritoryHit, 'kind' | 'code' | 'name' | 'departement' | 'postcodes'>;

const KINDS: readonly string[] = ['commune', 'postcode', 'departement', 'region'] satisfies TerritoryKind[];

const searchTerritories = (q: string, signal: AbortSignal) => read(client.territories.search.$get({ query: { q } }, { init: { signal } }));

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
    queryFn: async ({ signal }) => readSuggestions(await searchTerritories(q, signal)),
    staleTime: 10 * 60_000,
    enabled: q.length >= 2,
  });
}
