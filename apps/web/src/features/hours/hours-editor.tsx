/**
 * The back office's hours editor: a text field in the OpenStreetMap syntax for experts, checked
 * live by the server (the `opening_hours` library stays out of the browser), a day-by-day grid
 * that writes that syntax, a closures editor, and the next 14 days as the public will read them.
 */
import type { HoursPreviewInput, WeeklyInterval } from '@pare/schema';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { client, read } from '../../lib/client.ts';
import { type ClosureDraft, closuresInput } from './closures.ts';
import { WeekTable } from './hours.tsx';
import { capitalized } from './hours-text.ts';

const DAY_NAMES = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'] as const;
const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

export type HoursGrid = { days: { from: string; to: string }[][]; holidaysClosed: boolean; always: boolean };

export const emptyGrid = (): HoursGrid => ({ days: DAY_NAMES.map(() => []), holidaysClosed: true, always: false });

/** The grid from the server's reading of the hours (`weekly`): each day's ranges. */
export function gridFrom(weekly: readonly WeeklyInterval[], holidaysClosed: boolean): HoursGrid {
  const days: HoursGrid['days'] = DAY_NAMES.map(() => []);
  for (const i of weekly) days[i.weekday]?.push({ from: i.from, to: i.to === '24:00' ? '24:00' : i.to });
  const always = days.every((d) => d.length === 1 && d[0]?.from === '00:00' && d[0].to === '24:00');
  return { days: always ? DAY_NAMES.map(() => []) : days, holidaysClosed, always };
}

/** The days of a rule, runs of 3 or more as ranges: « Mo-Fr », « Mo,We,Fr », « Sa,Su ». */
function daySelector(days: number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === (days[j] as number) + 1) j++;
    const first = OSM_DAYS[days[i] as number];
    const last = OSM_DAYS[days[j] as number];
    if (j - i >= 2) parts.push(`${first}-${last}`);
    else for (let k = i; k <= j; k++) parts.push(OSM_DAYS[days[k] as number] as string);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * The OSM syntax the grid says: days sharing the same ranges in one rule, in week order
 * (`Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off`). Writing, not parsing: the server's
 * library reads it back, and the preview shows what it understood.
 */
export function syntaxFromGrid(grid: HoursGrid): string {
  if (grid.always) return '24/7';
  const bySpec = new Map<string, number[]>();
  grid.days.forEach((ranges, day) => {
    const spec = ranges
      .filter((r) => r.from && r.to)
      .map((r) => `${r.from}-${r.to}`)
      .join(',');
    if (spec) bySpec.set(spec, [...(bySpec.get(spec) ?? []), day]);
  });
  const rules = [...bySpec].map(([spec, days]) => `${daySelector(days)} ${spec}`);
  if (rules.length === 0) return '';
  return [...rules, ...(grid.holidaysClosed ? ['PH off'] : [])].join('; ');
}

