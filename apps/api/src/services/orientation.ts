/** Orientation: resolves where the person is, gathers the actors that could help, asks the routing engine. */
import { type ActorSearch, publicView, type Viewer } from '@pare/db';
import { getCommune, getDepartement } from '@pare/geo';
import { EMERGENCY_ORDER, REACH_KM, routeOrientation } from '@pare/routing';
import {
  type OrientationInput,
  type OrientationPlace,
  type OrientationResult,
  OrientationResultSchema,
  type PublicActor,
} from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { validationError } from '../lib/errors.ts';
import { clockOf } from './actors.ts';

/**
 * How many actors around a place are handed to the engine at most. The nearest come first (then
 * those covering the territory, then national ones), so a dense directory is cut at the far end;
 * the emergency numbers and the département's CRIP are fetched on their own and never cut.
 */
export const MAX_ORIENTATION_CANDIDATES = 400;

/** The commune (or, failing it, the département) as the engine wants it; a 400 naming the field when unknown. */
export function resolveOrientationPlace(input: Pick<OrientationInput, 'commune' | 'departement'>): OrientationPlace {
  if (input.commune) {
    const commune = getCommune(input.commune);
    if (!commune) throw validationError([{ path: 'commune', message: `Commune inconnue : ${input.commune}` }]);
    return {
      departement: commune.departement,
      region: commune.region,
      lat: commune.lat,
      lng: commune.lng,
      communeName: commune.name,
      // An arrondissement (75111, 13205) is served by the actors of its city (75056, 13055).
      communeCode: commune.parent ?? commune.code,
    };
  }
  const departement = input.departement ? getDepartement(input.departement) : undefined;
  if (!departement) throw validationError([{ path: 'departement', message: `Département inconnu : ${input.departement ?? ''}` }]);
  return { departement: departement.code, region: departement.region };
}

/**
 * The public view of every actor that could matter for this place: national ones, those whose
 * territory covers the commune, département or région, those with a site within REACH_KM — plus,
 * always, the emergency numbers and the CRIP of the département. Published actors only.
 */
export function gatherOrientationCandidates(deps: AppDeps, place: OrientationPlace, viewer: Viewer): PublicActor[] {
  const departement = { code: place.departement, region: place.region };
  const around: ActorSearch =
    place.lat !== undefined && place.lng !== undefined
      ? {
          place: {
            lat: place.lat,
            lng: place.lng,
            radiusKm: REACH_KM,
            strict: false,
            commune: place.communeCode ?? null,
            departement: place.departement,
            region: place.region,
          },
          limit: MAX_ORIENTATION_CANDIDATES,
          offset: 0,
        }
      : { departement, limit: MAX_ORIENTATION_CANDIDATES, offset: 0 };
  const ids = new Set(deps.search.searchActors(around).hits.map((h) => h.id));
  // The CRIP (a département service receiving reports): few per département, never left out.
  for (const h of deps.search.searchActors({
    types: ['service-departemental'],
    actions: ['signalement'],
    departement,
    limit: 20,
    offset: 0,
  }).hits) {
    ids.add(h.id);
  }
  const records = deps.actors.loadActors([...ids]);
  const slugs = new Set(records.map((r) => r.slug));
  for (const slug of EMERGENCY_ORDER) {
    if (slugs.has(slug)) continue;
    const found = deps.actors.findActorBySlug(slug);
    if (found?.status === 'published') records.push(found);
  }
  return records.map((r) => publicView(r, viewer, { at: clockOf(deps) }));
}

/**
 * The numbers and lines that answer everywhere: for a person in danger whose place we do not know,
 * the emergency numbers and the national lines (listening lines, emergency numbers such as the 115).
 */
function nationalLines(deps: AppDeps, viewer: Viewer): PublicActor[] {
  const ids = deps.search
    .searchActors({ types: ['numero-urgence', 'ligne-ecoute'], limit: 100, offset: 0 })
    .hits.filter((h) => h.match === 'national' || h.match === null)
    .map((h) => h.id);
  const records = deps.actors.loadActors(ids).filter((r) => r.status === 'published');
  const slugs = new Set(records.map((r) => r.slug));
  for (const slug of EMERGENCY_ORDER) {
    if (slugs.has(slug)) continue;
    const found = deps.actors.findActorBySlug(slug);
    if (found?.status === 'published') records.push(found);
  }
  return records.map((r) => publicView(r, viewer, { at: clockOf(deps) })).filter((a) => a.territory.scope === 'national');
}

/**
 * Whom to contact and why, for who is asking, where, what for and how urgently. A person in
 * danger is never refused: without a place, or with one we do not know, they get the emergency
 * numbers and the national lines, and a notice about the place.
 */
export function orient(deps: AppDeps, input: OrientationInput, viewer: Viewer): OrientationResult {
  let place: OrientationPlace | undefined;
  try {
    place = input.commune || input.departement ? resolveOrientationPlace(input) : undefined;
  } catch (err) {
    if (input.urgency !== 'danger-immediat') throw err;
  }
  const candidates = place ? gatherOrientationCandidates(deps, place, viewer) : nationalLines(deps, viewer);
  const result = routeOrientation({ profile: input.profile, place, needs: input.needs, urgency: input.urgency }, candidates);
  // Like every response: parsed through its schema before it leaves.
  return OrientationResultSchema.parse(result);
}
