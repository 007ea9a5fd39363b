/**
 * A relais reads, without editing, the regional and national entries that cover its départements
 * (a national helpline, the association of its région): the view a verified professional gets,
 * with why it is read-only. Entries it may edit are read the same way; any other entry is refused.
 */
import { type ActorRecord, actorToInput, publicView, type UserRecord } from '@pare/db';
import { getDepartement, getRegion } from '@pare/geo';
import type { PublicActor } from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { inputDepartements, mayHandle } from './curation.ts';
import { reposOf } from './index.ts';

export type ReadOnlyActor = {
  id: number;
  status: ActorRecord['status'];
  editable: boolean;
  /** Why this account may read the entry but not change it; null when it may edit it. */
  reason: string | null;
  actor: PublicActor;
};

/** The régions of a relais's départements. */
const regionsOf = (departements: readonly string[]) =>
  new Set(departements.flatMap((d) => (getDepartement(d)?.region ? [getDepartement(d)?.region as string] : [])));

/**
 * Does this entry cover one of the user's départements without belonging to it? National: always;
 * régional: when one of the relais's départements is in one of its régions.
 */
export function coversWithoutBelonging(user: Pick<UserRecord, 'departements'>, a: ActorRecord): 'national' | 'regional' | null {
  if (a.territory.scope === 'national') return 'national';
  if (a.territory.scope === 'regions') {
    const mine = regionsOf(user.departements);
    if (a.territory.regions.some((r) => mine.has(r))) return 'regional';
  }
  return null;
}

export function readActorFor(deps: AppDeps, user: UserRecord, id: number): ReadOnlyActor {
  const a = deps.actors.findActorById(id);
  if (!a) throw new ApiError('not_found', 'Cette fiche n’existe pas.');
  const input = actorToInput(a);
  const editable = mayHandle(user, { national: a.territory.scope === 'national', departements: inputDepartements(input) });
  const view = publicView(a, { seesProfessionalContacts: true });
  if (editable) return { id: a.id, status: a.status, editable: true, reason: null, actor: view };
  const covers = user.role === 'relais' ? coversWithoutBelonging(user, a) : null;
  if (!covers) throw new ApiError('forbidden', 'Cette fiche ne relève pas de vos départements.');
  const regions = a.territory.regions.map((r) => getRegion(r)?.name ?? r).join(', ');
  const reason =
    covers === 'national'
      ? 'Cette fiche est nationale : elle couvre vos départements, mais seule l’équipe PARÉ la modifie. Pour signaler une correction, utilisez « Signaler une correction » sur sa page publique.'
      : `Cette fiche couvre la région ${regions}, au-delà de vos départements : seule l’équipe PARÉ la modifie. Pour signaler une correction, utilisez « Signaler une correction » sur sa page publique.`;
  return { id: a.id, status: a.status, editable: false, reason, actor: view };
}

export type CoveringEntry = { id: number; name: string; type: string; scope: 'national' | 'regional'; regions: string[] };

/**
 * The published regional and national entries that cover a relais's départements, for the list's
 * « en lecture seule » section. Empty for curators and admins, who edit every entry.
 */
export function listCoveringEntriesFor(deps: AppDeps, user: UserRecord): { items: CoveringEntry[] } {
  if (user.role !== 'relais') return { items: [] };
  const items: CoveringEntry[] = [];
  for (const s of reposOf(deps).curation.listActorSummaries()) {
    if (s.status !== 'published' || (s.scope !== 'national' && s.scope !== 'regions')) continue;
    const a = deps.actors.findActorById(s.id);
    const covers = a ? coversWithoutBelonging(user, a) : null;
    if (!a || !covers) continue;
    items.push({ id: a.id, name: a.name, type: a.type, scope: covers, regions: a.territory.regions.map((r) => getRegion(r)?.name ?? r) });
  }
  return { items };
}
