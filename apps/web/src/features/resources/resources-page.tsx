/** `/ressources` — the resource centre: full-text search, filters and pages, all in the URL. */
import type { Public, ResourceTheme, ResourceType } from '@pare/schema';
import { PUBLIC_LABELS, PUBLICS } from '@pare/schema/codes';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { CodeCheckboxes } from '../../components/code-checkboxes.tsx';
import { RetryableError } from '../../components/error-message.tsx';
import { OptionList } from '../../components/form-parts.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import {
  frResources,
  RESOURCE_THEME_CODES,
  RESOURCE_THEME_LABELS,
  RESOURCE_TYPE_CODES,
  RESOURCE_TYPE_LABELS,
} from '../../i18n/fr.resources.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { departementsQuery, resourcesQuery } from './queries.ts';
import { ResourceCard } from './resource-card.tsx';

const PER_PAGE = 20;

type State = {
  q: string;
  departement: string;
  actor: string;
  types: ResourceType[];
  publics: Public[];
  themes: ResourceTheme[];
  page: number;
};

function pick<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  const wanted = new Set((raw ?? '').split(',').map((v) => v.trim()));
  return allowed.filter((c) => wanted.has(c));
}

const DEPARTEMENT_CODE = /^(0?[1-9]|[1-8]\d|9[0-5]|2[AaBb]|97[1-8])$/;

