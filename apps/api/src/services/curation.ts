/**
 * Curators' work on entries: who may touch which actor, listing, creating, editing, archiving,
 * verifying, history and revert. Every change writes one revision in the same transaction.
 */

import {
  type ActorRecord,
  type ActorSummaryRecord,
  ActorValidationError,
  actorToInput,
  pick,
  SlugConflictError,
  type UserRecord,
} from '@pare/db';
import { getCommune, getCommunesByPostcode, getDepartement } from '@pare/geo';
import {
  type AdminActor,
  type AdminActorList,
  type AdminActorSummary,
  type AdminActorsQuery,
  type CreateActorInput,
  CreateActorInputSchema,
  type GeocodeResult,
  type RevisionOut,
  STALE_AFTER_DAYS,
  type UpdateActorInput,
} from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError, validationError, zodIssues } from '../lib/errors.ts';
import { coversDepartement, seesAll } from '../lib/policy.ts';
import { geocodeAddress } from './address-geocoder.ts';
import { revisionsOut } from './curated-entries.ts';
import { refuseLikelyDuplicates } from './duplicates.ts';
import { reposOf } from './index.ts';

// --- dates ------------------------------------------------------------------------------------

const parisDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in France, `AAAA-MM-JJ`: what a curator calls « today ». */
export function todayIn(now: Date): string {
  return parisDate.format(now);
}

/** Entries verified before this date (or never) are « à revérifier ». */
export function staleBefore(now: Date): string {
  return todayIn(new Date(now.getTime() - STALE_AFTER_DAYS * 24 * 3600 * 1000));
}

export function isStale(lastVerifiedAt: string | null, before: string): boolean {
  return !lastVerifiedAt || lastVerifiedAt < before;
}

// --- who may do what ---------------------------------------------------------------------------

/**
 * The organisation a staff account speaks for, as the public reads it on « Vérifié … par … »:
 * « Équipe PARÉ » for administrators and curators, « Relais territorial Moselle » for a relais.
 * Never a login: an e-mail address must not leave the back office.
 */
export function organisationLabel(user: Pick<UserRecord, 'role' | 'departements'>): string {
  if (user.role !== 'relais') return 'Équipe PARÉ';
  const names = user.departements.map((d) => getDepartement(d)?.name ?? d);
  return names.length > 0 ? `Relais territorial ${names.join(', ')}` : 'Relais territorial';
}

/** How an author appears in the history (back office only): the display name, else the organisation, never the e-mail. */
export function authorLabel(user: UserRecord): string {
  const name = user.displayName?.trim();
  return name && !name.includes('@') ? name : organisationLabel(user);
}

/**
 * The départements an actor (in its input form, possibly partial) belongs to: those of its
 * sites and those its territory lists (directly or through a commune). A région alone gives none.
 */
export function inputDepartements(input: Partial<Pick<CreateActorInput, 'sites' | 'territory'>>): string[] {
  const deps = new Set<string>();
  for (const s of input.sites ?? []) {
    const commune = s.commune_code ? getCommune(s.commune_code) : s.postcode ? getCommunesByPostcode(s.postcode)[0] : undefined;
    if (commune) deps.add(commune.departement);
  }
  if (input.territory && input.territory.scope !== 'national') {
    for (const d of input.territory.departements ?? []) if (getDepartement(d)) deps.add(d);
    for (const c of input.territory.communes ?? []) {
      const commune = getCommune(c);
      if (commune) deps.add(commune.departement);
    }
  }
  return [...deps].sort();
}

type Reach = { national: boolean; departements: string[] };

const reachOfInput = (input: Partial<Pick<CreateActorInput, 'sites' | 'territory'>>): Reach => ({
  national: input.territory?.scope === 'national',
  departements: inputDepartements(input),
});

/** May this user see and work on an actor with this reach? A relais: only a local actor of one of their départements. */
export function mayHandle(user: UserRecord, reach: Reach): boolean {
  if (seesAll(user)) return true;
  if (user.role !== 'relais' || reach.national) return false;
  return reach.departements.some((d) => coversDepartement(user, d));
}

