/** Freshness campaigns (back office) and the update link a structure answers through. */
import { z } from 'zod';
import { PublicActorSchema } from './actor.ts';
import { hasBadCharacter } from './answer.ts';
import { ACTOR_TYPES, CAMPAIGN_ENTRY_STATES } from './codes.ts';
import { ActorChangesSchema } from './curation.ts';
import { DepartementCodeSchema } from './territory.ts';

export const CampaignSelectionSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('stale'), departement: DepartementCodeSchema.optional() }),
    z.object({ kind: z.literal('departement'), departement: DepartementCodeSchema }),
    z.object({ kind: z.literal('type'), type: z.enum(ACTOR_TYPES), departement: DepartementCodeSchema.optional() }),
    z.object({ kind: z.literal('actors'), actor_ids: z.array(z.number().int().positive()).min(1).max(2000) }),
    z.object({ kind: z.literal('all') }),
  ])
  .meta({
    description:
      '« stale » : fiches non vérifiées depuis 12 mois ; « departement » ; « type » ; « actors » : une liste ; « all ». Toujours dans le périmètre du compte.',
  });

export const LaunchCampaignInputSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(3, 'Titre trop court')
      .max(200, 'Titre trop long (200 caractères au plus)')
      .refine((v) => !hasBadCharacter(v, false), 'Le titre tient sur une ligne, sans caractère spécial')
      .optional(),
    selection: CampaignSelectionSchema,
  })
  .meta({ id: 'LaunchCampaignInput' });
export type LaunchCampaignInput = z.infer<typeof LaunchCampaignInputSchema>;

const Counts = z.object({
  entries: z.number().int(),
  sent: z.number().int(),
  opened: z.number().int(),
  confirmed: z.number().int(),
  corrected: z.number().int(),
  no_answer: z.number().int(),
  without_referent: z.number().int().meta({ description: 'Fiches sans adresse de référent : rien n’est envoyé' }),
});

export const CampaignSummarySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    created_at: z.string(),
    created_by: z.string(),
    reminder_sent_at: z.string().nullable(),
    counts: Counts,
  })
  .meta({ id: 'CampaignSummary' });
export type CampaignSummary = z.infer<typeof CampaignSummarySchema>;

export const CampaignDetailSchema = CampaignSummarySchema.extend({
  entries: z.array(
    z.object({
      actor: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
      state: z.enum(CAMPAIGN_ENTRY_STATES),
      sent_at: z.string().nullable(),
      opened_at: z.string().nullable(),
      confirmed_at: z.string().nullable(),
      corrected_at: z.string().nullable(),
      submission_id: z.number().int().nullable().meta({ description: 'La proposition de correction dans la file de relecture' }),
      reminded_at: z.string().nullable(),
    }),
  ),
}).meta({ id: 'CampaignDetail' });
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>;

export const CampaignListSchema = z.object({ items: z.array(CampaignSummarySchema) }).meta({ id: 'CampaignList' });
export type CampaignList = z.infer<typeof CampaignListSchema>;

export const UpdateLinkViewSchema = z
  .object({
    campaign: z.object({ title: z.string() }),
    actor: PublicActorSchema,
    expires_at: z.string(),
  })
  .meta({ id: 'UpdateLinkView' });
export type UpdateLinkView = z.infer<typeof UpdateLinkViewSchema>;

export const UpdateLinkInputSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('rien-na-change') }),
    z.object({
      action: z.literal('corrections'),
      changes: ActorChangesSchema,
      message: z.string().trim().max(5000, 'Message trop long (5 000 caractères au plus)').optional(),
    }),
  ])
  .superRefine((input, ctx) => {
    if (input.action === 'corrections' && !Object.values(input.changes).some((v) => v !== undefined) && !input.message) {
      ctx.addIssue({ code: 'custom', path: ['changes'], message: 'Indiquez au moins une correction ou un message' });
    }
  })
  .meta({ id: 'UpdateLinkInput' });
export type UpdateLinkInput = z.infer<typeof UpdateLinkInputSchema>;

export const UpdateLinkResultSchema = z
  .object({ result: z.enum(['confirmee', 'corrigee']), message: z.string() })
  .meta({ id: 'UpdateLinkResult' });
export type UpdateLinkResult = z.infer<typeof UpdateLinkResultSchema>;
