/** Loads the embedded base map style from our API, or falls back to a plain background so the map always mounts. */
import type { StyleSpecification } from 'maplibre-gl';
import { mapClient, read } from '../../lib/client.ts';
import { FALLBACK_STYLE } from './layers.ts';

/** MapLibre wants absolute URLs; the style may give paths on our origin (`/api/map/...`). */
/**
 * Relative paths get our origin. So do absolute URLs to our own map routes (`/api/map/…`): the
 * API writes them from the Host it saw, which behind a reverse proxy may not be the browser's origin.
 */
function absolute(url: string, origin: string): string {
  if (url.startsWith('/') && !url.startsWith('//')) return `${origin}${url}`;
  try {
    const u = new URL(url);
    if (u.origin !== origin && u.pathname.startsWith('/api/map/')) return `${origin}${u.pathname}${u.search}`;
  } catch {
    // Not a URL: left as is, and refused below.
  }
  return url;
}

function isSameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url, `${origin}/`).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Makes the style's URLs absolute and drops any source, glyphs or sprite pointing outside our
 * origin: public pages must never call another server.
 */
export function localizeStyle(style: StyleSpecification, origin: string = window.location.origin): StyleSpecification {
  // Our own server may name the hosts of an online style a deployment configured
  // (PARE_MAP_STYLE_URL); its Content-Security-Policy allows exactly those.
  const meta = (style.metadata ?? {}) as Record<string, unknown>;
  const allowed = Array.isArray(meta['pare:allowed-origins'])
    ? meta['pare:allowed-origins'].filter((o): o is string => typeof o === 'string')
    : [];
  const same = (url: string) => isSameOrigin(url, origin) || allowed.some((o) => isSameOrigin(url, o));
  const abs = (url: string) => absolute(url, origin);
  const out: StyleSpecification = { ...style, sources: {} };
  const dropped = new Set<string>();
  for (const [id, source] of Object.entries(style.sources ?? {})) {
    const s = { ...source } as Record<string, unknown>;
    let ok = true;
    if (typeof s.url === 'string') {
      s.url = abs(s.url);
      ok &&= same(s.url as string);
    }
    if (Array.isArray(s.tiles)) {
      s.tiles = s.tiles.map((t) => (typeof t === 'string' ? abs(t) : t));
      ok &&= (s.tiles as unknown[]).every((t) => typeof t === 'string' && same(t));
    }
    if (typeof s.data === 'string') {
      s.data = abs(s.data);
      ok &&= same(s.data as string);
    }
    if (ok) out.sources[id] = s as unknown as StyleSpecification['sources'][string];
    else dropped.add(id);
  }
  out.layers = style.layers.filter((l) => !('source' in l) || typeof l.source !== 'string' || !dropped.has(l.source));
  if (typeof style.glyphs === 'string') {
    const glyphs = abs(style.glyphs);
    if (same(glyphs.replace(/[{}]/g, ''))) out.glyphs = glyphs;
    else delete out.glyphs;
  }
  if (typeof style.sprite === 'string') {
    const sprite = abs(style.sprite);
    if (same(sprite)) out.sprite = sprite;
    else delete out.sprite;
  } else if (style.sprite !== undefined) delete out.sprite;
  return out;
}

/**
 * A MapLibre style, as far as the map needs to trust it. The route types its answer only as an
 * object (`@pare/geo` builds the style as one, MapLibre's types stay out of the server): checked here.
 */
function isStyle(style: unknown): style is StyleSpecification {
  if (typeof style !== 'object' || style === null) return false;
  const s = style as Partial<StyleSpecification>;
  return s.version === 8 && Array.isArray(s.layers) && typeof s.sources === 'object';
}

export async function loadBaseStyle(signal?: AbortSignal): Promise<StyleSpecification> {
  try {
    const style = await read(mapClient['style.json'].$get(undefined, { init: signal ? { signal } : {} }));
    if (isStyle(style)) return localizeStyle(style);
  } catch {
    // Not served yet, or broken: the results still show on a plain background.
  }
  return FALLBACK_STYLE;
}
