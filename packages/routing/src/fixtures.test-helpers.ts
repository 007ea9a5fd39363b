/**
 * Fictitious actors for the orientation tests. Every local name says « test »; local phone numbers
 * are in the ranges ARCEP keeps for fiction (01 99 00 xx xx); only the real national numbers
 * (17, 112, 114, 119, 116 000) are real. Coordinates and INSEE codes are the communes' public ones.
 */
import type { OrientationPlace, PublicActor, PublicContact, PublicSite } from '@pare/schema';

type Commune = {
  code: string;
  name: string;
  departement: { code: string; name: string };
  region: { code: string; name: string };
  lat: number;
  lng: number;
};

const MOSELLE = { code: '57', name: 'Moselle' };
const MEURTHE = { code: '54', name: 'Meurthe-et-Moselle' };
const BAS_RHIN = { code: '67', name: 'Bas-Rhin' };
const BOUCHES = { code: '13', name: 'Bouches-du-Rhône' };
const HAUTE_GARONNE = { code: '31', name: 'Haute-Garonne' };
const TARN_ET_GARONNE = { code: '82', name: 'Tarn-et-Garonne' };
const RHONE = { code: '69', name: 'Rhône' };
const GRAND_EST = { code: '44', name: 'Grand Est' };
const PACA = { code: '93', name: 'Provence-Alpes-Côte d’Azur' };
const OCCITANIE = { code: '76', name: 'Occitanie' };
const ARA = { code: '84', name: 'Auvergne-Rhône-Alpes' };

export const COMMUNES = {
  thionville: { code: '57672', name: 'Thionville', departement: MOSELLE, region: GRAND_EST, lat: 49.3579, lng: 6.1683 },
  metz: { code: '57463', name: 'Metz', departement: MOSELLE, region: GRAND_EST, lat: 49.1193, lng: 6.1757 },
  sarreguemines: { code: '57631', name: 'Sarreguemines', departement: MOSELLE, region: GRAND_EST, lat: 49.1099, lng: 7.0684 },
  nancy: { code: '54395', name: 'Nancy', departement: MEURTHE, region: GRAND_EST, lat: 48.6921, lng: 6.1844 },
  strasbourg: { code: '67482', name: 'Strasbourg', departement: BAS_RHIN, region: GRAND_EST, lat: 48.5734, lng: 7.7521 },
  marseille: { code: '13055', name: 'Marseille', departement: BOUCHES, region: PACA, lat: 43.2965, lng: 5.3698 },
  toulouse: { code: '31555', name: 'Toulouse', departement: HAUTE_GARONNE, region: OCCITANIE, lat: 43.6045, lng: 1.4442 },
  montauban: { code: '82121', name: 'Montauban', departement: TARN_ET_GARONNE, region: OCCITANIE, lat: 44.0176, lng: 1.355 },
  lyon: { code: '69123', name: 'Lyon', departement: RHONE, region: ARA, lat: 45.764, lng: 4.8357 },
} satisfies Record<string, Commune>;

/** The place the API would resolve from a commune code. */
export function placeOf(c: Commune, options: { withCoordinates?: boolean } = {}): OrientationPlace {
  const base = { departement: c.departement.code, region: c.region.code, communeName: c.name, communeCode: c.code };
  return options.withCoordinates === false ? base : { ...base, lat: c.lat, lng: c.lng };
}

/** The place when the person gave only a département. */
export function placeOfDepartement(departement: string, region: string): OrientationPlace {
  return { departement, region };
}

let nextSiteId = 1000;

export function site(c: Commune, options: { confidential?: boolean } = {}): PublicSite {
  const confidential = options.confidential ?? false;
  return {
    id: nextSiteId++,
    confidential,
    label: null,
    address: confidential ? null : '1 rue de l’Exemple',
    postcode: null,
    commune: { code: c.code, name: c.name },
    departement: c.departement,
    lat: c.lat,
    lng: c.lng,
    precision: confidential ? 'commune' : 'address',
    opening_hours: null,
    accessibility: null,
    temporary_closures: [],
  };
}

/** A public contact of one kind, open to everyone, with no label and no hours. */
const contactOf =
  (kind: PublicContact['kind']) =>
  (value: string): PublicContact => ({ kind, value, label: null, professional_only: false, opening_hours: null });
export const phone = contactOf('phone');
export const sms = contactOf('sms');
export const email = contactOf('email');
export const website = contactOf('website');

export const national = (): PublicActor['territory'] => ({ scope: 'national', regions: [], departements: [], communes: [] });
export const inDepartements = (...codes: { code: string; name: string }[]): PublicActor['territory'] => ({
  scope: 'departements',
  regions: [],
  departements: codes,
  communes: [],
});
export const inRegions = (...codes: { code: string; name: string }[]): PublicActor['territory'] => ({
  scope: 'regions',
  regions: codes,
  departements: [],
  communes: [],
});
export const inCommunes = (...communes: Commune[]): PublicActor['territory'] => ({
  scope: 'communes',
  regions: [],
  departements: [],
  communes: communes.map((c) => ({ code: c.code, name: c.name })),
});

