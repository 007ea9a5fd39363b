/** The orientation's tunable rules, gathered so a curator's question ("why 30 km?") has one answer. */
import type { Action, OrientationProfile, PublicActor } from '@pare/schema';

/** Slugs of the emergency numbers in the seed directory, in the order a person in danger sees them. */
export const EMERGENCY_SLUGS = {
  police: 'urgence-17',
  europe: 'urgence-112',
  childInDanger: 'allo-enfance-en-danger-119',
  sms: 'urgence-114',
  /** Samu social: emergency shelter, free, 24 h/24. */
  shelter: 'samu-social-115',
} as const;

/** 17 and 112 before the 119 (the police comes to you; the 119 listens), the 114 last: it is for those who cannot speak. */
export const EMERGENCY_ORDER: readonly string[] = [
  EMERGENCY_SLUGS.police,
  EMERGENCY_SLUGS.europe,
  EMERGENCY_SLUGS.childInDanger,
  EMERGENCY_SLUGS.sms,
];

/**
 * Numbers for an emergency response only: outside danger they would send a worried parent to the
 * police switchboard instead of someone who listens. The 119 is not in this list: it is also the
 * national line for any worry about a child, so it takes part in every orientation.
 */
export const EMERGENCY_ONLY_SLUGS: ReadonlySet<string> = new Set([EMERGENCY_SLUGS.police, EMERGENCY_SLUGS.europe, EMERGENCY_SLUGS.sms]);

/** A site this close is "near you" whatever territory the actor declares. */
export const NEAR_KM = 30;

/**
 * A site this close still counts for someone living near a border of their département (Thionville,
 * Montauban–Toulouse), even if the actor's declared territory stops at the border.
 */
export const REACH_KM = 50;

/** The list a person can read; the emergency numbers and the CRIP come on top of it, never cut. */
export const MAX_RECOMMENDATIONS = 12;

/** National lines kept in the list even when many local actors match: they answer at any hour. */
export const NATIONAL_RESERVED = 2;

/**
 * Actions that make an actor worth proposing to this profile even when it offers none of the needs
 * named: someone who listens, goes to meet young people, or supports parents can orient further.
 * Any other actor offering none of the needs is left out, so the list stays about what was asked.
 */
export const GENERAL_ACTIONS: Record<OrientationProfile, readonly Action[]> = {
  jeune: ['ecoute', 'reperage'],
  famille: ['ecoute', 'soutien-familles'],
  professionnel: ['ecoute', 'coordination'],
};

/** When the person does not know what they need, the action a reason names first, by profile. */
export const ACTION_PREFERENCE: Record<OrientationProfile, readonly Action[]> = {
  jeune: [
    'ecoute',
    'reperage',
    'accompagnement',
    'hebergement',
    'soin',
    'juridique',
    'prevention',
    'soutien-familles',
    'signalement',
    'coordination',
    'formation',
  ],
  famille: [
    'soutien-familles',
    'ecoute',
    'accompagnement',
    'juridique',
    'soin',
    'hebergement',
    'reperage',
    'prevention',
    'signalement',
    'coordination',
    'formation',
  ],
  professionnel: [
    'signalement',
    'accompagnement',
    'reperage',
    'coordination',
    'formation',
    'ecoute',
    'soin',
    'hebergement',
    'juridique',
    'prevention',
    'soutien-familles',
  ],
};

/** The CRIP: the département's cell that receives every information préoccupante about a minor. */
export function isCrip(actor: PublicActor): boolean {
  return actor.type === 'service-departemental' && actor.actions.includes('signalement');
}

/**
 * Département services act within their territory only: a CRIP next door cannot take a case from
 * here, however close its office is.
 */
export function isBoundToTerritory(actor: PublicActor): boolean {
  return actor.type === 'service-departemental';
}
