/** The orientation's shapes: what the person tells us (validated) and what the engine answers. */

import { z } from 'zod';
import { PublicActorSchema } from './actor.ts';
import {
  CHANNELS,
  ORIENTATION_NEEDS,
  ORIENTATION_PROFILES,
  type OrientationNeed,
  type OrientationProfile,
  RECOMMENDATION_GROUPS,
  URGENCIES,
  type Urgency,
} from './codes.ts';
import { CommuneCodeSchema, DepartementCodeSchema } from './territory.ts';

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