/** A public actor with sensible defaults; tests set only what the situation is about. */
export function makeActor(fields: Pick<PublicActor, 'id' | 'slug' | 'name'> & Partial<PublicActor>): PublicActor {
  return {
    type: 'association',
    description: '',
    publics: ['jeunes', 'familles'],
    actions: ['accompagnement'],
    territory: national(),
    languages: ['fr'],
    accepts_contact_requests: false,
    sites: [],
    contacts: [],
    provenance: { source_url: null, last_verified_at: null, verified_by: 'Jeu de test' },
    updated_at: '2025-01-01T00:00:00.000Z',
    ...fields,
  };
}

/** An actor serving the département of `c`, with one public site there. */
export function localActor(c: Commune, fields: Pick<PublicActor, 'id' | 'slug' | 'name'> & Partial<PublicActor>): PublicActor {
  return makeActor({ territory: inDepartements(c.departement), sites: [site(c)], ...fields });
}

/** The slug of a fictitious local entry: its name in lower case, without accents, words joined by hyphens. */
const slugOf = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');

/** A local actor (an association unless `fields` says otherwise), called on a fictitious number ending with its id. */
function localService(
  c: Commune,
  id: number,
  name: string,
  fields: Pick<PublicActor, 'publics' | 'actions'> & Partial<PublicActor>,
): PublicActor {
  return localActor(c, { id, slug: slugOf(name), name, contacts: [phone(`01 99 00 00 ${id}`)], ...fields });
}

/** A département's child-protection unit (CRIP): professionals report to it. */
function departementalCrip(c: Commune, id: number, name: string): PublicActor {
  return localService(c, id, name, { type: 'service-departemental', publics: ['professionnels'], actions: ['signalement'] });
}

const ALL_PUBLICS: PublicActor['publics'] = ['jeunes', 'familles', 'professionnels'];

/** A national number for everyone, reached by its one contact: to report a danger, unless other actions are given. */
export function nationalNumber(
  id: number,
  slug: string,
  name: string,
  type: PublicActor['type'],
  contact: PublicContact,
  actions: PublicActor['actions'] = ['signalement'],
): PublicActor {
  return makeActor({ id, slug, name, type, publics: ALL_PUBLICS, actions, contacts: [contact] });
}

// --- National numbers (real numbers, fictitious entries) -------------------------------------

export const police17 = nationalNumber(1, 'urgence-17', 'Police secours (17)', 'forces-ordre', phone('17'));
export const europe112 = nationalNumber(2, 'urgence-112', 'Numéro d’urgence européen (112)', 'service-etat', phone('112'));
export const sms114 = nationalNumber(
  3,
  'urgence-114',
  'Numéro d’urgence pour les personnes qui ne peuvent pas parler (114)',
  'service-etat',
  sms('114'),
);
export const line119 = nationalNumber(4, 'allo-enfance-en-danger-119', 'Allô Enfance en Danger (119)', 'ligne-ecoute', phone('119'), [
  'ecoute',
  'signalement',
]);
export const line116000 = makeActor({
  id: 5,
  slug: 'enfants-disparus-116000',
  name: '116 000 Enfants Disparus',
  type: 'ligne-ecoute',
  publics: ['familles', 'jeunes'],
  actions: ['ecoute', 'accompagnement'],
  contacts: [phone('116 000')],
});
export const youthLine = makeActor({
  id: 6,
  slug: 'ligne-test-sante-jeunes',
  name: 'Ligne test santé jeunes',
  type: 'ligne-ecoute',
  publics: ['jeunes'],
  actions: ['ecoute', 'soin'],
  contacts: [
    website('https://example.org/ligne-test'),
    { kind: 'chat', value: 'https://example.org/ligne-test/chat', label: null, professional_only: false, opening_hours: null },
  ],
});
export const nationalTraining = makeActor({
  id: 7,
  slug: 'association-test-nationale-formation',
  name: 'Association test nationale formation',
  publics: ['professionnels'],
  actions: ['formation'],
  contacts: [website('https://example.org/formation')],
});

export const EMERGENCY = [police17, europe112, sms114, line119];

// --- Moselle and around ----------------------------------------------------------------------

