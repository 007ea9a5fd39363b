/** The orientation engine: from who asks, where, what for and how urgently, whom to contact and why. */
import type {
  Action,
  OrientationNotice,
  OrientationPlace,
  OrientationProfile,
  OrientationResult,
  PublicActor,
  PublicSite,
  Recommendation,
  RecommendationGroup,
  RouteOrientationInput,
} from '@pare/schema';
import { PROFILE_TO_PUBLIC, RECOMMENDATION_GROUPS, UNKNOWN_NEED } from '@pare/schema';
import { chooseChannel } from './channel.ts';
import { distanceKm, roundKm } from './distance.ts';
import {
  ACTION_PREFERENCE,
  EMERGENCY_ONLY_SLUGS,
  EMERGENCY_ORDER,
  EMERGENCY_SLUGS,
  GENERAL_ACTIONS,
  isBoundToTerritory,
  isCrip,
  MAX_RECOMMENDATIONS,
  NATIONAL_RESERVED,
  NEAR_KM,
  REACH_KM,
} from './rules.ts';
import type { NoticeText, WhereFacts } from './texts.ts';
import { orientationTexts as texts } from './texts.ts';

/**
 * How close an actor is to the person, from 0 (their commune or a site within NEAR_KM) to 4
 * (a national actor). It decides the group and, inside a group, comes before the distance.
 */
type Placement = {
  rank: 0 | 1 | 2 | 3 | 4;
  where: WhereFacts;
  /** The site that brings the actor close to the person, when a site does. */
  reachedSite: PublicSite | undefined;
  distanceKm: number | undefined;
};

type Candidate = {
  actor: PublicActor;
  placement: Placement;
  group: RecommendationGroup;
  /** 0: offers a need; 1: offers none but listens and orients (see GENERAL_ACTIONS). */
  tier: 0 | 1;
  reason: string;
  channel: Recommendation['channel'];
};

const GROUP_INDEX = new Map<RecommendationGroup, number>(RECOMMENDATION_GROUPS.map((g, i) => [g, i]));

const byNameThenId = (a: PublicActor, b: PublicActor) => a.name.localeCompare(b.name, 'fr') || a.id - b.id;

/**
 * Orders the actors a person should contact, with a reason each and notices (emergency numbers,
 * legal reminders for professionals). Pure and deterministic: no I/O, no clock, no randomness; the
 * order of `candidates` does not matter.
 *
 * The caller resolves the place and passes every actor that could matter: the national ones and those
 * with a site or territory in or around the département (a neighbour's actors within REACH_KM count).
 * The engine filters by audience, place and needs; the actor objects are returned as given, not copied.
 */
