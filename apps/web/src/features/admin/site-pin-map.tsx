/**
 * A small map to check and adjust a site's position: one draggable pin on the embedded base map.
 * Loaded with `React.lazy` only when a site has a position, so MapLibre stays out of the form's bundle.
 */
import maplibregl, { type Marker, type Map as MlMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { fr } from '../../i18n/fr.ts';
import { loadBaseStyle } from '../map/map-style.ts';

export type SitePinMapProps = { lat: number; lng: number; label: string; onMove: (lat: number, lng: number) => void };

export default function SitePinMap({ lat, lng, label, onMove }: SitePinMapProps) {
  const containerRef = useRef<HTMLElement>(null);
  const markerRef = useRef<Marker | null>(null);
  const mapRef = useRef<MlMap | null>(null);
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;
  const [failed, setFailed] = useState(false);
  const start = useRef({ lat, lng });

  useEffect(() => {
    const ctrl = new AbortController();
    let map: MlMap | null = null;
    void loadBaseStyle(ctrl.signal).then((style) => {
      const container = containerRef.current;
      if (ctrl.signal.aborted || !container) return;
      try {
        map = new maplibregl.Map({
          container,
          style,
          center: [start.current.lng, start.current.lat],
          zoom: 12,
          attributionControl: { compact: true },
          dragRotate: false,
          locale: fr.map.controls,
        });
      } catch {
        setFailed(true);
        return;
      }
      mapRef.current = map;
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      const marker = new maplibregl.Marker({ draggable: true }).setLngLat([start.current.lng, start.current.lat]).addTo(map);
      marker.getElement().setAttribute('aria-label', frAdmin.edit.mapHint);
      marker.on('dragend', () => {
        const p = marker.getLngLat();
        onMoveRef.current(Math.round(p.lat * 1e6) / 1e6, Math.round(p.lng * 1e6) / 1e6);
      });
      markerRef.current = marker;
    });
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
  }, [lat, lng]);

  if (failed) return <p className="field__hint">{frAdmin.edit.mapFailed}</p>;
  return <section ref={containerRef} className="admin-map" aria-label={label} />;
}
