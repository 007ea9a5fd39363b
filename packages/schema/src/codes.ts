/**
 * The product's code lists. They are the single source of truth for API validation, the
 * database CHECK constraints (a test compares them), the OpenAPI description and the UI labels.
 * A list with French labels is written once, as its table of labels: its codes come from it.
 */

/** The codes of a table of labels, in the order the table declares them. */
export function codesOf<Code extends string>(labels: Record<Code, string>): readonly [Code, ...Code[]] {
  return Object.keys(labels) as [Code, ...Code[]];
}

export const PUBLIC_LABELS = {
  jeunes: 'Jeunes',
  familles: 'Familles et proches',
  professionnels: 'Professionnels',
};
export const PUBLICS = codesOf(PUBLIC_LABELS);
export type Public = (typeof PUBLICS)[number];

export const ACTION_LABELS = {
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
export const ACTIONS = codesOf(ACTION_LABELS);
export type Action = (typeof ACTIONS)[number];

export const ACTOR_TYPE_LABELS = {
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
export const ACTOR_TYPES = codesOf(ACTOR_TYPE_LABELS);
export type ActorType = (typeof ACTOR_TYPES)[number];

/** How far an actor's territory reaches. `communes` is the narrowest. */
export const TERRITORY_SCOPE_LABELS = {
  national: 'Toute la France',
  regions: 'Région',
  departements: 'Département',
  communes: 'Local',
};
export const TERRITORY_SCOPES = codesOf(TERRITORY_SCOPE_LABELS);
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

/** One formatter a time zone: building one costs more than formatting with it. */
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant's parts on a time zone's clock, as `Intl` gives them: `year`, then `month`, `day`,
 * `hour` (00–23), `minute` and `second` in two digits, `weekday` as `Mon`…`Sun`. The one reading
 * of a clock, free of zod, for the agenda's Paris times, the places' hours and the web's.
 */
export function clockParts(instant: Date, timeZone: string): Record<string, string> {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    clockFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(instant)) parts[p.type] = p.value;
  return parts;
}

/** An instant as read on a time zone's clock: its day (`AAAA-MM-JJ`), time (`HH:MM`) and weekday (0 = Monday). */
export function readClock(iso: string, timeZone: string): { date: string; time: string; weekday: number } {
  const parts = clockParts(new Date(iso), timeZone);
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '');
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday };
}

/** The default search radius around a place, in km (the API's and the search form's). */
export const DEFAULT_RADIUS_KM = 30;

// Orientation: who is asking, how urgent, what they need, how to reach whom.

export const ORIENTATION_PROFILES = ['jeune', 'famille', 'professionnel'] as const;
export type OrientationProfile = (typeof ORIENTATION_PROFILES)[number];

