/**
 * The Open Referral HSDS 3.0 view of the directory: one organization and one service per
 * published actor, a location per site. Built from the public view only; confidential sites
 * become a location with a commune-level name and no address nor coordinates.
 * The mapping is documented in docs/open-data.md.
 */
import { type actorSearch, type Db, hoursInFrench, timeZoneOf, wallClock, weeklyHours } from '@pare/db';
import { getCommune, getRegion } from '@pare/geo';
import { ACTION_LABELS, ACTOR_TYPE_LABELS, PUBLIC_LABELS, type PublicActor, type PublicSite } from '@pare/schema';
import {
  actorIdsAfter,
  actorPageUrl,
  contactValues,
  countPublishedActors,
  findPublishedActor,
  type OpenDataDeps,
  publishedActorsByIds,
  publishedActorsPage,
} from './public-actors.ts';
import { uuidV5 } from './uuid.ts';

export const HSDS_VERSION = '3.0';

export type HsdsDeps = OpenDataDeps & { search: Pick<ReturnType<typeof actorSearch>, 'searchActors'> };

/** An HSDS record: plain JSON. Absent values are left out, never null (HSDS types them as strings). */
export type HsdsRecord = { [key: string]: unknown };

/** The stable identifiers: UUID v5 of a name made from our own ids. Recomputable by anyone. */
export const hsdsId = {
  organization: (actorId: number) => uuidV5(`organization:${actorId}`),
  service: (actorId: number) => uuidV5(`service:${actorId}`),
  location: (siteId: number) => uuidV5(`location:${siteId}`),
  address: (siteId: number) => uuidV5(`address:${siteId}`),
  serviceAtLocation: (actorId: number, siteId: number) => uuidV5(`service_at_location:${actorId}:${siteId}`),
  phone: (owner: 'organization' | 'service', actorId: number, number: string) => uuidV5(`phone:${owner}:${actorId}:${number}`),
  language: (actorId: number, code: string) => uuidV5(`language:${actorId}:${code}`),
  serviceArea: (actorId: number, kind: string, code: string) => uuidV5(`service_area:${actorId}:${kind}:${code}`),
  attribute: (actorId: number, taxonomy: string, code: string) => uuidV5(`attribute:${actorId}:${taxonomy}:${code}`),
  taxonomyTerm: (taxonomy: string, code: string) => uuidV5(`taxonomy_term:${taxonomy}:${code}`),
};

/** Drops null and undefined values, so optional HSDS fields are absent rather than null. */
function compact<T extends HsdsRecord>(record: T): T {
  for (const key of Object.keys(record)) if (record[key] === null || record[key] === undefined) delete record[key];
  return record;
}

function description(actor: PublicActor): string {
  return actor.description.trim() || ACTOR_TYPE_LABELS[actor.type];
}

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(['fr'], { type: 'language' });
  } catch {
    return undefined;
  }
})();

