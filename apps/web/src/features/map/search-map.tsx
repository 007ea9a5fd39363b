/**
 * The results map. Loaded with `React.lazy` only when the map is on screen, so MapLibre
 * (and its CSS) stay out of the initial bundle. The list is the accessible equivalent.
 */
import type { ActorListItem, SearchActorsResponse } from '@pare/schema';
import maplibregl, { type GeoJSONSource, type MapLayerMouseEvent, type Map as MlMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { fr } from '../../i18n/fr.ts';
import { client, read } from '../../lib/client.ts';
import { queryObject } from '../../lib/query-object.ts';
import { navigate } from '../../lib/router.tsx';
import { REDUCED_MOTION_QUERY, useMediaQuery } from '../../lib/use-media-query.ts';
import {
  CLUSTER_OPTIONS,
  clusterCircles,
  INTERACTIVE_LAYER_IDS,
  RESULT_LAYERS,
  SOURCE_AREA,
  SOURCE_CONFIDENTIAL,
  SOURCE_HIGHLIGHT,
  SOURCE_SITES,
} from './layers.ts';
import { type Bbox, MAP_AREA_ORDER, MAP_AREAS, METROPOLE_BBOX } from './map-areas.ts';
import {
  actorSites,
  distanceFrom,
  type MapPointsAnswer,
  markersToGeoJson,
  requestBox,
  resultsToGeoJson,
  searchArea,
  viewForAnswer,
  viewForResults,
} from './map-data.ts';
import { openMap } from './open-map.ts';

export type SearchMapProps = {
  items: readonly ActorListItem[];
  place: SearchActorsResponse['place'];
  /** The search the `items` belong to, or null while they are still those of the previous search. The map re-frames once per key. */
  searchKey: string | null;
  highlightedId: number | null;
  onHover: (actorId: number | null) => void;
  onSelect: (actorId: number) => void;
  /** A small map (an actor's page): no jump buttons, no legend. */
  compact?: boolean;
  /**
   * The search's filters as API parameters (no page): the map then draws every result, clustered
   * by the server for the view (GET /api/map/points), instead of the `items` of the page.
   */
  mapQuery?: string;
  /**
   * A search by département without a point: the box of the département, which the map frames
   * (its results include régional actors whose sites lie elsewhere); `undefined` while the box is
   * fetched, and the map waits for it.
   */
  frame?: Bbox | null | undefined;
};

type Label = { key: string; lngLat: [number, number]; text: string; kind: 'cluster' | 'confidential' };
/** A keyboard stop over a pin: a site (public or confidential) or a cluster. */
type Pin = {
  key: string;
  lngLat: [number, number];
  actorId: number | null;
  /** A cluster: MapLibre's id (`c12`) or the server's zoom that opens it (`z9`). */
  cluster: string | null;
  count: number;
  confidential: boolean;
  slug: string | null;
  name: string | null;
};

/** What a popup shows: the actor's name, its distance and a link to its page. */
type PopupActor = { slug: string; name: string; distanceKm: number | undefined };

type SiteFeature = ReturnType<MlMap['querySourceFeatures']>[number];

/**
 * The points of the sites' source drawn now, each read by `read` (null: left out) and kept once by
 * its key: a point cut by tile edges comes back once per tile.
 */
function distinctPoints<T extends { key: string }>(m: MlMap, read: (f: SiteFeature, lngLat: [number, number]) => T | null): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const f of m.querySourceFeatures(SOURCE_SITES)) {
    if (f.geometry.type !== 'Point') continue;
    const item = read(f, f.geometry.coordinates as [number, number]);
    if (item === null || seen.has(item.key)) continue;
    seen.add(item.key);
    out.push(item);
  }
  return out;
}

/** Reads a marker's property (MapLibre may hand numbers back as strings). */
function numberProp(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}
const stringProp = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const EMPTY = { type: 'FeatureCollection', features: [] } as const;
/** The legend: each swatch of the map (its class `swatch--…`) and what it stands for. */
const LEGEND = [
  ['site', fr.map.legendSite],
  ['cluster', fr.map.legendCluster],
  ['confidential', fr.map.legendConfidential],
  ['highlight', fr.map.legendSelected],
] as const;
/** Room for the markers' radius, the zoom buttons and the attribution. */
const FIT_PADDING = { top: 48, bottom: 56, left: 48, right: 40 };

