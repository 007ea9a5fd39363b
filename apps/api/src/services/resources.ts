/**
 * The resource centre and the territorial protocols: public search and pages, file downloads,
 * and the curators' edits (each one a revision), with the relais limited to their départements.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Db,
  type ProtocolRecord,
  ProtocolValidationError,
  pick,
  protocolPublicView,
  protocolToInput,
  type ResourceRecord,
  ResourceValidationError,
  resourcePublicView,
  resourceSnapshot,
  resourceToInput,
  type UserRecord,
} from '@pare/db';
import { getDepartement } from '@pare/geo';
import {
  type AdminListQuery,
  type AdminProtocol,
  type AdminProtocolList,
  type AdminResource,
  type AdminResourceList,
  type CreateProtocolInput,
  CreateProtocolInputSchema,
  type CreateResourceInput,
  CreateResourceInputSchema,
  type ProtocolList,
  type ProtocolsQuery,
  type PublicProtocol,
  type PublicResource,
  type SearchResourcesQuery,
  type SearchResourcesResponse,
  type UpdateProtocolInput,
  type UpdateResourceInput,
} from '@pare/schema';
import type { z } from 'zod';
import type { AppDeps } from '../lib/context.ts';
import { ApiError, validationError, zodIssues } from '../lib/errors.ts';
import {
  authorOf,
  changeStatus,
  editableEntry,
  editablePage,
  inTransaction,
  isCurator,
  mayEditDepartements,
  ownDepartements,
  refuse,
  rethrowSlugConflict,
  revisionsOut,
} from './curated-entries.ts';
import { reposOf } from './index.ts';
import { type CheckedUpload, checkUpload, listStoredFiles, removeStoredFile, storedFilePath, storeFile } from './uploads.ts';

type Deps = Pick<AppDeps, 'db'>;

function departementOrFail(code: string, path = 'departement') {
  const d = getDepartement(code);
  if (!d) throw validationError([{ path, message: `Département inconnu : ${code}` }]);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Public
// ---------------------------------------------------------------------------------------------

/** `GET /api/resources`: full text, filters, département, producing actor, paging. */
export function searchResources(deps: Deps, q: SearchResourcesQuery): SearchResourcesResponse {
  const { resources } = reposOf(deps);
  let departement: { code: string; region: string } | undefined;
  if (q.departement) {
    const d = departementOrFail(q.departement);
    departement = { code: d.code, region: d.region };
  }
  let producerId: number | undefined;
  if (q.actor) {
    producerId = resources.findActorId(q.actor);
    if (producerId === undefined) throw validationError([{ path: 'actor', message: `Acteur inconnu : ${q.actor}` }]);
  }
  const { total, ids } = resources.searchResources({
    text: q.q,
    types: q.types,
    publics: q.publics,
    themes: q.themes,
    departement,
    producerId,
    limit: q.per_page,
    offset: (q.page - 1) * q.per_page,
  });
  return { total, page: q.page, per_page: q.per_page, items: resources.loadResources(ids).map(resourcePublicView) };
}

function publishedResource(deps: Deps, slug: string): ResourceRecord {
  const r = reposOf(deps).resources.findResourceBySlug(slug);
  if (r?.status !== 'published') throw new ApiError('not_found', 'Cette ressource n’existe pas ou a été retirée.');
  return r as ResourceRecord;
}

/** `GET /api/resources/:slug`. */
export function getResource(deps: Deps, slug: string): PublicResource {
  return resourcePublicView(publishedResource(deps, slug));
}

/** Where the file of a published resource is, with what to tell the browser about it. */
export function resourceFile(deps: Deps, slug: string, dir: string): { path: string; name: string; type: string; size: number } {
  const r = publishedResource(deps, slug);
  if (!r.file) throw new ApiError('not_found', 'Cette ressource n’a pas de fichier à télécharger.');
  return { path: storedFilePath(dir, r.file.key), name: r.file.name, type: r.file.type, size: r.file.size };
}

/** Published resources, local to a département (national ones left out), newest first. */
export function localResources(deps: Deps, departement: { code: string; region: string }): PublicResource[] {
  const { resources } = reposOf(deps);
  const { ids } = resources.searchResources({ departement, localOnly: true, limit: 200, offset: 0 });
  return resources.loadResources(ids).map(resourcePublicView);
}

