/**
 * The place box: an editable combobox with a list popup (WAI-ARIA 1.2 pattern).
 * ↓/↑ move through the suggestions, Enter picks, Escape closes the list, Alt+↓ opens it.
 */
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
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

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
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
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) setOpen(true);
        if (e.altKey) return;
        if (options.length > 0) setActive((i) => (i + 1) % options.length);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) setOpen(true);
        if (options.length > 0) setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
        break;
      case 'Enter':
        if (activeOption) {
          e.preventDefault();
          pick(activeOption);
        }
        break;
      case 'Escape':
        if (expanded) {
          // Used: it does not count towards the double-Escape quick exit.
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
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
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${listId}-${active}` : undefined}
        aria-describedby={[describedBy, statusId].filter(Boolean).join(' ')}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen(true)}
      />
      <div id={listId} role="listbox" aria-label={fr.search.placeLabel} className="combobox__list" hidden={!expanded}>
        {expanded &&
          options.map((s, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the input (aria-activedescendant pattern)
            <div
              key={`${s.kind}:${s.code}`}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className="combobox__option"
              // Keep the focus in the input: the pick happens on click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(s)}
              onMouseMove={() => setActive(i)}
            >
              <span className="combobox__name">{suggestionLabel(s)}</span>
              <span className="combobox__detail">{suggestionDetail(s)}</span>
            </div>
          ))}
      </div>
      {noResult && <p className="field__hint">{fr.search.placeNoResult}</p>}
      <span id={statusId} className="visually-hidden" aria-live="polite">
        {status}
      </span>
      {open && unavailable && <p className="field__hint">{fr.search.placeUnavailable}</p>}
    </div>
  );
}
