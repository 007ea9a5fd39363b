/**
 * The data·inclusion export (schema v1.0.8): one `structure` per published actor, one `service`
 * per action it offers. Every value comes from the actor's public view; the field-by-field
 * mapping and its reasons are in docs/open-data.md.
 */
import { listDepartements } from '@pare/geo';
import { ACTION_LABELS, ACTOR_TYPE_LABELS, type Action, type ActorType, PUBLIC_LABELS, type Public, type PublicActor } from '@pare/schema';
import { actorPageUrl, contactValues, type OpenDataDeps, publicSites, publishedActorBatches } from './public-actors.ts';
import { jsonArrayChunks } from './stream.ts';

/** Our producer identifier in data·inclusion (`source`, and the prefix of every id). */
export const DATA_INCLUSION_SOURCE = 'pare';
export const DATA_INCLUSION_SCHEMA_VERSION = '1.0.8';

type DiPublic = 'jeunes' | 'familles';
type DiTypeService = 'accompagnement' | 'aide-financiere' | 'aide-materielle' | 'atelier' | 'formation' | 'information';
type DiModeAccueil = 'a-distance' | 'en-presentiel';
type DiModeMobilisation = 'envoyer-un-courriel' | 'se-presenter' | 'telephoner' | 'utiliser-lien-mobilisation';

/** Our audiences in the data·inclusion list. Professionals are not a public there: they are `mobilisable_par`. */
export const PUBLIC_TO_DI: Record<Public, DiPublic | null> = {
  jeunes: 'jeunes',
  familles: 'familles',
  professionnels: null,
};

/** The kind of service each action is, in the data·inclusion list; null where none fits. */
export const ACTION_TO_DI_TYPE: Record<Action, DiTypeService | null> = {
  prevention: 'information',
  reperage: 'accompagnement',
  ecoute: 'information',
  accompagnement: 'accompagnement',
  soin: 'accompagnement',
  hebergement: 'accompagnement',
  juridique: 'accompagnement',
  'soutien-familles': 'atelier',
  formation: 'formation',
  signalement: null,
  coordination: null,
};

const VIOLENCE = 'famille--surmonter-conflits-separation-violence';

/**
 * The data·inclusion themes each action belongs to. The list is made for social and
 * employment services; an action none of its themes describes (prevention, training of
 * professionals, coordination) gets none rather than a misleading one.
 */
export const ACTION_TO_DI_THEMATIQUES: Record<Action, readonly string[]> = {
  prevention: [],
  reperage: [VIOLENCE],
  ecoute: [VIOLENCE],
  accompagnement: [VIOLENCE],
  soin: ['sante--acces-aux-soins', 'sante--sante-mentale', 'sante--addictions'],
  hebergement: ['logement-hebergement--rechercher-une-solution-dhebergement-temporaire'],
  juridique: [
    'difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire',
    'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits',
  ],
  'soutien-familles': ['famille--soutien-a-la-parentalite-et-a-leducation'],
  formation: [],
  signalement: [VIOLENCE],
  coordination: [],
};

/** The network carrying the structure, where our type says it for sure. */
export const TYPE_TO_DI_RESEAUX: Record<ActorType, readonly string[] | null> = {
  association: null,
  'service-departemental': ['departements'],
  'service-etat': null,
  sante: null,
  'maison-ados': null,
  'ligne-ecoute': null,
  'numero-urgence': null,
  reseau: null,
  fondation: null,
  'forces-ordre': null,
};

/** What a structure and a service both give: how to reach it, where, and when. */
type DiContactAndPlace = {
  telephone: string | null;
  courriel: string | null;
  adresse: string | null;
  code_postal: string | null;
  code_insee: string | null;
  commune: string | null;
  latitude: number | null;
  longitude: number | null;
  horaires_accueil: string | null;
};

export type DataInclusionStructure = DiContactAndPlace & {
  source: string;
  id: string;
  nom: string;
  date_maj: string;
  lien_source: string;
  description: string | null;
  siret: null;
  site_web: string | null;
  complement_adresse: null;
  accessibilite_lieu: null;
  reseaux_porteurs: string[] | null;
};

export type DataInclusionService = DiContactAndPlace & {
  source: string;
  id: string;
  structure_id: string;
  nom: string;
  description: string;
  date_maj: string;
  lien_source: string;
  type: DiTypeService | null;
  thematiques: string[] | null;
  publics: DiPublic[] | null;
  publics_precisions: string;
  frais: null;
  zone_eligibilite: string[];
  modes_accueil: DiModeAccueil[] | null;
  modes_mobilisation: DiModeMobilisation[] | null;
  mobilisable_par: ('usagers' | 'professionnels')[] | null;
};

export function structureId(actor: PublicActor): string {
  return `${DATA_INCLUSION_SOURCE}--${actor.id}`;
}

/** 3 to 150 characters, not ending with a full stop (the schema's rule for `nom`). */
export function diName(name: string, fallbackSuffix: string): string {
  let n = name.trim().replace(/[.\s]+$/, '');
  if (n.length > 150) n = `${n.slice(0, 149).trimEnd()}…`;
  if (n.length < 3) n = `${n} (${fallbackSuffix})`.trim();
  return n;
}

/**
 * Where the structure can be found: its first public site. An actor whose sites are all
 * confidential gives only the commune its public record shows, with no address nor coordinates.
 */
function diPlace(actor: PublicActor) {
  const site = publicSites(actor)[0];
  if (site) {
    return {
      adresse: site.address,
      code_postal: site.postcode,
      code_insee: site.commune?.code ?? null,
      commune: site.commune?.name ?? null,
      latitude: site.lat,
      longitude: site.lng,
    };
  }
  const hidden = actor.sites[0];
  return {
    adresse: null,
    code_postal: null,
    code_insee: hidden?.commune?.code ?? null,
    commune: hidden?.commune?.name ?? null,
    latitude: null,
    longitude: null,
  };
}

