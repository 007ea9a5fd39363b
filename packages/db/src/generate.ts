/**
 * Synthetic directory for benchmarks and load tests: `pnpm pare generate --actors 100000 --db <file>`.
 *
 * Every record is marked `generated = 1` and every name ends with « (données générées) », so
 * generated data can never pass for the real directory. Phone numbers come from the ranges
 * ARCEP reserves for fiction (01 99 00 xx xx, 06 39 98 xx xx), e-mail addresses and websites
 * from the reserved `.example` domain: nothing can reach a real organisation.
 *
 * The same seed gives the same directory. Sites are spread like the population (communes are
 * drawn weighted by population, from @pare/geo), so a big city holds many actors, as it would.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Commune, type Departement, getCommune, getDepartement, getRegion, listCommunes, listDepartements } from '@pare/geo';
import {
  ACTION_LABELS,
  ACTIONS,
  type Action,
  type ActorType,
  type ContactInput,
  type CreateActorInput,
  PUBLIC_LABELS,
  type Public,
  type SiteInput,
  type TerritoryInput,
} from '@pare/schema';
import { slugify, sortKey } from './actors.ts';
import type { Db } from './database.ts';
import { resolveActorGeography } from './geography.ts';

/** Ends the name of every generated actor and resource. */
export const GENERATED_SUFFIX = ' (données générées)';

/** The database `pnpm start` uses when PARE_DB is not set: never a target for generated data. */
export const DEFAULT_DATABASE_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/pare.db');

/** Refusals are said in French: they reach a person at the command line. */
export class GenerationRefusedError extends Error {}

export type GenerateOptions = {
  actors: number;
  seed?: number;
  /** Actors per transaction. */
  batchSize?: number;
  /** Databases that must never receive generated data besides the default one (the configured PARE_DB). */
  protectedFiles?: readonly string[];
  onProgress?: (done: number, total: number) => void;
};

export type GenerateReport = {
  actors: number;
  sites: number;
  confidentialSites: number;
  contacts: number;
  professionalContacts: number;
  nationalActors: number;
  resources: number;
  /** Why no resource was generated, when none was. */
  resourcesSkipped: string | null;
  ms: number;
};

// ---------------------------------------------------------------------------------------------
// A small deterministic random source (mulberry32): the same seed gives the same directory.
// ---------------------------------------------------------------------------------------------

export type Random = {
  next: () => number;
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(list: readonly T[]) => T;
  weighted: <T>(entries: readonly (readonly [T, number])[]) => T;
  some: <T>(list: readonly T[], min: number, max: number) => T[];
};

export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      let total = 0;
      for (const [, w] of entries) total += w;
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return (entries[entries.length - 1] as readonly [T, number])[0];
    },
    some: <T>(list: readonly T[], min: number, max: number): T[] => {
      const count = Math.min(list.length, int(min, max));
      const copy = [...list];
      const out: T[] = [];
      for (let i = 0; i < count; i++) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0] as T);
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Places weighted by population
// ---------------------------------------------------------------------------------------------

type WeightedCommunes = { communes: readonly Commune[]; cumulative: Float64Array };

function weightCommunes(communes: readonly Commune[]): WeightedCommunes {
  const cumulative = new Float64Array(communes.length);
  let sum = 0;
  communes.forEach((c, i) => {
    sum += Math.max(1, c.population);
    cumulative[i] = sum;
  });
  return { communes, cumulative };
}

function drawCommune(w: WeightedCommunes, random: Random): Commune {
  const total = w.cumulative[w.cumulative.length - 1] ?? 0;
  const r = random.next() * total;
  let lo = 0;
  let hi = w.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((w.cumulative[mid] ?? 0) <= r) lo = mid + 1;
    else hi = mid;
  }
  return w.communes[lo] as Commune;
}

type Places = { all: WeightedCommunes; byDepartement: Map<string, WeightedCommunes>; departements: readonly Departement[] };

