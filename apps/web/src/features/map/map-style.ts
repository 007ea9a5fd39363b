/** Loads the embedded base map style from our API, or falls back to a plain background so the map always mounts. */
import type { StyleSpecification } from 'maplibre-gl';
import { apiGet } from '../../lib/api.ts';
import { FALLBACK_STYLE } from './layers.ts';

/** MapLibre wants absolute URLs; the style may give paths on our origin (`/api/map/...`). */
function absolute(url: string): string {
  if (url.startsWith('/') && !url.startsWith('//')) return `${window.location.origin}${url}`;
  return url;
}

function isSameOrigin(url: string): boolean {
  try {
    return new URL(url, window.location.href).origin === window.location.origin;
  } catch {
    return false;
  }
}

/**
 * Makes the style's URLs absolute and drops any source, glyphs or sprite pointing outside our
 * origin: public pages must never call another server.
 */
export function localizeStyle(style: StyleSpecification): StyleSpecification {
  const out: StyleSpecification = { ...style, sources: {} };
  const dropped = new Set<string>();
  for (const [id, source] of Object.entries(style.sources ?? {})) {
    const s = { ...source } as Record<string, unknown>;
    let ok = true;
    if (typeof s.url === 'string') {
      ok &&= isSameOrigin(s.url);
      s.url = absolute(s.url);
    }
    if (Array.isArray(s.tiles)) {
      ok &&= s.tiles.every((t) => typeof t === 'string' && isSameOrigin(t));
      s.tiles = s.tiles.map((t) => (typeof t === 'string' ? absolute(t) : t));
    }
    if (typeof s.data === 'string') {
      ok &&= isSameOrigin(s.data);
      s.data = absolute(s.data);
    }
    if (ok) out.sources[id] = s as unknown as StyleSpecification['sources'][string];
    else dropped.add(id);
  }
  out.layers = style.layers.filter((l) => !('source' in l) || typeof l.source !== 'string' || !dropped.has(l.source));
  if (typeof style.glyphs === 'string') {
    if (isSameOrigin(style.glyphs.replace(/[{}]/g, ''))) out.glyphs = absolute(style.glyphs);
    else delete out.glyphs;
  }
  if (typeof style.sprite === 'string') {
    if (isSameOrigin(style.sprite)) out.sprite = absolute(style.sprite);
    else delete out.sprite;
  } else if (style.sprite !== undefined) delete out.sprite;
  return out;
}

export async function loadBaseStyle(signal?: AbortSignal): Promise<StyleSpecification> {
  try {
    const style = await apiGet<StyleSpecification>('/map/style.json', undefined, signal);
    if (style && style.version === 8 && Array.isArray(style.layers) && typeof style.sources === 'object') return localizeStyle(style);
  } catch {
    // Not served yet, or broken: the results still show on a plain background.
  }
  return FALLBACK_STYLE;
}
