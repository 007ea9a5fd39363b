/** `/actualites/:slug` and `/agenda/:slug`. The body is HTML the server rendered and sanitised at save. */
import type { PublicEvent, PublicNews } from '@pare/schema';
import { PublicBadges } from '../../components/badges.tsx';
import { DetailHeader, DetailPage } from '../../components/detail-state.tsx';
import { actorLink, LinkSection } from '../../components/link-section.tsx';
import { EVENT_KIND_LABELS, frNews } from '../../i18n/fr.news.ts';
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
      <DetailHeader id="titre-actualite" title={news.title}>
        <time dateTime={news.published_at}>{frNews.list.publishedOn(formatDay(news.published_at))}</time> ·{' '}
        <Territory departements={news.departements} />
      </DetailHeader>
      {news.image_url && <img className="news-image" src={news.image_url} alt={news.image_alt} />}
      {news.summary && <p className="news-summary">{news.summary}</p>}
      <Body html={news.body_html} />
      {news.audiences.length > 0 && <PublicBadges publics={news.audiences} label={frNews.common.publics} />}
      <LinkSection id="titre-acteurs-cites" heading={t.actors} links={news.actors.map(actorLink)} />
      <LinkSection
        id="titre-ressources-liees"
        heading={t.resources}
        links={news.resources.map((r) => ({ href: `/ressources/${encodeURIComponent(r.slug)}`, label: r.title }))}
      />
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
      <DetailHeader id="titre-evenement" title={event.title}>
        {EVENT_KIND_LABELS[event.kind]} · <Territory departements={event.departements} />
      </DetailHeader>
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

const NEWS_PAGE = { className: 'actor-page news-page', back: '/actualites', texts: frNews.detail };
const EVENT_PAGE = { className: 'actor-page news-page', back: '/agenda', texts: frNews.event };

export function NewsPage({ slug }: { slug: string }) {
  return <DetailPage {...NEWS_PAGE} options={newsQuery(slug)} render={(n) => <NewsDetail news={n} />} />;
}

export function EventPage({ slug }: { slug: string }) {
  return <DetailPage {...EVENT_PAGE} options={eventQuery(slug)} render={(e) => <EventDetail event={e} />} />;
}