export const URGENCIES = ['danger-immediat', 'inquietude', 'information'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** The answer of someone who cannot name what they need: every action then counts. */
export const UNKNOWN_NEED = 'je-ne-sais-pas';
export const ORIENTATION_NEEDS = [...ACTIONS, UNKNOWN_NEED] as const;
export type OrientationNeed = (typeof ORIENTATION_NEEDS)[number];

export const CHANNELS = ['appeler', 'ecrire', 'demande-de-contact'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * In the order the engine lists them: the UI shows one section per group. `abri` holds the 115
 * (and the 119) for a young person who needs a safe place tonight; `ecoute` the actors that offer
 * none of the needs named but can listen and orient, after every actor that offers one.
 */
export const RECOMMENDATION_GROUPS = ['urgence', 'abri', 'signalement', 'proximite', 'departement', 'national', 'ecoute'] as const;
export type RecommendationGroup = (typeof RECOMMENDATION_GROUPS)[number];

/** Each group's heading, addressed to the person: the engine's texts and the results page say the same. */
export const RECOMMENDATION_GROUP_LABELS: Record<RecommendationGroup, string> = {
  urgence: 'En cas de danger immédiat',
  abri: 'Pour dormir en sécurité ce soir',
  signalement: 'Pour transmettre une information préoccupante',
  proximite: 'Près de chez vous',
  departement: 'Dans votre département et alentour',
  national: 'Partout en France',
  ecoute: 'Pour être écouté et orienté',
};

/** Who is asking → the audience code an actor must serve (`publics`) to be shown to them. */
export const PROFILE_TO_PUBLIC: Record<OrientationProfile, Public> = {
  jeune: 'jeunes',
  famille: 'familles',
  professionnel: 'professionnels',
};

// Routed contact requests and their follow-up.

/**
 * `nouvelle` on arrival, `transmise` once its recipient has it, `en-cours` while handled, `cloturee`
 * when done; `a-reorienter` when the structure said it cannot take it, `sans-reponse` when its
 * referent did not answer in time: both are back with the team.
 */
export const CONTACT_REQUEST_STATUSES = ['nouvelle', 'transmise', 'en-cours', 'cloturee', 'a-reorienter', 'sans-reponse'] as const;
export type ContactRequestStatus = (typeof CONTACT_REQUEST_STATUSES)[number];

/** The actor's referent, or the PARÉ team (always for confidential actors). */
export const CONTACT_REQUEST_RECIPIENTS = ['acteur', 'equipe-pare'] as const;
export type ContactRequestRecipient = (typeof CONTACT_REQUEST_RECIPIENTS)[number];

/** A request's profile is the orientation's. */
export const CONTACT_REQUEST_PROFILES = ORIENTATION_PROFILES;
export type ContactRequestProfile = OrientationProfile;

/** The orientation's urgency, as the person answered it (null when the request came without the questions). */
export const CONTACT_REQUEST_URGENCIES = URGENCIES;
export type ContactRequestUrgency = Urgency;

/** A contact request's fields: the longest message and name a person may send. */
export const MESSAGE_MAX_LENGTH = 2000;
export const NAME_MAX_LENGTH = 100;

/** What a referent may answer through the answer link. */
export const ANSWER_ACTIONS = ['prise-en-charge', 'contact-etabli', 'impossible'] as const;
export type AnswerAction = (typeof ANSWER_ACTIONS)[number];

/** Where each actor of a verification campaign stands. */
export const CAMPAIGN_ENTRY_STATES = ['envoyee', 'ouverte', 'confirmee', 'corrigee', 'sans-referent'] as const;
export type CampaignEntryState = (typeof CAMPAIGN_ENTRY_STATES)[number];

/** What a link sent by mail lets its holder do without an account. */
export const SECURE_LINK_PURPOSES = ['answer', 'update', 'password'] as const;
export type SecureLinkPurpose = (typeof SECURE_LINK_PURPOSES)[number];

export const ACCOUNT_REQUEST_STATUS_LABELS = { nouvelle: 'À traiter', acceptee: 'Compte créé', refusee: 'Refusée' };
export const ACCOUNT_REQUEST_STATUSES = codesOf(ACCOUNT_REQUEST_STATUS_LABELS);
export type AccountRequestStatus = (typeof ACCOUNT_REQUEST_STATUSES)[number];

/** Entries marked verified in one bulk « marquer vérifiées ». */
export const BULK_VERIFY_MAX = 200;

// The resource centre and the territorial protocols. Mirrored by the CHECK constraints of
// `packages/db/src/migrations/0007_resources.sql` (a test compares them).

export const RESOURCE_TYPE_LABELS = {
  guide: 'Guide',
  fiche: 'Fiche pratique',
  'outil-prevention': 'Outil de prévention',
  video: 'Vidéo',
  formation: 'Formation',
  'texte-juridique': 'Texte juridique',
  etude: 'Étude, rapport ou bilan',
  'bonne-pratique': 'Bonne pratique',
  'protocole-territorial': 'Protocole territorial',
};
export const RESOURCE_TYPES = codesOf(RESOURCE_TYPE_LABELS);
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** What a resource is about: the product's actions, plus the subjects resources add. */
export const RESOURCE_THEME_LABELS = {
  ...ACTION_LABELS,
  'cadre-juridique': 'Cadre juridique',
  'information-partagee': 'Information partagée et secret professionnel',
  chiffres: 'Chiffres et état des lieux',
};
export const RESOURCE_THEMES = codesOf(RESOURCE_THEME_LABELS);
export type ResourceTheme = (typeof RESOURCE_THEMES)[number];

/** A resource concerns all of France, some régions or some départements (never a commune). */
export const RESOURCE_SCOPES = ['national', 'regions', 'departements'] as const;
export type ResourceScope = (typeof RESOURCE_SCOPES)[number];

export const RESOURCE_STATUS_LABELS = { published: 'Publiée', archived: 'Archivée' };
export const RESOURCE_STATUSES = codesOf(RESOURCE_STATUS_LABELS);
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

export const PROTOCOL_KIND_LABELS = {
  convention: 'Convention',
  'comite-de-suivi': 'Comité de suivi',
  commission: 'Commission',
  other: 'Autre instance',
};
export const PROTOCOL_KINDS = codesOf(PROTOCOL_KIND_LABELS);
export type ProtocolKind = (typeof PROTOCOL_KINDS)[number];

export const MEETING_FREQUENCY_LABELS = {
  mensuel: 'Mensuel',
  bimestriel: 'Tous les deux mois',
  trimestriel: 'Trimestriel',
  semestriel: 'Semestriel',
  annuel: 'Annuel',
  ponctuel: 'Ponctuel',
};
export const MEETING_FREQUENCIES = codesOf(MEETING_FREQUENCY_LABELS);
export type MeetingFrequency = (typeof MEETING_FREQUENCIES)[number];

export const MEMBER_ROLE_LABELS = {
  signataire: 'Signataire',
  pilote: 'Pilote',
  membre: 'Membre',
  invite: 'Invité',
};
export const MEMBER_ROLES = codesOf(MEMBER_ROLE_LABELS);
export type MemberRole = (typeof MEMBER_ROLES)[number];
