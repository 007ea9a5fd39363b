/**
 * The coverage of the network by département (GET /api/stats/coverage): a choropleth on the
 * embedded base map (feature-state on its `departements` source, overseas reachable), a sortable
 * table with the same figures, and the gaps of the département chosen. Public measures only.
 */
import { ACTION_LABELS, ACTIONS, type Action } from '@pare/schema/codes';
import { useQuery } from '@tanstack/react-query';
import type { Map as MlMap } from 'maplibre-gl';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { OptionList } from '../../components/form-parts.tsx';
import { frStats } from '../../i18n/fr.stats.ts';
import { fr } from '../../i18n/fr.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { client, read } from '../../lib/client.ts';
import { Link } from '../../lib/router.tsx';
import { MAP_AREA_ORDER, MAP_AREAS, METROPOLE_BBOX } from '../map/map-areas.ts';
import { loadBaseStyle } from '../map/map-style.ts';
import './coverage.css';

/** The coverage, typed by its route. The route also answers its CSV (`?format=csv`, a string), never asked here. */
async function fetchCoverage(signal: AbortSignal) {
  const coverage = await read(client.stats.coverage.$get(undefined, { init: { signal } }));
  if (typeof coverage === 'string') throw new ApiRequestError('invalid_response', fr.errors.invalidResponse, 200);
  return coverage;
}
type Coverage = Awaited<ReturnType<typeof fetchCoverage>>;
type Row = Coverage['departements'][number];
type Measure = 'actors' | 'gaps' | 'action';
type SortKey = 'code' | 'name' | 'value' | 'gaps';

const PALETTE = ['#f1eef6', '#bdc9e1', '#74a9cf', '#2b8cbe', '#045a8d'];

export function coverageQuery() {
  return {
    queryKey: ['stats', 'coverage'],
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchCoverage(signal),
  };
}

function measured(row: Row, measure: Measure, action: Action): number {
  if (measure === 'gaps') return row.gaps.length;
  if (measure === 'action') return row.by_action[action] ?? 0;
  return row.actors;
}

function CoverageMap({
  rows,
  values,
  max,
  onPick,
}: {
  rows: Row[];
  values: Map<string, number>;
  max: number;
  onPick: (code: string) => void;
}) {
  const ref = useRef<HTMLElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const ctrl = new AbortController();
    let map: MlMap | null = null;
    void Promise.all([import('maplibre-gl'), loadBaseStyle(ctrl.signal), import('maplibre-gl/dist/maplibre-gl.css')])
      .then(([{ default: maplibregl }, style]) => {
        if (ctrl.signal.aborted || !ref.current) return;
        map = new maplibregl.Map({
          container: ref.current,
          style,
          bounds: METROPOLE_BBOX,
          attributionControl: { compact: true },
          dragRotate: false,
          locale: fr.map.controls,
        });
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        map.on('load', () => {
          mapRef.current = map;
          setReady(true);
        });
        map.on('click', 'departements-fill', (e) => {
          const code = e.features?.[0]?.properties?.code;
          if (typeof code === 'string') pick.current(code);
        });
      })
      .catch(() => setFailed(true));
    return () => {
      ctrl.abort();
      map?.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map?.getLayer('departements-fill')) return;
    for (const r of rows) map.setFeatureState({ source: 'departements', id: r.code }, { value: values.get(r.code) ?? 0 });
    const top = Math.max(1, max);
    map.setPaintProperty('departements-fill', 'fill-color', [
      'step',
      ['coalesce', ['feature-state', 'value'], 0],
      PALETTE[0],
      top * 0.2,
      PALETTE[1],
      top * 0.4,
      PALETTE[2],
      top * 0.6,
      PALETTE[3],
      top * 0.8,
      PALETTE[4],
    ]);
  }, [ready, rows, values, max]);

  if (failed) return <p className="field__hint">{frStats.mapFailed}</p>;
  return (
    <div className="coverage__map-wrap">
      <fieldset className="coverage__areas">
        <legend>{frStats.jump}</legend>
        {MAP_AREA_ORDER.map((area) => (
          <button key={area} type="button" className="chip" onClick={() => mapRef.current?.fitBounds(MAP_AREAS[area], { duration: 0 })}>
            {fr.map.areas[area]}
          </button>
        ))}
      </fieldset>
      <section ref={ref} className="coverage__map" aria-label={frStats.mapLabel} />
      <p className="coverage__legend" aria-hidden="true">
        <span>{frStats.legendLow}</span>
        {PALETTE.map((c) => (
          <span key={c} className="coverage__swatch" style={{ background: c }} />
        ))}
        <span>{frStats.legendHigh}</span>
      </p>
    </div>
  );
}