export const thionvilleAssociation = localService(COMMUNES.thionville, 20, 'Association test Thionville', {
  publics: ['jeunes', 'familles'],
  actions: ['accompagnement', 'soutien-familles', 'ecoute'],
});
export const metzFamilies = localActor(COMMUNES.metz, {
  id: 21,
  slug: 'association-test-metz-familles',
  name: 'Association test Metz familles',
  publics: ['familles'],
  actions: ['soutien-familles', 'juridique'],
  contacts: [phone('01 99 00 00 21'), email('familles@example.org')],
});
export const sarregueminesFamilies = localService(COMMUNES.sarreguemines, 22, 'Association test Sarreguemines', {
  publics: ['familles', 'jeunes'],
  actions: ['accompagnement'],
});
export const moselleProNetwork = localActor(COMMUNES.metz, {
  id: 23,
  slug: 'reseau-test-professionnels-moselle',
  name: 'Réseau test professionnels Moselle',
  type: 'reseau',
  publics: ['professionnels'],
  actions: ['formation', 'coordination', 'accompagnement'],
  contacts: [email('reseau@example.org')],
});
export const crip57 = departementalCrip(COMMUNES.metz, 24, 'CRIP test Moselle');
export const confidentialShelter = makeActor({
  id: 25,
  slug: 'foyer-test-confidentiel-moselle',
  name: 'Foyer test confidentiel Moselle',
  publics: ['jeunes'],
  actions: ['hebergement', 'accompagnement'],
  territory: inDepartements({ code: '57', name: 'Moselle' }),
  sites: [site(COMMUNES.thionville, { confidential: true })],
  contacts: [],
  accepts_contact_requests: true,
});
export const grandEstPrevention = makeActor({
  id: 26,
  slug: 'association-test-grand-est-prevention',
  name: 'Association test Grand Est prévention',
  publics: ['jeunes', 'familles'],
  actions: ['prevention'],
  territory: inRegions({ code: '44', name: 'Grand Est' }),
  contacts: [website('https://example.org/grand-est')],
});
export const nationalWithMetzBranch = makeActor({
  id: 27,
  slug: 'association-test-nationale-antenne-metz',
  name: 'Association test nationale antenne Metz',
  publics: ['familles'],
  actions: ['soutien-familles', 'ecoute'],
  territory: national(),
  sites: [site(COMMUNES.metz)],
  contacts: [phone('01 99 00 00 27')],
});
export const nancyAssociation = localService(COMMUNES.nancy, 28, 'Association test Nancy', {
  publics: ['jeunes', 'familles'],
  actions: ['accompagnement', 'ecoute'],
});
export const crip54 = departementalCrip(COMMUNES.nancy, 29, 'CRIP test Meurthe-et-Moselle');
export const strasbourgAssociation = localService(COMMUNES.strasbourg, 30, 'Association test Strasbourg', {
  publics: ['jeunes', 'familles'],
  actions: ['accompagnement'],
});
export const metzPrevention = makeActor({
  id: 31,
  slug: 'association-test-metz-prevention',
  name: 'Association test Metz prévention',
  publics: ['familles', 'jeunes'],
  actions: ['prevention'],
  territory: inCommunes(COMMUNES.metz),
  sites: [site(COMMUNES.metz)],
  contacts: [phone('01 99 00 00 31')],
});

// --- Marseille, Toulouse, Lyon ---------------------------------------------------------------

export const marseilleOutreach = localService(COMMUNES.marseille, 40, 'Association test Marseille maraude', {
  publics: ['jeunes'],
  actions: ['reperage', 'accompagnement'],
});
export const marseilleMda = localService(COMMUNES.marseille, 41, 'Maison des adolescents test Marseille', {
  type: 'maison-ados',
  publics: ['jeunes', 'familles'],
  actions: ['ecoute', 'soin'],
});
export const marseilleProOnly = localService(COMMUNES.marseille, 42, 'Association test Marseille professionnels', {
  publics: ['professionnels'],
  actions: ['formation', 'ecoute', 'reperage'],
});
export const crip31 = departementalCrip(COMMUNES.toulouse, 50, 'CRIP test Haute-Garonne');
export const toulouseAssociation = localService(COMMUNES.toulouse, 51, 'Association test Toulouse', {
  publics: ['jeunes', 'familles', 'professionnels'],
  actions: ['accompagnement', 'formation'],
});
export const montaubanAssociation = localActor(COMMUNES.montauban, {
  id: 52,
  slug: 'association-test-montauban',
  name: 'Association test Montauban',
  publics: ['jeunes', 'familles'],
  actions: ['accompagnement'],
  contacts: [],
});
export const crip82 = departementalCrip(COMMUNES.montauban, 53, 'CRIP test Tarn-et-Garonne');
export const lyonAssociation = localService(COMMUNES.lyon, 60, 'Association test Lyon', {
  publics: ['jeunes', 'familles'],
  actions: ['accompagnement', 'soutien-familles', 'ecoute'],
});

/** Everything above, as a caller that passes too much would: the engine must filter. */
export const DIRECTORY: readonly PublicActor[] = [
  police17,
  europe112,
  sms114,
  line119,
  line116000,
  youthLine,
  nationalTraining,
  thionvilleAssociation,
  metzFamilies,
  sarregueminesFamilies,
  moselleProNetwork,
  crip57,
  confidentialShelter,
  grandEstPrevention,
  nationalWithMetzBranch,
  nancyAssociation,
  crip54,
  strasbourgAssociation,
  metzPrevention,
  marseilleOutreach,
  marseilleMda,
  marseilleProOnly,
  crip31,
  toulouseAssociation,
  montaubanAssociation,
  crip82,
  lyonAssociation,
];
