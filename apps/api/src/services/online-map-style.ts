import type { Logger } from '../lib/logger.ts';

/**
 * An online vector style (PARE_MAP_STYLE_URL) for deployments that have a tile service. It is
 * fetched once at start by the server, served from our own /api/map/style.json, and its hosts
 * are the only outside origins the Content-Security-Policy then allows. Without it, or when it
 * cannot be fetched, the embedded base map is used: the directory never depends on it.
 */
export type OnlineMapStyle = { style: Record<string, unknown>; origins: string[] };

/** Every http(s) origin a style refers to: sources (url, tiles, data), glyphs, sprite. */
export function styleOrigins(style: Record<string, unknown>, styleUrl: string): string[] {
  const urls: string[] = [styleUrl];
  const sources = (style.sources ?? {}) as Record<string, Record<string, unknown>>;
  for (const source of Object.values(sources)) {
    if (typeof source.url === 'string') urls.push(source.url);
    if (typeof source.data === 'string') urls.push(source.data);
    if (Array.isArray(source.tiles)) urls.push(...source.tiles.filter((t): t is string => typeof t === 'string'));
  }
  if (typeof style.glyphs === 'string') urls.push(style.glyphs);
  if (typeof style.sprite === 'string') urls.push(style.sprite);
  const origins = new Set<string>();
  for (const u of urls) {
    try {
      const parsed = new URL(u.replace(/[{}]/g, ''), styleUrl);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') origins.add(parsed.origin);
    } catch {
      // Not a URL (mapbox:// and the like): MapLibre cannot load it either.
    }
  }
  return [...origins].sort();
}

/** Fetches the online style; undefined (and one log line) when it is unreachable or not a style. */
export async function fetchOnlineMapStyle(url: string, log: Logger, fetchImpl: typeof fetch = fetch): Promise<OnlineMapStyle | undefined> {
  try {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const style = (await res.json()) as Record<string, unknown>;
    if (style.version !== 8 || !Array.isArray(style.layers)) throw new Error('not a MapLibre style (version 8)');
    // Relative URLs in the style are relative to where it came from, not to our origin.
    const sources = (style.sources ?? {}) as Record<string, Record<string, unknown>>;
    for (const s of Object.values(sources)) {
      if (typeof s.url === 'string') s.url = new URL(s.url, url).href;
      if (Array.isArray(s.tiles)) s.tiles = s.tiles.map((t) => (typeof t === 'string' ? decodeURI(new URL(t, url).href) : t));
    }
    const origins = styleOrigins(style, url);
    style.metadata = { ...(style.metadata as object | undefined), 'pare:allowed-origins': origins };
    return { style, origins };
  } catch (err) {
    log.error('map: online style unavailable, using the embedded base map', { error: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}