function setSource(map: MlMap, id: string, data: unknown) {
  (map.getSource(id) as GeoJSONSource | undefined)?.setData(data as Parameters<GeoJSONSource['setData']>[0]);
}

/** Actor id carried by a clicked or hovered site. */
function actorIdOf(e: MapLayerMouseEvent): number | null {
  return numberProp(e.features?.[0]?.properties?.actorId);
}

const NO_MARKERS = { sites: EMPTY, confidential: EMPTY } as const;
const nf = new Intl.NumberFormat('fr-FR');

export default function SearchMap({
  items,
  place,
  searchKey,
  highlightedId,
  onHover,
  onSelect,
  compact = false,
  mapQuery,
  frame = null,
}: SearchMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const labelsRef = useRef<HTMLDivElement>(null);
  const pinsRef = useRef<HTMLDivElement>(null);
  const popupRef = useRef<maplibregl.Popup | null>(null);
  const mapRef = useRef<MlMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const reducedMotion = useMediaQuery(REDUCED_MOTION_QUERY);
  const geo = useMemo(() => resultsToGeoJson(items), [items]);
  /** Fixed for the map's life: the search page's map asks the server, an actor's page draws its items. */
  const fromServer = useRef(mapQuery !== undefined).current;
  const [markers, setMarkers] = useState<{ answer: MapPointsAnswer; query: string; zoom: number } | null>(null);
  const shown = useMemo(
    () => (!fromServer ? geo : markers ? markersToGeoJson(markers.answer, items, markers.zoom) : NO_MARKERS),
    [fromServer, geo, markers, items],
  );

  // Handlers registered once on the map read the latest props through this ref.
  const latest = useRef({ onHover, onSelect, reducedMotion, shown, items, place, mapQuery });
  latest.current = { onHover, onSelect, reducedMotion, shown, items, place, mapQuery };
  const pending = useRef<AbortController | null>(null);

  /** Asks the server for the markers of the current view and filters (a newer request cancels an older one). */
  function refresh(m: MlMap) {
    const query = latest.current.mapQuery;
    if (query === undefined) return;
    const b = m.getBounds();
    const box = requestBox(
      [
        [b.getWest(), b.getSouth()],
        [b.getEast(), b.getNorth()],
      ],
      m.getContainer().clientWidth,
    );
    pending.current?.abort();
    const ctrl = new AbortController();
    pending.current = ctrl;
    const zoom = Math.max(0, Math.floor(m.getZoom()));
    const view = { bbox: box, zoom: String(zoom) };
    read(client.map.points.$get({ query: { ...queryObject(query), ...view } }, { init: { signal: ctrl.signal } }))
      .then((answer) => {
        if (!ctrl.signal.aborted) setMarkers({ answer, query, zoom });
      })
      // A failed request leaves the previous markers; the list is unaffected.
      .catch(() => undefined);
  }

  /** The popup's facts for a marker: from the page's result when it is there, else from the marker itself. */
  function popupActor(actorId: number | null, slug: string | null, name: string | null, lngLat: [number, number]): PopupActor | null {
    const item = actorId === null ? undefined : latest.current.items.find((a) => a.id === actorId);
    if (item) return { slug: item.slug, name: item.name, distanceKm: item.distance_km };
    if (!slug || !name) return null;
    const p = latest.current.place;
    return { slug, name, distanceKm: p ? distanceFrom(p, lngLat) : undefined };
  }

  /**
   * The pin's popup: the actor's name, its distance and a link to its page. Opened by a click, a
   * tap or the pin's keyboard stop (then the link takes the focus; Escape closes and returns).
   */
  function openPopup(m: MlMap, actor: PopupActor | null, lngLat: [number, number], confidential: boolean, from?: HTMLElement) {
    if (!actor) return;
    popupRef.current?.remove();
    const box = document.createElement('div');
    box.className = 'map-popup';
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', actor.name);
    const name = document.createElement('p');
    name.className = 'map-popup__name';
    name.textContent = actor.name;
    box.append(name);
    const facts = [
      actor.distanceKm !== undefined ? fr.result.distance(actor.distanceKm) : null,
      confidential ? fr.map.confidentialLabel : null,
    ].filter((x): x is string => Boolean(x));
    if (facts.length > 0) {
      const p = document.createElement('p');
      p.className = 'map-popup__facts';
      p.textContent = facts.join(' · ');
      box.append(p);
    }
    const link = document.createElement('a');
    const href = `/acteurs/${actor.slug}`;
    link.href = href;
    link.className = 'map-popup__link';
    link.textContent = fr.map.popupLink;
    link.setAttribute('aria-label', fr.map.popupLinkLabel(actor.name));
    link.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(href, { state: { searchHref: window.location.pathname + window.location.search } });
    });
    const p2 = document.createElement('p');
    p2.append(link);
    box.append(p2);
    box.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      // Used: it does not count towards the double-Escape quick exit.
      e.preventDefault();
      popup.remove();
      from?.focus();
    });
    const popup = new maplibregl.Popup({ closeButton: true, closeOnClick: true, maxWidth: '16rem', offset: confidential ? 24 : 12 })
      .setLngLat(lngLat)
      .setDOMContent(box)
      .addTo(m);
    popupRef.current = popup;
    if (from) link.focus();
  }

  useEffect(() => {
    const ctrl = new AbortController();
    let map: MlMap | null = null;
    const opened = (m: MlMap, container: HTMLElement) => {
      map = m;
      mapRef.current = m;
      // Test hook, for automated browsers only (navigator.webdriver): lets a journey click a marker.
      if (navigator.webdriver) (window as unknown as { __pareMap?: MlMap }).__pareMap = m;
      m.touchZoomRotate.disableRotation();
      m.keyboard.disableRotation();
      // Top left: the quick-exit button sits over the top right corner of the screen.
      m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');

      m.on('load', () => {
        m.addSource(SOURCE_AREA, { type: 'geojson', data: EMPTY });
        m.addSource(SOURCE_CONFIDENTIAL, { type: 'geojson', data: EMPTY });
        // The server clusters the search map's markers; an actor's few sites are clustered here.
        m.addSource(SOURCE_SITES, { type: 'geojson', data: EMPTY, ...(fromServer ? {} : CLUSTER_OPTIONS) });
        m.addSource(SOURCE_HIGHLIGHT, { type: 'geojson', data: EMPTY });
        for (const layer of RESULT_LAYERS) m.addLayer(layer);
        setReady(true);
        container.dataset.ready = 'true';
      });

      for (const layerId of INTERACTIVE_LAYER_IDS) {
        m.on('mouseenter', layerId, () => {
          m.getCanvas().style.cursor = 'pointer';
        });
        m.on('mouseleave', layerId, () => {
          m.getCanvas().style.cursor = '';
          latest.current.onHover(null);
        });
      }
      m.on('mousemove', INTERACTIVE_LAYER_IDS[0], (e) => latest.current.onHover(actorIdOf(e)));
      m.on('mousemove', INTERACTIVE_LAYER_IDS[1], (e) => latest.current.onHover(actorIdOf(e)));
      for (const layerId of [INTERACTIVE_LAYER_IDS[0], INTERACTIVE_LAYER_IDS[1]]) {
        m.on('click', layerId, (e) => {
          const id = actorIdOf(e);
          const f = e.features?.[0];
          if (f?.geometry.type !== 'Point') return;
          const lngLat = f.geometry.coordinates as [number, number];
          openPopup(
            m,
            popupActor(id, stringProp(f.properties?.slug), stringProp(f.properties?.name), lngLat),
            lngLat,
            layerId === INTERACTIVE_LAYER_IDS[1],
          );
          if (id !== null) latest.current.onSelect(id);
        });
      }
      m.on('click', clusterCircles.id, (e) => {
        const feature = e.features?.[0];
        if (feature?.geometry.type !== 'Point') return;
        const clusterId = numberProp(feature.properties?.cluster_id);
        const opensAt = numberProp(feature.properties?.expansionZoom);
        const cluster = clusterId !== null ? `c${clusterId}` : opensAt !== null ? `z${opensAt}` : null;
        if (cluster) expandCluster(m, cluster, feature.geometry.coordinates as [number, number]);
      });
      m.on('moveend', () => refresh(m));
      m.on('render', () => drawLabels(m));
      // A missing base-map file must not break the page: the markers and the list still work.
      m.on('error', () => undefined);
    };
    const options = { bounds: METROPOLE_BBOX, fitBoundsOptions: { padding: 16 }, pitchWithRotate: false, maxZoom: 15, minZoom: 2 };
    // No WebGL: the list stays, with a note.
    openMap(containerRef, ctrl.signal, options, opened, () => setFailed(true));
    return () => {
      ctrl.abort();
      pending.current?.abort();
      map?.remove();
      mapRef.current = null;
    };
  }, []);

  /** A cluster opens by zooming in; sites at the very same point open the first one's popup. */
  function expandCluster(m: MlMap, cluster: string, center: [number, number], from?: HTMLElement) {
    if (cluster.startsWith('z')) {
      // The server's cluster: the zoom at which it splits (beyond the map's last zoom: sites at one spot, the list tells them apart).
      m.easeTo({ center, zoom: Math.min(Number(cluster.slice(1)), m.getMaxZoom()), animate: !latest.current.reducedMotion });
      return;
    }
    const clusterId = Number(cluster.slice(1));
    const source = m.getSource(SOURCE_SITES) as GeoJSONSource;
    void source
      .getClusterExpansionZoom(clusterId)
      .then(async (zoom) => {
        if (zoom <= CLUSTER_OPTIONS.clusterMaxZoom) {
          m.easeTo({ center, zoom, animate: !latest.current.reducedMotion });
          return;
        }
        // Sites at the very same point (several actors at a commune's centre) never split:
        // go to the first one in the list, the others sit next to it.
        m.easeTo({ center, zoom: Math.max(m.getZoom(), CLUSTER_OPTIONS.clusterMaxZoom), animate: !latest.current.reducedMotion });
        const [leaf] = await source.getClusterLeaves(clusterId, 1, 0);
        const id = leaf?.properties?.actorId;
        if (typeof id === 'number') {
          openPopup(m, popupActor(id, null, null, center), center, false, from);
          if (!from) latest.current.onSelect(id);
        }
      })
      .catch(() => undefined);
  }

  /**
   * Cluster counts and « adresse confidentielle » labels are HTML drawn over the canvas: a text
   * layer would need glyph files, which a background-only base map does not have. Hidden from
   * assistive technologies (the list says the same), and never focusable.
   */
  function drawLabels(m: MlMap) {
    const root = labelsRef.current;
    if (!root || !m.getSource(SOURCE_SITES)) return;
    const labels = distinctPoints(m, (f, lngLat): Label | null => {
      const id = numberProp(f.properties?.cluster_id);
      const count = f.properties?.cluster === true ? numberProp(f.properties?.count) : null;
      if (id === null && count === null) return null;
      const key = id !== null ? `c${id}` : `c${lngLat.join(',')}`;
      const text = id !== null ? String(f.properties?.point_count_abbreviated ?? '') : nf.format(count ?? 0);
      return { key, lngLat, text, kind: 'cluster' };
    });
    for (const f of latest.current.shown.confidential.features) {
      labels.push({ key: `s${f.properties.siteId}`, lngLat: f.geometry.coordinates, text: fr.map.confidentialLabel, kind: 'confidential' });
    }
    const { width, height } = root.getBoundingClientRect();
    const keep = new Set<string>();
    for (const l of labels) {
      const p = m.project(l.lngLat);
      if (p.x < -50 || p.y < -50 || p.x > width + 50 || p.y > height + 50) continue;
      keep.add(l.key);
      let el = root.querySelector<HTMLElement>(`[data-key="${l.key}"]`);
      if (!el) {
        el = document.createElement('span');
        el.dataset.key = l.key;
        el.className = `map-label map-label--${l.kind}`;
        root.append(el);
      }
      if (el.textContent !== l.text) el.textContent = l.text;
      el.style.transform = `translate(${Math.round(p.x)}px, ${Math.round(p.y)}px)`;
    }
    for (const el of Array.from(root.children) as HTMLElement[]) if (!keep.has(el.dataset.key ?? '')) el.remove();
    drawPins(m, width, height);
  }

  /**
   * One button over each pin, cluster and confidential circle in view: the map's markers are
   * reachable with the keyboard (Tab), each opens its popup (or zooms into its cluster).
   */
  function drawPins(m: MlMap, width: number, height: number) {
    const root = pinsRef.current;
    if (!root) return;
    const pins = distinctPoints(m, (f, lngLat): Pin => {
      const clusterId = numberProp(f.properties?.cluster_id);
      const opensAt = f.properties?.cluster === true ? numberProp(f.properties?.expansionZoom) : null;
      const cluster = clusterId !== null ? `c${clusterId}` : opensAt !== null ? `z${opensAt}` : null;
      return {
        key: clusterId !== null ? `c${clusterId}` : cluster ? `c${lngLat.join(',')}` : `s${f.properties?.siteId}`,
        lngLat,
        actorId: cluster ? null : numberProp(f.properties?.actorId),
        cluster,
        count: numberProp(f.properties?.point_count) ?? numberProp(f.properties?.count) ?? 1,
        confidential: f.properties?.confidential === true && cluster !== null,
        slug: stringProp(f.properties?.slug),
        name: stringProp(f.properties?.name),
      };
    });
    for (const f of latest.current.shown.confidential.features) {
      const p = f.properties as { actorId: number | null; siteId: number | null; slug?: string | null; name?: string | null };
      pins.push({
        key: `x${p.siteId}`,
        lngLat: f.geometry.coordinates,
        actorId: p.actorId,
        cluster: null,
        count: 1,
        confidential: true,
        slug: p.slug ?? null,
        name: p.name ?? null,
      });
    }
    const keep = new Set<string>();
    for (const pin of pins) {
      const p = m.project(pin.lngLat);
      if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) continue;
      const actor = pin.cluster !== null ? null : popupActor(pin.actorId, pin.slug, pin.name, pin.lngLat);
      const label =
        pin.cluster !== null
          ? fr.map.clusterButton(pin.count)
          : actor
            ? fr.map.pinButton(actor.name, actor.distanceKm !== undefined ? fr.result.distance(actor.distanceKm) : null, pin.confidential)
            : null;
      if (!label) continue;
      keep.add(pin.key);
      let el = root.querySelector<HTMLButtonElement>(`[data-key="${pin.key}"]`);
      if (!el) {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.key = pin.key;
        button.className = `map-pin${pin.confidential ? ' map-pin--confidential' : ''}`;
        button.addEventListener('click', () => {
          const lngLat = JSON.parse(button.dataset.lnglat ?? '[0,0]') as [number, number];
          const cluster = button.dataset.cluster;
          const actorId = button.dataset.actor ? Number(button.dataset.actor) : null;
          const actor = popupActor(actorId, button.dataset.slug ?? null, button.dataset.name ?? null, lngLat);
          if (cluster) expandCluster(m, cluster, lngLat, button);
          else openPopup(m, actor, lngLat, button.dataset.confidential === 'true', button);
        });
        button.addEventListener('focus', () => {
          if (button.dataset.actor) latest.current.onHover(Number(button.dataset.actor));
        });
        button.addEventListener('blur', () => latest.current.onHover(null));
        root.append(button);
        el = button;
      }
      if (el.getAttribute('aria-label') !== label) el.setAttribute('aria-label', label);
      el.dataset.lnglat = JSON.stringify(pin.lngLat);
      if (pin.cluster !== null) el.dataset.cluster = pin.cluster;
      else delete el.dataset.cluster;
      if (pin.actorId !== null) el.dataset.actor = String(pin.actorId);
      else delete el.dataset.actor;
      if (pin.slug && pin.name) {
        el.dataset.slug = pin.slug;
        el.dataset.name = pin.name;
      }
      el.dataset.confidential = String(pin.confidential);
      el.style.transform = `translate(${Math.round(p.x)}px, ${Math.round(p.y)}px)`;
    }
    for (const el of Array.from(root.children) as HTMLElement[]) {
      if (!keep.has(el.dataset.key ?? '') && el !== document.activeElement) el.remove();
    }
  }

  useEffect(() => {
    const m = mapRef.current;
    if (!ready || !m) return;
    setSource(m, SOURCE_SITES, shown.sites);
    setSource(m, SOURCE_CONFIDENTIAL, shown.confidential);
    setSource(m, SOURCE_AREA, searchArea(place));
    m.triggerRepaint();
  }, [ready, shown, place]);

  // New filters: new markers for the view (and, once framed, for the new view).
  useEffect(() => {
    const m = mapRef.current;
    if (ready && m && mapQuery !== undefined) refresh(m);
  }, [ready, mapQuery]);

  // Re-frame once per search, when its results have arrived; not while the user explores the map.
  // The search map frames every result (the bounds the server gives), not only the page's.
  const framedKey = useRef<string | null>(null);
  useEffect(() => {
    const m = mapRef.current;
    if (!ready || !m || searchKey === null || framedKey.current === searchKey) return;
    if (!place && frame === undefined) return;
    if (fromServer && !place && !frame && markers?.query !== mapQuery) return;
    framedKey.current = searchKey;
    const view = !place && frame ? frame : fromServer ? viewForAnswer(place, markers?.answer.bounds ?? null) : viewForResults(place, geo);
    m.fitBounds(view, { padding: FIT_PADDING, maxZoom: 13, animate: !reducedMotion });
  }, [ready, searchKey, place, geo, reducedMotion, fromServer, markers, mapQuery, frame]);

  useEffect(() => {
    const m = mapRef.current;
    if (!ready || !m) return;
    setSource(m, SOURCE_HIGHLIGHT, actorSites(items, highlightedId));
  }, [ready, items, highlightedId]);

  function goTo(bbox: Bbox) {
    mapRef.current?.fitBounds(bbox, { padding: 16, animate: !reducedMotion });
  }

  const hasNational = items.some((i) => i.territory.scope === 'national');
  const counted = fromServer && markers?.query === mapQuery ? markers?.answer : undefined;

  return (
    <div className={`search-map${compact ? ' search-map--compact' : ''}`}>
      <section className="search-map__frame" aria-label={fr.map.regionLabel}>
        <div ref={containerRef} className="search-map__canvas" />
        <div ref={labelsRef} className="search-map__labels" aria-hidden="true" />
        <div ref={pinsRef} className="search-map__pins" />
        {!ready && !failed && <p className="search-map__status">{fr.map.loading}</p>}
        {failed && <p className="search-map__status">{fr.map.failed}</p>}
      </section>
      {counted && <p className="search-map__count">{fr.map.onMap(counted.actors, counted.total)}</p>}
      {!compact && (
        <fieldset className="search-map__areas">
          <legend className="search-map__areas-label">{fr.map.jumpLabel}</legend>
          {MAP_AREA_ORDER.map((area) => (
            <button key={area} type="button" className="chip" onClick={() => goTo(MAP_AREAS[area])} disabled={failed}>
              {fr.map.areas[area]}
            </button>
          ))}
        </fieldset>
      )}
      {!compact && (
        <div className="search-map__legend">
          <h3 className="visually-hidden">{fr.map.legendHeading}</h3>
          <ul>
            {LEGEND.map(([swatch, text]) => (
              <li key={swatch}>
                <span className={`swatch swatch--${swatch}`} aria-hidden="true" /> {text}
              </li>
            ))}
          </ul>
          {hasNational && <p>{fr.map.nationalNote}</p>}
        </div>
      )}
    </div>
  );
}