let places: Places | undefined;
function loadPlaces(): Places {
  if (places) return places;
  const communes = listCommunes();
  const groups = new Map<string, Commune[]>();
  for (const c of communes) {
    const list = groups.get(c.departement);
    if (list) list.push(c);
    else groups.set(c.departement, [c]);
  }
  places = {
    all: weightCommunes(communes),
    byDepartement: new Map([...groups].map(([code, list]) => [code, weightCommunes(list)])),
    departements: listDepartements(),
  };
  return places;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary for names and descriptions
// ---------------------------------------------------------------------------------------------

const TYPE_WEIGHTS: readonly (readonly [ActorType, number])[] = [
  ['association', 40],
  ['service-departemental', 12],
  ['service-etat', 10],
  ['sante', 12],
  ['maison-ados', 7],
  ['ligne-ecoute', 1],
  ['reseau', 8],
  ['forces-ordre', 9],
];

/** How often each action is offered (relative weights), by type: a CRIP collects reports, a hospital cares. */
const ACTIONS_BY_TYPE: Record<ActorType, readonly (readonly [Action, number])[]> = {
  association: [
    ['prevention', 5],
    ['reperage', 4],
    ['ecoute', 5],
    ['accompagnement', 6],
    ['hebergement', 2],
    ['juridique', 2],
    ['soutien-familles', 3],
    ['formation', 3],
    ['soin', 1],
    ['coordination', 1],
  ],
  // Not drawn by the generator (absent from its type weights); listed so every type has its actions.
  'numero-urgence': [['hebergement', 1]],
  fondation: [
    ['formation', 2],
    ['prevention', 2],
  ],
  'service-departemental': [
    ['signalement', 6],
    ['accompagnement', 5],
    ['hebergement', 3],
    ['coordination', 4],
    ['prevention', 3],
    ['soutien-familles', 2],
    ['ecoute', 2],
  ],
  'service-etat': [
    ['juridique', 5],
    ['accompagnement', 4],
    ['coordination', 3],
    ['formation', 2],
    ['prevention', 2],
    ['signalement', 1],
  ],
  sante: [
    ['soin', 8],
    ['ecoute', 3],
    ['accompagnement', 3],
    ['prevention', 2],
    ['signalement', 1],
    ['formation', 1],
  ],
  'maison-ados': [
    ['ecoute', 6],
    ['soin', 4],
    ['accompagnement', 4],
    ['prevention', 4],
    ['soutien-familles', 3],
    ['formation', 1],
  ],
  'ligne-ecoute': [
    ['ecoute', 9],
    ['signalement', 3],
    ['prevention', 3],
    ['soutien-familles', 2],
    ['juridique', 1],
  ],
  reseau: [
    ['coordination', 7],
    ['formation', 5],
    ['prevention', 3],
    ['reperage', 2],
  ],
  'forces-ordre': [
    ['signalement', 5],
    ['juridique', 4],
    ['prevention', 3],
    ['reperage', 3],
    ['ecoute', 2],
  ],
};

const THEMES = [
  'Horizon',
  'Passerelle',
  'Repères',
  'Boussole',
  'Escale',
  'Trait d’union',
  'Le Relais',
  'Cap Jeunes',
  'Enfance et Familles',
  'Regain',
  'Ancrage',
  'L’Étape',
];
const STREETS = [
  'rue de la République',
  'avenue Jean-Jaurès',
  'rue Victor-Hugo',
  'place de la Mairie',
  'rue Pasteur',
  'boulevard Gambetta',
  'rue des Écoles',
  'allée des Tilleuls',
  'rue du Moulin',
  'chemin des Vignes',
];
const HOURS = [
  'Mo-Fr 09:00-17:00; PH off',
  'Mo,We,Fr 14:00-19:00',
  'Mo-Fr 09:00-17:00 "sur rendez-vous"',
  'Tu-Sa 10:00-18:00; PH off',
  'We 14:00-18:00',
  'Mo-Fr 09:00-12:00,14:00-17:30; PH off',
];
const LANGUAGES = ['en', 'ar', 'es', 'ro', 'pt', 'tr', 'uk', 'fsl'];

function actorName(type: ActorType, commune: Commune, dep: Departement, region: string, random: Random): string {
  const city = commune.name;
  switch (type) {
    case 'association':
      return `${random.pick(['Association', 'Collectif', 'Espace', 'Point Accueil', 'Maison'])} ${random.pick(THEMES)} – ${city}`;
    case 'service-departemental':
      return random.chance(0.4) ? `CRIP – ${dep.name}` : `Aide sociale à l’enfance – ${dep.name}, antenne de ${city}`;
    case 'service-etat':
      return random.pick([
        `PJJ – Unité éducative de milieu ouvert de ${city}`,
        `Tribunal judiciaire de ${city} – pôle mineurs`,
        `Délégation départementale de l’ARS – ${dep.name}`,
        `Préfecture – mission droits des femmes et égalité, ${dep.name}`,
      ]);
    case 'sante':
      return random.pick([
        `Centre hospitalier de ${city} – unité d’accueil pédiatrique enfants en danger`,
        `CSAPA jeunes de ${city}`,
        `Centre médico-psychologique pour adolescents de ${city}`,
        `Centre régional de psychotraumatisme – antenne de ${city}`,
      ]);
    case 'maison-ados':
      return random.chance(0.5) ? `Maison des adolescents – ${dep.name}` : `Maison des adolescents – antenne de ${city}`;
    case 'ligne-ecoute':
      return `Ligne d’écoute ${random.pick(THEMES)} ${random.int(1, 999)}`;
    case 'reseau':
      return random.chance(0.5)
        ? `Réseau ${random.pick(THEMES)} – ${region}`
        : `Collectif départemental contre la prostitution des mineurs – ${dep.name}`;
    case 'forces-ordre':
      return random.chance(0.5) ? `Maison de protection des familles – ${dep.name}` : `Brigade de protection des familles de ${city}`;
    case 'numero-urgence':
      return `Numéro d’urgence ${random.int(1, 999)}`;
    case 'fondation':
      return `Fondation ${random.pick(THEMES)}`;
  }
}

const OPENINGS: Record<ActorType, readonly string[]> = {
  association: [
    'Association de terrain qui va à la rencontre des jeunes exposés à la prostitution.',
    'Association d’éducation populaire engagée dans la prévention des violences sexuelles.',
    'Association de protection de l’enfance et de soutien aux familles.',
  ],
  'numero-urgence': ['Numéro d’urgence gratuit, joignable 24 h/24.'],
  fondation: ['Fondation reconnue d’utilité publique engagée pour la protection de l’enfance.'],
  'service-departemental': [
    'Service du département chargé de la protection de l’enfance.',
    'Cellule départementale de recueil et de traitement des informations préoccupantes.',
  ],
  'service-etat': [
    'Service de l’État au contact des mineurs suivis par la justice.',
    'Service de l’État qui coordonne la lutte contre l’exploitation sexuelle des mineurs.',
  ],
  sante: [
    'Équipe soignante spécialisée dans le psychotraumatisme des enfants et des adolescents.',
    'Consultation jeunes consommateurs et soins en addictologie.',
  ],
  'maison-ados': ['Lieu d’accueil, d’écoute et de soin pour les adolescents et leurs parents.'],
  'ligne-ecoute': ['Ligne d’écoute anonyme et gratuite.'],
  reseau: ['Réseau qui réunit les acteurs du territoire autour de la prostitution des mineurs.'],
  'forces-ordre': ['Unité spécialisée dans les violences faites aux mineurs et l’exploitation sexuelle.'],
};

function describeActor(type: ActorType, publics: Public[], actions: Action[], random: Random): string {
  const audience = publics.map((p) => PUBLIC_LABELS[p].toLowerCase()).join(', ');
  const offered = actions.map((a) => ACTION_LABELS[a].toLowerCase()).join(', ');
  const extra = random.pick([
    'Accueil sans jugement, anonymat respecté.',
    'Interventions dans les établissements scolaires et les foyers de l’enfance.',
    'Travail en lien avec l’aide sociale à l’enfance et la protection judiciaire de la jeunesse.',
    'Repérage des situations de fugue et de conduites à risque.',
    'Orientation vers les partenaires du territoire.',
  ]);
  return `${random.pick(OPENINGS[type])} Pour : ${audience}. Propose : ${offered}. ${extra}`;
}

// ---------------------------------------------------------------------------------------------
// One actor
// ---------------------------------------------------------------------------------------------

/** `count` distinct values, each drawn by its weight among those not drawn yet. */
function pickWeighted<T>(entries: readonly (readonly [T, number])[], count: number, random: Random): T[] {
  const left = [...entries];
  const out: T[] = [];
  while (out.length < count && left.length > 0) {
    const value = random.weighted(left);
    out.push(value);
    left.splice(
      left.findIndex(([v]) => v === value),
      1,
    );
  }
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A number in the range ARCEP reserves for fiction: it cannot ring anyone. */
function fictionPhone(random: Random, mobile = false): string {
  return `${mobile ? '06 39 98' : '01 99 00'} ${pad(random.int(0, 99), 2)} ${pad(random.int(0, 99), 2)}`;
}

function jitter(random: Random, km: number): number {
  return ((random.next() * 2 - 1) * km) / 111.2;
}

function siteInput(commune: Commune, random: Random, confidential: boolean): SiteInput {
  const exact = confidential || random.chance(0.6);
  const lat = Math.round((commune.lat + jitter(random, 1.5)) * 1e5) / 1e5;
  const lng = Math.round((commune.lng + jitter(random, 1.5) / Math.max(0.2, Math.cos((commune.lat * Math.PI) / 180))) * 1e5) / 1e5;
  return {
    label: confidential ? `Lieu d’accueil protégé${GENERATED_SUFFIX}` : random.chance(0.5) ? `Accueil de ${commune.name}` : null,
    address: exact ? `${random.int(1, 120)} ${random.pick(STREETS)}` : null,
    postcode: commune.postcodes[0] ?? null,
    commune_code: commune.code,
    lat: exact ? lat : null,
    lng: exact ? lng : null,
    confidential,
    opening_hours: random.chance(0.6) ? random.pick(HOURS) : null,
    accessibility: random.chance(0.3) ? 'Accès de plain-pied' : null,
  };
}

/** Actors of the given count for a seed, one at a time: the same seed always gives the same list. */
export function* generateActorInputs(count: number, seed = 1): Generator<CreateActorInput> {
  const random = createRandom(seed);
  const p = loadPlaces();
  const runId = seed.toString(36);
  for (let n = 1; n <= count; n++) {
    const type = random.weighted(TYPE_WEIGHTS);
    const home = drawCommune(p.all, random);
    const dep = getDepartement(home.departement) as Departement;
    const regionName = getRegion(home.region)?.name ?? dep.name;
    const name = `${actorName(type, home, dep, regionName, random)}${GENERATED_SUFFIX}`;

    // Territory: national lines, régions-wide networks, département-wide services, or local.
    const scopeRoll = random.next();
    let territory: TerritoryInput;
    if (type === 'ligne-ecoute' ? scopeRoll < 0.9 : scopeRoll < (type === 'reseau' ? 0.06 : 0.006)) {
      territory = { scope: 'national', regions: [], departements: [], communes: [] };
    } else if ((type === 'reseau' && scopeRoll < 0.5) || (type === 'service-etat' && scopeRoll < 0.15)) {
      territory = { scope: 'regions', regions: [home.region], departements: [], communes: [] };
    } else if (
      type === 'service-departemental' ||
      type === 'maison-ados' ||
      (type === 'service-etat' && scopeRoll < 0.6) ||
      (type === 'forces-ordre' && scopeRoll < 0.4) ||
      (type === 'reseau' && scopeRoll < 0.9) ||
      scopeRoll < 0.15
    ) {
      const departements = [dep.code];
      if (random.chance(0.08)) {
        const neighbour = random.pick(p.departements.filter((d) => d.region === dep.region && d.code !== dep.code));
        if (neighbour) departements.push(neighbour.code);
      }
      territory = { scope: 'departements', regions: [], departements, communes: [] };
    } else {
      territory = { scope: 'communes', regions: [], departements: [], communes: [home.code] };
    }

    // Sites: most actors have one, some two or three in the same département; a few are confidential.
    const local = p.byDepartement.get(home.departement) ?? p.all;
    const siteCount =
      territory.scope === 'national'
        ? random.chance(0.6)
          ? 1
          : 0
        : random.weighted([
            [1, 70],
            [2, 20],
            [3, 10],
          ] as const);
    const actions = pickWeighted(ACTIONS_BY_TYPE[type], random.int(1, 4), random).sort((a, b) => ACTIONS.indexOf(a) - ACTIONS.indexOf(b));
    const shelter = actions.includes('hebergement');
    const sites: SiteInput[] = [];
    for (let i = 0; i < siteCount; i++) {
      const commune = i === 0 ? home : drawCommune(local, random);
      sites.push(siteInput(commune, random, random.chance(shelter ? 0.12 : 0.02)));
      if (territory.scope === 'communes' && i > 0 && !territory.communes.includes(commune.code)) territory.communes.push(commune.code);
    }

    const publics = random
      .some(['jeunes', 'familles', 'professionnels'] as const, 1, 3)
      .sort((a, b) => PUBLIC_ORDER.indexOf(a) - PUBLIC_ORDER.indexOf(b));
    const domain = `acteur-${runId}-${n}.example`;
    const contacts: ContactInput[] = [];
    if (random.chance(0.9))
      contacts.push({ kind: 'phone', value: fictionPhone(random), label: 'Accueil', visibility: 'public', site: null });
    if (random.chance(0.6)) contacts.push({ kind: 'email', value: `contact@${domain}`, label: null, visibility: 'public', site: null });
    if (random.chance(0.5))
      contacts.push({ kind: 'website', value: `https://www.${domain}/`, label: 'Site web', visibility: 'public', site: null });
    if (random.chance(0.05))
      contacts.push({ kind: 'sms', value: fictionPhone(random, true), label: 'SMS', visibility: 'public', site: null });
    if (random.chance(0.03))
      contacts.push({ kind: 'chat', value: `https://tchat.${domain}/`, label: 'Tchat', visibility: 'public', site: null });
    if (random.chance(0.2))
      contacts.push({
        kind: 'phone',
        value: fictionPhone(random),
        label: 'Ligne des professionnels',
        visibility: 'professionnels',
        site: null,
      });
    sites.forEach((s, i) => {
      // The direct line of a confidential place: never public, whatever its visibility says.
      if (s.confidential)
        contacts.push({
          kind: 'phone',
          value: fictionPhone(random),
          label: 'Ligne directe du lieu',
          visibility: 'professionnels',
          site: i,
        });
    });

    const accepts = random.chance(0.5);
    yield {
      slug: `${slugify(name).slice(0, 90).replace(/-+$/, '')}-g${runId}-${n}`,
      name,
      type,
      description: describeActor(type, publics, actions, random),
      publics,
      actions,
      territory,
      languages: random.chance(0.85) ? ['fr'] : ['fr', ...random.some(LANGUAGES, 1, 2)],
      accepts_contact_requests: accepts,
      referent_email: accepts ? `referent@${domain}` : null,
      siret: null,
      sites,
      contacts,
      provenance: {
        source_url: null,
        last_verified_at: `${random.int(2023, 2025)}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`,
        verified_by: `Générateur PARÉ${GENERATED_SUFFIX}`,
      },
    };
  }
}

const PUBLIC_ORDER: readonly Public[] = ['jeunes', 'familles', 'professionnels'];

// ---------------------------------------------------------------------------------------------
// Where generated data may go
// ---------------------------------------------------------------------------------------------

function samePath(a: string, b: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
}

/** Throws GenerationRefusedError when `file` is the directory's own database (or another protected file). */
export function assertGenerationFile(file: string, protectedFiles: readonly string[] = []): void {
  if (file === ':memory:' || file === '') return;
  for (const p of [DEFAULT_DATABASE_FILE, ...protectedFiles]) {
    if (samePath(file, p)) {
      throw new GenerationRefusedError(
        `Refus : ${file} est la base de l’annuaire. Les données générées n’y sont jamais écrites ; indiquez un autre fichier avec --db (par exemple bench/results/pare-100000.db).`,
      );
    }
  }
}

/**
 * Throws GenerationRefusedError when `db` is the default directory (or another protected file)
 * or already holds actors that were not generated: generated data is never mixed into a real
 * directory.
 */
export function assertGenerationTarget(db: Db, protectedFiles: readonly string[] = []): void {
  assertGenerationFile(db.name, protectedFiles);
  const real = db.prepare('SELECT count(*) FROM actors WHERE generated = 0').pluck().get() as number;
  if (real > 0) {
    throw new GenerationRefusedError(
      `Refus : ${db.name} contient ${real} acteur(s) non générés. Les données générées ne se mêlent jamais à un vrai annuaire ; choisissez une base vide ou déjà générée.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Resources (only when the resources table exists)
// ---------------------------------------------------------------------------------------------

type Column = { name: string; type: string; notnull: number; dflt_value: unknown; pk: number };

/**
 * A few generated resources per hundred actors, written into whatever `resources` table the
 * schema has: columns are filled by name, code-list columns with a value their CHECK allows.
 * Any failure leaves the actors alone and is reported, since the table belongs to another module.
 */
function generateResources(db: Db, actorIds: readonly number[], random: Random, runId: string): { count: number; skipped: string | null } {
  const table = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'resources'`).pluck().get() as string | undefined;
  if (!table) return { count: 0, skipped: 'pas de table resources dans ce schéma' };
  const columns = db.prepare('PRAGMA table_info(resources)').all() as Column[];
  const names = new Set(columns.map((c) => c.name));
  if (!names.has('generated')) return { count: 0, skipped: 'la table resources n’a pas de colonne generated' };
  const allowed = (col: string): string[] | null => {
    const m = new RegExp(`\\b${col}\\b[^,]*?CHECK\\s*\\(\\s*${col}\\s+IN\\s*\\(([^)]*)\\)`, 'i').exec(table);
    return m?.[1] ? [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1] as string) : null;
  };
  const wanted = Math.max(1, Math.round(actorIds.length / 20));
  const hasText = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'resources_fts'`).get() !== undefined;
  let count = 0;
  try {
    db.transaction(() => {
      for (let i = 1; i <= wanted; i++) {
        const title = `${random.pick(['Guide', 'Fiche repère', 'Outil de prévention', 'Protocole territorial', 'Étude'])} ${random.pick(THEMES)} n° ${i}${GENERATED_SUFFIX}`;
        const row: Record<string, unknown> = {};
        for (const c of columns) {
          if (c.pk) continue;
          const codes = allowed(c.name);
          const value = ((): unknown => {
            if (c.name === 'generated') return 1;
            if (codes) return codes.includes('national') ? 'national' : codes.includes('published') ? 'published' : random.pick(codes);
            if (c.name === 'title' || c.name === 'name') return title;
            if (c.name === 'title_sort' || c.name === 'name_sort') return sortKey(title);
            if (c.name === 'slug') return `${slugify(title).slice(0, 90).replace(/-+$/, '')}-g${runId}-${i}`;
            if (c.name === 'description' || c.name === 'summary') return 'Ressource fictive produite pour les mesures de performance.';
            if (c.name === 'url' || c.name === 'source_url') return `https://ressource-${runId}-${i}.example/`;
            if (c.name === 'actor_id') return random.pick(actorIds);
            if (/^(published_at|published_on|last_verified_at)$/.test(c.name))
              return `${random.int(2023, 2025)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
            if (c.type.toUpperCase().includes('TEXT') && /(^|_)(publics|themes|actions|languages|departements|regions|tags)$/.test(c.name))
              return '[]';
            return undefined;
          })();
          if (value !== undefined) row[c.name] = value;
          else if (c.notnull && c.dflt_value === null) throw new Error(`colonne ${c.name} obligatoire et inconnue du générateur`);
        }
        const keys = Object.keys(row);
        const id = db
          .prepare(`INSERT INTO resources (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`)
          .run(row).lastInsertRowid;
        if (hasText)
          db.prepare('INSERT INTO resources_fts (rowid, title, summary) VALUES (?, ?, ?)').run(id, title, String(row.summary ?? ''));
        count++;
      }
    })();
  } catch (error) {
    return { count: 0, skipped: `ressources non générées : ${(error as Error).message}` };
  }
  return { count, skipped: null };
}

// ---------------------------------------------------------------------------------------------
// The whole directory
// ---------------------------------------------------------------------------------------------

/**
 * Writes actors the way `actorRepository(db).createActor(input, { generated: true })` does —
 * same rows, same public coordinates (from `resolveActorGeography`), same full-text row — but
 * with statements prepared once, no savepoint and no read-back per actor: about three times
 * faster, which brings 100,000 actors under 30 s. `generate.test.ts` checks that both paths
 * write the same actors.
 */
export function bulkActorWriter(db: Db) {
  const insertActor =
    db.prepare(`INSERT INTO actors (slug, name, name_sort, type, description, territory_scope, languages, accepts_contact_requests,
    referent_email, siret, source_url, last_verified_at, verified_by, generated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1)`);
  const insertPublic = db.prepare('INSERT OR IGNORE INTO actor_publics (actor_id, public) VALUES (?, ?)');
  const insertAction = db.prepare('INSERT OR IGNORE INTO actor_actions (actor_id, action) VALUES (?, ?)');
  const insertTerritory = db.prepare('INSERT OR IGNORE INTO actor_territories (actor_id, kind, code, departement) VALUES (?, ?, ?, ?)');
  const insertSite =
    db.prepare(`INSERT INTO sites (actor_id, position, label, address, postcode, commune_code, departement_code, lat, lng, precision,
    public_lat, public_lng, confidential, opening_hours, accessibility, temporary_closures) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insertRtree = db.prepare('INSERT INTO sites_rtree (id, min_lat, max_lat, min_lng, max_lng) VALUES (?, ?, ?, ?, ?)');
  const insertContact = db.prepare(
    'INSERT INTO contacts (actor_id, site_id, position, kind, value, label, visibility, opening_hours) VALUES (?,?,?,?,?,?,?,?)',
  );
  const insertText = db.prepare('INSERT INTO actors_fts (rowid, name, description, actions, places) VALUES (?, ?, ?, ?, ?)');

  /** Writes one actor (inside the caller's transaction) and returns its id. */
  return function writeActor(input: CreateActorInput): number {
    const { issues, sites, territory } = resolveActorGeography(input);
    if (issues.length > 0) throw new Error(`generated actor ${input.slug}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    const id = Number(
      insertActor.run(
        input.slug,
        input.name,
        sortKey(input.name),
        input.type,
        input.description,
        input.territory.scope,
        JSON.stringify(input.languages),
        input.accepts_contact_requests ? 1 : 0,
        input.referent_email ?? null,
        input.siret ?? null,
        input.provenance.source_url ?? null,
        input.provenance.last_verified_at ?? null,
        input.provenance.verified_by ?? null,
      ).lastInsertRowid,
    );
    for (const p of input.publics) insertPublic.run(id, p);
    for (const a of input.actions) insertAction.run(id, a);
    for (const t of territory) insertTerritory.run(id, t.kind, t.code, t.departement);
    const siteIds: number[] = [];
    sites.forEach((s, position) => {
      const siteId = Number(
        insertSite.run(
          id,
          position,
          s.label,
          s.address,
          s.postcode,
          s.communeCode,
          s.departementCode,
          s.lat,
          s.lng,
          s.precision,
          s.publicLat,
          s.publicLng,
          s.confidential ? 1 : 0,
          s.openingHours,
          s.accessibility,
          JSON.stringify(s.temporaryClosures),
        ).lastInsertRowid,
      );
      siteIds.push(siteId);
      insertRtree.run(siteId, s.publicLat, s.publicLat, s.publicLng, s.publicLng);
    });
    input.contacts.forEach((c, position) => {
      insertContact.run(
        id,
        c.site != null ? (siteIds[c.site] ?? null) : null,
        position,
        c.kind,
        c.value,
        c.label ?? null,
        c.visibility,
        c.opening_hours?.trim() ? c.opening_hours.trim() : null,
      );
    });
    const placeNames = new Set<string>();
    for (const s of sites) {
      if (s.communeCode) placeNames.add(getCommune(s.communeCode)?.name ?? '');
      if (s.departementCode) placeNames.add(getDepartement(s.departementCode)?.name ?? '');
      if (s.postcode && !s.confidential) placeNames.add(s.postcode);
    }
    for (const code of input.territory.communes) placeNames.add(getCommune(code)?.name ?? '');
    for (const code of input.territory.departements) placeNames.add(getDepartement(code)?.name ?? '');
    for (const code of input.territory.regions) placeNames.add(getRegion(code)?.name ?? '');
    insertText.run(
      id,
      input.name,
      input.description,
      input.actions.map((a) => ACTION_LABELS[a]).join(' · '),
      [...placeNames].filter(Boolean).join(' · '),
    );
    return id;
  };
}

/**
 * Fills `db` with `options.actors` generated actors (and resources when the schema has them),
 * in batched transactions through `bulkActorWriter`.
 */
export function generateDirectory(db: Db, options: GenerateOptions): GenerateReport {
  if (!Number.isInteger(options.actors) || options.actors < 1)
    throw new GenerationRefusedError('Le nombre d’acteurs doit être un entier positif.');
  assertGenerationTarget(db, options.protectedFiles);
  const started = performance.now();
  const seed = options.seed ?? 1;
  const batchSize = options.batchSize ?? 5000;
  const writeActor = bulkActorWriter(db);
  // A page cache large enough for the indexes being built (64 MB): with SQLite's 2 MB default, 100,000
  // actors take three times longer (pages spill and are read back). Restored afterwards.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -65536');
  const report: GenerateReport = {
    actors: 0,
    sites: 0,
    confidentialSites: 0,
    contacts: 0,
    professionalContacts: 0,
    nationalActors: 0,
    resources: 0,
    resourcesSkipped: null,
    ms: 0,
  };
  const ids: number[] = [];
  const writeBatch = db.transaction((batch: CreateActorInput[]) => {
    for (const input of batch) ids.push(writeActor(input));
  });
  let batch: CreateActorInput[] = [];
  for (const input of generateActorInputs(options.actors, seed)) {
    batch.push(input);
    report.actors++;
    report.sites += input.sites.length;
    report.confidentialSites += input.sites.filter((s) => s.confidential).length;
    report.contacts += input.contacts.length;
    report.professionalContacts += input.contacts.filter((c) => c.visibility === 'professionnels').length;
    if (input.territory.scope === 'national') report.nationalActors++;
    if (batch.length === batchSize) {
      writeBatch(batch);
      batch = [];
      options.onProgress?.(report.actors, options.actors);
    }
  }
  if (batch.length > 0) writeBatch(batch);
  options.onProgress?.(report.actors, options.actors);
  const resources = generateResources(db, ids, createRandom(seed ^ 0x5eed), seed.toString(36));
  report.resources = resources.count;
  report.resourcesSkipped = resources.skipped;
  db.pragma(`cache_size = ${cacheSize}`);
  report.ms = Math.round(performance.now() - started);
  return report;
}