/** `GET /api/protocols`: every published protocol, by département, a convention before its committees. */
export function listProtocols(deps: Deps, q: ProtocolsQuery): ProtocolList {
  const { protocols } = reposOf(deps);
  if (q.departement) departementOrFail(q.departement);
  const { total, ids } = protocols.listProtocols({ departement: q.departement, kinds: q.kinds });
  return { total, items: protocols.loadProtocols(ids).map(protocolPublicView) };
}

/** `GET /api/protocols/:slug`. */
export function getProtocol(deps: Deps, slug: string): PublicProtocol {
  const p = reposOf(deps).protocols.findProtocolBySlug(slug);
  if (p?.status !== 'published') throw new ApiError('not_found', 'Ce protocole n’existe pas ou a été retiré.');
  return protocolPublicView(p as ProtocolRecord);
}

/** Published protocols of a département, with their members and meetings. */
export function departementProtocols(deps: Deps, code: string): PublicProtocol[] {
  const { protocols } = reposOf(deps);
  return protocols.loadProtocols(protocols.listProtocols({ departement: code }).ids).map(protocolPublicView);
}

// ---------------------------------------------------------------------------------------------
// Curators: who may edit what
// ---------------------------------------------------------------------------------------------

/** The most entries a relais's back-office list reads before keeping their own. */
const MAX_RELAIS_LIST = 10_000;

const resourceDepartements = (input: Pick<CreateResourceInput, 'territory'>) =>
  input.territory.scope === 'departements' ? input.territory.departements : [];

function translateDbError(err: unknown): never {
  if (err instanceof ResourceValidationError || err instanceof ProtocolValidationError) throw validationError(err.issues);
  rethrowSlugConflict(err);
}

/** How a resource or a protocol is recorded in its history and answered to the back office. */
type EntryKind<R extends { id: number }, Out> = {
  entity: 'resource' | 'protocol';
  snapshot: (entry: R) => object;
  out: (entry: R, user: UserRecord) => Out;
};

/**
 * One page of the back office's list: a curator's straight from the search; a relais's from the
 * whole list kept to their départements (the resource centre and the protocols are small).
 */
function adminPage<R, Out>(
  user: UserRecord,
  q: AdminListQuery,
  departementsOf: (entry: R) => readonly string[],
  search: (page: { limit: number; offset: number }) => { total: number; ids: number[] },
  load: (ids: number[]) => R[],
  view: (entry: R) => Out,
) {
  if (isCurator(user)) {
    const { total, ids } = search({ limit: q.per_page, offset: (q.page - 1) * q.per_page });
    return { total, page: q.page, per_page: q.per_page, items: load(ids).map(view) };
  }
  const { ids } = search({ limit: MAX_RELAIS_LIST, offset: 0 });
  return editablePage(load(ids), user, departementsOf, q, view);
}

type SaveChange = { action: 'update' | 'revert'; revertedTo?: number; note?: string };

/**
 * Writes an entry and records its revision, in one transaction: a creation, or an edit or a
 * revert of `previous` (the revision then holds what changed).
 */
function writeEntry<R extends { id: number }, Out>(
  kind: EntryKind<R, Out>,
  deps: Deps,
  user: UserRecord,
  write: () => R,
  change: { action: 'create' } | (SaveChange & { previous: R }),
): Out {
  const { revisions } = reposOf(deps);
  const edit: Partial<SaveChange & { previous: R }> = change.action === 'create' ? {} : change;
  return inTransaction(deps.db, translateDbError, () => {
    const entry = write();
    revisions.recordRevision({
      entity: kind.entity,
      entityId: entry.id,
      action: change.action,
      snapshot: kind.snapshot(entry),
      previous: edit.previous && kind.snapshot(edit.previous),
      revertedTo: edit.revertedTo ?? null,
      note: edit.note ?? null,
      ...authorOf(user),
    });
    return kind.out(entry, user);
  });
}

/** A revert's revision: it names the version put back. */
const revertChange = (revisionId: number): SaveChange => ({
  action: 'revert',
  revertedTo: revisionId,
  note: `Retour à la version n° ${revisionId}`,
});

/** An input form read against its schema, or a 422 with the schema's issues. */
function parsedOrFail<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(zodIssues(parsed.error));
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Curators: resources
// ---------------------------------------------------------------------------------------------

function adminResource(r: ResourceRecord, user: UserRecord): AdminResource {
  const input = resourceToInput(r);
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    type: r.type,
    status: r.status,
    scope: r.territory.scope,
    departements: r.territory.departements,
    file: resourcePublicView(r).file,
    updated_at: r.updatedAt,
    editable: mayEditDepartements(user, resourceDepartements(input)),
    input,
    unknown_producers: r.producers.filter((p) => p.status !== 'published').map((p) => p.slug),
  };
}

