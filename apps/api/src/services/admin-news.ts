/**
 * Curators' work on news and events: create, edit, publish, archive, history and revert, the
 * news image. Admins and curators edit everything; a relais edits only entries all of whose
 * départements are theirs (never a national one). Every change is a revision holding the entry's
 * input form, so any revision can be restored.
 */
import { join } from 'node:path';
import {
  type AdminContentSearch,
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
  type AdminNews,
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
import type { z } from 'zod';
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
// One flow for both kinds of content
// ---------------------------------------------------------------------------------------------

type NewsRepo = ReturnType<typeof newsRepository>;

/**
 * What a news entry and an event differ by; the back office's flow (list, read, create, edit,
 * publish, history, revert, delete) is said once, in `contentAdmin`.
 */
type ContentKind<R extends NewsRecord | EventRecord, I extends object, W, Out> = {
  entity: ContentEntity;
  /** The input form, as a revision's snapshot is read back. */
  schema: z.ZodType<I>;
  find: (repo: NewsRepo, id: number) => R | undefined;
  list: (repo: NewsRepo, search: AdminContentSearch) => R[];
  create: (repo: NewsRepo, write: W, createdBy: number) => R;
  replace: (repo: NewsRepo, id: number, write: W) => R;
  setStatus: (repo: NewsRepo, id: number, status: ContentStatus) => R;
  remove: (repo: NewsRepo, id: number) => void;
  toInput: (entry: R) => I;
  out: (entry: R, user: UserRecord) => Out;
  /**
   * The input checked and made a write, a territory outside the user's refused as `outside`: each
   * kind keeps its own order of checks (which error wins when an input is wrong twice).
   */
  write: (db: Db, user: UserRecord, input: I, outside: string) => W;
  /** The 404, the 403 naming the entry, the 403 of a new entry's territory, the 409 of a delete. */
  messages: { unknown: string; what: string; outside: string; published: string };
};

const STATUS_ACTION: Record<ContentStatus, NewsRevisionAction> = { publie: 'publish', archive: 'archive', brouillon: 'unpublish' };

function revisionOf(deps: Deps, entity: ContentEntity, id: number, revisionId: number): unknown {
  const rev = newsRepoOf(deps.db).findRevision(revisionId);
  if (!rev || rev.entity !== entity || rev.entityId !== id) throw new ApiError('not_found', 'Révision inconnue pour cette entrée.');
  const { status: _status, ...snapshot } = rev.snapshot as Record<string, unknown>;
  return snapshot;
}

/** A draft never published may be deleted (with its history); anything published is archived instead. */
function refuseDeleteOfPublished(entry: { status: ContentStatus; publishedAt: string | null }, message: string) {
  if (entry.status !== 'brouillon' || entry.publishedAt !== null) {
    throw new ApiError('conflict', message);
  }
}

/** The back office's work on one kind of content; every change is a revision holding the input form. */
function contentAdmin<R extends NewsRecord | EventRecord, I extends object, W, Out>(kind: ContentKind<R, I, W, Out>) {
  function editable(deps: Deps, user: UserRecord, id: number): R {
    return editableEntry(kind.find(newsRepoOf(deps.db), id), user, ownDepartements, kind.messages.unknown, kind.messages.what);
  }

  function save(deps: Deps, user: UserRecord, current: R, next: I, action: NewsRevisionAction, revertedTo?: number): Out {
    const write = kind.write(deps.db, user, next, 'Le nouveau territoire');
    const repo = newsRepoOf(deps.db);
    return inTransaction(deps.db, rethrowSlugConflict, () => {
      const entry = kind.replace(repo, current.id, write);
      repo.recordRevision({
        entity: kind.entity,
        entityId: entry.id,
        action,
        snapshot: kind.toInput(entry),
        previous: kind.toInput(current),
        revertedTo: revertedTo ?? null,
        ...authorOf(user),
      });
      return kind.out(entry, user);
    });
  }

  return {
    editable,

    list(deps: Deps, user: UserRecord, q: AdminContentQuery): { total: number; page: number; per_page: number; items: Out[] } {
      const all = kind.list(newsRepoOf(deps.db), { q: q.q, status: q.status });
      return editablePage(all, user, ownDepartements, q, (entry) => kind.out(entry, user));
    },

    get(deps: Deps, user: UserRecord, id: number): Out {
      return kind.out(editable(deps, user, id), user);
    },

    create(deps: Deps, user: UserRecord, input: I): Out {
      const write = kind.write(deps.db, user, input, kind.messages.outside);
      const repo = newsRepoOf(deps.db);
      return inTransaction(deps.db, rethrowSlugConflict, () => {
        const entry = kind.create(repo, write, user.id);
        repo.recordRevision({
          entity: kind.entity,
          entityId: entry.id,
          action: 'create',
          snapshot: kind.toInput(entry),
          ...authorOf(user),
        });
        return kind.out(entry, user);
      });
    },

    /** The whole input form replaces the entry's (the back-office form sends it whole). */
    update(deps: Deps, user: UserRecord, id: number, input: I): Out {
      return save(deps, user, editable(deps, user, id), input, 'update');
    },

    setStatus(deps: Deps, user: UserRecord, id: number, status: ContentStatus): Out {
      const current = editable(deps, user, id);
      const repo = newsRepoOf(deps.db);
      return changeStatus(deps.db, current, status, {
        set: () => kind.setStatus(repo, id, status),
        inputOf: kind.toInput,
        record: (change) =>
          repo.recordRevision({ entity: kind.entity, entityId: id, action: STATUS_ACTION[status], ...change, ...authorOf(user) }),
        out: (entry) => kind.out(entry, user),
      });
    },

    revisions(deps: Deps, user: UserRecord, id: number) {
      editable(deps, user, id);
      return revisionsOut(newsRepoOf(deps.db).listRevisions(kind.entity, id));
    },

    /** Puts back the content of a revision (its status stays as it is now), as a new revision. */
    revert(deps: Deps, user: UserRecord, id: number, revisionId: number): Out {
      const current = editable(deps, user, id);
      const parsed = kind.schema.safeParse(revisionOf(deps, kind.entity, id, revisionId));
      if (!parsed.success) throw validationError(zodIssues(parsed.error));
      return save(deps, user, current, parsed.data, 'revert', revisionId);
    },

    /** Deletes a draft never published (see `refuseDeleteOfPublished`); returns the entry deleted. */
    remove(deps: Deps, user: UserRecord, id: number): R {
      const current = editable(deps, user, id);
      refuseDeleteOfPublished(current, kind.messages.published);
      deps.db.transaction(() => kind.remove(newsRepoOf(deps.db), id))();
      return current;
    },
  };
}

/** The input fields every kind of content has. */
function contentToInput(r: NewsRecord | EventRecord) {
  return {
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    body: r.bodyMd,
    departements: r.departements,
    audiences: r.audiences,
  };
}

/** The back office's fields every kind of content has, in the answer's order. */
function contentOut(r: NewsRecord | EventRecord, user: UserRecord) {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    status: r.status,
    published_at: r.publishedAt,
    departements: r.departements,
    updated_at: r.updatedAt,
    editable: mayEditDepartements(user, r.departements),
    body_html: r.bodyHtml,
  };
}

