/**
 * Territory names by code (`GET /api/territories/names`): every région and département (small,
 * fetched once) and the communes asked for, so pickers and diffs show « Moselle (57) », not « 57 ».
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, read } from '../../lib/client.ts';

export type TerritoryNames = InferResponseType<typeof client.territories.names.$get, 200>;

export type TerritoryListKind = 'regions' | 'departements' | 'communes';

const sortedCodes = (codes: readonly string[]) => [...new Set(codes.map((c) => c.trim().toUpperCase()).filter(Boolean))].sort();

export function territoryNamesQuery(communes: readonly string[] = []) {
  const codes = sortedCodes(communes).slice(0, 200);
  return queryOptions({
    queryKey: ['territories', 'names', codes.join(',')] as const,
    queryFn: ({ signal }) =>
      read(client.territories.names.$get({ query: codes.length ? { communes: codes.join(',') } : {} }, { init: { signal } })),
    staleTime: 60 * 60_000,
    // Keep the previous names while a new commune is being named: no flash of codes.
    placeholderData: (previous) => previous,
  });
}

export function useTerritoryNames(communes: readonly string[] = []) {
  return useQuery(territoryNamesQuery(communes)).data;
}

/** « Moselle (57) », « Grand Est », « Thionville (57) »; the code itself while names load or when unknown. */
export function placeName(names: TerritoryNames | undefined, kind: TerritoryListKind, code: string): string {
  if (!names) return code;
  if (kind === 'regions') return names.regions.find((r) => r.code === code)?.name ?? code;
  if (kind === 'departements') {
    const d = names.departements.find((x) => x.code === code);
    return d ? `${d.name} (${d.code})` : code;
  }
  const c = names.communes.find((x) => x.code === code);
  return c ? `${c.name} (${c.departement})` : code;
}

/** Folded for matching what is typed: no case, no accents, hyphens as spaces. */
export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[-'’]/g, ' ')
    .toLowerCase()
    .trim();