const RESOURCE: EntryKind<ResourceRecord, AdminResource> = { entity: 'resource', snapshot: resourceSnapshot, out: adminResource };

function editableResource(deps: Deps, user: UserRecord, id: number): ResourceRecord {
  const r = reposOf(deps).resources.findResourceById(id);
  return editableEntry(r, user, resourceDepartements, 'Ressource inconnue.', 'Cette ressource');
}

/** `GET /api/admin/resources`: archived ones included; each says whether this user may edit it. */
export function listAdminResources(deps: Deps, user: UserRecord, q: AdminListQuery): AdminResourceList {
  const { resources } = reposOf(deps);
  let departement: { code: string; region: string } | undefined;
  if (q.departement) {
    const d = departementOrFail(q.departement);
    departement = { code: d.code, region: d.region };
  }
  const search = { text: q.q, departement, localOnly: Boolean(departement), status: q.status ?? 'all' } as const;
  // A relais sees the resources of their départements only (the same reach as for actors).
  return adminPage(
    user,
    q,
    resourceDepartements,
    (page) => resources.searchResources({ ...search, ...page }),
    (ids) => resources.loadResources(ids),
    (r) => adminResource(r, user),
  );
}

/** One resource for the back office: a relais reads only those of their départements. */
export function getAdminResource(deps: Deps, user: UserRecord, id: number): AdminResource {
  return adminResource(editableResource(deps, user, id), user);
}

export function createAdminResource(deps: Deps, user: UserRecord, input: CreateResourceInput): AdminResource {
  if (!mayEditDepartements(user, resourceDepartements(input))) refuse('Une ressource nationale, régionale ou d’un autre département');
  return writeEntry(RESOURCE, deps, user, () => reposOf(deps).resources.createResource(input), { action: 'create' });
}

/** A partial edit: the fields given replace the resource's, the whole is validated again. */
export function updateAdminResource(deps: Deps, user: UserRecord, id: number, patch: UpdateResourceInput): AdminResource {
  const current = editableResource(deps, user, id);
  const merged = parsedOrFail(CreateResourceInputSchema, { ...resourceToInput(current), ...stripUndefined(patch) });
  return saveResource(deps, user, current, merged, {
    action: 'update',
    urlBesideFile: 'Cette ressource a un fichier : retirez-le avant de donner un lien (une ressource a un lien ou un fichier).',
    territory: 'Le nouveau territoire',
  });
}

/**
 * Replaces a resource's fields and records the revision, for an edit or a revert: the checks
 * (a link never beside a file, the editor's départements) and the write are the same.
 */
function saveResource(
  deps: Deps,
  user: UserRecord,
  current: ResourceRecord,
  next: CreateResourceInput,
  change: SaveChange & { urlBesideFile: string; territory: string },
): AdminResource {
  if (next.url && current.file) throw validationError([{ path: 'url', message: change.urlBesideFile }]);
  if (!mayEditDepartements(user, resourceDepartements(next))) refuse(change.territory);
  return writeEntry(RESOURCE, deps, user, () => reposOf(deps).resources.replaceResource(current.id, next), {
    ...change,
    previous: current,
  });
}

export function setAdminResourceStatus(deps: Deps, user: UserRecord, id: number, status: 'published' | 'archived'): AdminResource {
  const current = editableResource(deps, user, id);
  const { resources, revisions } = reposOf(deps);
  return deps.db.transaction(() => {
    const r = resources.setResourceStatus(id, status) as ResourceRecord;
    revisions.recordRevision({
      entity: 'resource',
      entityId: id,
      action: status === 'archived' ? 'archive' : 'restore',
      snapshot: resourceSnapshot(r),
      previous: resourceSnapshot(current),
      ...authorOf(user),
      note: status === 'archived' ? 'Ressource retirée du centre de ressources public' : 'Ressource remise en ligne',
    });
    return adminResource(r, user);
  })();
}

/**
 * Checks and stores an uploaded file, then points the resource at it, in that order: a refused
 * file is never written, and a file written for a change the database refuses is removed.
 */
