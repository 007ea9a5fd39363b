/** `/actualites` and `/agenda`: the published news (newest first) and events (upcoming first, past reachable). */
import { useQuery } from '@tanstack/react-query';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frNews } from '../../i18n/fr.news.ts';
import { Link, useLocation } from '../../lib/router.tsx';
import { EventItem, NewsItem } from './cards.tsx';
import { eventsQuery, newsListQuery } from './queries.ts';

const PER_PAGE = 12;

function pageOf(search: string): number {
  const n = Number(new URLSearchParams(search).get('page'));
  return Number.isInteger(n) && n > 1 && n <= 1000 ? n : 1;
}

function Pager({ base, page, total }: { base: string; page: number; total: number }) {
  const t = frNews.common;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  if (pages <= 1) return null;
  const href = (p: number) => `${base}${base.includes('?') ? '&' : '?'}page=${p}`;
  return (
    <nav className="pagination" aria-label={t.paginationLabel}>
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev">
          <span aria-hidden="true">← </span>
          {t.previous}
        </Link>
      ) : (
        <span />
      )}
      <p>{t.pageOf(page, pages)}</p>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next">
          {t.next}
          <span aria-hidden="true"> →</span>
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function NewsListPage() {
  const t = frNews.list;
  useDocumentTitle(t.title);
  const { search } = useLocation();
  const page = pageOf(search);
  const query = useQuery(newsListQuery(`page=${page}&per_page=${PER_PAGE}`));
  return (
    <div className="news-page">
      <PageIntro heading={t.title} intro={t.intro}>
        <p className="news-feeds">
          {t.feeds} <a href="/api/news.rss">{t.rss}</a> · <a href="/api/news.atom">{t.atom}</a> · <Link href="/agenda">{t.seeAgenda}</Link>
        </p>
      </PageIntro>
      {query.isPending && <p className="notice">{frNews.common.loading}</p>}
      {query.isError && <ErrorMessage error={query.error} />}
      {query.data && (
        <>
          <p role="status">{t.count(query.data.total)}</p>
          <ul className="result-list">
            {query.data.items.map((n) => (
              <NewsItem key={n.slug} news={n} />
            ))}
          </ul>
          <Pager base="/actualites" page={page} total={query.data.total} />
        </>
      )}
    </div>
  );
}

export function AgendaPage() {
  const t = frNews.agenda;
  const { search } = useLocation();
  const past = new URLSearchParams(search).get('passes') === '1';
  const page = pageOf(search);
  useDocumentTitle(past ? `${t.title} — ${t.past}` : t.title);
  const query = useQuery(eventsQuery(`page=${page}&per_page=${PER_PAGE}${past ? '&passes=1' : ''}`));
  return (
    <div className="news-page">
      <PageIntro heading={t.title} intro={t.intro}>
        <p className="news-feeds">
          <a href="/api/events.ics" aria-describedby="agenda-abonnement-aide">
            {t.subscribe}
          </a>{' '}
          · <Link href="/actualites">{t.seeNews}</Link>
        </p>
        <p id="agenda-abonnement-aide" className="field__hint">
          {t.subscribeHint}
        </p>
      </PageIntro>
      <nav className="tabs" aria-label={t.tabsLabel}>
        <Link href="/agenda" aria-current={past ? undefined : 'page'}>
          {t.upcoming}
        </Link>
        <Link href="/agenda?passes=1" aria-current={past ? 'page' : undefined}>
          {t.past}
        </Link>
      </nav>
      {query.isPending && <p className="notice">{frNews.common.loading}</p>}
      {query.isError && <ErrorMessage error={query.error} />}
      {query.data && (
        <>
          <p role="status">{past ? t.countPast(query.data.total) : t.countUpcoming(query.data.total)}</p>
          <ul className="result-list">
            {query.data.items.map((e) => (
              <EventItem key={e.slug} event={e} />
            ))}
          </ul>
          <Pager base={past ? '/agenda?passes=1' : '/agenda'} page={page} total={query.data.total} />
        </>
      )}
    </div>
  );
}
