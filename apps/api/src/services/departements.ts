/**
 * The département pages: what exists in one département (its CRIP and ASE first, the actors, the
 * protocols and the resources) and, for the national page, every département with its counts.
 */
import type { Viewer } from '@pare/db';
import { departementBbox, getDepartement, getRegion, listDepartements } from '@pare/geo';
import type { DepartementList, DepartementPage, PublicActor } from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { searchActors } from './actors.ts';
import { departementProtocols, localResources, resourceRepos } from './resources.ts';

/** More than any département has; the page lists them all rather than paging. */
const ACTORS_PER_DEPARTEMENT = 1000;

/**
 * The reporting channel and child-protection service of a département: départemental services
 * covering it that collect « informations préoccupantes » (the CRIP), then those that support
 * children (the ASE). A CRIP covers exactly its département.
 */
function reportingOrder(a: PublicActor): number | null {
  if (a.type !== 'service-departemental') return null;
  if (a.actions.includes('signalement')) return 0;
  if (a.actions.includes('accompagnement')) return 1;
  return null;
}

/** `GET /api/departements/:code`. A well-formed code that names no département is a 404. */
export function getDepartementPage(deps: AppDeps, code: string, viewer: Viewer): DepartementPage {
  const d = getDepartement(code);
  if (!d) throw new ApiError('not_found', `Aucun département n’a le code ${code}.`);
  const region = getRegion(d.region);
  // The actors come from the public search (publicView inside): nothing here reads actor rows.
  const found = searchActors(deps, { departement: d.code, page: 1, per_page: ACTORS_PER_DEPARTEMENT, sort: 'name' }, viewer).items.filter(
    (a) => a.territory.scope !== 'national',
  );
  const reporting = found
    .map((a) => ({ a, order: reportingOrder(a) }))
    .filter((x): x is { a: PublicActor; order: number } => x.order !== null)
    .sort((x, y) => x.order - y.order)
    .map((x) => x.a);
  const reportingSlugs = new Set(reporting.map((a) => a.slug));
  return {
    departement: { code: d.code, name: d.name, region: { code: d.region, name: region?.name ?? d.region } },
    reporting,
    actors: found.filter((a) => !reportingSlugs.has(a.slug)).map(({ match: _match, distance_km: _d, ...a }) => a),
    protocols: departementProtocols(deps, d.code),
    resources: localResources(deps, { code: d.code, region: d.region }),
  };
}

/** `GET /api/departements`: every département, its local actors and protocols counted. */
export function listDepartementSummaries(deps: Pick<AppDeps, 'db'>): DepartementList {
  const { protocols } = resourceRepos(deps.db);
  const counts = protocols.protocolCountsByDepartement();
  const { byDepartement, byRegion } = protocols.localActorIds();
  return {
    items: listDepartements().map((d) => {
      const ids = new Set([...(byDepartement.get(d.code) ?? []), ...(byRegion.get(d.region) ?? [])]);
      const n = counts.get(d.code) ?? 0;
      return {
        code: d.code,
        name: d.name,
        region: { code: d.region, name: getRegion(d.region)?.name ?? d.region },
        actors: ids.size,
        protocols: n,
        has_protocol: n > 0,
        bbox: departementBbox(d.code) ?? null,
      };
    }),
  };
}
