/**
 * News (actualités) and agenda (événements), issue 21: the repository, the published reads the
 * site, the feeds and the newsletter share, and the revisions of both.
 *
 * `body_html` is written by the caller, already rendered and sanitised (the API's markdown
 * service); this module never renders Markdown. Territory: `departements` is a JSON array of
 * codes, `[]` meaning national; a département filter matches entries that name it or are national.
 */
import type { ContentStatus, EventKind, NewsRevisionAction, Public } from '@pare/schema';
import { slugify, sortKey } from './actors.ts';
import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import { entryRows } from './entry-rows.ts';
import { type FieldChange, revisionLog } from './revisions.ts';

export type LinkedActor = { id: number; slug: string; name: string; status: string };
export type LinkedResource = { id: number; slug: string; title: string; status: string };

/** What an editor writes of a news item or an event, and what a stored one holds of it. */
type CommonContent = {
  title: string;
  summary: string;
  bodyMd: string;
  bodyHtml: string;
  departements: string[];
  audiences: Public[];
};

type Common = CommonContent & {
  id: number;
  slug: string;
  status: ContentStatus;
  publishedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type NewsRecord = Common & {
  imagePath: string | null;
  imageType: string | null;
  imageAlt: string;
  actors: LinkedActor[];
  resources: LinkedResource[];
};

/** An event's own fields, read and written alike (its organiser apart: a linked actor read, an id written). */
type EventFields = {
  kind: EventKind;
  /** UTC instants (ISO 8601). */
  startsAt: string;
  endsAt: string;
  communeCode: string | null;
  placeName: string | null;
  onlineUrl: string | null;
  registrationUrl: string | null;
  replayUrl: string | null;
};

export type EventRecord = Common & EventFields & { organiser: LinkedActor | null };

type CommonWrite = CommonContent & { slug?: string | undefined };
export type NewsWrite = CommonWrite & { imageAlt: string; actorIds: number[]; resourceIds: number[] };
export type EventWrite = CommonWrite & EventFields & { organiserId: number | null };

/**
 * What the published reads take. `from` (inclusive) and `to` (exclusive) are ISO instants or
 * dates, compared with `published_at` for news and `starts_at` for events.
 */
export type PublishedQuery = { from?: string; to?: string; departement?: string; limit?: number; offset?: number };
export type PublishedEventsQuery = PublishedQuery & {
  /** Only events not yet ended at `now` (upcoming first), or only ended ones (latest first). */
  when?: 'upcoming' | 'past';
  /** The present, for tests; defaults to the clock. */
  now?: string;
};

type NewsRow = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  body_md: string;
  body_html: string;
  image_path: string | null;
  image_type: string | null;
  image_alt: string;
  status: ContentStatus;
  published_at: string | null;
  departements: string;
  audiences: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
};

type EventRow = Omit<NewsRow, 'image_path' | 'image_type' | 'image_alt'> & {
  kind: EventKind;
  starts_at: string;
  ends_at: string;
  commune_code: string | null;
  place_name: string | null;
  online_url: string | null;
  organiser_actor_id: number | null;
  registration_url: string | null;
  replay_url: string | null;
};

const common = (r: NewsRow | EventRow): Common => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  summary: r.summary,
  bodyMd: r.body_md,
  bodyHtml: r.body_html,
  status: r.status,
  publishedAt: r.published_at,
  departements: JSON.parse(r.departements) as string[],
  audiences: JSON.parse(r.audiences) as Public[],
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const nowIso = () => new Date().toISOString();
const DEPT_FILTER = `(departements = '[]' OR EXISTS (SELECT 1 FROM json_each(departements) WHERE value = @departement))`;

/** Stored rows of one kind as records: the fields both kinds share, then those `own` reads of that kind. */
function loadEntries<R extends NewsRow | EventRow, T>(
  db: Db,
  rows: R[],
  own: (r: R, stmt: ReturnType<typeof statementCache>) => T,
): (Common & T)[] {
  const stmt = statementCache(db);
  return rows.map((r) => ({ ...common(r), ...own(r, stmt) }));
}

