/**
 * Curators' work on news and events: create, edit, publish, archive, history and revert, the
 * news image. Admins and curators edit everything; a relais edits only entries all of whose
 * départements are theirs (never a national one). Every change is a revision holding the entry's
 * input form, so any revision can be restored.
 */
import { join } from 'node:path';
import {
  type ContentEntity,
  type Db,
  type EventRecord,
  type EventWrite,
  type NewsRecord,
  type NewsWrite,
  newsRepository,
  type UserRecord,
} from '@pare/db';
import { getCommune } from '@pare/geo';
import {
  type AdminContentQuery,
  type AdminEvent,
  type AdminEventList,
  type AdminNews,
  type AdminNewsList,
  type ContentStatus,
  type ErrorIssue,
  type EventInput,
  EventInputSchema,
  type NewsInput,
  NewsInputSchema,
  type NewsRevisionAction,
  parisLocalToUtc,
  utcToParisLocal,
} from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError, validationError, zodIssues } from '../lib/errors.ts';
import {
  authorOf,
  changeStatus,
  editableEntry,
  editablePage,
  inTransaction,
  mayEditDepartements,
  ownDepartements,
  refuse,
  rethrowSlugConflict,
  revisionsOut,
} from './curated-entries.ts';
import { renderMarkdown } from './markdown.ts';
import { checkUpload, removeStoredFile, storeFile, uploadsDirOf } from './uploads.ts';

type Deps = Pick<AppDeps, 'db'>;

