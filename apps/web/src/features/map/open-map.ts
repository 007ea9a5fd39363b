/**
 * Opens a MapLibre map once the base style is in, with what every map of the app shares: a compact
 * attribution, no rotation by dragging, the controls' French labels.
 */
import maplibregl, { type MapOptions, type Map as MlMap } from 'maplibre-gl';
import type { RefObject } from 'react';
import { fr } from '../../i18n/fr.ts';
import { loadBaseStyle } from './map-style.ts';

export function openMap(
  containerRef: RefObject<HTMLElement | null>,
  signal: AbortSignal,
  options: Omit<MapOptions, 'container' | 'style'>,
  /** Called as soon as the map exists (before its style has loaded), unless the page has moved on. */
  onOpen: (map: MlMap, container: HTMLElement) => void,
  /** No WebGL: the page says so instead. */
  onFail: () => void,
): void {
  void loadBaseStyle(signal).then((style) => {
    const container = containerRef.current;
    if (signal.aborted || !container) return;
    let map: MlMap;
    try {
      map = new maplibregl.Map({
        container,
        style,
        attributionControl: { compact: true },
        dragRotate: false,
        locale: fr.map.controls,
        ...options,
      });
    } catch {
      onFail();
      return;
    }
    onOpen(map, container);
  });
}