/** Date part of an ISO timestamp (`date_maj` is a date). */
function isoDay(timestamp: string): string {
  return timestamp.slice(0, 10);
}

export function toDataInclusionStructure(actor: PublicActor, origin: string): DataInclusionStructure {
  return {
    source: DATA_INCLUSION_SOURCE,
    id: structureId(actor),
    nom: diName(actor.name, ACTOR_TYPE_LABELS[actor.type]),
    date_maj: isoDay(actor.updated_at),
    lien_source: actorPageUrl(origin, actor.slug),
    description: actor.description.trim().length >= 5 ? actor.description.slice(0, 10000) : null,
    siret: null,
    telephone: contactValues(actor, 'phone')[0] ?? null,
    courriel: contactValues(actor, 'email')[0] ?? null,
    site_web: contactValues(actor, 'website')[0] ?? null,
    ...diPlace(actor),
    complement_adresse: null,
    horaires_accueil: diHours(actor),
    accessibilite_lieu: null,
    reseaux_porteurs: TYPE_TO_DI_RESEAUX[actor.type] ? [...(TYPE_TO_DI_RESEAUX[actor.type] as string[])] : null,
  };
}

/**
 * `horaires_accueil` (OSM syntax, as data·inclusion asks): the hours of the public site its
 * address comes from, else of its first public line with hours.
 */
export function diHours(actor: PublicActor): string | null {
  return publicSites(actor)[0]?.opening_hours ?? actor.contacts.find((c) => c.opening_hours && !c.professional_only)?.opening_hours ?? null;
}

/** INSEE codes of where the actor's services are open: `france`, département codes (a région is listed as its départements) and commune codes. */
export function zoneEligibilite(actor: PublicActor): string[] {
  if (actor.territory.scope === 'national') return ['france'];
  const regions = new Set(actor.territory.regions.map((r) => r.code));
  const codes = new Set<string>();
  for (const d of listDepartements()) if (regions.has(d.region)) codes.add(d.code);
  for (const d of actor.territory.departements) codes.add(d.code);
  for (const c of actor.territory.communes) codes.add(c.code);
  return codes.size > 0 ? [...codes] : ['france'];
}

export function toDataInclusionServices(actor: PublicActor, origin: string): DataInclusionService[] {
  const place = diPlace(actor);
  const phone = contactValues(actor, 'phone')[0] ?? null;
  const email = contactValues(actor, 'email')[0] ?? null;
  const remote =
    contactValues(actor, 'phone').length +
      contactValues(actor, 'sms').length +
      contactValues(actor, 'chat').length +
      contactValues(actor, 'email').length >
    0;
  const inPerson = publicSites(actor).some((s) => s.address);
  const modesAccueil: DiModeAccueil[] = [...(inPerson ? (['en-presentiel'] as const) : []), ...(remote ? (['a-distance'] as const) : [])];
  const mobilisation: DiModeMobilisation[] = [
    ...(email ? (['envoyer-un-courriel'] as const) : []),
    ...(inPerson ? (['se-presenter'] as const) : []),
    ...(phone ? (['telephoner'] as const) : []),
  ];
  const publics = [...new Set(actor.publics.map((p) => PUBLIC_TO_DI[p]).filter((p): p is DiPublic => p !== null))];
  const mobilisablePar: ('usagers' | 'professionnels')[] = [
    ...(actor.publics.some((p) => p !== 'professionnels') ? (['usagers'] as const) : []),
    ...(actor.publics.includes('professionnels') ? (['professionnels'] as const) : []),
  ];
  const zone = zoneEligibilite(actor);
  const description =
    actor.description.trim().length >= 5 ? actor.description.slice(0, 10000) : `${actor.name} — ${ACTOR_TYPE_LABELS[actor.type]}`;
  return actor.actions.map((action) => {
    const thematiques = ACTION_TO_DI_THEMATIQUES[action];
    return {
      source: DATA_INCLUSION_SOURCE,
      id: `${structureId(actor)}--${action}`,
      structure_id: structureId(actor),
      nom: diName(ACTION_LABELS[action], actor.name),
      description,
      date_maj: isoDay(actor.updated_at),
      lien_source: actorPageUrl(origin, actor.slug),
      type: ACTION_TO_DI_TYPE[action],
      thematiques: thematiques.length > 0 ? [...thematiques] : null,
      publics: publics.length > 0 ? publics : null,
      publics_precisions: actor.publics.map((p) => PUBLIC_LABELS[p]).join(', '),
      frais: null,
      zone_eligibilite: [...zone],
      modes_accueil: modesAccueil.length > 0 ? modesAccueil : null,
      modes_mobilisation: mobilisation.length > 0 ? mobilisation : null,
      mobilisable_par: mobilisablePar.length > 0 ? mobilisablePar : null,
      telephone: phone,
      courriel: email,
      ...place,
      horaires_accueil: diHours(actor),
    };
  });
}

/** The JSON array of structures, batch by batch. */
export function dataInclusionStructureChunks(deps: OpenDataDeps, options: { origin: string; batchSize?: number }): Generator<string> {
  return jsonArrayChunks(publishedActorBatches(deps, options.batchSize), (a) => [toDataInclusionStructure(a, options.origin)]);
}

/** The JSON array of services, batch by batch. */
export function dataInclusionServiceChunks(deps: OpenDataDeps, options: { origin: string; batchSize?: number }): Generator<string> {
  return jsonArrayChunks(publishedActorBatches(deps, options.batchSize), (a) => toDataInclusionServices(a, options.origin));
}
