/** The app: the shell around the page that matches the URL, and focus moved to the new page's heading. */

import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { AppShell, MAIN_ID } from './components/app-shell.tsx';
import * as Account from './features/account/lazy.ts';
import { ActorPage } from './features/actor/actor-page.tsx';
import * as Admin from './features/admin/lazy.ts';
import { NotFoundPage } from './features/placeholder/not-found-page.tsx';
import { SearchPage } from './features/search/search-page.tsx';
import * as Submissions from './features/submissions/lazy.ts';
import { fr } from './i18n/fr.ts';

const OrientationPage = lazy(() => import('./features/orientation/index.ts').then((m) => ({ default: m.OrientationPage })));
const Resources = {
  ResourcesPage: lazy(() => import('./features/resources/index.ts').then((m) => ({ default: m.ResourcesPage }))),
  ResourcePage: lazy(() => import('./features/resources/index.ts').then((m) => ({ default: m.ResourcePage }))),
  ProtocolsPage: lazy(() => import('./features/resources/index.ts').then((m) => ({ default: m.ProtocolsPage }))),
  DepartementsPage: lazy(() => import('./features/departements/index.ts').then((m) => ({ default: m.DepartementsPage }))),
  DepartementPage: lazy(() => import('./features/departements/index.ts').then((m) => ({ default: m.DepartementPage }))),
  AdminResourcesPage: lazy(() => import('./features/resources/admin-resources-page.tsx').then((m) => ({ default: m.AdminResourcesPage }))),
  AdminResourceEditPage: lazy(() =>
    import('./features/resources/admin-resource-edit-page.tsx').then((m) => ({ default: m.AdminResourceEditPage })),
  ),
};
const FollowUp = {
  AnswerPage: lazy(() => import('./features/follow-up/index.ts').then((m) => ({ default: m.AnswerPage }))),
  UpdatePage: lazy(() => import('./features/follow-up/index.ts').then((m) => ({ default: m.UpdatePage }))),
};
const RequestStatusPage = lazy(() =>
  import('./features/request-status/request-status-page.tsx').then((m) => ({ default: m.RequestStatusPage })),
);
const Newsletter = {
  SubscribePage: lazy(() => import('./features/newsletter/public-pages.tsx').then((m) => ({ default: m.SubscribePage }))),
  ConfirmPage: lazy(() => import('./features/newsletter/public-pages.tsx').then((m) => ({ default: m.ConfirmPage }))),
  UnsubscribePage: lazy(() => import('./features/newsletter/public-pages.tsx').then((m) => ({ default: m.UnsubscribePage }))),
  AdminPage: lazy(() => import('./features/newsletter/admin-pages.tsx').then((m) => ({ default: m.NewsletterAdminPage }))),
  IssuePage: lazy(() => import('./features/newsletter/admin-pages.tsx').then((m) => ({ default: m.NewsletterIssuePage }))),
  SubscribersPage: lazy(() => import('./features/newsletter/admin-pages.tsx').then((m) => ({ default: m.NewsletterSubscribersPage }))),
};
const News = {
  NewsListPage: lazy(() => import('./features/news/index.ts').then((m) => ({ default: m.NewsListPage }))),
  NewsPage: lazy(() => import('./features/news/index.ts').then((m) => ({ default: m.NewsPage }))),
  AgendaPage: lazy(() => import('./features/news/index.ts').then((m) => ({ default: m.AgendaPage }))),
  EventPage: lazy(() => import('./features/news/index.ts').then((m) => ({ default: m.EventPage }))),
  AdminNewsListPage: lazy(() => import('./features/news/admin-news-pages.tsx').then((m) => ({ default: m.AdminNewsListPage }))),
  AdminContentEditPage: lazy(() => import('./features/news/admin-news-pages.tsx').then((m) => ({ default: m.AdminContentEditPage }))),
};
const InboxPage = lazy(() => import('./features/inbox/index.ts').then((m) => ({ default: m.InboxPage })));

import { matchRoute, useLocation } from './lib/router.tsx';

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

  switch (route.name) {
    case 'search':
      return <SearchPage />;
    case 'actor':
      return <ActorPage key={route.slug} slug={route.slug} />;
    case 'orientation':
      return <OrientationPage />;
    case 'request-status':
      return <RequestStatusPage />;
    case 'inbox':
      return <InboxPage />;
    case 'resources':
      return <Resources.ResourcesPage />;
    case 'resource':
      return <Resources.ResourcePage key={route.slug} slug={route.slug} />;
    case 'protocols':
      return <Resources.ProtocolsPage />;
    case 'departements':
      return <Resources.DepartementsPage />;
    case 'departement':
      return <Resources.DepartementPage key={route.code} code={route.code} />;
    case 'admin-resources':
      return <Resources.AdminResourcesPage />;
    case 'admin-resource':
      return <Resources.AdminResourceEditPage key={`${route.kind}-${route.id ?? 'nouveau'}`} kind={route.kind} id={route.id} />;
    case 'report':
      return <Submissions.ErrorReportFormPage />;
    case 'referencing':
      return <Submissions.ReferencingFormPage />;
    case 'login':
      return <Admin.LoginPage />;
    case 'admin':
      return <Admin.AdminDashboardPage />;
    case 'admin-actors':
      return <Admin.AdminActorListPage />;
    case 'admin-actor':
      return <Admin.AdminActorEditPage key={route.id ?? 'nouveau'} id={route.id} />;
    case 'admin-actor-history':
      return <Admin.ActorHistoryPage key={route.id} id={route.id} />;
    case 'admin-submissions':
      return <Submissions.SubmissionQueuePage />;
    case 'admin-import':
      return <Admin.AdminImportPage />;
    case 'admin-campaigns':
      return <Admin.CampaignsPage />;
    case 'news':
      return <News.NewsListPage />;
    case 'news-item':
      return <News.NewsPage key={route.slug} slug={route.slug} />;
    case 'agenda':
      return <News.AgendaPage />;
    case 'event':
      return <News.EventPage key={route.slug} slug={route.slug} />;
    case 'admin-news':
      return <News.AdminNewsListPage />;
    case 'admin-content':
      return <News.AdminContentEditPage key={`${route.kind}-${route.id ?? 'nouveau'}`} kind={route.kind} id={route.id} />;
    case 'admin-coverage':
      return <Admin.CoveragePage />;
    case 'admin-campaign':
      return <Admin.CampaignPage key={route.id} id={route.id} />;
    case 'answer':
      return <FollowUp.AnswerPage key={route.token} token={route.token} />;
    case 'update':
      return <FollowUp.UpdatePage key={route.token} token={route.token} />;
    case 'admin-submission':
      return <Submissions.SubmissionReviewPage key={route.id} id={route.id} />;
    case 'account':
      return <Account.AccountPage />;
    case 'account-request':
      return <Account.AccountRequestPage />;
    case 'admin-accounts':
      return <Account.AdminAccountsPage />;
    case 'set-password':
      return <Account.SetPasswordPage key={route.token} token={route.token} />;
    case 'newsletter':
      return <Newsletter.SubscribePage />;
    case 'newsletter-confirm':
      return <Newsletter.ConfirmPage key={route.token} token={route.token} />;
    case 'newsletter-unsubscribe':
      return <Newsletter.UnsubscribePage key={route.token} token={route.token} />;
    case 'admin-newsletter':
      return <Newsletter.AdminPage />;
    case 'admin-newsletter-issue':
      return <Newsletter.IssuePage key={route.id} id={route.id} />;
    case 'admin-newsletter-subscribers':
      return <Newsletter.SubscribersPage />;
    default:
      return <NotFoundPage />;
  }
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