/**
 * Checks a write. A relais may not touch a national actor, nor create one outside their
 * départements, nor move one out of them: the result must belong to their départements only
 * where it changed, and still to one of them.
 */
export function assertMayWrite(user: UserRecord, before: Reach | null, after: Reach): void {
  if (seesAll(user)) return;
  if (user.role !== 'relais') throw new ApiError('forbidden');
  if (before && !mayHandle(user, before)) throw new ApiError('forbidden', 'Cette fiche ne relève pas de vos départements.');
  if (after.national) throw new ApiError('forbidden', 'Un relais territorial ne peut pas modifier un acteur national.');
  const added = after.departements.filter((d) => !before?.departements.includes(d));
  if (!mayHandle(user, after) || added.some((d) => !coversDepartement(user, d))) {
    throw new ApiError('forbidden', 'Un relais territorial ne peut enregistrer que des acteurs de ses départements.');
  }
}

const reachOfRecord = (a: ActorRecord): Reach => reachOfInput(actorToInput(a));

// --- input forms --------------------------------------------------------------------------------

/** A patch over an input form: the fields given replace the entry's; `provenance` is merged field by field. */
export function mergeActorPatch<T extends Record<string, unknown>>(base: T, patch: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (k === 'provenance' && typeof v === 'object' && v !== null) {
      out.provenance = { ...((base.provenance as Record<string, unknown> | undefined) ?? {}), ...(v as Record<string, unknown>) };
    } else out[k] = v;
  }
  return out as T;
}

/** Validates a full input form with the shared schema: field-level French errors otherwise. */
export function parseActorInput(raw: unknown): CreateActorInput {
  const parsed = CreateActorInputSchema.safeParse(raw);
  if (!parsed.success) throw validationError(zodIssues(parsed.error));
  return parsed.data;
}

/** Runs a repository write, turning its errors into API errors. */
export function withActorErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ActorValidationError) throw validationError(err.issues);
    if (err instanceof SlugConflictError) {
      throw new ApiError('conflict', 'Cet identifiant est déjà pris par une autre fiche.', [
        { path: 'slug', message: `L’identifiant « ${err.slug} » est déjà utilisé` },
      ]);
    }
    throw err;
  }
}

// --- views --------------------------------------------------------------------------------------

function summaryOf(r: ActorSummaryRecord, before: string): AdminActorSummary {
  return {
    ...pick(r, 'id', 'slug', 'name', 'type', 'status', 'scope', 'departements'),
    last_verified_at: r.lastVerifiedAt,
    verified_by: r.verifiedBy,
    updated_at: r.updatedAt,
    stale: isStale(r.lastVerifiedAt, before),
  };
}

/** The full record for a curator: the input form plus the real coordinates of every site. */
export function adminView(a: ActorRecord, now = new Date()): AdminActor {
  const input = actorToInput(a);
  return {
    id: a.id,
    slug: a.slug,
    name: a.name,
    type: a.type,
    status: a.status,
    scope: a.territory.scope,
    departements: inputDepartements(input),
    last_verified_at: a.lastVerifiedAt,
    verified_by: a.verifiedBy,
    updated_at: a.updatedAt,
    stale: isStale(a.lastVerifiedAt, staleBefore(now)),
    generated: a.generated,
    created_at: a.createdAt,
    input,
    sites_geo: a.sites.map((s) => ({
      id: s.id,
      lat: s.lat,
      lng: s.lng,
      precision: s.precision,
      commune: s.communeCode,
      departement: s.departementCode,
    })),
  };
}

// --- reads --------------------------------------------------------------------------------------

