/** The app: the shell around the page that matches the URL, and focus moved to the new page's heading. */

import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { AppShell, MAIN_ID } from './components/app-shell.tsx';
import { ActorPage } from './features/actor/actor-page.tsx';
import { ComingSoonPage } from './features/placeholder/coming-soon-page.tsx';
import { NotFoundPage } from './features/placeholder/not-found-page.tsx';
import { SearchPage } from './features/search/search-page.tsx';
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
      return <ComingSoonPage kind="orientation" />;
    case 'report':
      return <ComingSoonPage kind="report" />;
    default:
      return <NotFoundPage />;
  }
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <AppShell>
        <Page />
      </AppShell>
    </QueryClientProvider>
  );
}
