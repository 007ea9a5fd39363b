/**
 * The orientation shapes as the client reads them. The server owns them (@pare/routing and the
 * contact-request schemas in apps/api); the web package does not depend on those yet, so they are
 * restated here, narrowly — see the README section of the orientation area.
 */
import type { PublicActor } from '@pare/schema';

export const PROFILES = ['jeune', 'famille', 'professionnel'] as const;
export type Profile = (typeof PROFILES)[number];

export const URGENCIES = ['danger-immediat', 'inquietude', 'information'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const UNKNOWN_NEED = 'je-ne-sais-pas';

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
] as const;

export const GROUPS = ['urgence', 'abri', 'signalement', 'proximite', 'departement', 'national', 'ecoute'] as const;
export type Group = (typeof GROUPS)[number];

export type Channel = 'appeler' | 'ecrire' | 'demande-de-contact';

export type OrientationInput = {
  profile: Profile;
  commune?: string;
  departement?: string;
  needs: string[];
  urgency: Urgency;
};

export type Recommendation = { actor: PublicActor; reason: string; channel: Channel; group: Group; distance_km?: number };
export type OrientationNotice = { code: string; title: string; text: string; reference?: { label: string; url: string } };
export type OrientationResult = { recommendations: Recommendation[]; notices: OrientationNotice[] };

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

export type ContactRequestCreated = {
  reference: string;
  status: string;
  recipient: 'acteur' | 'equipe-pare';
  next_steps: string;
  retention_days: number;
};

/** A place picked in the combobox: a commune (INSEE code) or a whole département. */
export type PickedPlace = { kind: 'commune' | 'departement'; code: string; label: string };