/** The back office list: every status, filters, « à revérifier » flag; a relais sees their départements only. */
export function listAdminActors(deps: AppDeps, user: UserRecord, q: AdminActorsQuery, now = new Date()): AdminActorList {
  const queries = reposOf(deps).curation;
  const before = staleBefore(now);
  const text = q.q ? queries.matchActorText(q.q) : null;
  const all = queries.listActorSummaries().filter((a) => {
    if (!mayHandle(user, { national: a.scope === 'national', departements: a.departements })) return false;
    if (q.status && q.status !== 'all' && a.status !== q.status) return false;
    if (q.departement && !a.departements.includes(q.departement)) return false;
    if (q.stale === true && !isStale(a.lastVerifiedAt, before)) return false;
    if (q.stale === false && isStale(a.lastVerifiedAt, before)) return false;
    if (text && !text.has(a.id)) return false;
    return true;
  });
  const start = (q.page - 1) * q.per_page;
  return {
    total: all.length,
    page: q.page,
    per_page: q.per_page,
    items: all.slice(start, start + q.per_page).map((a) => summaryOf(a, before)),
  };
}

/** One actor for a curator who may handle it: 404 when unknown, 403 when not theirs. */
export function findHandledActor(deps: AppDeps, user: UserRecord, id: number): ActorRecord {
  const actor = deps.actors.findActorById(id);
  if (!actor) throw new ApiError('not_found', 'Cette fiche n’existe pas.');
  if (!mayHandle(user, reachOfRecord(actor))) throw new ApiError('forbidden', 'Cette fiche ne relève pas de vos départements.');
  return actor;
}

// --- writes -------------------------------------------------------------------------------------

/** Creates an actor; 409 with the likely duplicates listed unless `force`. */
export function createAdminActor(deps: AppDeps, user: UserRecord, input: CreateActorInput, opts: { force: boolean }): AdminActor {
  assertMayWrite(user, null, reachOfInput(input));
  if (!opts.force) {
    refuseLikelyDuplicates(deps, input, (c) => mayHandle(user, c));
  }
  const actor = withActorErrors(() => deps.db.transaction(() => createActorRecorded(deps, user, input).actor)());
  return adminView(actor);
}

/**
 * Creates an actor and records its « create » revision (inside the caller's transaction);
 * `extra` ties the revision to an accepted submission.
 */
export function createActorRecorded(
  deps: AppDeps,
  user: UserRecord,
  input: CreateActorInput,
  extra: { submissionId?: number; note?: string } = {},
): { actor: ActorRecord; revisionId: number } {
  const actor = deps.actors.createActor(input);
  const revisionId = reposOf(deps).revisions.recordRevision({
    entity: 'actor',
    entityId: actor.id,
    action: 'create',
    snapshot: actorToInput(actor),
    authorId: user.id,
    authorLabel: authorLabel(user),
    ...extra,
  });
  return { actor, revisionId };
}

/**
 * Replaces an actor's content with `next` and records one revision with the field diff.
 * The caller has checked the rights; `extra` describes the revision (action, submission…).
 */
export function writeActor(
  deps: AppDeps,
  user: UserRecord,
  actor: ActorRecord,
  next: CreateActorInput,
  extra: { action: 'update' | 'verify' | 'revert'; revertedTo?: number; submissionId?: number; note?: string },
): { actor: ActorRecord; revisionId: number | null } {
  const previous = actorToInput(actor);
  const revisions = reposOf(deps).revisions;
  return withActorErrors(() =>
    deps.db.transaction(() => {
      const saved = deps.actors.replaceActor(actor.id, next);
      const snapshot = actorToInput(saved);
      const revisionId = revisions.recordRevision({
        entity: 'actor',
        entityId: actor.id,
        action: extra.action,
        snapshot,
        previous,
        authorId: user.id,
        authorLabel: authorLabel(user),
        revertedTo: extra.revertedTo ?? null,
        submissionId: extra.submissionId ?? null,
        note: extra.note ?? null,
      });
      return { actor: saved, revisionId };
    })(),
  );
}

/** A partial edit merged over the current entry, validated as a whole. */
export function updateAdminActor(deps: AppDeps, user: UserRecord, id: number, patch: UpdateActorInput): AdminActor {
  const actor = findHandledActor(deps, user, id);
  const next = parseActorInput(mergeActorPatch(actorToInput(actor), patch));
  assertMayWrite(user, reachOfRecord(actor), reachOfInput(next));
  return adminView(writeActor(deps, user, actor, next, { action: 'update' }).actor);
}

