/** The app: the shell around the page that matches the URL, and focus moved to the new page's heading. */

import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactElement, Suspense, useEffect, useRef } from 'react';
import { AppShell, MAIN_ID } from './components/app-shell.tsx';
import { ErrorBoundary } from './components/error-boundary.tsx';
import * as Account from './features/account/lazy.ts';
import { ActorPage } from './features/actor/actor-page.tsx';
import * as Admin from './features/admin/lazy.ts';
import { NotFoundPage } from './features/placeholder/not-found-page.tsx';
import { SearchPage } from './features/search/search-page.tsx';
import * as Submissions from './features/submissions/lazy.ts';
import { fr } from './i18n/fr.ts';
import { lazyPages } from './lib/lazy-pages.ts';
import { matchRoute, type Route, useLocation } from './lib/router.tsx';
import { reloadingForNewVersion } from './lib/stale-build.ts';

const { OrientationPage } = lazyPages(() => import('./features/orientation/index.ts'), ['OrientationPage']);
const Resources = {
  ...lazyPages(() => import('./features/resources/index.ts'), ['ResourcesPage', 'ResourcePage', 'ProtocolsPage']),
  ...lazyPages(() => import('./features/departements/index.ts'), ['DepartementsPage', 'DepartementPage']),
  ...lazyPages(() => import('./features/resources/admin-resources-page.tsx'), ['AdminResourcesPage']),
  ...lazyPages(() => import('./features/resources/admin-resource-edit-page.tsx'), ['AdminResourceEditPage']),
};
const FollowUp = lazyPages(() => import('./features/follow-up/index.ts'), ['AnswerPage', 'UpdatePage']);
const { RequestStatusPage } = lazyPages(() => import('./features/request-status/request-status-page.tsx'), ['RequestStatusPage']);
const Newsletter = {
  ...lazyPages(() => import('./features/newsletter/public-pages.tsx'), ['SubscribePage', 'ConfirmPage', 'UnsubscribePage']),
  ...lazyPages(
    () => import('./features/newsletter/admin-pages.tsx'),
    ['NewsletterAdminPage', 'NewsletterIssuePage', 'NewsletterSubscribersPage'],
  ),
};
const News = {
  ...lazyPages(() => import('./features/news/index.ts'), ['NewsListPage', 'NewsPage', 'AgendaPage', 'EventPage']),
  ...lazyPages(() => import('./features/news/admin-news-pages.tsx'), ['AdminNewsListPage', 'AdminContentEditPage']),
};
const { InboxPage } = lazyPages(() => import('./features/inbox/index.ts'), ['InboxPage']);

