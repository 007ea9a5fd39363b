/**
 * The orientation's own shapes: the contact form's state and a picked place. The wire shapes are
 * inferred from the API's routes in `queries.ts`; the code lists below are checked against them
 * (a code the API no longer accepts breaks the typecheck).
 */
import type { Group, Need, Profile, Urgency } from './queries.ts';

export const PROFILES = ['jeune', 'famille', 'professionnel'] as const satisfies readonly Profile[];

export const URGENCIES = ['danger-immediat', 'inquietude', 'information'] as const satisfies readonly Urgency[];

export const UNKNOWN_NEED = 'je-ne-sais-pas' satisfies Need;

/** The needs offered, in the order a person reads them (plain words in frOrientation.needs.options). */
export const NEEDS = [
  'ecoute',
  'accompagnement',
  'soutien-familles',
  'hebergement',
  'soin',
  'juridique',
  'signalement',
  'reperage',
  'prevention',
  'formation',
  'coordination',
] as const satisfies readonly Need[];

/** The groups of recommendations, in the order the results show them. */
export const GROUPS = [
  'urgence',
  'abri',
  'signalement',
  'proximite',
  'departement',
  'national',
  'ecoute',
] as const satisfies readonly Group[];

export type ContactRequestInput = {
  name: string;
  phone: string;
  email: string;
  profile: Profile | '';
  commune: string;
  message: string;
  consent: boolean;
  actor?: string;
  website: string;
  /** From the orientation's answers, when the form sits in its results. */
  needs?: string[] | undefined;
  urgency?: Urgency | undefined;
};

/** A place picked in the combobox: a commune (INSEE code) or a whole département. */
export type PickedPlace = { kind: 'commune' | 'departement'; code: string; label: string };