export async function uploadResourceFile(deps: Deps, user: UserRecord, id: number, field: unknown, dir: string): Promise<AdminResource> {
  const current = editableResource(deps, user, id);
  if (current.url) {
    throw validationError([
      {
        path: 'file',
        message: 'Cette ressource a un lien : retirez-le avant de déposer un fichier (une ressource a un lien ou un fichier).',
      },
    ]);
  }
  const upload: CheckedUpload = await checkUpload(field);
  const key = storeFile(dir, upload.bytes);
  const { resources, revisions } = reposOf(deps);
  let updated: ResourceRecord;
  try {
    updated = deps.db.transaction(() => {
      // Read again inside the transaction: the resource may have changed while the file was read.
      const fresh = editableResource(deps, user, id);
      if (fresh.url)
        throw validationError([{ path: 'file', message: 'Cette ressource a un lien : retirez-le avant de déposer un fichier.' }]);
      const r = resources.setResourceFile(id, { key, name: upload.name, type: upload.type, size: upload.size }) as ResourceRecord;
      revisions.recordRevision({
        entity: 'resource',
        entityId: id,
        action: 'update',
        snapshot: resourceSnapshot(r),
        previous: resourceSnapshot(fresh),
        ...authorOf(user),
        note: `Fichier déposé : ${upload.name}`,
      });
      return r;
    })();
  } catch (err) {
    removeStoredFile(dir, key);
    throw err;
  }
  if (current.file && current.file.key !== key) removeStoredFile(dir, current.file.key);
  return adminResource(updated, user);
}

export function deleteResourceFile(deps: Deps, user: UserRecord, id: number, dir: string): AdminResource {
  const current = editableResource(deps, user, id);
  if (!current.file) throw new ApiError('not_found', 'Cette ressource n’a pas de fichier.');
  const { resources, revisions } = reposOf(deps);
  const updated = deps.db.transaction(() => {
    const r = resources.setResourceFile(id, null) as ResourceRecord;
    revisions.recordRevision({
      entity: 'resource',
      entityId: id,
      action: 'update',
      snapshot: resourceSnapshot(r),
      previous: resourceSnapshot(current),
      ...authorOf(user),
      note: `Fichier retiré : ${current.file?.name}`,
    });
    return r;
  })();
  removeStoredFile(dir, current.file.key);
  return adminResource(updated, user);
}

export function listResourceRevisions(deps: Deps, user: UserRecord, id: number) {
  getAdminResource(deps, user, id);
  return revisionsOut(reposOf(deps).revisions.listRevisions('resource', id));
}

// ---------------------------------------------------------------------------------------------
// Curators: protocols
// ---------------------------------------------------------------------------------------------

function adminProtocol(p: ProtocolRecord, user: UserRecord): AdminProtocol {
  return {
    ...pick(p, 'id', 'slug', 'title', 'kind', 'status', 'departements'),
    updated_at: p.updatedAt,
    editable: mayEditDepartements(user, p.departements),
    input: protocolToInput(p),
  };
}

const PROTOCOL: EntryKind<ProtocolRecord, AdminProtocol> = { entity: 'protocol', snapshot: protocolToInput, out: adminProtocol };

function editableProtocol(deps: Deps, user: UserRecord, id: number): ProtocolRecord {
  const p = reposOf(deps).protocols.findProtocolById(id);
  return editableEntry(p, user, ownDepartements, 'Protocole inconnu.', 'Ce protocole');
}

export function listAdminProtocols(deps: Deps, user: UserRecord, q: AdminListQuery): AdminProtocolList {
  const { protocols } = reposOf(deps);
  if (q.departement) departementOrFail(q.departement);
  const search = { departement: q.departement, text: q.q, status: q.status ?? 'all' } as const;
  return adminPage(
    user,
    q,
    ownDepartements,
    (page) => protocols.listProtocols({ ...search, ...page }),
    (ids) => protocols.loadProtocols(ids),
    (p) => adminProtocol(p, user),
  );
}

/** One protocol for the back office: a relais reads only those of their départements. */
export function getAdminProtocol(deps: Deps, user: UserRecord, id: number): AdminProtocol {
  return adminProtocol(editableProtocol(deps, user, id), user);
}

export function createAdminProtocol(deps: Deps, user: UserRecord, input: CreateProtocolInput): AdminProtocol {
  if (!mayEditDepartements(user, input.departements)) refuse('Un protocole d’un autre département');
  return writeEntry(PROTOCOL, deps, user, () => reposOf(deps).protocols.createProtocol(input), { action: 'create' });
}

