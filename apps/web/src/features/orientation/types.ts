/**
 * The orientation's own shapes: the contact form's state and a picked place. The wire shapes are
 * inferred from the API's routes in `queries.ts`; the code lists (profiles, urgencies, groups) come
 * from `@pare/schema/codes`. Only the needs' reading order is the page's own.
 */
import type { Need, Profile, Urgency } from './queries.ts';

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
