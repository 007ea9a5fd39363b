/**
 * The search form: place (autocomplete or « Autour de moi »), radius and keywords; and, on a phone
 * once a search is made, its one-line summary (`SearchSummary`).
 */
import { DEFAULT_RADIUS_KM } from '@pare/schema/codes';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { OptionList } from '../../components/form-parts.tsx';
import { fr } from '../../i18n/fr.ts';
import { PlaceCombobox, suggestionLabel } from '../territories/place-combobox.tsx';
import { type TerritorySuggestion, territorySearchQuery } from '../territories/queries.ts';
import { hasPoint, RADIUS_OPTIONS, roundPosition, type SearchState, withPlace } from './search-state.ts';

type Props = {
  state: SearchState;
  /** What the place box shows for the place in the URL. */
  placeLabel: string;
  onSearch: (next: SearchState) => void;
  /** Give the place box the focus once shown (the form unfolded from its summary). */
  focusPlace?: boolean;
};

const POSTCODE = /^\d{5}$/;
const DEPARTEMENT = /^(0?[1-9]|[1-8]\d|9[0-5]|2[AaBb]|97[1-8])$/;

function placeFromSuggestion(s: TerritorySuggestion) {
  const label = suggestionLabel(s);
  // A postcode hit: search by the postcode typed (its `code` is the commune's INSEE code).
  if (s.kind === 'postcode')
    return s.postcodes[0]
      ? ({ kind: 'postcode', code: s.postcodes[0], label } as const)
      : ({ kind: 'commune', code: s.code, label } as const);
  return { kind: s.kind === 'departement' ? 'departement' : 'commune', code: s.code, label } as const;
}

