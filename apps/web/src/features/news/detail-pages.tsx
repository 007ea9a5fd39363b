/** `/actualites/:slug` and `/agenda/:slug`. The body is HTML the server rendered and sanitised at save. */
import type { PublicEvent, PublicNews } from '@pare/schema';
import { useQuery } from '@tanstack/react-query';
import { BackLink } from '../../components/back-link.tsx';
import { PublicBadges } from '../../components/badges.tsx';
import { DetailState } from '../../components/detail-state.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { EVENT_KIND_LABELS, frNews } from '../../i18n/fr.news.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { safeHttpUrl, shortHost } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { formatDay, formatEventWhen } from './format.ts';
import { eventQuery, newsQuery } from './queries.ts';

const territory = (deps: { code: string; name: string }[]) =>
  deps.length === 0 ? frNews.common.national : deps.map((d) => `${d.name} (${d.code})`).join(', ');

/** Server-sanitised HTML (apps/api/src/services/markdown.ts: a small allow-list, no script, no event, http(s)/mailto links only). */
function Body({ html }: { html: string }) {
  if (!html) return null;
  return <div className="news-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

function Territory({ departements }: { departements: { code: string; name: string }[] }) {
  if (departements.length === 1 && departements[0]) {
    return <Link href={`/departements/${departements[0].code}`}>{territory(departements)}</Link>;
  }
  return <>{territory(departements)}</>;
}

function NewsDetail({ news }: { news: PublicNews }) {
  const t = frNews.detail;
  return (
    <article className="news-article" aria-labelledby="titre-actualite">
      <header className="actor__header">
        <h1 id="titre-actualite" tabIndex={-1} data-page-heading>
          {news.title}
        </h1>
        <p className="actor__type">
          <time dateTime={news.published_at}>{frNews.list.publishedOn(formatDay(news.published_at))}</time> ·{' '}
          <Territory departements={news.departements} />
        </p>
      </header>
      {news.image_url && <img className="news-image" src={news.image_url} alt={news.image_alt} />}
      {news.summary && <p className="news-summary">{news.summary}</p>}
      <Body html={news.body_html} />
      {news.audiences.length > 0 && <PublicBadges publics={news.audiences} label={frNews.common.publics} />}
      {news.actors.length > 0 && (
        <section className="actor-section" aria-labelledby="titre-acteurs-cites">
          <h2 id="titre-acteurs-cites">{t.actors}</h2>
          <ul>
            {news.actors.map((a) => (
              <li key={a.slug}>
                <Link href={`/acteurs/${encodeURIComponent(a.slug)}`}>{a.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {news.resources.length > 0 && (
        <section className="actor-section" aria-labelledby="titre-ressources-liees">
          <h2 id="titre-ressources-liees">{t.resources}</h2>
          <ul>
            {news.resources.map((r) => (
              <li key={r.slug}>
                <Link href={`/ressources/${encodeURIComponent(r.slug)}`}>{r.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function ExternalButton({ href, label, primary }: { href: string; label: string; primary?: boolean }) {
  const url = safeHttpUrl(href);
  if (!url) return null;
  return (
    <p>
      <a className={`button ${primary ? 'button--primary' : 'button--secondary'}`} href={url} rel="noopener noreferrer external">
        {label}
      </a>{' '}
      <span className="field__hint">{frNews.event.external(shortHost(url))}</span>
    </p>
  );
}

function EventDetail({ event }: { event: PublicEvent }) {
  const t = frNews.event;
  const place = [event.place_name, event.commune?.name].filter(Boolean).join(', ');
  return (
    <article className="news-article" aria-labelledby="titre-evenement">
      <header className="actor__header">
        <h1 id="titre-evenement" tabIndex={-1} data-page-heading>
          {event.title}
        </h1>
        <p className="actor__type">
          {EVENT_KIND_LABELS[event.kind]} · <Territory departements={event.departements} />
        </p>
      </header>
      <dl className="event-facts">
        <dt>{t.when}</dt>
        <dd>
          <time dateTime={event.starts_at}>{formatEventWhen(event.starts_at, event.ends_at)}</time>
        </dd>
        {(place || event.online) && (
          <>
            <dt>{t.where}</dt>
            <dd>{[place, event.online ? t.online : ''].filter(Boolean).join(' · ')}</dd>
          </>
        )}
        {event.organiser && (
          <>
            <dt>{t.organiser}</dt>
            <dd>
              <Link href={`/acteurs/${encodeURIComponent(event.organiser.slug)}`}>{event.organiser.name}</Link>
            </dd>
          </>
        )}
      </dl>
      {event.past && <p className="notice">{t.past}</p>}
      <div className="event-actions">
        {event.registration_url && <ExternalButton href={event.registration_url} label={t.register} primary />}
        {event.replay_url && <ExternalButton href={event.replay_url} label={t.replay} primary />}
        {!event.past && event.online_url && <ExternalButton href={event.online_url} label={t.join} />}
        {!event.past && (
          <p>
            {/* Same origin: the API answers text/calendar with Content-Disposition: attachment. */}
            <a className="button button--secondary" href={event.ics_url} download={`${event.slug}.ics`} aria-describedby="ics-aide">
              {t.addToCalendar}
            </a>{' '}
            <span id="ics-aide" className="field__hint">
              {t.addToCalendarHint}
            </span>
          </p>
        )}
      </div>
      {event.summary && <p className="news-summary">{event.summary}</p>}
      <Body html={event.body_html} />
      {event.audiences.length > 0 && <PublicBadges publics={event.audiences} label={frNews.common.publics} />}
    </article>
  );
}

function DetailFrame<T>({
  back,
  backLabel,
  query,
  texts,
  render,
}: {
  back: string;
  backLabel: string;
  query: { data: T | undefined; isPending: boolean; isError: boolean; error: unknown };
  texts: { loading: string; notFoundTitle: string; errorTitle: string };
  render: (data: T) => React.ReactNode;
}) {
  const notFound = query.error instanceof ApiRequestError && query.error.code === 'not_found';
  return (
    <div className="actor-page news-page">
      <BackLink href={back}>{backLabel}</BackLink>
      <DetailState query={query} loading={texts.loading} errorHeading={notFound ? texts.notFoundTitle : texts.errorTitle} />
      {query.data && render(query.data)}
    </div>
  );
}

export function NewsPage({ slug }: { slug: string }) {
  const t = frNews.detail;
  const query = useQuery(newsQuery(slug));
  const notFound = query.error instanceof ApiRequestError && query.error.code === 'not_found';
  useDocumentTitle(query.data?.title ?? (notFound ? t.notFoundTitle : query.isError ? t.errorTitle : t.loading));
  return <DetailFrame back="/actualites" backLabel={t.back} query={query} texts={t} render={(n) => <NewsDetail news={n} />} />;
}

export function EventPage({ slug }: { slug: string }) {
  const t = frNews.event;
  const query = useQuery(eventQuery(slug));
  const notFound = query.error instanceof ApiRequestError && query.error.code === 'not_found';
  useDocumentTitle(query.data?.title ?? (notFound ? t.notFoundTitle : query.isError ? t.errorTitle : t.loading));
  return <DetailFrame back="/agenda" backLabel={t.back} query={query} texts={t} render={(e) => <EventDetail event={e} />} />;
}
