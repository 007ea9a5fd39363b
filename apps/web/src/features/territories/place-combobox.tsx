/**
 * The place box: an editable combobox with a list popup (WAI-ARIA 1.2 pattern).
 * ↓/↑ move through the suggestions, Enter picks, Escape closes the list, Alt+↓ opens it.
 */
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { ComboboxOptions, comboboxInputProps, moveInList, useDebounced } from '../../components/combobox.tsx';
import { fr } from '../../i18n/fr.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { type TerritorySuggestion, territorySearchQuery } from './queries.ts';

const MAX_OPTIONS = 8;

/** The postcode of a postcode suggestion (its `code` is the INSEE code of the commune). */
export function postcodeOf(s: TerritorySuggestion): string {
  return s.postcodes[0] ?? s.code;
}

/** How a chosen place is written back in the box (and in the URL's `lieu`). */
export function suggestionLabel(s: TerritorySuggestion): string {
  switch (s.kind) {
    case 'commune':
      return s.departement ? `${s.name} (${s.departement.code})` : s.name;
    case 'postcode':
      // `code` is the commune's INSEE code; the postcode typed is in `postcodes`.
      return `${postcodeOf(s)} ${s.name}`;
    default:
      return `${s.name} (${s.code})`;
  }
}

function suggestionDetail(s: TerritorySuggestion): string {
  const kind = fr.search.placeKind[s.kind];
  if (s.kind === 'commune') {
    const parts = [kind, s.departement?.name, s.postcodes.slice(0, 3).join(', ')].filter(Boolean);
    return parts.join(' · ');
  }
  if (s.kind === 'postcode' && s.departement) return `${kind} · ${s.departement.name}`;
  return kind;
}

export type PlaceComboboxProps = {
  id: string;
  value: string;
  onChange: (text: string) => void;
  onPick: (s: TerritorySuggestion) => void;
  describedBy?: string;
  invalid?: boolean;
};

/** Regions are not offered: the search API takes a commune, a postcode or a département. */
const isPickable = (s: TerritorySuggestion) => s.kind !== 'region';

export function PlaceCombobox({ id, value, onChange, onPick, describedBy, invalid }: PlaceComboboxProps) {
  const listId = useId();
  const statusId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const term = useDebounced(value.trim(), 180);
  const query = useQuery({ ...territorySearchQuery(term), enabled: open && term.length >= 2 });
  const options = (query.data ?? []).filter(isPickable).slice(0, MAX_OPTIONS);
  const expanded = open && term.length >= 2 && options.length > 0;
  const noResult = open && term.length >= 2 && query.isFetched && !query.isFetching && !query.isError && options.length === 0;
  const activeOption = expanded && active >= 0 ? options[active] : undefined;
  const unavailable = query.error instanceof ApiRequestError && (query.error.code === 'not_found' || query.error.status === 0);

  // A new list starts with nothing highlighted.
  useEffect(() => setActive(-1), [query.data]);

  function pick(s: TerritorySuggestion) {
    onPick(s);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (moveInList(e, { expanded, count: options.length, setOpen, setActive })) return;
    if (e.key === 'Enter' && activeOption) {
      e.preventDefault();
      pick(activeOption);
    }
  }

  let status = '';
  if (expanded || noResult) status = fr.search.placeCount(options.length);
  else if (open && term.length >= 2 && query.isFetching) status = fr.search.placeLoading;
  if (open && unavailable) status = fr.search.placeUnavailable;

  return (
    <div className="combobox">
      <input
        id={id}
        {...comboboxInputProps(listId, expanded, activeOption ? active : null)}
        aria-describedby={[describedBy, statusId].filter(Boolean).join(' ')}
        aria-invalid={invalid || undefined}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen(true)}
      />
      <ComboboxOptions
        listId={listId}
        label={fr.search.placeLabel}
        expanded={expanded}
        options={options}
        active={active}
        setActive={setActive}
        onPick={pick}
        describe={(s) => ({ key: `${s.kind}:${s.code}`, name: suggestionLabel(s), detail: suggestionDetail(s) })}
      />
      {noResult && <p className="field__hint">{fr.search.placeNoResult}</p>}
      <span id={statusId} className="visually-hidden" aria-live="polite">
        {status}
      </span>
      {open && unavailable && <p className="field__hint">{fr.search.placeUnavailable}</p>}
    </div>
  );
}