function loadNews(db: Db, rows: NewsRow[]): NewsRecord[] {
  return loadEntries(db, rows, (r, stmt) => ({
    imagePath: r.image_path,
    imageType: r.image_type,
    imageAlt: r.image_alt,
    actors: stmt(
      `SELECT a.id, a.slug, a.name, a.status FROM news_actors na JOIN actors a ON a.id = na.actor_id WHERE na.news_id = ? ORDER BY na.position`,
    ).all(r.id) as LinkedActor[],
    resources: stmt(
      `SELECT r.id, r.slug, r.title, r.status FROM news_resources nr JOIN resources r ON r.id = nr.resource_id WHERE nr.news_id = ? ORDER BY nr.position`,
    ).all(r.id) as LinkedResource[],
  }));
}

function loadEvents(db: Db, rows: EventRow[]): EventRecord[] {
  return loadEntries(db, rows, (r, stmt) => ({
    kind: r.kind,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    communeCode: r.commune_code,
    placeName: r.place_name,
    onlineUrl: r.online_url,
    organiser:
      r.organiser_actor_id === null
        ? null
        : ((stmt('SELECT id, slug, name, status FROM actors WHERE id = ?').get(r.organiser_actor_id) as LinkedActor | undefined) ?? null),
    registrationUrl: r.registration_url,
    replayUrl: r.replay_url,
  }));
}

/** Published news, newest first. */
export function listPublishedNews(db: Db, q: PublishedQuery = {}): NewsRecord[] {
  const { where, params } = publishedNewsWhere(q);
  const rows = db
    .prepare(`SELECT * FROM news WHERE ${where} ORDER BY published_at DESC, id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit ?? -1, offset: q.offset ?? 0 }) as NewsRow[];
  return loadNews(db, rows);
}

export function countPublishedNews(db: Db, q: PublishedQuery = {}): number {
  const { where, params } = publishedNewsWhere(q);
  return db.prepare(`SELECT count(*) FROM news WHERE ${where}`).pluck().get(params) as number;
}

/** Published items of a period (on `dateColumn`), national or covering the département. */
function publishedWhere(q: PublishedQuery, dateColumn: 'published_at' | 'starts_at') {
  const clauses = [`status = 'publie'`];
  const params: Record<string, string> = {};
  if (q.from) {
    clauses.push(`${dateColumn} >= @from`);
    params.from = q.from;
  }
  if (q.to) {
    clauses.push(`${dateColumn} < @to`);
    params.to = q.to;
  }
  if (q.departement) {
    clauses.push(DEPT_FILTER);
    params.departement = q.departement;
  }
  return { clauses, params };
}

function publishedNewsWhere(q: PublishedQuery) {
  const { clauses, params } = publishedWhere(q, 'published_at');
  return { where: clauses.join(' AND '), params };
}

/**
 * Published events. Without `when`: all of them by start, earliest first. `upcoming`: not yet
 * ended, earliest first; `past`: ended, latest first.
 */
export function listPublishedEvents(db: Db, q: PublishedEventsQuery = {}): EventRecord[] {
  const { where, params } = publishedEventsWhere(q);
  const order = q.when === 'past' ? 'starts_at DESC, id DESC' : 'starts_at ASC, id ASC';
  const rows = db
    .prepare(`SELECT * FROM events WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit ?? -1, offset: q.offset ?? 0 }) as EventRow[];
  return loadEvents(db, rows);
}

export function countPublishedEvents(db: Db, q: PublishedEventsQuery = {}): number {
  const { where, params } = publishedEventsWhere(q);
  return db.prepare(`SELECT count(*) FROM events WHERE ${where}`).pluck().get(params) as number;
}

function publishedEventsWhere(q: PublishedEventsQuery) {
  const { clauses, params } = publishedWhere(q, 'starts_at');
  if (q.when) {
    clauses.push(q.when === 'past' ? 'ends_at < @now' : 'ends_at >= @now');
    params.now = q.now ?? nowIso();
  }
  return { where: clauses.join(' AND '), params };
}

