/** `/` — the public search: form, filters, results list and (lazily) the map. */

import type { Sort } from '@pare/schema';
import { SORTS } from '@pare/schema/codes';
import { useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ErrorBoundary } from '../../components/error-boundary.tsx';
import { ErrorMessage, RetryButton } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { fr } from '../../i18n/fr.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { DESKTOP_QUERY, REDUCED_MOTION_QUERY, useMediaQuery } from '../../lib/use-media-query.ts';
import { departementPlacesQuery } from '../departements/queries.ts';
import { LazySearchMap } from '../map/lazy-search-map.tsx';
import type { Bbox } from '../map/map-areas.ts';
import { NothingLocal, nothingLocal, widerRadius } from './nothing-local.tsx';
import { Pagination } from './pagination.tsx';
import { searchActorsQuery } from './queries.ts';
import { ResultList, resultLinkId } from './result-list.tsx';
import { SearchFilters } from './search-filters.tsx';
import { SearchForm, SearchSummary } from './search-form.tsx';
import {
  activeFilterCount,
  hasPlace,
  hasPoint,
  PER_PAGE,
  parseSearch,
  type SearchState,
  toApiQuery,
  toMapQuery,
  toPageHref,
} from './search-state.ts';

// MapLibre is big: its chunk is fetched only when a map is on screen.
// The network's next events and latest news, under the search (a small lazy chunk; nothing when there are none).
const HomeNetworkBlocks = lazy(() => import('../news/index.ts').then((m) => ({ default: m.HomeNetworkBlocks })));

const SORT_LABELS: Record<Sort, string> = fr.search.sort;

