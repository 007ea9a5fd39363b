/**
 * The product's code lists. They are the single source of truth for API validation, the
 * database CHECK constraints (a test compares them), the OpenAPI description and the UI labels.
 */

export const PUBLICS = ['jeunes', 'familles', 'professionnels'] as const;
export type Public = (typeof PUBLICS)[number];

export const ACTIONS = [
  'prevention',
  'reperage',
  'ecoute',
  'accompagnement',
  'soin',
  'hebergement',
  'juridique',
  'soutien-familles',
  'formation',
  'signalement',
  'coordination',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTOR_TYPES = [
  'association',
  'service-departemental',
  'service-etat',
  'sante',
  'maison-ados',
  'ligne-ecoute',
  'numero-urgence',
  'reseau',
  'fondation',
  'forces-ordre',
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** How far an actor's territory reaches. `communes` is the narrowest. */
export const TERRITORY_SCOPES = ['national', 'regions', 'departements', 'communes'] as const;
export type TerritoryScope = (typeof TERRITORY_SCOPES)[number];

export const CONTACT_KINDS = ['phone', 'sms', 'email', 'website', 'chat'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** `professionnels`: only shown to signed-in verified professionals and curators. */
export const CONTACT_VISIBILITIES = ['public', 'professionnels'] as const;
export type ContactVisibility = (typeof CONTACT_VISIBILITIES)[number];

/** How a site's coordinates were obtained, from the most to the least precise. */
export const GEO_PRECISIONS = ['address', 'commune', 'postcode', 'departement'] as const;
export type GeoPrecision = (typeof GEO_PRECISIONS)[number];

export const SORTS = ['name', 'distance', 'updated'] as const;
export type Sort = (typeof SORTS)[number];

export const PUBLIC_LABELS: Record<Public, string> = {
  jeunes: 'Jeunes',
  familles: 'Familles et proches',
  professionnels: 'Professionnels',
};

export const ACTION_LABELS: Record<Action, string> = {
  prevention: 'Prévention',
  reperage: 'Repérage / aller-vers',
  ecoute: 'Écoute',
  accompagnement: 'Accompagnement socio-éducatif',
  soin: 'Soin',
  hebergement: 'Mise à l’abri / hébergement',
  juridique: 'Accompagnement juridique et judiciaire',
  'soutien-familles': 'Soutien aux familles',
  formation: 'Formation des professionnels',
  signalement: 'Recueil des informations préoccupantes',
  coordination: 'Coordination territoriale',
};

export const ACTOR_TYPE_LABELS: Record<ActorType, string> = {
  association: 'Association',
  'service-departemental': 'Service départemental (ASE, CRIP)',
  'service-etat': 'Service de l’État (PJJ, ARS, justice)',
  sante: 'Établissement de santé',
  'maison-ados': 'Maison des adolescents',
  'ligne-ecoute': 'Ligne d’écoute nationale',
  'numero-urgence': 'Numéro d’urgence',
  reseau: 'Réseau / collectif',
  fondation: 'Fondation',
  'forces-ordre': 'Forces de l’ordre',
};

export const TERRITORY_SCOPE_LABELS: Record<TerritoryScope, string> = {
  national: 'Toute la France',
  regions: 'Région',
  departements: 'Département',
  communes: 'Local',
};

/** The time zones of the overseas départements; everywhere else, Europe/Paris (hours are read in the place's own time). */
const OVERSEAS_TIME_ZONES: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '976': 'Indian/Mayotte',
};
export function timeZoneOfDepartement(code: string | null | undefined): string {
  return (code && OVERSEAS_TIME_ZONES[code]) || 'Europe/Paris';
}