/** The written fields every kind of content has (the body also as HTML). */
function contentWrite(input: NewsInput | EventInput) {
  return {
    slug: input.slug,
    title: input.title,
    summary: input.summary,
    bodyMd: input.body,
    bodyHtml: renderMarkdown(input.body),
    departements: input.departements,
    audiences: input.audiences,
  };
}

// ---------------------------------------------------------------------------------------------
// News
// ---------------------------------------------------------------------------------------------

export function newsToInput(n: NewsRecord): NewsInput {
  return {
    ...contentToInput(n),
    actors: n.actors.map((a) => a.slug),
    resources: n.resources.map((r) => r.slug),
    image_alt: n.imageAlt,
  };
}

function adminNews(n: NewsRecord, user: UserRecord): AdminNews {
  return {
    ...contentOut(n, user),
    image_url: n.imagePath ? `/api/admin/news/${n.id}/image` : null,
    input: newsToInput(n),
  };
}

/** The territory given is checked before the linked actors and resources. */
function newsWrite(db: Db, user: UserRecord, input: NewsInput, outside: string): NewsWrite {
  if (!mayEditDepartements(user, input.departements)) refuse(outside);
  const issues: ErrorIssue[] = [];
  const write: NewsWrite = {
    ...contentWrite(input),
    imageAlt: input.image_alt,
    actorIds: actorIds(db, input.actors, 'actors', issues),
    resourceIds: resourceIds(db, input.resources, issues),
  };
  if (issues.length > 0) throw validationError(issues);
  return write;
}

