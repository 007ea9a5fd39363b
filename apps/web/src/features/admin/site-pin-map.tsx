/**
 * A small map to check and adjust a site's position: one draggable pin on the embedded base map
 * (département outlines, préfectures), with the names of the communes around the pin
 * (`/api/territories/communes-near`, from the offline referential) so it can be placed precisely.
 * Loaded with `React.lazy` only when a site has a position, so MapLibre stays out of the form's bundle.
 */
import type { InferResponseType } from 'hono/client';
import maplibregl, { type GeoJSONSource, type GeoJSONSourceSpecification, type Marker, type Map as MlMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frEditor } from '../../i18n/fr.editor.ts';
import { client, read } from '../../lib/client.ts';
import { openMap } from '../map/open-map.ts';

const COMMUNES = 'pare-communes';
/** As the base map's labels: local fonts, no glyph server (see packages/geo/src/base-map.ts). */
const LABEL_FONT = ['Marianne', 'Arial', 'Helvetica', 'sans-serif'];
/** The communes are fetched again when the pin goes this far from where they were fetched. */
const REFETCH_KM = 8;

type Collection = InferResponseType<(typeof client.territories)['communes-near']['$get'], 200>;

function km(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const dLat = (a.lat - b.lat) * 111;
  const dLng = (a.lng - b.lng) * 111 * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dLat, dLng);
}

/** The communes around a point, as GeoJSON; an empty collection when the API cannot say. */
async function communesNear(lat: number, lng: number, signal?: AbortSignal): Promise<Collection> {
  try {
    return await read(
      client.territories['communes-near'].$get({ query: { lat: lat.toFixed(5), lng: lng.toFixed(5) } }, { init: signal ? { signal } : {} }),
    );
  } catch {
    return { type: 'FeatureCollection', features: [] };
  }
}

/** Commune dots and names, under the pin: the biggest first when they collide. */
function addCommuneLayers(map: MlMap, data: Collection) {
  map.addSource(COMMUNES, { type: 'geojson', data: data as GeoJSONSourceSpecification['data'] });
  map.addLayer({
    id: 'pare-communes-dot',
    type: 'circle',
    source: COMMUNES,
    paint: { 'circle-radius': 2.5, 'circle-color': '#3a3a3a', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
  });
  map.addLayer({
    id: 'pare-communes-label',
    type: 'symbol',
    source: COMMUNES,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': ['interpolate', ['linear'], ['get', 'population'], 0, 11, 50000, 14],
      'text-anchor': 'top',
      'text-offset': [0, 0.35],
      'text-max-width': 9,
      'symbol-sort-key': ['-', 0, ['get', 'population']],
    },
    paint: { 'text-color': '#1b1b1f', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  });
}

export type SitePinMapProps = { lat: number; lng: number; label: string; onMove: (lat: number, lng: number) => void };

export default function SitePinMap({ lat, lng, label, onMove }: SitePinMapProps) {
  const containerRef = useRef<HTMLElement>(null);
  const markerRef = useRef<Marker | null>(null);
  const mapRef = useRef<MlMap | null>(null);
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;
  const [failed, setFailed] = useState(false);
  const start = useRef({ lat, lng });
  const fetchedAt = useRef<{ lat: number; lng: number } | null>(null);
  const [communeNames, setCommuneNames] = useState<string[]>([]);

  /** Fetches the communes around a point and shows them (and lists them for screen readers). */
  const loadCommunes = useRef(async (map: MlMap, at: { lat: number; lng: number }, signal?: AbortSignal) => {
    fetchedAt.current = at;
    const data = await communesNear(at.lat, at.lng, signal);
    if (signal?.aborted) return;
    const source = map.getSource(COMMUNES) as GeoJSONSource | undefined;
    if (source) source.setData(data as Parameters<GeoJSONSource['setData']>[0]);
    else addCommuneLayers(map, data);
    setCommuneNames(
      data.features
        .slice(0, 12)
        .map((f) => (f as { properties?: { name?: unknown } }).properties?.name)
        .filter((n): n is string => typeof n === 'string'),
    );
  }).current;

  useEffect(() => {
    const ctrl = new AbortController();
    let map: MlMap | null = null;
    const opened = (m: MlMap) => {
      map = m;
      mapRef.current = map;
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      const marker = new maplibregl.Marker({ draggable: true }).setLngLat([start.current.lng, start.current.lat]).addTo(map);
      marker.getElement().setAttribute('aria-label', frAdmin.edit.mapHint);
      marker.on('dragend', () => {
        const p = marker.getLngLat();
        onMoveRef.current(Math.round(p.lat * 1e6) / 1e6, Math.round(p.lng * 1e6) / 1e6);
      });
      markerRef.current = marker;
      m.on('load', () => void loadCommunes(m, start.current, ctrl.signal));
    };
    openMap(containerRef, ctrl.signal, { center: [start.current.lng, start.current.lat], zoom: 12 }, opened, () => setFailed(true));
    return () => {
      ctrl.abort();
      map?.remove();
      mapRef.current = null;
      markerRef.current = null;
    };
  }, []);

  // A new commune (or « back to the centre ») moves the pin and the view.
  useEffect(() => {
    const marker = markerRef.current;
    if (!marker) return;
    const p = marker.getLngLat();
    if (Math.abs(p.lat - lat) > 1e-6 || Math.abs(p.lng - lng) > 1e-6) {
      marker.setLngLat([lng, lat]);
      mapRef.current?.jumpTo({ center: [lng, lat] });
    }
    const map = mapRef.current;
    if (map?.isStyleLoaded() && fetchedAt.current && km(fetchedAt.current, { lat, lng }) > REFETCH_KM) void loadCommunes(map, { lat, lng });
  }, [lat, lng, loadCommunes]);

  if (failed) return <p className="field__hint">{frAdmin.edit.mapFailed}</p>;
  return (
    <>
      <section ref={containerRef} className="admin-map" aria-label={label} />
      {communeNames.length > 0 && (
        <p className="field__hint">
          {frEditor.map.communes} : {communeNames.join(', ')}
        </p>
      )}
    </>
  );
}
