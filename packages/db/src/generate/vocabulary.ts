/** The words generated actors are made of: types and their weights, actions by type, names, descriptions, streets, hours. */
import type { Commune, Departement } from '@pare/geo';
import { ACTION_LABELS, type Action, type ActorType, PUBLIC_LABELS, type Public } from '@pare/schema';
import type { Random } from './random.ts';

/** Ends the name of every generated actor and resource. */
export const GENERATED_SUFFIX = ' (données générées)';

export const TYPE_WEIGHTS: readonly (readonly [ActorType, number])[] = [
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
export const ACTIONS_BY_TYPE: Record<ActorType, readonly (readonly [Action, number])[]> = {
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

export const THEMES = [
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
export const STREETS = [
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
export const HOURS = [
  'Mo-Fr 09:00-17:00; PH off',
  'Mo,We,Fr 14:00-19:00',
  'Mo-Fr 09:00-17:00 "sur rendez-vous"',
  'Tu-Sa 10:00-18:00; PH off',
  'We 14:00-18:00',
  'Mo-Fr 09:00-12:00,14:00-17:30; PH off',
];
export const LANGUAGES = ['en', 'ar', 'es', 'ro', 'pt', 'tr', 'uk', 'fsl'];

export function actorName(type: ActorType, commune: Commune, dep: Departement, region: string, random: Random): string {
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

export function describeActor(type: ActorType, publics: Public[], actions: Action[], random: Random): string {
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