function languageName(code: string): string {
  try {
    return languageNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

function phones(actor: PublicActor, owner: 'organization' | 'service', ownerId: string): HsdsRecord[] {
  return actor.contacts
    .filter((c) => (c.kind === 'phone' || c.kind === 'sms') && !c.professional_only)
    .map((c) =>
      compact({
        id: hsdsId.phone(owner, actor.id, `${c.kind}:${c.value}`),
        [owner === 'organization' ? 'organization_id' : 'service_id']: ownerId,
        number: c.value,
        type: c.kind === 'sms' ? 'text' : 'voice',
        description: c.label,
      }),
    );
}

/**
 * A postcode for the address: the site's own, or its commune's when the commune has only one.
 * Otherwise an empty string: HSDS requires the field, and guessing among a city's postcodes
 * would publish a wrong one.
 */
const ICAL_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** « +01:00 »: the zone's offset at the time of the export (exports are made on request). */
function offsetNow(timeZone: string): string {
  const now = new Date();
  const w = wallClock(now, timeZone);
  const minutes = Math.round((Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(now.getTime() / 1000) * 1000) / 60000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * HSDS schedules of hours in the OSM syntax: one WEEKLY rule per opening interval and the days
 * sharing it (`byday`), times with the zone's offset; the hours in French words as the description
 * (public holidays and comments included). Hours that change from week to week get the
 * description only.
 */
function hsdsSchedules(
  value: string | null,
  owner: { location_id: string } | { service_id: string },
  idBase: string,
  departement: string | null,
  label?: string | null,
): HsdsRecord[] | undefined {
  if (!value) return undefined;
  const zone = timeZoneOf({ departement });
  const offset = offsetNow(zone);
  const french = hoursInFrench(value);
  const description = label ? `${label} : ${french}` : french;
  const weekly = weeklyHours(value, { departement });
  if (!weekly || weekly.length === 0) return [{ id: uuidV5(`${idBase}:0`), ...owner, description }];
  const groups = new Map<string, number[]>();
  for (const i of weekly) {
    const key = `${i.from}-${i.to}`;
    groups.set(key, [...(groups.get(key) ?? []), i.weekday]);
  }
  return [...groups].map(([range, days], n) => {
    const [from, to] = range.split('-') as [string, string];
    return {
      id: uuidV5(`${idBase}:${n}`),
      ...owner,
      freq: 'WEEKLY',
      wkst: 'MO',
      byday: days.map((d) => ICAL_DAYS[d]).join(','),
      opens_at: `${from}${offset}`,
      closes_at: `${to === '24:00' ? '23:59' : to}${offset}`,
      description,
    };
  });
}

function postcodeOf(site: PublicSite): string {
  if (site.postcode) return site.postcode;
  const postcodes = site.commune ? getCommune(site.commune.code)?.postcodes : undefined;
  return postcodes?.length === 1 ? (postcodes[0] ?? '') : '';
}

const PRECISION_NOTE: Record<string, string | null> = {
  address: null,
  commune: 'Coordonnées approchées : centre de la commune.',
  postcode: 'Coordonnées approchées : centre du code postal.',
  departement: 'Coordonnées approchées : centre du département.',
};

/**
 * A site as an HSDS location. A confidential site keeps only its commune (in the name): no
 * address, no coordinates, no hours — HSDS coordinates mean "the place is here", and even the
 * commune's centre would put a pin on a map.
 */
export function hsdsLocation(actor: PublicActor, site: PublicSite, origin: string): HsdsRecord {
  const id = hsdsId.location(site.id);
  const organizationId = hsdsId.organization(actor.id);
  if (site.confidential) {
    const where = site.commune?.name ?? site.departement?.name;
    return compact({
      id,
      location_type: 'physical',
      organization_id: organizationId,
      name: where ? `Lieu confidentiel – ${where}` : 'Lieu confidentiel',
      description:
        'Adresse non communiquée au public, pour la sécurité des personnes accueillies. Pour joindre ce lieu, faites une demande de contact depuis la fiche de l’acteur : l’équipe PARÉ la transmet.',
      url: actorPageUrl(origin, actor.slug),
    });
  }
  const postcode = postcodeOf(site);
  const communeName = site.commune?.name;
  const departementName = site.departement?.name;
  const regionCode = site.commune ? getCommune(site.commune.code)?.region : undefined;
  const addresses =
    site.address && communeName && departementName
      ? [
          compact({
            id: hsdsId.address(site.id),
            location_id: id,
            address_1: site.address,
            city: communeName,
            region: regionCode ? getRegion(regionCode)?.name : undefined,
            state_province: departementName,
            postal_code: postcode,
            country: 'FR',
            address_type: 'physical',
          }),
        ]
      : undefined;
  return compact({
    id,
    location_type: 'physical',
    organization_id: organizationId,
    name: site.label ?? (communeName ? `${actor.name} – ${communeName}` : actor.name),
    description: PRECISION_NOTE[site.precision] ?? undefined,
    latitude: site.lat,
    longitude: site.lng,
    addresses,
    schedules: hsdsSchedules(site.opening_hours, { location_id: id }, `schedule:${site.id}`, site.departement?.code ?? null),
    accessibility: site.accessibility
      ? [{ id: uuidV5(`accessibility:${site.id}`), location_id: id, description: site.accessibility }]
      : undefined,
  });
}

function serviceAreas(actor: PublicActor): HsdsRecord[] {
  const serviceId = hsdsId.service(actor.id);
  if (actor.territory.scope === 'national') {
    return [
      {
        id: hsdsId.serviceArea(actor.id, 'pays', 'FR'),
        service_id: serviceId,
        name: 'France entière',
        description: 'Tout le territoire national, outre-mer compris.',
      },
    ];
  }
  const areas = [
    ...actor.territory.regions.map((p) => ({ kind: 'region', label: 'Région', ...p })),
    ...actor.territory.departements.map((p) => ({ kind: 'departement', label: 'Département', ...p })),
    ...actor.territory.communes.map((p) => ({ kind: 'commune', label: 'Commune', ...p })),
  ];
  return areas.map((a) => ({
    id: hsdsId.serviceArea(actor.id, a.kind, a.code),
    service_id: serviceId,
    name: `${a.name} (${a.code})`,
    description: `${a.label}, code officiel géographique (INSEE) ${a.code}.`,
  }));
}

function attributes(actor: PublicActor): HsdsRecord[] {
  const serviceId = hsdsId.service(actor.id);
  const terms = [
    ...actor.publics.map((code) => ({ taxonomy: 'publics', code, name: PUBLIC_LABELS[code] })),
    ...actor.actions.map((code) => ({ taxonomy: 'actions', code, name: ACTION_LABELS[code] })),
    { taxonomy: 'types', code: actor.type, name: ACTOR_TYPE_LABELS[actor.type] },
  ];
  return terms.map((t) => {
    const termId = hsdsId.taxonomyTerm(t.taxonomy, t.code);
    return {
      id: hsdsId.attribute(actor.id, t.taxonomy, t.code),
      link_id: serviceId,
      link_type: t.taxonomy,
      link_entity: 'service',
      taxonomy_term_id: termId,
      value: t.code,
      taxonomy_term: { id: termId, code: t.code, name: t.name, description: t.name, taxonomy: `PARÉ – ${t.taxonomy}`, language: 'fr' },
    };
  });
}

/** The one-to-one fields of an actor's service (what a paged list carries). */
export function hsdsServiceSummary(actor: PublicActor): HsdsRecord {
  return compact({
    id: hsdsId.service(actor.id),
    organization_id: hsdsId.organization(actor.id),
    name: actor.name,
    description: description(actor),
    url: contactValues(actor, 'website')[0],
    email: contactValues(actor, 'email')[0],
    status: 'active',
    eligibility_description: `Publics : ${actor.publics.map((p) => PUBLIC_LABELS[p]).join(', ')}.`,
    assured_date: actor.provenance.last_verified_at,
    last_modified: actor.updated_at,
  });
}

function lineSchedules(actor: PublicActor, serviceId: string): HsdsRecord[] | undefined {
  const departement = actor.sites[0]?.departement?.code ?? null;
  const schedules = actor.contacts
    .filter((c) => c.opening_hours && !c.professional_only)
    .flatMap(
      (c) =>
        hsdsSchedules(
          c.opening_hours,
          { service_id: serviceId },
          `schedule:${actor.id}:${c.kind}:${c.value}`,
          departement,
          c.label ?? c.value,
        ) ?? [],
    );
  return schedules.length > 0 ? schedules : undefined;
}

/** The fully nested service: phones, areas, locations, languages, taxonomy terms and (unless nested in its organization) the organization. */
export function hsdsService(
  actor: PublicActor,
  origin: string,
  options: { withOrganization: boolean } = { withOrganization: true },
): HsdsRecord {
  const serviceId = hsdsId.service(actor.id);
  return compact({
    ...hsdsServiceSummary(actor),
    phones: phones(actor, 'service', serviceId),
    // A line's own hours (the 119: 24/7) are the service's: HSDS phones carry no schedule.
    schedules: lineSchedules(actor, serviceId),
    service_areas: serviceAreas(actor),
    service_at_locations: actor.sites.map((site) => ({
      id: hsdsId.serviceAtLocation(actor.id, site.id),
      service_id: serviceId,
      location_id: hsdsId.location(site.id),
      location: hsdsLocation(actor, site, origin),
    })),
    languages: actor.languages.map((code) => ({
      id: hsdsId.language(actor.id, code),
      service_id: serviceId,
      name: languageName(code),
      code,
    })),
    attributes: attributes(actor),
    organization: options.withOrganization ? hsdsOrganization(actor, origin, { services: 'none' }) : undefined,
  });
}

/** The one-to-one fields of an actor as an organization. */
export function hsdsOrganizationSummary(actor: PublicActor, origin: string): HsdsRecord {
  return compact({
    id: hsdsId.organization(actor.id),
    name: actor.name,
    description: description(actor),
    email: contactValues(actor, 'email')[0],
    website: contactValues(actor, 'website')[0],
    uri: actorPageUrl(origin, actor.slug),
  });
}

/** The nested organization, with its service as a summary, fully nested, or not at all. */
export function hsdsOrganization(actor: PublicActor, origin: string, options: { services: 'none' | 'summary' | 'full' }): HsdsRecord {
  const organizationId = hsdsId.organization(actor.id);
  return compact({
    ...hsdsOrganizationSummary(actor, origin),
    phones: phones(actor, 'organization', organizationId),
    locations: actor.sites.map((site) => hsdsLocation(actor, site, origin)),
    services:
      options.services === 'none'
        ? undefined
        : [options.services === 'full' ? hsdsService(actor, origin, { withOrganization: false }) : hsdsServiceSummary(actor)],
  });
}

/** The paging envelope of the HSDS API (components/schemas/Page of its OpenAPI description). */
export type HsdsPage = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: HsdsRecord[];
};

export function hsdsPage(contents: HsdsRecord[], totalItems: number, page: number, perPage: number): HsdsPage {
  const totalPages = Math.ceil(totalItems / perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export type HsdsListQuery = { page: number; per_page: number; search?: string | undefined };

/** A page of published actors: in id order (stable for harvesting), or by relevance for a search. */
function actorsPage(deps: HsdsDeps, q: HsdsListQuery): { total: number; actors: PublicActor[] } {
  const offset = (q.page - 1) * q.per_page;
  if (q.search?.trim()) {
    const { total, hits } = deps.search.searchActors({ text: q.search, limit: q.per_page, offset });
    return {
      total,
      actors: publishedActorsByIds(
        deps,
        hits.map((h) => h.id),
      ),
    };
  }
  return { total: countPublishedActors(deps.db), actors: publishedActorsPage(deps, offset, q.per_page) };
}

/** `GET /services`: one-to-one fields, or fully nested with `full`. */
export function listHsdsServices(deps: HsdsDeps, q: HsdsListQuery & { full: boolean }, origin: string): HsdsPage {
  const { total, actors } = actorsPage(deps, q);
  return hsdsPage(
    actors.map((a) => (q.full ? hsdsService(a, origin) : hsdsServiceSummary(a))),
    total,
    q.page,
    q.per_page,
  );
}

/** `GET /organizations`: one-to-one fields, or nested with `full` (its service as a summary, or in full with `full_service`). */
export function listHsdsOrganizations(
  deps: HsdsDeps,
  q: HsdsListQuery & { full: boolean; full_service: boolean },
  origin: string,
): HsdsPage {
  const { total, actors } = actorsPage(deps, q);
  const contents = actors.map((a) =>
    q.full || q.full_service
      ? hsdsOrganization(a, origin, { services: q.full_service ? 'full' : 'summary' })
      : hsdsOrganizationSummary(a, origin),
  );
  return hsdsPage(contents, total, q.page, q.per_page);
}

type UuidIndex = { organizations: Map<string, number>; services: Map<string, number>; lastId: number };
const uuidIndexes = new WeakMap<Db, UuidIndex>();

/**
 * The actor a UUID was derived from. UUID v5 is one-way, so ids are indexed once per process
 * and the index grows with new actors on a miss (an index range query, cheap when nothing is new).
 */
export function actorIdForHsdsId(db: Db, kind: 'organization' | 'service', uuid: string): number | undefined {
  const key = uuid.toLowerCase();
  let index = uuidIndexes.get(db);
  if (!index) {
    index = { organizations: new Map(), services: new Map(), lastId: 0 };
    uuidIndexes.set(db, index);
  }
  const map = kind === 'organization' ? index.organizations : index.services;
  const known = map.get(key);
  if (known !== undefined) return known;
  for (const id of actorIdsAfter(db, index.lastId)) {
    index.organizations.set(hsdsId.organization(id), id);
    index.services.set(hsdsId.service(id), id);
    index.lastId = id;
  }
  return map.get(key);
}

/** `GET /services/{id}`: the fully nested service, or undefined. */
export function getHsdsService(deps: HsdsDeps, uuid: string, origin: string): HsdsRecord | undefined {
  const actorId = actorIdForHsdsId(deps.db, 'service', uuid);
  const actor = actorId === undefined ? undefined : findPublishedActor(deps, actorId);
  return actor ? hsdsService(actor, origin) : undefined;
}

/** `GET /organizations/{id}`: the nested organization with its service (a summary, or in full). */
export function getHsdsOrganization(deps: HsdsDeps, uuid: string, origin: string, fullService: boolean): HsdsRecord | undefined {
  const actorId = actorIdForHsdsId(deps.db, 'organization', uuid);
  const actor = actorId === undefined ? undefined : findPublishedActor(deps, actorId);
  return actor ? hsdsOrganization(actor, origin, { services: fullService ? 'full' : 'summary' }) : undefined;
}
