/** The answer link's page: what a referent sees of a routed request, and what it can answer. */
import { z } from 'zod';
import { ANSWER_ACTIONS } from './codes.ts';
import { ContactRequestStatusSchema } from './contact-requests.ts';
import { OrientationProfileSchema } from './orientation.ts';

/**
 * Control characters (C0 but line breaks, DEL, C1), zero-width and bidi-override characters: none
 * belongs in a short text that ends up in a mail or a history line.
 */
export function hasBadCharacter(value: string, allowLineBreaks = true): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (allowLineBreaks && (c === 0x0a || c === 0x0d)) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
    if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

export const TokenParamSchema = z.object({
  token: z
    .string()
    .max(200)
    .meta({ param: { name: 'token', in: 'path' }, description: 'Le jeton du lien reçu par courriel' }),
});

export const AnswerInputSchema = z
  .object({
    action: z.enum(ANSWER_ACTIONS, { error: `Réponse inconnue : ${ANSWER_ACTIONS.join(', ')}` }).meta({
      description:
        '« prise-en-charge » (je prends contact), « contact-etabli » (la demande est close), « impossible » (elle revient à l’équipe)',
    }),
    reason: z
      .string({ error: 'La raison doit être du texte' })
      .trim()
      .max(1000, '1 000 caractères au plus')
      .refine((v) => !hasBadCharacter(v), 'La raison contient un caractère non autorisé')
      .optional()
      .meta({ description: 'Pourquoi la structure ne peut pas prendre la demande (obligatoire avec « impossible »)' }),
  })
  .superRefine((input, ctx) => {
    if (input.action === 'impossible' && (!input.reason || input.reason.length < 3)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Dites en quelques mots pourquoi, pour que l’équipe réoriente la personne',
      });
    }
  })
  .meta({ id: 'AnswerInput' });
export type AnswerInput = z.infer<typeof AnswerInputSchema>;

export const AnswerViewSchema = z
  .object({
    reference: z.string(),
    status: ContactRequestStatusSchema,
    actor: z.object({ name: z.string() }).nullable(),
    profile: OrientationProfileSchema,
    commune: z.object({ code: z.string(), name: z.string() }),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    message: z.string(),
    created_at: z.string(),
    expires_at: z.string().meta({ description: 'Fin de validité du lien' }),
    actions: z.array(z.enum(ANSWER_ACTIONS)).meta({ description: 'Les réponses encore possibles' }),
  })
  .meta({ id: 'AnswerView' });
export type AnswerView = z.infer<typeof AnswerViewSchema>;
