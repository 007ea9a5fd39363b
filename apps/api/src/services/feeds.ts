/**
 * The feeds of the network's life, built with maintained libraries: RSS 2.0 and Atom 1.0 for
 * news (`feed`), iCalendar for the agenda and each event (`ical-generator`, with the
 * Europe/Paris VTIMEZONE from `timezones-ical-library` and local times through `@date-fns/tz`).
 * Only published entries; the HTML is the body sanitised at save.
 */
import { TZDate } from '@date-fns/tz';
import type { EventRecord, NewsRecord } from '@pare/db';
import { getCommune, getDepartement } from '@pare/geo';
import { AGENDA_TIME_ZONE, EVENT_KIND_LABELS } from '@pare/schema';
import { Feed } from 'feed';
import ical, { ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export type FeedContext = {
  /** The site's address, without a trailing slash (PARE_PUBLIC_URL, else the server's own). */
  origin: string;
  /** A département: its name goes into the feed's title. */
  departement?: string | undefined;
};

const where = (departement?: string) => (departement ? ` — ${getDepartement(departement)?.name ?? departement}` : '');

/** RSS 2.0 or Atom 1.0 of published news, newest first. */
export function newsFeed(items: NewsRecord[], ctx: FeedContext, format: 'rss' | 'atom'): string {
  const query = ctx.departement ? `?departement=${encodeURIComponent(ctx.departement)}` : '';
  const page = `${ctx.origin}/actualites`;
  const feed = new Feed({
    title: `PARÉ — actualités du réseau${where(ctx.departement)}`,
    description: 'Les actualités du réseau PARÉ des acteurs de la lutte contre la prostitution des mineurs.',
    id: `${page}${query}`,
    link: page,
    language: 'fr',
    copyright: 'Fondation Droit d’Enfance — PARÉ',
    generator: false,
    updated: new Date(items[0]?.publishedAt ?? '2025-01-01T00:00:00Z'),
    feedLinks: { rss: `${ctx.origin}/api/news.rss${query}`, atom: `${ctx.origin}/api/news.atom${query}` },
  });
  for (const n of items) {
    const link = `${ctx.origin}/actualites/${n.slug}`;
    feed.addItem({
      title: n.title,
      id: link,
      guid: link,
      link,
      date: new Date(n.updatedAt),
      published: new Date(n.publishedAt ?? n.updatedAt),
      description: n.summary,
      content: n.bodyHtml,
    });
  }
  return format === 'rss' ? feed.rss2() : feed.atom1();
}

function location(e: EventRecord): string | undefined {
  const commune = e.communeCode ? getCommune(e.communeCode) : undefined;
  const parts = [e.placeName, commune?.name].filter(Boolean);
  if (parts.length > 0) return parts.join(', ');
  return e.onlineUrl ? 'En ligne' : undefined;
}

/** An iCalendar of events, times given in Europe/Paris (TZID) with its VTIMEZONE. */
export function eventsCalendar(events: EventRecord[], ctx: FeedContext & { name?: string }): string {
  const cal = ical({
    name: ctx.name ?? `PARÉ — agenda du réseau${where(ctx.departement)}`,
    prodId: { company: 'PARÉ', product: 'agenda', language: 'FR' },
    url: `${ctx.origin}/agenda`,
    timezone: { name: AGENDA_TIME_ZONE, generator: (tz) => tzlib_get_ical_block(tz)[0] ?? null },
  });
  for (const e of events) {
    const link = `${ctx.origin}/agenda/${e.slug}`;
    const text = [
      EVENT_KIND_LABELS[e.kind],
      e.summary,
      e.onlineUrl ? `En ligne : ${e.onlineUrl}` : '',
      e.registrationUrl && e.endsAt > new Date().toISOString() ? `Inscription : ${e.registrationUrl}` : '',
      `Détails : ${link}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    cal.createEvent({
      // Stable across a change of title or slug, so a calendar updates the event instead of adding another.
      id: `evenement-${e.id}@pare`,
      start: new TZDate(Date.parse(e.startsAt), AGENDA_TIME_ZONE),
      end: new TZDate(Date.parse(e.endsAt), AGENDA_TIME_ZONE),
      timezone: AGENDA_TIME_ZONE,
      stamp: new Date(e.updatedAt),
      lastModified: new Date(e.updatedAt),
      summary: e.title,
      description: text,
      location: location(e) ?? null,
      url: link,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
