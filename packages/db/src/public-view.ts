import { getCommune, getDepartement, getRegion } from '@pare/geo';
import type { PublicActor, PublicContact, PublicSite } from '@pare/schema';
import type { ActorRecord, SiteRecord } from './actors.ts';
import { currentClosures, type HoursPlace, hoursSchedule, hoursState, type TemporaryClosure } from './opening-hours.ts';

/** Who is looking. Anonymous visitors get the strictest view. */
export type Viewer = {
  /** Signed-in verified professionals and curators see contacts marked professionals-only. */
  seesProfessionalContacts: boolean;
};

export const ANONYMOUS: Viewer = { seesProfessionalContacts: false };

function placeRef(kind: 'commune' | 'departement' | 'region', code: string | null): { code: string; name: string } | null {
  if (!code) return null;
  const found = kind === 'commune' ? getCommune(code) : kind === 'departement' ? getDepartement(code) : getRegion(code);
  return { code, name: found?.name ?? code };
}

export type PublicViewOptions = {
  /**
   * The instant the answer is for: with it, each site and contact says whether it is open then
   * (`open_now`), when that changes and its next 7 days (`week`). Without it (exports), only the
   * hours and the closures not yet ended.
   */
  at?: Date;
  /** With `at`: leave the 7 days out (a list of results shows the state only). Default: included. */
  week?: boolean;
};

/** What the hours say at `at`, for a site or a line. */
function hoursNow(value: string | null, closures: readonly TemporaryClosure[], place: HoursPlace, options: PublicViewOptions) {
  const at = options.at;
  if (!at) return {};
  const state = hoursState(value, closures, at, place);
  return options.week === false ? state : { ...state, week: hoursSchedule(value, closures, at, place) };
}

function publicSite(s: SiteRecord, options: PublicViewOptions): PublicSite {
  if (s.confidential) {
    // Only what a visitor may know: the commune (and its centre), never the street, postcode,
    // label, hours or exact point. `publicLat/Lng` already hold the commune's centre.
    return {
      id: s.id,
      confidential: true,
      label: null,
      address: null,
      postcode: null,
      commune: placeRef('commune', s.communeCode),
      departement: placeRef('departement', s.departementCode),
      lat: s.publicLat,
      lng: s.publicLng,
      precision: s.communeCode ? 'commune' : 'departement',
      opening_hours: null,
      accessibility: null,
      temporary_closures: [],
      ...(options.at ? { open_now: null, next_change: null, ...(options.week === false ? {} : { week: [] }) } : {}),
    };
  }
  const place = { departement: s.departementCode };
  return {
    id: s.id,
    confidential: false,
    label: s.label,
    address: s.address,
    postcode: s.postcode,
    commune: placeRef('commune', s.communeCode),
    departement: placeRef('departement', s.departementCode),
    lat: s.publicLat,
    lng: s.publicLng,
    precision: s.precision,
    opening_hours: s.openingHours,
    accessibility: s.accessibility,
    temporary_closures: currentClosures(s.temporaryClosures, options.at ?? new Date(), place),
    ...hoursNow(s.openingHours, s.temporaryClosures, place, options),
  };
}

/**
 * The one function that makes what leaves the API about an actor. Every public response,
 * export and page goes through it: confidential sites lose their address, exact point and
 * direct contacts; professionals-only contacts are kept only for viewers allowed to see them;
 * the referent e-mail, SIRET and curation fields never come out.
 */
export function publicView(actor: ActorRecord, viewer: Viewer = ANONYMOUS, options: PublicViewOptions = {}): PublicActor {
  const confidentialSiteIds = new Set(actor.sites.filter((s) => s.confidential).map((s) => s.id));
  const siteDepartement = new Map(actor.sites.map((s) => [s.id, s.departementCode]));
  // A line not tied to a site keeps the time of the actor's first site (Europe/Paris when none).
  const actorDepartement = actor.sites[0]?.departementCode ?? null;
  const contacts: PublicContact[] = actor.contacts
    .filter((c) => !(c.siteId !== null && confidentialSiteIds.has(c.siteId)))
    .filter((c) => c.visibility === 'public' || viewer.seesProfessionalContacts)
    .map((c) => ({
      kind: c.kind,
      value: c.value,
      label: c.label,
      professional_only: c.visibility === 'professionnels',
      opening_hours: c.openingHours,
      ...(c.openingHours
        ? hoursNow(
            c.openingHours,
            [],
            { departement: (c.siteId !== null ? siteDepartement.get(c.siteId) : null) ?? actorDepartement },
            options,
          )
        : options.at
          ? { open_now: null, next_change: null }
          : {}),
    }));
  return {
    id: actor.id,
    slug: actor.slug,
    name: actor.name,
    type: actor.type,
    description: actor.description,
    publics: actor.publics,
    actions: actor.actions,
    territory: {
      scope: actor.territory.scope,
      regions: actor.territory.regions.map((c) => placeRef('region', c)).filter((p) => p !== null),
      departements: actor.territory.departements.map((c) => placeRef('departement', c)).filter((p) => p !== null),
      communes: actor.territory.communes.map((c) => placeRef('commune', c)).filter((p) => p !== null),
    },
    languages: actor.languages,
    accepts_contact_requests: actor.acceptsContactRequests,
    sites: actor.sites.map((s) => publicSite(s, options)),
    contacts,
    provenance: {
      source_url: actor.sourceUrl,
      last_verified_at: actor.lastVerifiedAt,
      verified_by: actor.verifiedBy,
    },
    updated_at: actor.updatedAt,
  };
}