export type ContentEntity = 'news' | 'event';
export type ContentRevisionRecord = {
  id: number;
  entity: ContentEntity;
  entityId: number;
  action: NewsRevisionAction;
  snapshot: unknown;
  changes: FieldChange[];
  authorId: number | null;
  authorLabel: string | null;
  revertedTo: number | null;
  createdAt: string;
};

/** The columns news and events share, as their INSERT and UPDATE write them. */
function contentColumns(slug: string, w: CommonWrite) {
  return {
    slug,
    title: w.title,
    summary: w.summary,
    body_md: w.bodyMd,
    body_html: w.bodyHtml,
    departements: JSON.stringify(w.departements),
    audiences: JSON.stringify(w.audiences),
  };
}

const newsColumns = (slug: string, w: NewsWrite) => ({ ...contentColumns(slug, w), image_alt: w.imageAlt });

const eventColumns = (slug: string, w: EventWrite) => ({
  ...contentColumns(slug, w),
  kind: w.kind,
  starts_at: w.startsAt,
  ends_at: w.endsAt,
  commune_code: w.communeCode,
  place_name: w.placeName,
  online_url: w.onlineUrl,
  organiser_actor_id: w.organiserId,
  registration_url: w.registrationUrl,
  replay_url: w.replayUrl,
});

export type AdminContentSearch = { q?: string | undefined; status?: ContentStatus | 'all' | undefined };

