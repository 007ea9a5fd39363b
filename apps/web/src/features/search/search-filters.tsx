/** Publics, actions and types as checkbox groups, each option with the number of results it would give. */

import type { ActorFacets } from '@pare/schema';
import { ACTION_LABELS, ACTIONS, ACTOR_TYPE_LABELS, ACTOR_TYPES, PUBLIC_LABELS, PUBLICS } from '@pare/schema/codes';
import { useId } from 'react';
import { fr } from '../../i18n/fr.ts';
import { activeFilterCount, type SearchState } from './search-state.ts';

type FacetName = 'publics' | 'actions' | 'types';

type GroupProps<T extends string> = {
  legend: string;
  codes: readonly T[];
  labels: Record<T, string>;
  selected: readonly T[];
  counts: Record<T, number> | undefined;
  onToggle: (code: T, on: boolean) => void;
};

function FilterGroup<T extends string>({ legend, codes, labels, selected, counts, onToggle }: GroupProps<T>) {
  const id = useId();
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      <ul>
        {codes.map((code) => {
          const checked = selected.includes(code);
          const count = counts?.[code];
          return (
            <li key={code}>
              <input
                id={`${id}-${code}`}
                type="checkbox"
                name={code}
                checked={checked}
                onChange={(e) => onToggle(code, e.target.checked)}
              />
              <label htmlFor={`${id}-${code}`} className={count === 0 && !checked ? 'is-empty' : undefined}>
                {count === undefined ? labels[code] : fr.search.facetOption(labels[code], count)}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

type Props = {
  state: SearchState;
  facets: ActorFacets | undefined;
  onSearch: (next: SearchState) => void;
};

export function SearchFilters({ state, facets, onSearch }: Props) {
  /** One facet's checkboxes, with the counts the last answer gave. */
  const filterGroup = <F extends FacetName>(
    facet: F,
    legend: string,
    codes: readonly SearchState[F][number][],
    labels: Record<SearchState[F][number], string>,
  ) => (
    <FilterGroup
      legend={legend}
      codes={codes}
      labels={labels}
      selected={state[facet]}
      counts={facets?.[facet] as Record<SearchState[F][number], number> | undefined}
      onToggle={(c, on) => toggle(facet, c, on)}
    />
  );
  function toggle<F extends FacetName>(facet: F, code: SearchState[F][number], on: boolean) {
    const current = state[facet] as readonly string[];
    const next = on ? [...current, code] : current.filter((c) => c !== code);
    onSearch({ ...state, [facet]: next, page: 1 });
  }
  const active = activeFilterCount(state) - (state.q ? 1 : 0);
  const openId = useId();
  return (
    <div className="search-filters">
      <fieldset className="filter-group filter-open">
        <legend>{fr.search.filterHours}</legend>
        {/* A list of one, so that the box sits beside its label as in the groups below. */}
        <ul>
          <li>
            <input
              id={openId}
              type="checkbox"
              name="ouvert"
              checked={state.openNow}
              onChange={(e) => onSearch({ ...state, openNow: e.target.checked, page: 1 })}
            />
            <label htmlFor={openId} className={facets?.open_now === 0 && !state.openNow ? 'is-empty' : undefined}>
              {facets ? fr.search.facetOption(fr.search.openNow, facets.open_now) : fr.search.openNow}
            </label>
          </li>
        </ul>
      </fieldset>
      {filterGroup('publics', fr.search.filterPublics, PUBLICS, PUBLIC_LABELS)}
      {filterGroup('actions', fr.search.filterActions, ACTIONS, ACTION_LABELS)}
      {filterGroup('types', fr.search.filterTypes, ACTOR_TYPES, ACTOR_TYPE_LABELS)}
      {active > 0 && (
        <button
          type="button"
          className="button button--link"
          onClick={() => onSearch({ ...state, publics: [], actions: [], types: [], openNow: false, page: 1 })}
        >
          {fr.search.clearFilters}
        </button>
      )}
    </div>
  );
}