/** The map, the measure picker, the table and the chosen département's gaps. */
export function CoverageView({ csv = true }: { csv?: boolean }) {
  const { data, isPending, error } = useQuery(coverageQuery());
  const [measure, setMeasure] = useState<Measure>('actors');
  const [action, setAction] = useState<Action>('ecoute');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'code', desc: false });
  const [picked, setPicked] = useState<string | null>(null);
  const measureId = useId();
  const actionId = useId();
  const rows = data?.departements ?? [];
  const values = useMemo(() => new Map(rows.map((r) => [r.code, measured(r, measure, action)])), [rows, measure, action]);
  const max = Math.max(0, ...values.values());
  const sorted = useMemo(() => {
    const key = (r: Row): string | number =>
      sort.key === 'value' ? (values.get(r.code) ?? 0) : sort.key === 'gaps' ? r.gaps.length : sort.key === 'name' ? r.name : r.code;
    return [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'fr');
      return sort.desc ? -c : c;
    });
  }, [rows, values, sort]);
  const chosen = rows.find((r) => r.code === picked);

  if (error) return <p role="alert">{String((error as Error).message)}</p>;
  if (isPending) return <p aria-busy="true">{frStats.loading}</p>;

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="coverage__sort"
        onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key !== 'code' && key !== 'name' })}
      >
        {label}
      </button>
    </th>
  );

  return (
    <div className="coverage">
      <div className="coverage__controls">
        <label htmlFor={measureId}>{frStats.measure}</label>
        <select id={measureId} value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
          <OptionList options={(Object.keys(frStats.measures) as Measure[]).map((m) => [String(m), frStats.measures[m]] as const)} />
        </select>
        {measure === 'action' ? (
          <>
            <label htmlFor={actionId}>{frStats.action}</label>
            <select id={actionId} value={action} onChange={(e) => setAction(e.target.value as Action)}>
              <OptionList options={ACTIONS.map((a) => [String(a), ACTION_LABELS[a]] as const)} />
            </select>
          </>
        ) : null}
        {csv ? (
          <a className="button button--secondary" href="/api/stats/coverage?format=csv" download>
            {frStats.csv}
          </a>
        ) : null}
      </div>
      <p className="field__hint">{frStats.clickHint}</p>
      <div className="coverage__layout">
        <CoverageMap rows={rows} values={values} max={max} onPick={setPicked} />
        <div className="coverage__side">
          {chosen ? (
            <section className="coverage__detail" aria-live="polite">
              <h2>{frStats.selected(chosen.name, chosen.code)}</h2>
              {chosen.gaps.length === 0 ? (
                <p>{frStats.noGap}</p>
              ) : (
                <ul>
                  {chosen.gaps.map((g) => (
                    <li key={g}>{frStats.gaps[g] ?? g}</li>
                  ))}
                </ul>
              )}
              <Link href={`/departements/${chosen.code}`}>{frStats.openPage}</Link>
            </section>
          ) : null}
          <div className="coverage__table-wrap">
            <table className="coverage__table">
              <caption>{frStats.table}</caption>
              <thead>
                <tr>
                  {header('code', frStats.columns.code)}
                  {header('name', frStats.columns.name)}
                  {header('value', frStats.columns.value)}
                  {header('gaps', frStats.columns.gaps)}
                  <th scope="col">{frStats.columns.crip}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => (
                  <tr key={r.code} className={r.code === picked ? 'is-picked' : undefined}>
                    <td>{r.code}</td>
                    <th scope="row">
                      <button type="button" className="coverage__pick" onClick={() => setPicked(r.code)}>
                        {r.name}
                      </button>
                    </th>
                    <td>{values.get(r.code) ?? 0}</td>
                    <td>{r.gaps.length}</td>
                    <td>{r.has_crip ? frStats.yes : frStats.no}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