export function routeOrientation(input: RouteOrientationInput, candidates: readonly PublicActor[]): OrientationResult {
  const actors = uniqueById(candidates).sort(byNameThenId);
  const bySlug = new Map(actors.map((a) => [a.slug, a]));
  const place = input.place;
  const recommendations: Recommendation[] = [];
  const notices: OrientationNotice[] = [];
  const placed = new Set<number>();
  const add = (r: Recommendation) => {
    recommendations.push(r);
    placed.add(r.actor.id);
  };

  // 1. Danger first, whatever the profile and needs: the numbers that send help now.
  if (input.urgency === 'danger-immediat') {
    for (const slug of EMERGENCY_ORDER) {
      const actor = bySlug.get(slug);
      if (!actor) continue;
      add({
        actor,
        reason: texts.emergencyReasons[slug] ?? '',
        // The 114 is reached by SMS: it is the number for those who cannot speak.
        channel: slug === EMERGENCY_SLUGS.sms ? 'ecrire' : 'appeler',
        group: 'urgence',
      });
    }
    // Also as text: the numbers stay on screen even if the directory lacks those entries.
    notices.push(notice('numeros-urgence', texts.notices.dangerNow));
  } else {
    notices.push(notice('numeros-urgence', texts.notices.ifDanger));
  }
  if (!place) notices.push(notice('lieu-inconnu', texts.notices.unknownPlace));

  // 1b. A young person without a safe place tonight: the 115 first, with the 119 that can shelter a minor.
  const wantsShelter = input.needs.includes('hebergement') && input.profile === 'jeune' && input.urgency !== 'information';
  if (wantsShelter) {
    const line115 = bySlug.get(EMERGENCY_SLUGS.shelter);
    if (line115 && !placed.has(line115.id)) {
      add({ actor: line115, reason: texts.emergencyReasons[EMERGENCY_SLUGS.shelter] ?? '', channel: 'appeler', group: 'abri' });
    }
    const line119 = bySlug.get(EMERGENCY_SLUGS.childInDanger);
    if (line119 && !placed.has(line119.id)) add({ actor: line119, reason: texts.shelterWith119, channel: 'appeler', group: 'abri' });
  }

  // 2. A professional with a worry has a legal channel: the CRIP of the département.
  if (place && input.profile === 'professionnel' && input.urgency !== 'information') {
    const crips = actors
      .filter((a) => isCrip(a) && a.territory.departements.some((d) => d.code === place.departement))
      .map((actor) => ({ actor, placement: placeActor(actor, place) }))
      .sort((a, b) => compareDistance(a.placement?.distanceKm, b.placement?.distanceKm) || byNameThenId(a.actor, b.actor));
    for (const { actor, placement } of crips) {
      const departementName = actor.territory.departements.find((d) => d.code === place.departement)?.name;
      add({
        actor,
        reason: texts.cripReason(departementName),
        channel: chooseChannel(actor, placement?.reachedSite).channel,
        group: 'signalement',
        ...distanceField(placement?.distanceKm),
      });
    }
    if (crips.length === 0) {
      notices.push(notice('crip-inconnue', texts.notices.noCrip));
      const line119 = bySlug.get(EMERGENCY_SLUGS.childInDanger);
      if (line119 && !placed.has(line119.id)) {
        add({ actor: line119, reason: texts.noCripReason, channel: 'appeler', group: 'signalement' });
      }
    }
    notices.push(notice('obligation-de-transmettre', texts.notices.obligationToReport));
    notices.push(notice('information-partagee', texts.notices.sharedInformation));
  }

  // 3. Everyone else who serves this person, here, for these needs.
  const audience = PROFILE_TO_PUBLIC[input.profile];
  const wanted = wantedActions(input.needs, input.profile);
  const ranked = actors
    .filter((a) => !placed.has(a.id) && !EMERGENCY_ONLY_SLUGS.has(a.slug) && a.publics.includes(audience))
    .map((a) => evaluate(a, input, wanted))
    .filter((c): c is Candidate => c !== undefined)
    .sort(compareCandidates);

  const local = ranked.filter((c) => c.group !== 'national' && c.group !== 'ecoute');
  // The 119 is the line for any worry about a child: first of the national lines, never cut for another.
  const national = ranked
    .filter((c) => c.group === 'national')
    .sort((a, b) => Number(b.actor.slug === EMERGENCY_SLUGS.childInDanger) - Number(a.actor.slug === EMERGENCY_SLUGS.childInDanger));

  // Those who offer none of the needs named but listen and orient: after everyone who offers one.
  const listening = ranked.filter((c) => c.group === 'ecoute');
  if (local.length === 0) {
    // Local actors that listen but offer none of the needs: say what is missing, not that nobody is there.
    const listeningNearby = listening.some((c) => c.placement.rank < 4);
    notices.push(
      listeningNearby
        ? notice('besoin-sans-acteur-local', texts.notices.noLocalActorForNeed)
        : notice('aucun-acteur-local', texts.notices.noLocalActor),
    );
  }

  // Emergency numbers and the CRIP are never cut; the rest fills the room left, keeping a few
  // national lines so a long local list does not hide the lines that answer at any hour.
  const room = Math.max(0, MAX_RECOMMENDATIONS - recommendations.length);
  const reserved = Math.min(NATIONAL_RESERVED, national.length, room);
  const localKept = local.slice(0, room - reserved);
  const nationalKept = national.slice(0, room - localKept.length);
  const listeningKept = listening.slice(0, room - localKept.length - nationalKept.length);
  for (const c of [...localKept, ...nationalKept, ...listeningKept]) {
    add({ actor: c.actor, reason: c.reason, channel: c.channel, group: c.group, ...distanceField(c.placement.distanceKm) });
  }

  return { recommendations, notices };
}

