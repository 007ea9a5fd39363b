/**
 * The public views of news and events: only published entries, only published linked actors and
 * resources; an event's registration link until it ends, its replay link once it has ended.
 */
import {
  countPublishedEvents,
  countPublishedNews,
  type Db,
  type EventRecord,
  listPublishedEvents,
  listPublishedNews,
  type NewsRecord,
} from '@pare/db';
import { getCommune, getDepartement } from '@pare/geo';
import type {
  EventsQuery,
  NewsQuery,
  PublicEvent,
  PublicEventList,
  PublicEventSummary,
  PublicNews,
  PublicNewsList,
  PublicNewsSummary,
} from '@pare/schema';
import { ApiError } from '../lib/errors.ts';
import { newsRepoOf } from './admin-news.ts';

const places = (codes: string[]) => codes.map((code) => ({ code, name: getDepartement(code)?.name ?? code }));

export function publicNewsSummary(n: NewsRecord): PublicNewsSummary {
  return {
    slug: n.slug,
    title: n.title,
    summary: n.summary,
    image_url: n.imagePath ? `/api/news/${n.slug}/image` : null,
    image_alt: n.imageAlt,
    published_at: n.publishedAt ?? n.updatedAt,
    departements: places(n.departements),
    audiences: n.audiences,
  };
}

export function publicNews(n: NewsRecord): PublicNews {
  return {
    ...publicNewsSummary(n),
    body_html: n.bodyHtml,
    actors: n.actors.filter((a) => a.status === 'published').map((a) => ({ slug: a.slug, name: a.name })),
    resources: n.resources.filter((r) => r.status === 'published').map((r) => ({ slug: r.slug, title: r.title })),
  };
}

export function publicEventSummary(e: EventRecord, now = new Date().toISOString()): PublicEventSummary {
  const commune = e.communeCode ? getCommune(e.communeCode) : undefined;
  return {
    slug: e.slug,
    title: e.title,
    summary: e.summary,
    kind: e.kind,
    starts_at: e.startsAt,
    ends_at: e.endsAt,
    commune: commune ? { code: commune.code, name: commune.name } : null,
    place_name: e.placeName,
    online: e.onlineUrl !== null,
    departements: places(e.departements),
    audiences: e.audiences,
    past: e.endsAt < now,
  };
}

export function publicEvent(e: EventRecord, now = new Date().toISOString()): PublicEvent {
  const summary = publicEventSummary(e, now);
  return {
    ...summary,
    body_html: e.bodyHtml,
    online_url: e.onlineUrl,
    registration_url: summary.past ? null : e.registrationUrl,
    replay_url: summary.past ? e.replayUrl : null,
    organiser: e.organiser && e.organiser.status === 'published' ? { slug: e.organiser.slug, name: e.organiser.name } : null,
    published_at: e.publishedAt ?? e.updatedAt,
    ics_url: `/api/events/${e.slug}.ics`,
  };
}

export function listNews(db: Db, q: NewsQuery): PublicNewsList {
  const filter = { ...(q.departement ? { departement: q.departement } : {}) };
  const total = countPublishedNews(db, filter);
  const items = listPublishedNews(db, { ...filter, limit: q.per_page, offset: (q.page - 1) * q.per_page }).map(publicNewsSummary);
  return { total, page: q.page, per_page: q.per_page, items };
}

export function publishedNews(db: Db, slug: string): NewsRecord {
  const n = newsRepoOf(db).findNewsBySlug(slug);
  if (n?.status !== 'publie') throw new ApiError('not_found', 'Actualité inconnue ou retirée.');
  return n;
}

export function listEvents(db: Db, q: EventsQuery): PublicEventList {
  const now = new Date().toISOString();
  const filter = { ...(q.departement ? { departement: q.departement } : {}), when: q.passes === '1' ? 'past' : 'upcoming', now } as const;
  const total = countPublishedEvents(db, filter);
  const items = listPublishedEvents(db, { ...filter, limit: q.per_page, offset: (q.page - 1) * q.per_page }).map((e) =>
    publicEventSummary(e, now),
  );
  return { total, page: q.page, per_page: q.per_page, items };
}

export function publishedEvent(db: Db, slug: string): EventRecord {
  const e = newsRepoOf(db).findEventBySlug(slug);
  if (e?.status !== 'publie') throw new ApiError('not_found', 'Événement inconnu ou retiré.');
  return e;
}

/** The published news of a feed (RSS/Atom), newest first, national or of a département. */
export function feedNews(db: Db, departement: string | undefined, limit: number) {
  return listPublishedNews(db, { ...(departement ? { departement } : {}), limit });
}

/** The published events of the calendar (.ics) from `from` on, national or of a département. */
export function calendarEvents(db: Db, departement: string | undefined, from: string, limit: number) {
  return listPublishedEvents(db, { ...(departement ? { departement } : {}), from, limit });
}