const news = contentAdmin<NewsRecord, NewsInput, NewsWrite, AdminNews>({
  entity: 'news',
  schema: NewsInputSchema,
  find: (repo, id) => repo.findNewsById(id),
  list: (repo, search) => repo.listNewsAdmin(search),
  create: (repo, write, createdBy) => repo.createNews(write, createdBy),
  replace: (repo, id, write) => repo.replaceNews(id, write),
  setStatus: (repo, id, status) => repo.setNewsStatus(id, status),
  remove: (repo, id) => repo.deleteNews(id),
  toInput: newsToInput,
  out: adminNews,
  write: newsWrite,
  messages: {
    unknown: 'Actualité inconnue.',
    what: 'Cette actualité',
    outside: 'Une actualité nationale ou d’un autre département',
    published: 'Cette actualité a déjà été publiée : archivez-la au lieu de la supprimer.',
  },
});

export const {
  list: listAdminNews,
  get: getAdminNews,
  create: createAdminNews,
  update: updateAdminNews,
  setStatus: setAdminNewsStatus,
  revisions: listNewsRevisions,
  revert: revertAdminNews,
} = news;

export function deleteAdminNews(deps: Deps & Pick<AppDeps, 'config'>, user: UserRecord, id: number): { deleted: true } {
  const deleted = news.remove(deps, user, id);
  if (deleted.imagePath) removeStoredFile(newsImagesDir(deps.config), deleted.imagePath);
  return { deleted: true };
}

const newsImagesDir = (config: object) => join(uploadsDirOf(config), 'news');
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** The image of a news entry: the same byte checks as resource files, and an image type only. */
export async function uploadNewsImage(deps: Deps & Pick<AppDeps, 'config'>, user: UserRecord, id: number, field: unknown) {
  const current = news.editable(deps, user, id);
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
      const fresh = news.editable(deps, user, id);
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
  const current = news.editable(deps, user, id);
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
  const file = newsImageFile(deps.config, news.editable(deps, user, id));
  if (!file) throw new ApiError('not_found', 'Cette actualité n’a pas d’image.');
  return file;
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

export function eventToInput(e: EventRecord): EventInput {
  return {
    ...contentToInput(e),
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
    ...contentOut(e, user),
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

/** The commune and the organiser are checked first: the territory checked is the one they give. */
function eventWrite(db: Db, user: UserRecord, input: EventInput, outside: string): EventWrite {
  const issues: ErrorIssue[] = [];
  if (input.commune_code && !getCommune(input.commune_code)) {
    issues.push({ path: 'commune_code', message: `Commune inconnue : ${input.commune_code}` });
  }
  const organiser = input.organiser ? actorIds(db, [input.organiser], 'organiser', issues)[0] : undefined;
  if (issues.length > 0) throw validationError(issues.map((i) => (i.path === 'organiser.0' ? { ...i, path: 'organiser' } : i)));
  const write: EventWrite = {
    ...contentWrite(input),
    departements: eventDepartements(input),
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
  if (!mayEditDepartements(user, write.departements)) refuse(outside);
  return write;
}

const events = contentAdmin<EventRecord, EventInput, EventWrite, AdminEvent>({
  entity: 'event',
  schema: EventInputSchema,
  find: (repo, id) => repo.findEventById(id),
  list: (repo, search) => repo.listEventsAdmin(search),
  create: (repo, write, createdBy) => repo.createEvent(write, createdBy),
  replace: (repo, id, write) => repo.replaceEvent(id, write),
  setStatus: (repo, id, status) => repo.setEventStatus(id, status),
  remove: (repo, id) => repo.deleteEvent(id),
  toInput: eventToInput,
  out: adminEvent,
  write: eventWrite,
  messages: {
    unknown: 'Événement inconnu.',
    what: 'Cet événement',
    outside: 'Un événement national ou d’un autre département',
    published: 'Cet événement a déjà été publié : archivez-le au lieu de le supprimer.',
  },
});

export const {
  list: listAdminEvents,
  get: getAdminEvent,
  create: createAdminEvent,
  update: updateAdminEvent,
  setStatus: setAdminEventStatus,
  revisions: listEventRevisions,
  revert: revertAdminEvent,
} = events;

export function deleteAdminEvent(deps: Deps, user: UserRecord, id: number): { deleted: true } {
  events.remove(deps, user, id);
  return { deleted: true };
}