function evaluate(actor: PublicActor, input: RouteOrientationInput, wanted: WantedActions): Candidate | undefined {
  const placement = placeActor(actor, input.place);
  if (!placement) return undefined;

  const offered = wanted.ordered.filter((a) => actor.actions.includes(a));
  const general = GENERAL_ACTIONS[input.profile].filter((a) => actor.actions.includes(a));
  // Offering none of the needs and not even listening: not what the person came for.
  if (offered.length === 0 && general.length === 0) return undefined;
  const tier = offered.length > 0 ? 0 : 1;

  const { channel, note } = chooseChannel(actor, placement.reachedSite);
  const reason =
    texts.emergencyReasons[actor.slug] ??
    texts.reason({
      profile: input.profile,
      type: actor.type,
      action: tier === 0 ? offered[0] : general[0],
      // "Propose aussi" only names what the person asked for; with "je ne sais pas" it would list everything.
      alsoOffers: tier === 0 && !wanted.all ? offered.slice(1, 4) : [],
      where: placement.where,
      general: tier === 1,
      contactNote: note,
    });

  const group: RecommendationGroup =
    tier === 1 ? 'ecoute' : placement.rank === 0 ? 'proximite' : placement.rank === 4 ? 'national' : 'departement';
  return { actor, placement, group, tier, reason, channel };
}

/** Where the actor stands for this place, or undefined when it does not serve it at all. */
function placeActor(actor: PublicActor, place: OrientationPlace | undefined): Placement | undefined {
  const t = actor.territory;
  // No known place: only what answers everywhere.
  if (!place)
    return t.scope === 'national' ? { rank: 4, where: { kind: 'national' }, reachedSite: undefined, distanceKm: undefined } : undefined;
  const coversCommune = place.communeCode !== undefined && t.communes.some((c) => c.code === place.communeCode);
  const coveredDepartement = t.departements.find((d) => d.code === place.departement);
  const coveredRegion = t.regions.find((r) => r.code === place.region);
  const national = t.scope === 'national';

  // Département services cannot act outside their territory, however close their office is.
  if (isBoundToTerritory(actor) && !(coversCommune || coveredDepartement || coveredRegion || national)) return undefined;
  const sites = actor.sites;

  const nearest = nearestSite(sites, place);
  const km = nearest?.km;
  const siteInCommune = place.communeCode === undefined ? undefined : sites.find((s) => s.commune?.code === place.communeCode);
  const siteInDepartement =
    nearest?.site.departement?.code === place.departement ? nearest.site : sites.find((s) => s.departement?.code === place.departement);

  if (km !== undefined && km <= NEAR_KM && nearest) {
    // Within the person's own commune, "0,4 km" would measure between two commune centres: say the commune.
    const sameCommune = place.communeCode !== undefined && nearest.site.commune?.code === place.communeCode;
    const where: WhereFacts = sameCommune
      ? { kind: 'commune', communeName: siteName(nearest.site) }
      : { kind: 'distance', km, siteCommune: siteName(nearest.site) };
    return { rank: 0, where, reachedSite: nearest.site, distanceKm: km };
  }
  if (coversCommune) {
    return { rank: 0, where: { kind: 'commune', communeName: place.communeName }, reachedSite: undefined, distanceKm: km };
  }
  if (siteInCommune) {
    return { rank: 0, where: { kind: 'commune', communeName: siteName(siteInCommune) }, reachedSite: siteInCommune, distanceKm: km };
  }
  if (coveredDepartement || siteInDepartement) {
    // A distance is worth saying only to a site in the person's own département.
    const localSite = nearest?.site.departement?.code === place.departement ? nearest : undefined;
    return {
      rank: 1,
      where: {
        kind: 'departement',
        departementName: coveredDepartement?.name ?? siteInDepartement?.departement?.name,
        km: localSite?.km,
        siteCommune: localSite ? siteName(localSite.site) : undefined,
      },
      reachedSite: coveredDepartement ? undefined : siteInDepartement,
      distanceKm: km,
    };
  }
  if (km !== undefined && km <= REACH_KM && nearest) {
    return { rank: 2, where: { kind: 'distance', km, siteCommune: siteName(nearest.site) }, reachedSite: nearest.site, distanceKm: km };
  }
  if (coveredRegion) {
    return { rank: 3, where: { kind: 'region', regionName: coveredRegion.name }, reachedSite: undefined, distanceKm: km };
  }
  if (national) {
    return { rank: 4, where: { kind: 'national' }, reachedSite: undefined, distanceKm: undefined };
  }
  return undefined;
}