const repos = new WeakMap<Db, ReturnType<typeof newsRepository>>();
export function newsRepoOf(db: Db) {
  let r = repos.get(db);
  if (!r) {
    r = newsRepository(db);
    repos.set(db, r);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Linked records: slugs in the input, ids in the database
// ---------------------------------------------------------------------------------------------

function actorIds(db: Db, slugs: string[], path: string, issues: ErrorIssue[]): number[] {
  const ids: number[] = [];
  slugs.forEach((slug, i) => {
    const id = db.prepare('SELECT id FROM actors WHERE slug = ?').pluck().get(slug) as number | undefined;
    if (id === undefined) issues.push({ path: `${path}.${i}`, message: `Acteur inconnu : ${slug}` });
    else ids.push(id);
  });
  return ids;
}

function resourceIds(db: Db, slugs: string[], issues: ErrorIssue[]): number[] {
  const ids: number[] = [];
  slugs.forEach((slug, i) => {
    const id = db.prepare('SELECT id FROM resources WHERE slug = ?').pluck().get(slug) as number | undefined;
    if (id === undefined) issues.push({ path: `resources.${i}`, message: `Ressource inconnue : ${slug}` });
    else ids.push(id);
  });
  return ids;
}

// ---------------------------------------------------------------------------------------------
// News
// ---------------------------------------------------------------------------------------------

export function newsToInput(n: NewsRecord): NewsInput {
  return {
    slug: n.slug,
    title: n.title,
    summary: n.summary,
    body: n.bodyMd,
    departements: n.departements,
    audiences: n.audiences,
    actors: n.actors.map((a) => a.slug),
    resources: n.resources.map((r) => r.slug),
    image_alt: n.imageAlt,
  };
}

function adminNews(n: NewsRecord, user: UserRecord): AdminNews {
  return {
    id: n.id,
    slug: n.slug,
    title: n.title,
    status: n.status,
    published_at: n.publishedAt,
    departements: n.departements,
    updated_at: n.updatedAt,
    editable: mayEditDepartements(user, n.departements),
    body_html: n.bodyHtml,
    image_url: n.imagePath ? `/api/admin/news/${n.id}/image` : null,
    input: newsToInput(n),
  };
}

function newsWrite(db: Db, input: NewsInput): NewsWrite {
  const issues: ErrorIssue[] = [];
  const write: NewsWrite = {
    slug: input.slug,
    title: input.title,
    summary: input.summary,
    bodyMd: input.body,
    bodyHtml: renderMarkdown(input.body),
    departements: input.departements,
    audiences: input.audiences,
    imageAlt: input.image_alt,
    actorIds: actorIds(db, input.actors, 'actors', issues),
    resourceIds: resourceIds(db, input.resources, issues),
  };
  if (issues.length > 0) throw validationError(issues);
  return write;
}

function editableNews(deps: Deps, user: UserRecord, id: number): NewsRecord {
  return editableEntry(newsRepoOf(deps.db).findNewsById(id), user, ownDepartements, 'Actualité inconnue.', 'Cette actualité');
}

export function listAdminNews(deps: Deps, user: UserRecord, q: AdminContentQuery): AdminNewsList {
  const all = newsRepoOf(deps.db).listNewsAdmin({ q: q.q, status: q.status });
  return editablePage(all, user, ownDepartements, q, (n) => adminNews(n, user));
}

export function getAdminNews(deps: Deps, user: UserRecord, id: number): AdminNews {
  return adminNews(editableNews(deps, user, id), user);
}

export function createAdminNews(deps: Deps, user: UserRecord, input: NewsInput): AdminNews {
  if (!mayEditDepartements(user, input.departements)) refuse('Une actualité nationale ou d’un autre département');
  const repo = newsRepoOf(deps.db);
  const write = newsWrite(deps.db, input);
  return inTransaction(deps.db, rethrowSlugConflict, () => {
    const n = repo.createNews(write, user.id);
    repo.recordRevision({ entity: 'news', entityId: n.id, action: 'create', snapshot: newsToInput(n), ...authorOf(user) });
    return adminNews(n, user);
  });
}

function saveNews(
  deps: Deps,
  user: UserRecord,
  current: NewsRecord,
  next: NewsInput,
  action: NewsRevisionAction,
  revertedTo?: number,
): AdminNews {
  if (!mayEditDepartements(user, next.departements)) refuse('Le nouveau territoire');
  const repo = newsRepoOf(deps.db);
  const write = newsWrite(deps.db, next);
  return inTransaction(deps.db, rethrowSlugConflict, () => {
    const n = repo.replaceNews(current.id, write);
    repo.recordRevision({
      entity: 'news',
      entityId: n.id,
      action,
      snapshot: newsToInput(n),
      previous: newsToInput(current),
      revertedTo: revertedTo ?? null,
      ...authorOf(user),
    });
    return adminNews(n, user);
  });
}

/** The whole input form replaces the entry's (the back-office form sends it whole). */
export function updateAdminNews(deps: Deps, user: UserRecord, id: number, input: NewsInput): AdminNews {
  return saveNews(deps, user, editableNews(deps, user, id), input, 'update');
}

const STATUS_ACTION: Record<ContentStatus, NewsRevisionAction> = { publie: 'publish', archive: 'archive', brouillon: 'unpublish' };

export function setAdminNewsStatus(deps: Deps, user: UserRecord, id: number, status: ContentStatus): AdminNews {
  const current = editableNews(deps, user, id);
  const repo = newsRepoOf(deps.db);
  return changeStatus(deps.db, current, status, {
    set: () => repo.setNewsStatus(id, status),
    inputOf: newsToInput,
    record: (change) => repo.recordRevision({ entity: 'news', entityId: id, action: STATUS_ACTION[status], ...change, ...authorOf(user) }),
    out: (n) => adminNews(n, user),
  });
}

export function listNewsRevisions(deps: Deps, user: UserRecord, id: number) {
  editableNews(deps, user, id);
  return revisionsOut(newsRepoOf(deps.db).listRevisions('news', id));
}

function revisionOf(deps: Deps, entity: ContentEntity, id: number, revisionId: number): unknown {
  const rev = newsRepoOf(deps.db).findRevision(revisionId);
  if (!rev || rev.entity !== entity || rev.entityId !== id) throw new ApiError('not_found', 'Révision inconnue pour cette entrée.');
  const { status: _status, ...snapshot } = rev.snapshot as Record<string, unknown>;
  return snapshot;
}

/** Puts back the content of a revision (its status stays as it is now), as a new revision. */
export function revertAdminNews(deps: Deps, user: UserRecord, id: number, revisionId: number): AdminNews {
  const current = editableNews(deps, user, id);
  const parsed = NewsInputSchema.safeParse(revisionOf(deps, 'news', id, revisionId));
  if (!parsed.success) throw validationError(zodIssues(parsed.error));
  return saveNews(deps, user, current, parsed.data, 'revert', revisionId);
}

/** A draft never published may be deleted (with its history); anything published is archived instead. */
function refuseDeleteOfPublished(entry: { status: ContentStatus; publishedAt: string | null }, message: string) {
  if (entry.status !== 'brouillon' || entry.publishedAt !== null) {
    throw new ApiError('conflict', message);
  }
}

export function deleteAdminNews(deps: Deps & Pick<AppDeps, 'config'>, user: UserRecord, id: number): { deleted: true } {
  const current = editableNews(deps, user, id);
  refuseDeleteOfPublished(current, 'Cette actualité a déjà été publiée : archivez-la au lieu de la supprimer.');
  deps.db.transaction(() => newsRepoOf(deps.db).deleteNews(id))();
  if (current.imagePath) removeStoredFile(newsImagesDir(deps.config), current.imagePath);
  return { deleted: true };
}

const newsImagesDir = (config: object) => join(uploadsDirOf(config), 'news');
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** The image of a news entry: the same byte checks as resource files, and an image type only. */
export async function uploadNewsImage(deps: Deps & Pick<AppDeps, 'config'>, user: UserRecord, id: number, field: unknown) {
  const current = editableNews(deps, user, id);
  const upload = await checkUpload(field);
  if (!IMAGE_TYPES.has(upload.type)) {
    throw new ApiError('validation_error', 'Image attendue : PNG, JPEG ou WebP.', [
      { path: 'file', message: 'Image attendue : PNG, JPEG ou WebP.' },
    ]);
  }
  const dir = newsImagesDir(deps.config);
  const key = storeFile(dir, upload.bytes);
  const repo = newsRepoOf(deps.db);
  let updated: NewsRecord;
  try {
    updated = deps.db.transaction(() => {
      const fresh = editableNews(deps, user, id);
      const n = repo.setNewsImage(id, { path: key, type: upload.type });
      repo.recordRevision({
        entity: 'news',
        entityId: id,
        action: 'update',
        snapshot: { ...newsToInput(n), image: upload.name },
        previous: { ...newsToInput(fresh), image: fresh.imagePath ? 'image précédente' : null },
        ...authorOf(user),
      });
      return n;
    })();
  } catch (err) {
    removeStoredFile(dir, key);
    throw err;
  }
  if (current.imagePath && current.imagePath !== key) removeStoredFile(dir, current.imagePath);
  return adminNews(updated, user);
}

export function deleteNewsImage(deps: Deps & Pick<AppDeps, 'config'>, user: UserRecord, id: number): AdminNews {
  const current = editableNews(deps, user, id);
  const n = newsRepoOf(deps.db).setNewsImage(id, null);
  if (current.imagePath) removeStoredFile(newsImagesDir(deps.config), current.imagePath);
  return adminNews(n, user);
}

/** Where a news image lives on disk, for the routes that send it. */
export function newsImageFile(config: object, n: NewsRecord): { path: string; type: string } | null {
  if (!n.imagePath || !n.imageType) return null;
  return { path: join(newsImagesDir(config), n.imagePath), type: n.imageType };
}

export function adminNewsImage(deps: Deps & Pick<AppDeps, 'config'>, user: UserRecord, id: number) {
  const file = newsImageFile(deps.config, editableNews(deps, user, id));
  if (!file) throw new ApiError('not_found', 'Cette actualité n’a pas d’image.');
  return file;
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

export function eventToInput(e: EventRecord): EventInput {
  return {
    slug: e.slug,
    title: e.title,
    summary: e.summary,
    body: e.bodyMd,
    departements: e.departements,
    audiences: e.audiences,
    kind: e.kind,
    starts_at: utcToParisLocal(e.startsAt),
    ends_at: utcToParisLocal(e.endsAt),
    commune_code: e.communeCode,
    place_name: e.placeName,
    online_url: e.onlineUrl,
    organiser: e.organiser?.slug ?? null,
    registration_url: e.registrationUrl,
    replay_url: e.replayUrl,
  };
}

function adminEvent(e: EventRecord, user: UserRecord): AdminEvent {
  return {
    id: e.id,
    slug: e.slug,
    title: e.title,
    status: e.status,
    published_at: e.publishedAt,
    departements: e.departements,
    updated_at: e.updatedAt,
    editable: mayEditDepartements(user, e.departements),
    body_html: e.bodyHtml,
    starts_at: e.startsAt,
    ends_at: e.endsAt,
    input: eventToInput(e),
  };
}

/** An event in a commune belongs to its département when no département is given. */
function eventDepartements(input: EventInput): string[] {
  if (input.departements.length > 0 || !input.commune_code) return input.departements;
  const commune = getCommune(input.commune_code);
  return commune ? [commune.departement] : [];
}

function eventWrite(db: Db, input: EventInput): EventWrite {
  const issues: ErrorIssue[] = [];
  if (input.commune_code && !getCommune(input.commune_code)) {
    issues.push({ path: 'commune_code', message: `Commune inconnue : ${input.commune_code}` });
  }
  const organiser = input.organiser ? actorIds(db, [input.organiser], 'organiser', issues)[0] : undefined;
  if (issues.length > 0) throw validationError(issues.map((i) => (i.path === 'organiser.0' ? { ...i, path: 'organiser' } : i)));
  return {
    slug: input.slug,
    title: input.title,
    summary: input.summary,
    bodyMd: input.body,
    bodyHtml: renderMarkdown(input.body),
    departements: eventDepartements(input),
    audiences: input.audiences,
    kind: input.kind,
    startsAt: parisLocalToUtc(input.starts_at),
    endsAt: parisLocalToUtc(input.ends_at),
    communeCode: input.commune_code,
    placeName: input.place_name,
    onlineUrl: input.online_url,
    organiserId: organiser ?? null,
    registrationUrl: input.registration_url,
    replayUrl: input.replay_url,
  };
}

function editableEvent(deps: Deps, user: UserRecord, id: number): EventRecord {
  return editableEntry(newsRepoOf(deps.db).findEventById(id), user, ownDepartements, 'Événement inconnu.', 'Cet événement');
}

export function listAdminEvents(deps: Deps, user: UserRecord, q: AdminContentQuery): AdminEventList {
  const all = newsRepoOf(deps.db).listEventsAdmin({ q: q.q, status: q.status });
  return editablePage(all, user, ownDepartements, q, (e) => adminEvent(e, user));
}

export function getAdminEvent(deps: Deps, user: UserRecord, id: number): AdminEvent {
  return adminEvent(editableEvent(deps, user, id), user);
}

export function createAdminEvent(deps: Deps, user: UserRecord, input: EventInput): AdminEvent {
  const write = eventWrite(deps.db, input);
  if (!mayEditDepartements(user, write.departements)) refuse('Un événement national ou d’un autre département');
  const repo = newsRepoOf(deps.db);
  return inTransaction(deps.db, rethrowSlugConflict, () => {
    const e = repo.createEvent(write, user.id);
    repo.recordRevision({ entity: 'event', entityId: e.id, action: 'create', snapshot: eventToInput(e), ...authorOf(user) });
    return adminEvent(e, user);
  });
}

function saveEvent(
  deps: Deps,
  user: UserRecord,
  current: EventRecord,
  next: EventInput,
  action: NewsRevisionAction,
  revertedTo?: number,
): AdminEvent {
  const write = eventWrite(deps.db, next);
  if (!mayEditDepartements(user, write.departements)) refuse('Le nouveau territoire');
  const repo = newsRepoOf(deps.db);
  return inTransaction(deps.db, rethrowSlugConflict, () => {
    const e = repo.replaceEvent(current.id, write);
    repo.recordRevision({
      entity: 'event',
      entityId: e.id,
      action,
      snapshot: eventToInput(e),
      previous: eventToInput(current),
      revertedTo: revertedTo ?? null,
      ...authorOf(user),
    });
    return adminEvent(e, user);
  });
}

export function updateAdminEvent(deps: Deps, user: UserRecord, id: number, input: EventInput): AdminEvent {
  return saveEvent(deps, user, editableEvent(deps, user, id), input, 'update');
}

export function setAdminEventStatus(deps: Deps, user: UserRecord, id: number, status: ContentStatus): AdminEvent {
  const current = editableEvent(deps, user, id);
  const repo = newsRepoOf(deps.db);
  return changeStatus(deps.db, current, status, {
    set: () => repo.setEventStatus(id, status),
    inputOf: eventToInput,
    record: (change) => repo.recordRevision({ entity: 'event', entityId: id, action: STATUS_ACTION[status], ...change, ...authorOf(user) }),
    out: (e) => adminEvent(e, user),
  });
}

export function listEventRevisions(deps: Deps, user: UserRecord, id: number) {
  editableEvent(deps, user, id);
  return revisionsOut(newsRepoOf(deps.db).listRevisions('event', id));
}

export function revertAdminEvent(deps: Deps, user: UserRecord, id: number, revisionId: number): AdminEvent {
  const current = editableEvent(deps, user, id);
  const parsed = EventInputSchema.safeParse(revisionOf(deps, 'event', id, revisionId));
  if (!parsed.success) throw validationError(zodIssues(parsed.error));
  return saveEvent(deps, user, current, parsed.data, 'revert', revisionId);
}

export function deleteAdminEvent(deps: Deps, user: UserRecord, id: number): { deleted: true } {
  const current = editableEvent(deps, user, id);
  refuseDeleteOfPublished(current, 'Cet événement a déjà été publié : archivez-le au lieu de le supprimer.');
  deps.db.transaction(() => newsRepoOf(deps.db).deleteEvent(id))();
  return { deleted: true };
}
