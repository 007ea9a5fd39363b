/** The orientation's shapes: what the person tells us (validated) and what the engine answers. */

import type { Public } from '@pare/schema';
import { ACTIONS, CommuneCodeSchema, DepartementCodeSchema, PublicActorSchema } from '@pare/schema';
import { z } from 'zod';

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

/** Who is asking → the audience code an actor must serve (`publics`) to be shown to them. */
export const PROFILE_TO_PUBLIC: Record<OrientationProfile, Public> = {
  jeune: 'jeunes',
  famille: 'familles',
  professionnel: 'professionnels',
};

export const OrientationProfileSchema = z.enum(ORIENTATION_PROFILES, {
  // Said with the words of the form (« Jeune », « Parent ou proche », « Professionnel »), not the codes.
  error: 'Indiquez qui vous êtes : jeune, parent ou proche, ou professionnel',
});
export const UrgencySchema = z.enum(URGENCIES, {
  error: 'Indiquez l’urgence : quelqu’un est en danger maintenant, vous êtes inquiet, ou vous cherchez une information',
});
export const OrientationNeedSchema = z.enum(ORIENTATION_NEEDS, {
  error: `Besoin inconnu. Valeurs possibles : ${ORIENTATION_NEEDS.join(', ')}`,
});

export const OrientationInputSchema = z
  .object({
    profile: OrientationProfileSchema,
    commune: CommuneCodeSchema.optional().meta({ description: 'Code INSEE de la commune (ex. 57672)' }),
    departement: DepartementCodeSchema.optional().meta({ description: 'Code du département, si la commune n’est pas donnée' }),
    // Absent or empty: « je ne sais pas » — a person who cannot name a need is never refused.
    needs: z
      .array(OrientationNeedSchema, { error: 'Les besoins sont attendus sous forme de liste' })
      .max(ORIENTATION_NEEDS.length, 'Trop de besoins')
      .default([]),
    urgency: UrgencySchema,
  })
  .superRefine((input, ctx) => {
    // In danger the place is not required: the emergency numbers do not depend on it.
    if (!input.commune && !input.departement && input.urgency !== 'danger-immediat') {
      ctx.addIssue({ code: 'custom', path: ['commune'], message: 'Indiquez votre commune ou votre département' });
    }
    // An INSEE commune code starts with its département's code (57672, 2A004, 97105): a mismatch
    // means the form sent two places, and guessing which one is meant could route to the wrong CRIP.
    if (input.commune && input.departement && !input.commune.startsWith(input.departement)) {
      ctx.addIssue({
        code: 'custom',
        path: ['departement'],
        message: `La commune ${input.commune} n’est pas dans le département ${input.departement}`,
      });
    }
  })
  .meta({ id: 'OrientationInput' });
export type OrientationInput = z.infer<typeof OrientationInputSchema>;

export const OrientationNoticeSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    text: z.string(),
    reference: z.object({ label: z.string(), url: z.string() }).optional(),
  })
  .meta({ id: 'OrientationNotice' });
export type OrientationNotice = z.infer<typeof OrientationNoticeSchema>;

export const RecommendationSchema = z
  .object({
    actor: PublicActorSchema,
    reason: z.string().meta({ description: 'Pourquoi cet acteur, en français simple, adressé à la personne' }),
    channel: z.enum(CHANNELS),
    group: z.enum(RECOMMENDATION_GROUPS),
    distance_km: z
      .number()
      .optional()
      .meta({ description: 'Distance au lieu le plus proche de l’acteur, si le lieu de la personne est connu' }),
  })
  .meta({ id: 'OrientationRecommendation' });
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const OrientationResultSchema = z
  .object({
    recommendations: z.array(RecommendationSchema),
    notices: z.array(OrientationNoticeSchema),
  })
  .meta({ id: 'OrientationResult' });
export type OrientationResult = z.infer<typeof OrientationResultSchema>;

/**
 * Where the person is, as resolved by the caller from the commune or the département.
 * `lat`/`lng` enable distances; `communeCode` lets actors listing communes match.
 */
export type OrientationPlace = {
  departement: string;
  region: string;
  lat?: number;
  lng?: number;
  communeName?: string;
  communeCode?: string;
};

export type RouteOrientationInput = {
  profile: OrientationProfile;
  /** Undefined when the person gave no place or one we do not know (accepted in danger only). */
  place: OrientationPlace | undefined;
  needs: readonly OrientationNeed[];
  urgency: Urgency;
};