/** Archives (the actor leaves every public answer) or puts it back online. */
export function setAdminActorStatus(deps: AppDeps, user: UserRecord, id: number, status: 'published' | 'archived'): AdminActor {
  const actor = findHandledActor(deps, user, id);
  assertMayWrite(user, reachOfRecord(actor), reachOfRecord(actor));
  if (actor.status === status) return adminView(actor);
  const revisions = reposOf(deps).revisions;
  deps.db.transaction(() => {
    deps.actors.setActorStatus(id, status);
    revisions.recordRevision({
      entity: 'actor',
      entityId: id,
      action: status === 'archived' ? 'archive' : 'restore',
      snapshot: actorToInput(actor),
      authorId: user.id,
      authorLabel: authorLabel(user),
      note: status === 'archived' ? 'Fiche retirée de l’annuaire public' : 'Fiche remise en ligne',
    });
  })();
  return adminView(deps.actors.findActorById(id) as ActorRecord);
}

/** « Vérifiée aujourd’hui par … ». */
export function verifyAdminActor(deps: AppDeps, user: UserRecord, id: number, now = new Date()): AdminActor {
  const actor = findHandledActor(deps, user, id);
  assertMayWrite(user, reachOfRecord(actor), reachOfRecord(actor));
  const next = mergeActorPatch(actorToInput(actor), {
    provenance: { last_verified_at: todayIn(now), verified_by: organisationLabel(user) },
  });
  return adminView(writeActor(deps, user, actor, next, { action: 'verify' }).actor, now);
}

/** The history of an entry, newest first. */
export function listActorRevisions(deps: AppDeps, user: UserRecord, id: number): { items: RevisionOut[] } {
  findHandledActor(deps, user, id);
  return revisionsOut(reposOf(deps).revisions.listRevisions('actor', id));
}

/** Puts the entry back as it was after `revisionId`: a new `revert` revision, history kept. */
export function revertAdminActor(deps: AppDeps, user: UserRecord, id: number, revisionId: number): AdminActor {
  const actor = findHandledActor(deps, user, id);
  const revision = reposOf(deps).revisions.findRevision(revisionId);
  if (revision?.entity !== 'actor' || revision.entityId !== id)
    throw new ApiError('not_found', 'Cette version n’existe pas pour cette fiche.');
  const next = parseActorInput(revision.snapshot);
  assertMayWrite(user, reachOfRecord(actor), reachOfInput(next));
  return adminView(
    writeActor(deps, user, actor, next, { action: 'revert', revertedTo: revisionId, note: `Retour à la version n° ${revisionId}` }).actor,
  );
}

/**
 * Where to put a site's pin in the editor: the commune's centre (or a postcode's main commune),
 * or, when an address is given and an online geocoder is configured, the address itself.
 */
export async function geocode(
  q: { commune?: string | undefined; postcode?: string | undefined; address?: string | undefined },
  geocoderUrl?: string,
): Promise<GeocodeResult> {
  let commune = q.commune ? getCommune(q.commune) : undefined;
  if (q.commune && !commune) throw validationError([{ path: 'commune', message: `Commune inconnue : ${q.commune}` }]);
  if (!commune && q.postcode) commune = getCommunesByPostcode(q.postcode)[0];
  if (!commune) throw validationError([{ path: 'postcode', message: `Code postal inconnu : ${q.postcode}` }]);
  if (q.postcode && !commune.postcodes.includes(q.postcode)) {
    throw validationError([{ path: 'postcode', message: `Le code postal ${q.postcode} ne correspond pas à ${commune.name}` }]);
  }
  const place = { code: commune.code, name: commune.name, departement: commune.departement, postcodes: commune.postcodes };
  const point = geocoderUrl && q.address ? await geocodeAddress(geocoderUrl, { address: q.address, communeCode: commune.code }) : undefined;
  if (point) return { commune: place, lat: point.lat, lng: point.lng, precision: 'address', label: point.label };
  return { commune: place, lat: commune.lat, lng: commune.lng, precision: 'commune', label: null };
}