/** « Moselle », « moselle », « 57 » or « 57 — Moselle » → « 57 »; null when nothing matches. */
export function departementCode(text: string, list: readonly { code: string; name: string }[]): string | null {
  const norm = (v: string) =>
    v
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[’'\-\s]+/g, ' ')
      .trim()
      .toLowerCase();
  const t = norm(text);
  if (!t) return null;
  const code = t.split(' ')[0]?.toUpperCase() ?? '';
  if (DEPARTEMENT_CODE.test(code)) {
    const padded = code.padStart(2, '0');
    return list.find((d) => d.code === padded)?.code ?? padded;
  }
  return list.find((d) => norm(d.name) === t)?.code ?? null;
}

/** The page URL ↔ the state ↔ the API's parameters (the same names, so one string serves both). */
export function readState(search: string): State {
  const p = new URLSearchParams(search);
  const page = Number(p.get('page'));
  return {
    q: p.get('q') ?? '',
    departement: (p.get('departement') ?? '').slice(0, 60),
    actor: p.get('actor') ?? '',
    types: pick(p.get('types'), RESOURCE_TYPE_CODES),
    publics: pick(p.get('publics'), PUBLICS),
    themes: pick(p.get('themes'), RESOURCE_THEME_CODES),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export function toParams(s: State): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set('q', s.q.trim());
  // Only a département code reaches the API (a name is turned into its code by the page).
  if (DEPARTEMENT_CODE.test(s.departement.trim())) p.set('departement', s.departement.trim().toUpperCase());
  if (s.actor.trim()) p.set('actor', s.actor.trim());
  if (s.types.length) p.set('types', s.types.join(','));
  if (s.publics.length) p.set('publics', s.publics.join(','));
  if (s.themes.length) p.set('themes', s.themes.join(','));
  if (s.page > 1) p.set('page', String(s.page));
  return p.toString();
}

const href = (s: State) => {
  const q = toParams(s);
  return q ? `/ressources?${q}` : '/ressources';
};

export function ResourcesPage() {
  const t = frResources.list;
  const { search } = useLocation();
  const departements = useQuery(departementsQuery());
  const depList = departements.data?.items ?? [];
  const raw = readState(search);
  // A name in the URL (« Moselle ») is read as its code; an unknown one is said, never sent.
  const depCode = raw.departement ? departementCode(raw.departement, depList) : null;
  const state = { ...raw, departement: depCode ?? (DEPARTEMENT_CODE.test(raw.departement) ? raw.departement : '') };
  const unknownDep = Boolean(raw.departement) && depCode === null && departements.isSuccess;
  const params = toParams({ ...state, page: state.page });
  const query = useQuery(resourcesQuery(`${params}${params ? '&' : ''}per_page=${PER_PAGE}`));
  const [text, setText] = useState(state.q);
  const [departement, setDepartement] = useState(state.departement);
  useEffect(() => setDepartement(state.departement), [state.departement]);
  useDocumentTitle(t.pageTitle);

  const go = (next: Partial<State>) => navigate(href({ ...state, ...next, page: next.page ?? 1 }), { keepScroll: true });
  /** One filter's checkboxes: choosing a code searches again from the first page. */
  const filter = <K extends 'types' | 'publics' | 'themes'>(
    key: K,
    legend: string,
    codes: readonly State[K][number][],
    labels: Record<State[K][number], string>,
  ) => <CodeCheckboxes legend={legend} codes={codes} labels={labels} value={state[key]} onChange={(v) => go({ [key]: v })} />;
  function submit(e: FormEvent) {
    e.preventDefault();
    go({ q: text, departement });
  }
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));

  return (
    <div className="resources-page">
      <PageIntro heading={t.heading} intro={t.intro} />
      <search aria-label={t.searchLabel}>
        <form className="search-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor="ressources-q">{t.textLabel}</label>
            <input
              id="ressources-q"
              type="search"
              value={text}
              maxLength={200}
              aria-describedby="ressources-q-aide"
              onChange={(e) => setText(e.target.value)}
            />
            <span id="ressources-q-aide" className="field__hint">
              {t.textHint}
            </span>
          </div>
          <div className="field">
            <label htmlFor="ressources-dep">{t.departementLabel}</label>
            <select
              id="ressources-dep"
              value={departement}
              aria-describedby="ressources-dep-aide"
              onChange={(e) => {
                setDepartement(e.target.value);
                go({ q: text, departement: e.target.value });
              }}
            >
              <option value="">{t.departementAll}</option>
              {departement && !depList.some((d) => d.code === departement) && <option value={departement}>{departement}</option>}
              <OptionList options={depList.map((d) => [String(d.code), t.departementOption(d.code, d.name)] as const)} />
            </select>
            <span id="ressources-dep-aide" className="field__hint">
              {t.departementHint}
            </span>
            {unknownDep && (
              <p className="field__error" role="alert">
                {t.departementUnknown(raw.departement)}
              </p>
            )}
          </div>
          <div className="field field--submit">
            <button type="submit" className="button button--primary">
              {t.submit}
            </button>
          </div>
        </form>
      </search>

      <div className="resource-layout">
        <section className="search-filters" aria-labelledby="ressources-filtres">
          <h2 id="ressources-filtres" className="section-title">
            {t.filtersHeading}
          </h2>
          {filter('types', t.filterTypes, RESOURCE_TYPE_CODES, RESOURCE_TYPE_LABELS)}
          {filter('publics', t.filterPublics, PUBLICS, PUBLIC_LABELS)}
          {filter('themes', t.filterThemes, RESOURCE_THEME_CODES, RESOURCE_THEME_LABELS)}
          {(state.types.length > 0 || state.publics.length > 0 || state.themes.length > 0) && (
            <p>
              <Link href={href({ ...state, types: [], publics: [], themes: [], page: 1 })}>{t.clearFilters}</Link>
            </p>
          )}
        </section>

        <section aria-labelledby="ressources-resultats" aria-busy={query.isFetching}>
          <h2 id="ressources-resultats" className="results-toolbar__count" aria-live="polite">
            {query.data ? t.count(total) : t.loading}
          </h2>
          {query.isError && (
            <RetryableError title={t.errorTitle} error={query.error} retryLabel={t.retry} onRetry={() => void query.refetch()} />
          )}
          {query.data && total === 0 && <p className="notice">{t.empty}</p>}
          {query.data && total > 0 && (
            <ul className="result-list">
              {query.data.items.map((r) => (
                <ResourceCard key={r.slug} resource={r} />
              ))}
            </ul>
          )}
          {pages > 1 && (
            <nav className="pagination" aria-label={t.paginationLabel}>
              {state.page > 1 ? (
                <Link href={href({ ...state, page: state.page - 1 })} rel="prev">
                  {t.previous}
                </Link>
              ) : (
                <span />
              )}
              <p>{t.pageStatus(Math.min(state.page, pages), pages)}</p>
              {state.page < pages ? (
                <Link href={href({ ...state, page: state.page + 1 })} rel="next">
                  {t.next}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          )}
        </section>
      </div>
    </div>
  );
}