export function SearchPage() {
  const location = useLocation();
  const state = useMemo(() => parseSearch(location.search), [location.search]);
  const apiQuery = toApiQuery(state);
  const query = useQuery(searchActorsQuery(apiQuery));
  const isDesktop = useMediaQuery(DESKTOP_QUERY);
  const reducedMotion = useMediaQuery(REDUCED_MOTION_QUERY);
  const [hoveredId, setHoveredId] = useState<number | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  /**
   * On a phone, a page opened with a search (a shared link, a reload, back from an actor's page)
   * shows it folded into one line, its results on the first screen; « Modifier » unfolds the form
   * for the rest of the visit. A search made from the form keeps it.
   */
  const [folded, setFolded] = useState(() => hasPlace(state) || Boolean(state.q));
  const [unfolded, setUnfolded] = useState(false);
  /** Set by « Rechercher » or a filter tap: once the new results are in, the view and the focus go to them. */
  const toResults = useRef(false);
  const [showTick, setShowTick] = useState(0);
  const resultsHeadingRef = useRef<HTMLHeadingElement>(null);
  const sortId = useId();

  const data = query.data;
  // A search by département: a shared link may name it by its code alone (`?departement=57`):
  // « Moselle (57) »; and without a point, the map frames the département.
  const departementPlaces = useQuery({ ...departementPlacesQuery(), enabled: Boolean(state.departement) });
  const departement = state.departement ? departementPlaces.data?.get(state.departement) : undefined;
  const departementName = departement?.name;
  const byDepartement = Boolean(state.departement && !hasPoint(state));
  const mapFrame: Bbox | null | undefined = !byDepartement
    ? null
    : departement?.bbox
      ? [
          [departement.bbox[0], departement.bbox[1]],
          [departement.bbox[2], departement.bbox[3]],
        ]
      : departementPlaces.isPending
        ? undefined
        : null;
  const placeLabel =
    state.placeLabel ??
    (state.near ? fr.search.aroundMeLabel : null) ??
    (data?.place?.name && (state.commune || state.postcode) ? data.place.name : null) ??
    state.commune ??
    state.postcode ??
    (departementName ? `${departementName} (${state.departement})` : state.departement) ??
    '';
  /** The place inside a sentence: « près de Thionville (57) », « près de votre position ». */
  const placePhrase = state.near ? fr.search.aroundMePhrase : placeLabel;
  useDocumentTitle(hasPlace(state) && placePhrase ? fr.search.pageTitleNear(placePhrase) : fr.search.pageTitle);

  function search(next: SearchState) {
    setSelectedId(null);
    navigate(toPageHref(next), { keepScroll: true });
  }

  /** « Rechercher », a place picked, a radius: the results take the view and the focus. */
  function searchAndShow(next: SearchState) {
    toResults.current = true;
    // The same search again still brings the results into view.
    setShowTick((n) => n + 1);
    search(next);
  }

  /** A filter tap: on a phone the filters fold and the results come into view; on a desk they sit side by side. */
  function filter(next: SearchState) {
    if (!isDesktop) {
      setFiltersOpen(false);
      toResults.current = true;
      setShowTick((n) => n + 1);
    }
    search(next);
  }

  // The new results are in: bring them into view and give their heading the focus (the count
  // beside it is a live region, so it is announced too).
  useEffect(() => {
    if (!toResults.current || query.isFetching || !query.data) return;
    toResults.current = false;
    const heading = resultsHeadingRef.current;
    if (!heading) return;
    heading.focus({ preventScroll: true });
    (heading.closest('.results-toolbar') ?? heading).scrollIntoView({ block: 'start', behavior: reducedMotion ? 'auto' : 'smooth' });
  }, [query.isFetching, query.data, reducedMotion, showTick]);

  const showMap = isDesktop || state.view === 'carte';
  const showList = isDesktop || state.view === 'liste';
  const items = data?.items ?? [];
  const highlightedId = hoveredId ?? selectedId;

  function selectFromMap(actorId: number) {
    setSelectedId(actorId);
    if (!showList) return;
    const link = document.getElementById(resultLinkId(actorId));
    link?.scrollIntoView({ block: 'center', behavior: reducedMotion ? 'auto' : 'smooth' });
    link?.focus({ preventScroll: true });
  }

  const filterCount = activeFilterCount(state) - (state.q ? 1 : 0);
  // A place was given and no structure has a place within the radius (first page: nearest first).
  const localMissing = Boolean(data && data.total > 0 && hasPoint(state) && state.page === 1 && nothingLocal(items));
  function widen(km: number) {
    searchAndShow({ ...state, radiusKm: km, page: 1 });
  }
  const filters = <SearchFilters state={state} facets={data?.facets} onSearch={filter} />;

  let results: ReactNode;
  if (query.isPending) {
    results = <p className="notice">{fr.search.loading}</p>;
  } else if (query.isError && !data) {
    results = (
      <ErrorMessage title={fr.search.errorTitle} error={query.error}>
        <p className="notice__actions">
          <RetryButton label={fr.search.retry} onRetry={() => void query.refetch()} />
          <Link href="/" className="button button--link">
            {fr.search.resetSearch}
          </Link>
        </p>
      </ErrorMessage>
    );
  } else if (data && data.total === 0) {
    results = (
      <div className="notice">
        <h3 className="notice__title">{fr.search.emptyTitle}</h3>
        <ul>
          {fr.search.emptyTips.map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ul>
        {hasPoint(state) && widerRadius(state.radiusKm) !== null && (
          <p className="notice__actions">
            <button type="button" className="button button--secondary" onClick={() => widen(widerRadius(state.radiusKm) ?? 100)}>
              {fr.search.nothingLocal.widen(widerRadius(state.radiusKm) ?? 100)}
            </button>
          </p>
        )}
        <p>{fr.search.emptyEmergency}</p>
        {activeFilterCount(state) > 0 && (
          <p className="notice__actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => search({ ...state, q: '', publics: [], actions: [], types: [], page: 1 })}
            >
              {fr.search.clearFilters}
            </button>
          </p>
        )}
      </div>
    );
  } else if (data) {
    results = (
      <>
        {showList && localMissing && (
          <NothingLocal
            items={items}
            placePhrase={placePhrase}
            radiusKm={state.radiusKm}
            departement={data.place?.departement ?? state.departement}
            searchHref={location.href}
            onWiden={widen}
          />
        )}
        {showList && (
          <ResultList
            items={items}
            searchHref={location.href}
            highlightedId={highlightedId}
            onHighlight={setHoveredId}
            localHeading={
              byDepartement && placePhrase
                ? fr.search.departementHeading(placePhrase)
                : fr.search.localHeading(hasPlace(state) ? placePhrase : null)
            }
            now={data.at}
          />
        )}
        {showList && <Pagination state={state} total={data.total} perPage={data.per_page || PER_PAGE} />}
      </>
    );
  }

  const countText = data
    ? hasPlace(state) && placeLabel
      ? fr.search.resultsCountPlace(data.total, placePhrase)
      : fr.search.resultsCount(data.total)
    : '';

  return (
    <div className="search-page">
      <div className="page-intro page-intro--compact">
        <h1 tabIndex={-1} data-page-heading>
          {fr.search.heading}
        </h1>
        <p>{fr.search.intro}</p>
      </div>
      {!isDesktop && folded && (hasPlace(state) || state.q) ? (
        <SearchSummary
          state={state}
          placeLabel={placeLabel}
          onEdit={() => {
            setFolded(false);
            setUnfolded(true);
          }}
        />
      ) : (
        <SearchForm state={state} placeLabel={placeLabel} onSearch={searchAndShow} focusPlace={unfolded} />
      )}

      <div className={`search-layout${showMap ? ' has-map' : ''}`}>
        <aside className="search-layout__filters" aria-labelledby="titre-filtres">
          {isDesktop ? (
            <>
              <h2 id="titre-filtres" className="section-title">
                {fr.search.filtersHeading}
              </h2>
              {filters}
            </>
          ) : (
            <details className="filters-disclosure" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
              <summary>
                <h2 id="titre-filtres" className="section-title">
                  {fr.search.filtersToggle(filterCount)}
                </h2>
              </summary>
              {filters}
            </details>
          )}
        </aside>

        <section className="search-layout__results" aria-labelledby="titre-resultats" aria-busy={query.isFetching}>
          <div className="results-toolbar">
            <h2 id="titre-resultats" className="section-title" ref={resultsHeadingRef} tabIndex={-1}>
              {fr.search.resultsHeading}
            </h2>
            <p className="results-toolbar__count" role="status">
              {countText}
              {query.isFetching && data ? <span className="visually-hidden"> — {fr.search.updating}</span> : null}
            </p>
            <div className="results-toolbar__controls">
              <div className="field field--inline">
                <label htmlFor={sortId}>{fr.search.sortLabel}</label>
                <select
                  id={sortId}
                  value={state.sort ?? ''}
                  onChange={(e) => {
                    const v = e.target.value;
                    search({ ...state, sort: (SORTS as readonly string[]).includes(v) ? (v as Sort) : null, page: 1 });
                  }}
                >
                  <option value="">{fr.search.sort.relevance}</option>
                  {SORTS.map((s) => (
                    <option key={s} value={s} disabled={s === 'distance' && !hasPoint(state)}>
                      {SORT_LABELS[s]}
                    </option>
                  ))}
                </select>
              </div>
              {!isDesktop && (
                <fieldset className="view-toggle">
                  <legend className="visually-hidden">{fr.search.viewToggleLabel}</legend>
                  <button type="button" aria-pressed={state.view === 'liste'} onClick={() => search({ ...state, view: 'liste' })}>
                    {fr.search.viewList}
                  </button>
                  <button type="button" aria-pressed={state.view === 'carte'} onClick={() => search({ ...state, view: 'carte' })}>
                    {fr.search.viewMap}
                  </button>
                </fieldset>
              )}
            </div>
          </div>
          {query.isError && data && <ErrorMessage title={fr.search.errorTitle} error={query.error} />}
          {results}
        </section>

        {showMap && (
          <div className="search-layout__map">
            {localMissing && <p className="notice search-map__empty">{fr.search.nothingLocal.mapNote}</p>}
            <LazySearchMap
              failed={<p className="notice">{fr.map.failed}</p>}
              items={items}
              place={data?.place ?? null}
              mapQuery={toMapQuery(state)}
              frame={mapFrame}
              searchKey={data && !query.isPlaceholderData ? toMapQuery(state) : null}
              highlightedId={highlightedId}
              onHover={setHoveredId}
              onSelect={selectFromMap}
            />
          </div>
        )}
      </div>
      <ErrorBoundary fallback={null}>
        <Suspense fallback={null}>
          <HomeNetworkBlocks />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}