/** The page of each route: a route with a parameter keys its page by it (a new slug is a new page, its state reset). */
const PAGES: { [N in Route['name']]: (route: Extract<Route, { name: N }>) => ReactElement } = {
  search: () => <SearchPage />,
  actor: (r) => <ActorPage key={r.slug} slug={r.slug} />,
  orientation: () => <OrientationPage />,
  'request-status': () => <RequestStatusPage />,
  inbox: () => <InboxPage />,
  resources: () => <Resources.ResourcesPage />,
  resource: (r) => <Resources.ResourcePage key={r.slug} slug={r.slug} />,
  protocols: () => <Resources.ProtocolsPage />,
  departements: () => <Resources.DepartementsPage />,
  departement: (r) => <Resources.DepartementPage key={r.code} code={r.code} />,
  'admin-resources': () => <Resources.AdminResourcesPage />,
  'admin-resource': (r) => <Resources.AdminResourceEditPage key={`${r.kind}-${r.id ?? 'nouveau'}`} kind={r.kind} id={r.id} />,
  report: () => <Submissions.ErrorReportFormPage />,
  referencing: () => <Submissions.ReferencingFormPage />,
  login: () => <Admin.LoginPage />,
  admin: () => <Admin.AdminDashboardPage />,
  'admin-actors': () => <Admin.AdminActorListPage />,
  'admin-actor': (r) => <Admin.AdminActorEditPage key={r.id ?? 'nouveau'} id={r.id} />,
  'admin-actor-history': (r) => <Admin.ActorHistoryPage key={r.id} id={r.id} />,
  'admin-submissions': () => <Submissions.SubmissionQueuePage />,
  'admin-import': () => <Admin.AdminImportPage />,
  'admin-campaigns': () => <Admin.CampaignsPage />,
  news: () => <News.NewsListPage />,
  'news-item': (r) => <News.NewsPage key={r.slug} slug={r.slug} />,
  agenda: () => <News.AgendaPage />,
  event: (r) => <News.EventPage key={r.slug} slug={r.slug} />,
  'admin-news': () => <News.AdminNewsListPage />,
  'admin-content': (r) => <News.AdminContentEditPage key={`${r.kind}-${r.id ?? 'nouveau'}`} kind={r.kind} id={r.id} />,
  'admin-coverage': () => <Admin.CoveragePage />,
  'admin-campaign': (r) => <Admin.CampaignPage key={r.id} id={r.id} />,
  answer: (r) => <FollowUp.AnswerPage key={r.token} token={r.token} />,
  update: (r) => <FollowUp.UpdatePage key={r.token} token={r.token} />,
  'admin-submission': (r) => <Submissions.SubmissionReviewPage key={r.id} id={r.id} />,
  account: () => <Account.AccountPage />,
  'account-request': () => <Account.AccountRequestPage />,
  'admin-accounts': () => <Account.AdminAccountsPage />,
  'set-password': (r) => <Account.SetPasswordPage key={r.token} token={r.token} />,
  newsletter: () => <Newsletter.SubscribePage />,
  'newsletter-confirm': (r) => <Newsletter.ConfirmPage key={r.token} token={r.token} />,
  'newsletter-unsubscribe': (r) => <Newsletter.UnsubscribePage key={r.token} token={r.token} />,
  'admin-newsletter': () => <Newsletter.NewsletterAdminPage />,
  'admin-newsletter-issue': (r) => <Newsletter.NewsletterIssuePage key={r.id} id={r.id} />,
  'admin-newsletter-subscribers': () => <Newsletter.NewsletterSubscribersPage />,
  'not-found': () => <NotFoundPage />,
};

/** The page of `route`, from the table above. */
function pageOf(route: Route): ReactElement {
  return (PAGES[route.name] as (r: Route) => ReactElement)(route);
}

function Page() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  const first = useRef(true);

  // A new page (not a new search on the same page): screen-reader and keyboard users start at its heading.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const target = document.querySelector<HTMLElement>('[data-page-heading]') ?? document.getElementById(MAIN_ID);
    target?.focus({ preventScroll: true });
  }, [pathname]);

  // A page that fails (its code gone with a new version, an error while it renders) leaves the
  // banner, the quick exit and the menu in place, and says so; another page is tried afresh.
  return (
    <ErrorBoundary resetKey={pathname} fallback={<PageFailed />}>
      {pageOf(route)}
    </ErrorBoundary>
  );
}

function PageFailed() {
  // Loaded again for a new version (lib/stale-build.ts): the page comes back in a moment.
  if (reloadingForNewVersion()) return <p className="page-loading">{fr.app.loading}</p>;
  const t = fr.app.pageFailed;
  return (
    <div className="notice notice--error page-failed" role="alert">
      <h1 className="notice__title" tabIndex={-1} data-page-heading>
        {t.title}
      </h1>
      <p>{t.body}</p>
      <p className="page-failed__actions">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t.reload}
        </button>
        <a href="/">{t.home}</a>
      </p>
    </div>
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <AppShell>
        {/* Back-office and form pages are lazy chunks: the public first visit does not load them. */}
        <Suspense fallback={<p className="page-loading">{fr.app.loading}</p>}>
          <Page />
        </Suspense>
      </AppShell>
    </QueryClientProvider>
  );
}