function nearestSite(sites: readonly PublicSite[], place: OrientationPlace): { site: PublicSite; km: number } | undefined {
  if (place.lat === undefined || place.lng === undefined) return undefined;
  const from = { lat: place.lat, lng: place.lng };
  let best: { site: PublicSite; km: number } | undefined;
  for (const site of sites) {
    if (!Number.isFinite(site.lat) || !Number.isFinite(site.lng)) continue;
    const km = distanceKm(from, site);
    // Sites are compared by id on equal distance so the answer does not depend on their order.
    if (!best || km < best.km || (km === best.km && site.id < best.site.id)) best = { site, km };
  }
  return best;
}

function siteName(site: PublicSite): string | undefined {
  return site.commune?.name ?? site.departement?.name ?? undefined;
}

type WantedActions = { all: boolean; ordered: readonly Action[] };

/**
 * The needs as actions, in the person's order (the reason names the first one the actor offers);
 * "je ne sais pas" (or nothing) means every action, in the order that matters most to the profile.
 */
function wantedActions(needs: RouteOrientationInput['needs'], profile: OrientationProfile): WantedActions {
  const named = [...new Set(needs.filter((n): n is Action => n !== UNKNOWN_NEED))];
  if (needs.includes(UNKNOWN_NEED) || named.length === 0) return { all: true, ordered: ACTION_PREFERENCE[profile] };
  return { all: false, ordered: named };
}

/** Group, then relevance, then closeness, then distance; name and id settle ties. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    (GROUP_INDEX.get(a.group) ?? 0) - (GROUP_INDEX.get(b.group) ?? 0) ||
    a.tier - b.tier ||
    a.placement.rank - b.placement.rank ||
    compareDistance(a.placement.distanceKm, b.placement.distanceKm) ||
    byNameThenId(a.actor, b.actor)
  );
}

/** Known distances first, nearer first. */
function compareDistance(a: number | undefined, b: number | undefined): number {
  return (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY) || 0;
}

function distanceField(km: number | undefined): { distance_km?: number } {
  return km === undefined ? {} : { distance_km: roundKm(km) };
}

function notice(code: string, t: NoticeText): OrientationNotice {
  return t.reference ? { code, title: t.title, text: t.text, reference: { ...t.reference } } : { code, title: t.title, text: t.text };
}

/** The caller may merge a national and a local query: the same actor must not appear twice. */
function uniqueById(actors: readonly PublicActor[]): PublicActor[] {
  const seen = new Map<number, PublicActor>();
  for (const a of actors) if (!seen.has(a.id)) seen.set(a.id, a);
  return [...seen.values()];
}
