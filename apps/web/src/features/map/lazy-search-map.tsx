/**
 * The results map as the pages put it on screen: `search-map.tsx` fetched with `React.lazy` (MapLibre
 * stays out of the initial bundle), a notice while it loads, and the page's fallback if it fails.
 */
import { lazy, type ReactNode, Suspense } from 'react';
import { ErrorBoundary } from '../../components/error-boundary.tsx';
import { fr } from '../../i18n/fr.ts';
import type { SearchMapProps } from './search-map.tsx';

const SearchMap = lazy(() => import('./search-map.tsx'));

export function LazySearchMap({
  loading = fr.map.loading,
  failed = null,
  frameClassName,
  ...map
}: SearchMapProps & {
  /** Said while MapLibre is fetched. */
  loading?: ReactNode;
  /** Shown instead of the map if it fails (nothing by default: the list says the same). */
  failed?: ReactNode;
  /** The box the map is drawn in, once loaded (none: the map alone). */
  frameClassName?: string;
}) {
  return (
    <ErrorBoundary fallback={failed}>
      <Suspense fallback={<p className="notice">{loading}</p>}>
        {frameClassName ? (
          <div className={frameClassName}>
            <SearchMap {...map} />
          </div>
        ) : (
          <SearchMap {...map} />
        )}
      </Suspense>
    </ErrorBoundary>
  );
}