export function updateAdminProtocol(deps: Deps, user: UserRecord, id: number, patch: UpdateProtocolInput): AdminProtocol {
  const current = editableProtocol(deps, user, id);
  const merged = parsedOrFail(CreateProtocolInputSchema, { ...protocolToInput(current), ...stripUndefined(patch) });
  return saveProtocol(deps, user, current, merged, { action: 'update', territory: 'Un des départements choisis' });
}

/** Replaces a protocol's fields and records the revision, for an edit or a revert. */
function saveProtocol(
  deps: Deps,
  user: UserRecord,
  current: ProtocolRecord,
  next: CreateProtocolInput,
  change: SaveChange & { territory: string },
): AdminProtocol {
  if (!mayEditDepartements(user, next.departements)) refuse(change.territory);
  return writeEntry(PROTOCOL, deps, user, () => reposOf(deps).protocols.replaceProtocol(current.id, next), {
    ...change,
    previous: current,
  });
}

export function setAdminProtocolStatus(deps: Deps, user: UserRecord, id: number, status: 'published' | 'archived'): AdminProtocol {
  const current = editableProtocol(deps, user, id);
  const { protocols, revisions } = reposOf(deps);
  return changeStatus(deps.db, current, status, {
    set: () => protocols.setProtocolStatus(id, status) as ProtocolRecord,
    inputOf: protocolToInput,
    record: (change) =>
      revisions.recordRevision({
        entity: 'protocol',
        entityId: id,
        action: status === 'archived' ? 'archive' : 'restore',
        ...change,
        ...authorOf(user),
      }),
    out: (p) => adminProtocol(p, user),
  });
}

export function listProtocolRevisions(deps: Deps, user: UserRecord, id: number) {
  getAdminProtocol(deps, user, id);
  return revisionsOut(reposOf(deps).revisions.listRevisions('protocol', id));
}

/** `{a: undefined}` from a partial input must not erase `a`. */
function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The repositories, for the département overview. */
export function resourceRepos(db: Db) {
  return reposOf({ db });
}

/**
 * Removes from the uploads directory what no resource points at: a file whose database change
 * failed after it was written (a crash between the two), or a `.part` left by an interrupted
 * write. Only files older than `minAgeMs`, so an upload in progress is never touched. For the
 * server's start (and a periodic job).
 */
export function removeOrphanUploads(db: Db, dir: string, minAgeMs = 60 * 60 * 1000, now = Date.now()): string[] {
  const known = new Set(reposOf({ db }).resources.listFileKeys());
  const removed: string[] = [];
  for (const name of listStoredFiles(dir)) {
    if (known.has(name)) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (!st.isFile() || now - st.mtimeMs < minAgeMs) continue;
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // Gone meanwhile: nothing to do.
    }
  }
  return removed;
}

/** The revision of this entry a curator asked to go back to, or a 404. */
function revisionOf(deps: Deps, entity: 'resource' | 'protocol', id: number, revisionId: number) {
  const revision = reposOf(deps).revisions.findRevision(revisionId);
  if (!revision || revision.entity !== entity || revision.entityId !== id) {
    throw new ApiError('not_found', 'Cette version n’existe pas pour cette fiche.');
  }
  return revision;
}

/**
 * Puts a resource back as it was at a revision: its fields, not its file (files are not
 * versioned; a revision whose link would sit beside the current file is refused). A new
 * `revert` revision records it.
 */
export function revertAdminResource(deps: Deps, user: UserRecord, id: number, revisionId: number): AdminResource {
  const current = editableResource(deps, user, id);
  const { file: _file, status: _status, ...fields } = revisionOf(deps, 'resource', id, revisionId).snapshot as Record<string, unknown>;
  return saveResource(deps, user, current, parsedOrFail(CreateResourceInputSchema, fields), {
    ...revertChange(revisionId),
    urlBesideFile: 'Cette version avait un lien : retirez d’abord le fichier actuel de la ressource.',
    territory: 'Le territoire de cette version',
  });
}

/** Puts a protocol back as it was at a revision, with a new `revert` revision. */
export function revertAdminProtocol(deps: Deps, user: UserRecord, id: number, revisionId: number): AdminProtocol {
  const current = editableProtocol(deps, user, id);
  const fields = revisionOf(deps, 'protocol', id, revisionId).snapshot;
  return saveProtocol(deps, user, current, parsedOrFail(CreateProtocolInputSchema, fields), {
    ...revertChange(revisionId),
    territory: 'Un des départements de cette version',
  });
}