export function SearchForm({ state, placeLabel, onSearch, focusPlace = false }: Props) {
  const ids = { place: useId(), placeHint: useId(), placeError: useId(), q: useId(), radius: useId(), geo: useId() };
  const queryClient = useQueryClient();
  const [placeText, setPlaceText] = useState(placeLabel);
  const [qText, setQText] = useState(state.q);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const [geoMessage, setGeoMessage] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);

  // Once, when the form is shown (unfolded from its summary).
  useEffect(() => {
    if (focusPlace) document.getElementById(ids.place)?.focus();
  }, []);

  // Back, Forward or a link changed the search: the boxes follow the URL.
  useEffect(() => setPlaceText(placeLabel), [placeLabel]);
  useEffect(() => setQText(state.q), [state.q]);

  function pick(s: TerritorySuggestion) {
    const place = placeFromSuggestion(s);
    setPlaceText(place.label);
    setPlaceError(null);
    onSearch({ ...withPlace(state, place), q: qText.trim() });
  }

  /** The typed text was not picked from the list: make the best honest guess, or ask. */
  async function resolveTypedPlace(text: string): Promise<SearchState | null> {
    if (!text) return withPlace(state, null);
    if (text === placeLabel) return state;
    if (POSTCODE.test(text)) return withPlace(state, { kind: 'postcode', code: text, label: text });
    if (DEPARTEMENT.test(text)) {
      const code = text.toUpperCase().padStart(2, '0');
      return withPlace(state, { kind: 'departement', code, label: code });
    }
    try {
      const suggestions = await queryClient.fetchQuery(territorySearchQuery(text));
      const first = suggestions.find((s) => s.kind !== 'region');
      if (first) {
        const place = placeFromSuggestion(first);
        setPlaceText(place.label);
        return withPlace(state, place);
      }
    } catch {
      // Autocomplete not available: fall through to the message.
    }
    return null;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next = await resolveTypedPlace(placeText.trim());
    if (!next) {
      setPlaceError(fr.search.placePickOne);
      document.getElementById(ids.place)?.focus();
      return;
    }
    setPlaceError(null);
    onSearch({ ...next, q: qText.trim(), page: 1 });
  }

  function locate() {
    setGeoMessage(null);
    if (!('geolocation' in navigator)) {
      setGeoMessage(fr.search.geoUnsupported);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const code = roundPosition(pos.coords.latitude, pos.coords.longitude);
        setPlaceText(fr.search.aroundMeLabel);
        onSearch({ ...withPlace(state, { kind: 'near', code, label: fr.search.aroundMeLabel }), q: qText.trim() });
      },
      (err) => {
        setLocating(false);
        setGeoMessage(err.code === err.PERMISSION_DENIED ? fr.search.geoDenied : fr.search.geoFailed);
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  }

  const radiusEnabled = hasPoint(state);

  return (
    <search aria-label={fr.search.formLabel}>
      <form className="search-form" onSubmit={onSubmit} noValidate>
        <div className="field field--place">
          <label htmlFor={ids.place}>{fr.search.placeLabel}</label>
          <p id={ids.placeHint} className="field__hint">
            {fr.search.placeHint}
          </p>
          <div className="field__row">
            <PlaceCombobox
              id={ids.place}
              value={placeText}
              onChange={(t) => {
                setPlaceText(t);
                setPlaceError(null);
              }}
              onPick={pick}
              describedBy={[ids.placeHint, placeError ? ids.placeError : ''].filter(Boolean).join(' ')}
              invalid={Boolean(placeError)}
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={locate}
              disabled={locating}
              aria-describedby={geoMessage ? ids.geo : undefined}
            >
              <svg
                aria-hidden="true"
                focusable="false"
                width="18"
                height="18"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              >
                <circle cx="12" cy="12" r="7" />
                <circle cx="12" cy="12" r="2" fill="currentColor" />
                <path d="M12 1v4M12 19v4M1 12h4M19 12h4" />
              </svg>
              {locating ? fr.search.aroundMeBusy : fr.search.aroundMe}
            </button>
          </div>
          {placeError && (
            <p id={ids.placeError} className="field__error" role="alert">
              {placeError}
            </p>
          )}
          {geoMessage && (
            <p id={ids.geo} className="field__error" role="alert">
              {geoMessage}
            </p>
          )}
        </div>
        <div className="field field--radius">
          <label htmlFor={ids.radius}>{fr.search.radiusLabel}</label>
          <select
            id={ids.radius}
            value={String(state.radiusKm ?? DEFAULT_RADIUS_KM)}
            disabled={!radiusEnabled}
            title={radiusEnabled ? undefined : fr.search.radiusDisabled}
            onChange={(e) => onSearch({ ...state, q: qText.trim(), radiusKm: Number(e.target.value), page: 1 })}
          >
            <OptionList options={RADIUS_OPTIONS.map((km) => [String(km), fr.search.radiusOption(km)] as const)} />
          </select>
        </div>
        <div className="field field--q">
          <label htmlFor={ids.q}>{fr.search.textLabel}</label>
          <input
            id={ids.q}
            type="search"
            value={qText}
            maxLength={200}
            placeholder={fr.search.textHint}
            onChange={(e) => setQText(e.target.value)}
          />
        </div>
        <div className="field field--submit">
          <button type="submit" className="button button--primary">
            {fr.search.submit}
          </button>
        </div>
      </form>
    </search>
  );
}

/**
 * A search made, in one line, with the button that unfolds the form: on a phone the form takes
 * 330 px of the 844, and a shared link or a search made showed no result on the first screen.
 */
export function SearchSummary({ state, placeLabel, onEdit }: { state: SearchState; placeLabel: string; onEdit: () => void }) {
  const parts = [
    placeLabel,
    hasPoint(state) ? fr.search.radiusOption(state.radiusKm ?? DEFAULT_RADIUS_KM) : '',
    state.q ? fr.search.summaryText(state.q) : '',
  ].filter(Boolean);
  return (
    <search aria-label={fr.search.formLabel} className="search-summary">
      <p className="search-summary__text">
        <span className="visually-hidden">{fr.search.summaryLabel} : </span>
        {parts.join(' · ')}
      </p>
      <button type="button" className="button button--secondary" onClick={onEdit} aria-label={fr.search.editSearchLabel}>
        {fr.search.editSearch}
      </button>
    </search>
  );
}
