/** The outbox as curators see it: mails waiting, sent or failed (never their content). */
import { z } from 'zod';
import { wholeNumberParam } from './params.ts';

export const OutboxStatusSchema = z.enum(['pending', 'sent', 'failed'], { error: 'Statut inconnu : pending, sent ou failed' });

export const OutboxItemSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    recipient: z.string(),
    subject: z.string(),
    status: OutboxStatusSchema,
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    next_attempt_at: z.string(),
    sent_at: z.string().nullable(),
    subject_ref: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'OutboxItem' });

export const OutboxListSchema = z.object({
  smtp_configured: z.boolean().nullable().meta({ description: 'false : aucun relais SMTP, les courriels attendent' }),
  counts: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
  items: z.array(OutboxItemSchema),
});
export type OutboxList = z.infer<typeof OutboxListSchema>;

export const OutboxQuerySchema = z.object({
  status: OutboxStatusSchema.optional(),
  limit: wholeNumberParam('limit', 1, 500).optional(),
});

export const OutboxIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,12}$/, 'Identifiant invalide')
    .transform(Number)
    .meta({ param: { name: 'id', in: 'path' }, example: '12' }),
});

/** A mail put back in the queue, due now. */
export const OutboxRetrySchema = z.object({ id: z.number().int(), status: z.literal('pending'), next_attempt_at: z.string() });