/** The server's reading of what is typed, a moment after the typing stops. */
function useHoursPreview(input: HoursPreviewInput) {
  const [settled, setSettled] = useState(input);
  const key = JSON.stringify(input);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(input), 350);
    return () => clearTimeout(timer);
  }, [key]);
  const query = useQuery({
    queryKey: ['admin', 'hours-preview', JSON.stringify(settled)],
    queryFn: () => read(client.admin.hours.preview.$post({ json: settled })),
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
  /** The reading is of what is in the field now (not of what was typed before, still shown meanwhile). */
  const current = JSON.stringify(settled) === key && !query.isPlaceholderData && !query.isFetching && query.data !== undefined;
  return { ...query, current };
}

function GridEditor({ grid, onChange }: { grid: HoursGrid; onChange: (g: HoursGrid) => void }) {
  const id = useId();
  const setDay = (day: number, ranges: HoursGrid['days'][number]) =>
    onChange({ ...grid, days: grid.days.map((d, i) => (i === day ? ranges : d)) });
  /** A yes-or-no of the whole week (`key` of the grid), the box before its label. */
  const flag = (key: 'always' | 'holidaysClosed', suffix: string, label: string) => (
    <p>
      <input id={`${id}-${suffix}`} type="checkbox" checked={grid[key]} onChange={(e) => onChange({ ...grid, [key]: e.target.checked })} />{' '}
      <label htmlFor={`${id}-${suffix}`}>{label}</label>
    </p>
  );
  return (
    <div className="hours-grid">
      {flag('always', 'always', 'Ouvert 24 h/24, 7 j/7')}
      {!grid.always && (
        <>
          <ul className="hours-grid__days" aria-label="Plages d’ouverture par jour">
            {grid.days.map((ranges, day) => {
              const name = DAY_NAMES[day] ?? '';
              return (
                <li key={name}>
                  <fieldset className="hours-grid__day">
                    <legend className="hours-grid__name">{name}</legend>
                    <div className="hours-grid__ranges">
                      {ranges.length === 0 && <span className="hours-grid__closed">Fermé</span>}
                      {ranges.map((r, k) => (
                        <span key={k} className="hours-grid__range">
                          <input
                            type="time"
                            aria-label={`${name}, plage ${k + 1} : ouverture`}
                            value={r.from}
                            onChange={(e) =>
                              setDay(
                                day,
                                ranges.map((x, j) => (j === k ? { ...x, from: e.target.value } : x)),
                              )
                            }
                          />
                          <span aria-hidden="true"> – </span>
                          <input
                            type="time"
                            aria-label={`${name}, plage ${k + 1} : fermeture`}
                            value={r.to === '24:00' ? '23:59' : r.to}
                            onChange={(e) =>
                              setDay(
                                day,
                                ranges.map((x, j) => (j === k ? { ...x, to: e.target.value } : x)),
                              )
                            }
                          />
                          <button
                            type="button"
                            className="button button--link"
                            aria-label={`Retirer la plage ${k + 1} du ${name.toLowerCase()}`}
                            onClick={() =>
                              setDay(
                                day,
                                ranges.filter((_, j) => j !== k),
                              )
                            }
                          >
                            Retirer
                          </button>
                        </span>
                      ))}
                      {ranges.length < 3 && (
                        <button
                          type="button"
                          className="button button--link"
                          onClick={() =>
                            setDay(day, [...ranges, ranges.length === 0 ? { from: '09:00', to: '12:00' } : { from: '14:00', to: '17:00' }])
                          }
                        >
                          {ranges.length === 0 ? `Ouvrir le ${name.toLowerCase()}` : 'Ajouter une plage'}
                        </button>
                      )}
                      {day > 0 && grid.days[day - 1]?.length ? (
                        <button type="button" className="button button--link" onClick={() => setDay(day, [...(grid.days[day - 1] ?? [])])}>
                          Comme la veille
                        </button>
                      ) : null}
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ul>
          {flag('holidaysClosed', 'ph', 'Fermé les jours fériés')}
        </>
      )}
    </div>
  );
}

export function ClosuresEditor({
  id,
  closures,
  onChange,
  errorsFor,
}: {
  id: string;
  closures: ClosureDraft[];
  onChange: (c: ClosureDraft[]) => void;
  errorsFor: (i: number, field: string) => string[];
}) {
  const set = (i: number, patch: Partial<ClosureDraft>) => onChange(closures.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <fieldset className="hours-closures-editor" id={id}>
      <legend>Fermetures temporaires et changements</legend>
      <p className="field__hint">
        Affichés en premier sur la fiche tant qu’ils durent, et pris en compte par « Ouvert maintenant ». Sans date de fin : jusqu’à nouvel
        ordre.
      </p>
      {closures.map((c, i) => {
        const errors = ['starts_on', 'ends_on', 'message'].flatMap((f) => errorsFor(i, f));
        return (
          <div key={i} className="hours-closure-row">
            <div className="field">
              <label htmlFor={`${id}-${i}-start`}>Du</label>
              <input id={`${id}-${i}-start`} type="date" value={c.starts_on} onChange={(e) => set(i, { starts_on: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-${i}-end`}>Au (inclus, facultatif)</label>
              <input id={`${id}-${i}-end`} type="date" value={c.ends_on} onChange={(e) => set(i, { ends_on: e.target.value })} />
            </div>
            <div className="field hours-closure-row__message">
              <label htmlFor={`${id}-${i}-message`}>Message</label>
              <input
                id={`${id}-${i}-message`}
                type="text"
                value={c.message}
                placeholder="Fermé pour travaux, Permanence déplacée à…"
                onChange={(e) => set(i, { message: e.target.value })}
              />
            </div>
            <p>
              <input id={`${id}-${i}-closed`} type="checkbox" checked={c.closed} onChange={(e) => set(i, { closed: e.target.checked })} />{' '}
              <label htmlFor={`${id}-${i}-closed`}>Le lieu est fermé ces jours-là</label>
            </p>
            {errors.length > 0 && <p className="field__error">{[...new Set(errors)].join(' ')}</p>}
            <button type="button" className="button button--link" onClick={() => onChange(closures.filter((_, j) => j !== i))}>
              Retirer cette période
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...closures, { starts_on: '', ends_on: '', message: '', closed: true }])}
      >
        Ajouter une fermeture ou un changement
      </button>
    </fieldset>
  );
}

export function HoursEditor({
  id,
  label,
  value,
  onChange,
  errors,
  departement,
  closures = [],
  preview = true,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors: readonly string[];
  departement: string | null;
  closures?: readonly ClosureDraft[];
  /** Show the next 14 days (a site); a line shows the check only. */
  preview?: boolean;
}) {
  const validClosures = closuresInput(closures).filter((c) => /^\d{4}-\d{2}-\d{2}$/.test(c.starts_on) && c.message);
  const query = useHoursPreview({ opening_hours: value, temporary_closures: validClosures, departement });
  const reading = query.data;
  /** undefined: not read from the text yet; null: the text has rules a grid cannot show. */
  const [grid, setGrid] = useState<HoursGrid | null | undefined>(undefined);
  const problem = reading?.problem ?? null;
  const shown = [...errors, ...(problem && !errors.includes(problem) ? [problem] : [])];

  const [gridOpen, setGridOpen] = useState(false);
  const readingReady = query.current;

  function openGrid() {
    if (value.trim() === '') setGrid(emptyGrid());
    // Not read yet: the grid fills itself when the server's reading arrives (effect below).
    else if (!readingReady || !reading) setGrid(undefined);
    else if (reading.weekly) setGrid(gridFrom(reading.weekly, reading.holidays_closed));
    else setGrid(null);
  }

  // The grid opened before the server had read the hours (a slow phone, a page just loaded):
  // fill it as soon as the reading is there, rather than leave the curator a button to press.
  useEffect(() => {
    if (gridOpen && grid === undefined && readingReady) openGrid();
  }, [gridOpen, grid, readingReady]);

  return (
    <div className="hours-editor">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="field__hint">
          Format OpenStreetMap, par ex. <code>Mo-Fr 09:00-12:00,14:00-17:30; PH off</code> — ou la grille ci-dessous. Vide : horaires
          inconnus.
        </p>
        <input
          id={id}
          type="text"
          value={value}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            onChange(e.target.value);
            setGrid(undefined);
          }}
          aria-invalid={shown.length > 0 || undefined}
          aria-describedby={`${id}-hint ${id}-check`}
        />
        <div id={`${id}-check`} aria-live="polite">
          {shown.length > 0 ? (
            <p className="field__error">{shown.join(' ')}</p>
          ) : reading?.french && value.trim() ? (
            <p className="field__hint hours-editor__read">Compris : {reading.french}</p>
          ) : null}
        </div>
      </div>
      <details
        className="hours-editor__grid"
        onToggle={(e) => {
          setGridOpen(e.currentTarget.open);
          if (e.currentTarget.open) openGrid();
        }}
      >
        <summary>Saisir jour par jour</summary>
        {grid === undefined ? (
          <p className="field__hint" role="status">
            Lecture des horaires pour remplir la grille…
          </p>
        ) : grid ? (
          <GridEditor
            grid={grid}
            onChange={(g) => {
              setGrid(g);
              onChange(syntaxFromGrid(g));
            }}
          />
        ) : (
          <div>
            <p>
              Ces horaires ont des règles que la grille ne sait pas montrer (mois, semaines, commentaires) : modifiez-les dans le champ
              ci-dessus, ou repartez d’une grille vide.
            </p>
            <button type="button" className="button button--secondary" onClick={() => setGrid(emptyGrid())}>
              Repartir d’une grille vide
            </button>
          </div>
        )}
      </details>
      {preview && reading && !problem && value.trim() !== '' && (
        <details className="hours-editor__preview" open>
          <summary>Aperçu des 14 prochains jours</summary>
          <WeekTable week={reading.days} caption={capitalized('horaires des 14 prochains jours, tels que le public les lira')} />
        </details>
      )}
    </div>
  );
}
