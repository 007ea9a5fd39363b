/** One news entry or one event in a list, and the small blocks of the home and département pages. */
import type { PublicEventSummary, PublicNewsSummary } from '@pare/schema';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LinkedCard } from '../../components/linked-card.tsx';
import { EVENT_KIND_LABELS, frNews } from '../../i18n/fr.news.ts';
import { Link } from '../../lib/router.tsx';
import { formatDay, formatEventWhen } from './format.ts';
import { eventsQuery, newsListQuery } from './queries.ts';
import './news.css';

const territory = (deps: { code: string; name: string }[]) =>
  deps.length === 0 ? frNews.common.national : deps.map((d) => `${d.name} (${d.code})`).join(', ');

type Level = 2 | 3 | 4;
const tag = (level: Level) => (level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4');

export function NewsItem({ news, headingLevel = 2 }: { news: PublicNewsSummary; headingLevel?: Level }) {
  const Heading = tag(headingLevel);
  return (
    <LinkedCard className="news-item" heading={Heading} href={`/actualites/${encodeURIComponent(news.slug)}`} title={news.title}>
      <p className="result__meta">
        <time dateTime={news.published_at}>{frNews.list.publishedOn(formatDay(news.published_at))}</time>
        {` · ${territory(news.departements)}`}
      </p>
      {news.summary && <p className="news-item__summary">{news.summary}</p>}
    </LinkedCard>
  );
}

export function EventItem({ event, headingLevel = 2 }: { event: PublicEventSummary; headingLevel?: Level }) {
  const Heading = tag(headingLevel);
  const place = [event.place_name, event.commune?.name].filter(Boolean).join(', ');
  return (
    <LinkedCard className="event-item" heading={Heading} href={`/agenda/${encodeURIComponent(event.slug)}`} title={event.title}>
      <p className="event-item__when">
        <time dateTime={event.starts_at}>{formatEventWhen(event.starts_at, event.ends_at)}</time>
      </p>
      <p className="result__meta">
        {EVENT_KIND_LABELS[event.kind]}
        {place && ` · ${place}`}
        {event.online && ` · ${frNews.agenda.online}`}
        {` · ${territory(event.departements)}`}
      </p>
      {event.summary && <p className="news-item__summary">{event.summary}</p>}
    </LinkedCard>
  );
}

/**
 * The next events and the latest news, for the home page (national and everything) or a
 * département page (that département and the national ones). Nothing at all when both are empty.
 */
export function NewsAndEventsBlocks({ departement, headingLevel = 2 }: { departement?: string; headingLevel?: 2 | 3 }) {
  const dep = departement ? `&departement=${encodeURIComponent(departement)}` : '';
  const events = useQuery(eventsQuery(`per_page=3${dep}`));
  const news = useQuery(newsListQuery(`per_page=3${dep}`));
  const eventItems = events.data?.items ?? [];
  const newsItems = news.data?.items ?? [];
  const t = frNews.blocks;
  const Heading = tag(headingLevel);
  const itemLevel = (headingLevel + 1) as Level;
  const feeds = departement ? (
    <p className="news-feeds">
      {t.depFeeds} <a href={`/api/news.rss?departement=${encodeURIComponent(departement)}`}>{t.depRss}</a> ·{' '}
      <a href={`/api/events.ics?departement=${encodeURIComponent(departement)}`}>{t.depIcs}</a>
    </p>
  ) : null;
  if (departement) {
    if (events.isPending || news.isPending) return null;
    if (eventItems.length === 0 && newsItems.length === 0)
      return (
        <>
          <p>{t.depNone}</p>
          {feeds}
        </>
      );
  } else if (eventItems.length === 0 && newsItems.length === 0) {
    return null;
  }
  const suffix = departement ? `-${departement}` : '';
  /** A block of the next events or the latest news, when there is any, with the link to all of them. */
  const block = (id: string, heading: string, cards: ReactNode[], all: ReactNode) =>
    cards.length > 0 && (
      <section className="network-block" aria-labelledby={id}>
        <Heading id={id}>{heading}</Heading>
        <ul className="result-list">{cards}</ul>
        <p>{all}</p>
      </section>
    );
  return (
    <div className="network-blocks">
      {block(
        `blocs-agenda${suffix}`,
        departement ? t.depEvents : t.nextEvents,
        eventItems.map((e) => <EventItem key={e.slug} event={e} headingLevel={itemLevel} />),
        <Link href="/agenda">{t.allEvents}</Link>,
      )}
      {block(
        `blocs-actualites${suffix}`,
        departement ? t.depNews : t.latestNews,
        newsItems.map((n) => <NewsItem key={n.slug} news={n} headingLevel={itemLevel} />),
        <Link href="/actualites">{t.allNews}</Link>,
      )}
      {feeds}
    </div>
  );
}

/** The home page's block: a titled section, only when the network has something to show. */
export function HomeNetworkBlocks() {
  const events = useQuery(eventsQuery('per_page=3'));
  const news = useQuery(newsListQuery('per_page=3'));
  if ((events.data?.items.length ?? 0) === 0 && (news.data?.items.length ?? 0) === 0) return null;
  return (
    <section className="home-network" aria-labelledby="titre-reseau">
      <h2 id="titre-reseau" className="section-title">
        {frNews.blocks.heading}
      </h2>
      <NewsAndEventsBlocks headingLevel={3} />
    </section>
  );
}
