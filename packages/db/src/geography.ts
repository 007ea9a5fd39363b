import { getCommune, getCommunesByPostcode, getDepartement, getRegion } from '@pare/geo';
import type { CreateActorInput, ErrorIssue, GeoPrecision } from '@pare/schema';
import type { TemporaryClosure } from './opening-hours.ts';

export type ResolvedSite = {
  label: string | null;
  address: string | null;
  postcode: string | null;
  communeCode: string | null;
  departementCode: string | null;
  lat: number;
  lng: number;
  precision: GeoPrecision;
  publicLat: number;
  publicLng: number;
  confidential: boolean;
  openingHours: string | null;
  accessibility: string | null;
  /** Closures and changes of the site, as given (the public view drops those that have ended). */
  temporaryClosures: TemporaryClosure[];
};

export type ResolvedTerritoryRow = { kind: 'region' | 'departement' | 'commune'; code: string; departement: string | null };

/**
 * Checks every territory code against the referential and places every site: its own
 * coordinates when given, else its commune's centre, else its postcode's main commune.
 * A confidential site's public position is its commune's centre, never its own.
 */
export function resolveActorGeography(input: CreateActorInput): {
  issues: ErrorIssue[];
  sites: ResolvedSite[];
  territory: ResolvedTerritoryRow[];
} {
  const issues: ErrorIssue[] = [];
  const territory: ResolvedTerritoryRow[] = [];
  const t = input.territory;
  if (t.scope !== 'national') {
    t.regions.forEach((code, i) => {
      if (!getRegion(code)) issues.push({ path: `territory.regions.${i}`, message: `Région inconnue : ${code}` });
      else territory.push({ kind: 'region', code, departement: null });
    });
    t.departements.forEach((code, i) => {
      if (!getDepartement(code)) issues.push({ path: `territory.departements.${i}`, message: `Département inconnu : ${code}` });
      else territory.push({ kind: 'departement', code, departement: code });
    });
    t.communes.forEach((code, i) => {
      const c = getCommune(code);
      if (!c) issues.push({ path: `territory.communes.${i}`, message: `Commune inconnue : ${code}` });
      else territory.push({ kind: 'commune', code: c.code, departement: c.departement });
    });
  }

  const sites: ResolvedSite[] = [];
  input.sites.forEach((s, i) => {
    let commune = s.commune_code ? getCommune(s.commune_code) : undefined;
    if (s.commune_code && !commune) {
      issues.push({ path: `sites.${i}.commune_code`, message: `Commune inconnue : ${s.commune_code}` });
      return;
    }
    let precision: GeoPrecision = 'commune';
    if (!commune && s.postcode) {
      const byPostcode = getCommunesByPostcode(s.postcode);
      if (byPostcode.length === 0) {
        issues.push({ path: `sites.${i}.postcode`, message: `Code postal inconnu : ${s.postcode}` });
        return;
      }
      commune = byPostcode[0];
      precision = 'postcode';
    }
    if (!commune) return; // the schema already requires commune_code or postcode
    if (s.postcode && commune && !commune.postcodes.includes(s.postcode)) {
      issues.push({ path: `sites.${i}.postcode`, message: `Le code postal ${s.postcode} ne correspond pas à ${commune.name}` });
      return;
    }
    const hasPoint = s.lat != null && s.lng != null;
    const lat = hasPoint ? (s.lat as number) : commune.lat;
    const lng = hasPoint ? (s.lng as number) : commune.lng;
    sites.push({
      label: s.label ?? null,
      address: s.address ?? null,
      postcode: s.postcode ?? (commune.postcodes.length === 1 ? (commune.postcodes[0] ?? null) : null),
      communeCode: commune.code,
      departementCode: commune.departement,
      lat,
      lng,
      precision: hasPoint ? 'address' : precision,
      publicLat: s.confidential ? commune.lat : lat,
      publicLng: s.confidential ? commune.lng : lng,
      confidential: s.confidential,
      openingHours: s.opening_hours?.trim() ? s.opening_hours.trim() : null,
      accessibility: s.accessibility ?? null,
      temporaryClosures: (s.temporary_closures ?? []).map((c) => ({
        starts_on: c.starts_on,
        ends_on: c.ends_on ?? null,
        message: c.message,
        closed: c.closed,
      })),
    });
  });
  input.contacts.forEach((c, i) => {
    if (c.site != null && c.site >= input.sites.length) {
      issues.push({ path: `contacts.${i}.site`, message: `Le lieu n° ${c.site} n’existe pas` });
    }
  });
  return { issues, sites, territory };
}
