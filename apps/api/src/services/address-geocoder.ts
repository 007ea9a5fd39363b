/**
 * The optional online address geocoder: the Base Adresse Nationale's API
 * (https://api-adresse.data.gouv.fr/search/) or any server answering the same GeoJSON, set by
 * PARE_GEOCODER_URL. Off by default: without it, sites are placed at their commune's centre from
 * the embedded referential, and nothing here is ever called. Only the address typed by a curator
 * and the commune code leave the server, never anything about a person.
 */
export type AddressPoint = { lat: number; lng: number; label: string; score: number };

type BanFeature = {
  geometry?: { coordinates?: [number, number] };
  properties?: { label?: string; score?: number; citycode?: string; type?: string };
};

/** Below this BAN score the match is too doubtful to move a pin: the commune centre is kept. */
export const MIN_SCORE = 0.5;

export async function geocodeAddress(
  baseUrl: string,
  q: { address: string; communeCode: string },
  fetchImpl: typeof fetch = fetch,
): Promise<AddressPoint | undefined> {
  const url = new URL(baseUrl);
  url.searchParams.set('q', q.address);
  url.searchParams.set('citycode', q.communeCode);
  url.searchParams.set('limit', '1');
  try {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { features?: BanFeature[] };
    const f = body.features?.[0];
    const [lng, lat] = f?.geometry?.coordinates ?? [];
    const score = f?.properties?.score ?? 0;
    // The point must be in the commune the curator chose, and plausibly the address they typed.
    if (typeof lat !== 'number' || typeof lng !== 'number' || f?.properties?.citycode !== q.communeCode || score < MIN_SCORE)
      return undefined;
    return { lat, lng, label: f.properties?.label ?? q.address, score };
  } catch {
    return undefined; // unreachable or malformed: the commune centre serves
  }
}