/** Writes and back-office reads of news and events. Callers wrap a write and its revision in one transaction. */
export function newsRepository(db: Db) {
  const stmt = statementCache(db);
  const revisions = revisionLog<ContentRevisionRecord, ContentEntity, NewsRevisionAction>(db, 'news_revisions', ['reverted_to']);

  const rows = { news: entryRows(db, 'news'), events: entryRows(db, 'events') };

  /** The slug asked for (refused when another entry has it), or a free one made from the title. */
  function uniqueSlug(table: 'news' | 'events', wanted: string | undefined, title: string, selfId?: number): string {
    return rows[table].slugFor(wanted, slugify(title).slice(0, 100) || (table === 'news' ? 'actualite' : 'evenement'), selfId);
  }

  /** Publishing keeps the first publication date; a draft or an archived entry keeps it too (shown again if republished). */
  function setStatus(table: 'news' | 'events', id: number, status: ContentStatus, now: string): void {
    stmt(
      `UPDATE ${table} SET status = ?, published_at = CASE WHEN ? = 'publie' THEN coalesce(published_at, ?) ELSE published_at END,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
    ).run(status, status, now, id);
  }

  /** The one entry of `table` whose `column` is `value`, as a record. */
  function findOne<Row, R>(
    table: 'news' | 'events',
    column: 'id' | 'slug',
    value: number | string,
    load: (db: Db, rows: Row[]) => R[],
  ): R | undefined {
    const row = stmt(`SELECT * FROM ${table} WHERE ${column} = ?`).get(value) as Row | undefined;
    return row === undefined ? undefined : load(db, [row])[0];
  }
  const findNewsById = (id: number): NewsRecord | undefined => findOne('news', 'id', id, loadNews);
  const findNewsBySlug = (slug: string): NewsRecord | undefined => findOne('news', 'slug', slug, loadNews);
  const findEventById = (id: number): EventRecord | undefined => findOne('events', 'id', id, loadEvents);
  const findEventBySlug = (slug: string): EventRecord | undefined => findOne('events', 'slug', slug, loadEvents);

  function writeNewsLinks(id: number, w: NewsWrite) {
    stmt('DELETE FROM news_actors WHERE news_id = ?').run(id);
    stmt('DELETE FROM news_resources WHERE news_id = ?').run(id);
    [...new Set(w.actorIds)].forEach((a, i) => {
      stmt('INSERT INTO news_actors (news_id, actor_id, position) VALUES (?,?,?)').run(id, a, i);
    });
    [...new Set(w.resourceIds)].forEach((r, i) => {
      stmt('INSERT INTO news_resources (news_id, resource_id, position) VALUES (?,?,?)').run(id, r, i);
    });
  }

  /** Back-office list, latest change first; `q` matches the title or slug without accents or case. */
  function listAdmin(table: 'news' | 'events', search: AdminContentSearch): unknown[] {
    const byStatus = search.status && search.status !== 'all';
    let rows = stmt(`SELECT * FROM ${table} ${byStatus ? 'WHERE status = ?' : ''} ORDER BY updated_at DESC, id DESC`).all(
      ...(byStatus ? [search.status] : []),
    ) as NewsRow[];
    if (search.q) {
      const needle = sortKey(search.q);
      rows = rows.filter((r) => sortKey(`${r.title} ${r.slug}`).includes(needle));
    }
    return rows;
  }

  return {
    findNewsById,
    findNewsBySlug,
    findEventById,
    findEventBySlug,

    /** Every news entry matching the search (the caller pages and filters by territory). */
    listNewsAdmin(search: AdminContentSearch): NewsRecord[] {
      return loadNews(db, listAdmin('news', search) as NewsRow[]);
    },
    listEventsAdmin(search: AdminContentSearch): EventRecord[] {
      return loadEvents(db, listAdmin('events', search) as EventRow[]);
    },

    createNews(w: NewsWrite, createdBy: number | null): NewsRecord {
      const id = rows.news.insert({ ...newsColumns(uniqueSlug('news', w.slug, w.title), w), created_by: createdBy });
      writeNewsLinks(id, w);
      return findNewsById(id) as NewsRecord;
    },
    replaceNews(id: number, w: NewsWrite): NewsRecord {
      rows.news.update(id, newsColumns(uniqueSlug('news', w.slug, w.title, id), w));
      writeNewsLinks(id, w);
      return findNewsById(id) as NewsRecord;
    },
    setNewsImage(id: number, image: { path: string; type: string } | null): NewsRecord {
      stmt(`UPDATE news SET image_path = ?, image_type = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(
        image?.path ?? null,
        image?.type ?? null,
        id,
      );
      return findNewsById(id) as NewsRecord;
    },
    /** Publishing keeps the first publication date; a draft or an archived entry keeps it too (shown again if republished). */
    setNewsStatus(id: number, status: ContentStatus, now = nowIso()): NewsRecord {
      setStatus('news', id, status, now);
      return findNewsById(id) as NewsRecord;
    },

    createEvent(w: EventWrite, createdBy: number | null): EventRecord {
      const id = rows.events.insert({ ...eventColumns(uniqueSlug('events', w.slug, w.title), w), created_by: createdBy });
      return findEventById(id) as EventRecord;
    },
    replaceEvent(id: number, w: EventWrite): EventRecord {
      rows.events.update(id, eventColumns(uniqueSlug('events', w.slug, w.title, id), w));
      return findEventById(id) as EventRecord;
    },
    setEventStatus(id: number, status: ContentStatus, now = nowIso()): EventRecord {
      setStatus('events', id, status, now);
      return findEventById(id) as EventRecord;
    },

    /** Removes a news entry, its links and its history (the caller allows it for never-published drafts only). */
    deleteNews(id: number): void {
      stmt(`DELETE FROM news_revisions WHERE entity = 'news' AND entity_id = ?`).run(id);
      stmt('DELETE FROM news WHERE id = ?').run(id);
    },
    deleteEvent(id: number): void {
      stmt(`DELETE FROM news_revisions WHERE entity = 'event' AND entity_id = ?`).run(id);
      stmt('DELETE FROM events WHERE id = ?').run(id);
    },

    recordRevision: revisions.record,
    listRevisions: revisions.list,
    findRevision: revisions.find,
  };
}

export type NewsRepository = ReturnType<typeof newsRepository>;
