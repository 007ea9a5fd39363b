/**
 * The words people type, and the words of the directory they mean. A search for « signalement »
 * must find the CRIP, whose action reads « Recueil des informations préoccupantes »; an
 * « infirmière » looks for care; a girl typing « dormir » looks for a shelter. Each key (folded:
 * lower case, no accents) widens its word in the full-text query to any of its values (prefixes),
 * matched in names, descriptions, action labels and places. Documented in the README (« Search »).
 */
import type { Action } from '@pare/schema';

export const SEARCH_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  // Reporting a child in danger: the CRIP's action label and name.
  signalement: ['signalement', 'preoccupante', 'crip'],
  signaler: ['signal', 'preoccupante', 'crip'],
  crip: ['crip', 'preoccupante'],
  ip: ['preoccupante'],
  // Care: hospitals, their child units, health workers.
  infirmiere: ['infirmi', 'soin', 'sante', 'hospital', 'uaped'],
  infirmier: ['infirmi', 'soin', 'sante', 'hospital', 'uaped'],
  medecin: ['medecin', 'soin', 'sante', 'hospital', 'uaped'],
  docteur: ['medecin', 'soin', 'sante', 'hospital'],
  hopital: ['hopital', 'hospital', 'chu', 'uaped'],
  sante: ['sante', 'soin'],
  // A safe place to sleep.
  dormir: ['hebergement', 'abri', '115'],
  hebergement: ['hebergement', 'abri'],
  abri: ['abri', 'hebergement'],
  logement: ['logement', 'hebergement'],
  foyer: ['foyer', 'hebergement'],
  // Someone to talk to.
  parler: ['ecoute', 'parler'],
  ecouter: ['ecoute'],
  psy: ['psycholog', 'psychiatr', 'ecoute'],
  psychologue: ['psycholog', 'ecoute'],
  // Rights, complaints, justice.
  avocat: ['avocat', 'juridique', 'droit'],
  plainte: ['plainte', 'juridique', 'victime'],
  droits: ['droit', 'juridique'],
  victime: ['victime', 'juridique'],
  // Parents and families.
  parent: ['parent', 'famille'],
  parents: ['parent', 'famille'],
  mere: ['mere', 'parent', 'famille'],
  pere: ['pere', 'parent', 'famille'],
  // Professionals' training.
  former: ['formation', 'former'],
  sensibilisation: ['sensibilis', 'formation', 'prevention'],
  // The police, the gendarmerie.
  police: ['police', 'gendarmerie', 'commissariat'],
  gendarme: ['gendarm', 'police'],
  // A child is a minor, in the words of the law and of the entries.
  enfant: ['enfant', 'mineur'],
  enfants: ['enfant', 'mineur'],
  mineur: ['mineur', 'enfant'],
  mineure: ['mineur', 'enfant'],
  // Adolescents.
  ado: ['ado', 'adolescent', 'jeune'],
  ados: ['ado', 'adolescent', 'jeune'],
  // What a parent or a girl may call what is happening.
  fugue: ['fugue', 'disparu'],
  michetonnage: ['michetonnage', 'prostitution'],
  proxenete: ['proxenet', 'prostitution'],
  loverboy: ['loverboy', 'prostitution', 'proxenet'],
  escort: ['escort', 'prostitution'],
};

/**
 * Words that name what an actor does: the actors that do it come first among the text matches
 * (« signalement » puts the CRIP before a platform whose name says « signalement »).
 */
export const SEARCH_ACTION_WORDS: Readonly<Record<string, Action>> = {
  signalement: 'signalement',
  signaler: 'signalement',
  crip: 'signalement',
  ip: 'signalement',
  dormir: 'hebergement',
  hebergement: 'hebergement',
  abri: 'hebergement',
  foyer: 'hebergement',
  infirmiere: 'soin',
  infirmier: 'soin',
  medecin: 'soin',
  soin: 'soin',
  soins: 'soin',
  avocat: 'juridique',
  plainte: 'juridique',
  parler: 'ecoute',
  ecouter: 'ecoute',
  ecoute: 'ecoute',
  psy: 'ecoute',
  psychologue: 'ecoute',
  parent: 'soutien-familles',
  parents: 'soutien-familles',
  formation: 'formation',
  former: 'formation',
};
