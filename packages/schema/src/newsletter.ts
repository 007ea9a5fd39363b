/** The quarterly newsletter: subscription (double opt-in), issues composed by curators, subscribers. */
import { z } from 'zod';
import { DepartementCodeSchema } from './territory.ts';

const hasControlCharacter = (v: string) => [...v].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20 || (ch.codePointAt(0) ?? 0) === 0x7f);

export const NewsletterSubscribeInputSchema = z
  .object({
    email: z
      .email('Adresse e-mail invalide')
      .max(254, 'Adresse e-mail trop longue')
      .meta({ description: 'L’adresse qui recevra la lettre' }),
    departements: z
      .array(DepartementCodeSchema)
      .max(101, '101 départements au plus')
      .default([])
      .transform((codes) => [...new Set(codes)])
      .meta({ description: 'Éditions départementales voulues en plus de la lettre nationale (facultatif)' }),
    website: z.string().max(200).optional().meta({ description: 'Piège à robots : à laisser vide' }),
  })
  .meta({ id: 'NewsletterSubscribeInput' });
export type NewsletterSubscribeInput = z.infer<typeof NewsletterSubscribeInputSchema>;

export const NewsletterMessageSchema = z.object({ message: z.string() }).meta({ id: 'NewsletterMessage' });

export const NewsletterConfirmResultSchema = z
  .object({ message: z.string(), departements: z.array(z.string()) })
  .meta({ id: 'NewsletterConfirmResult' });

export const NEWSLETTER_ITEM_KINDS = ['event', 'news', 'resource'] as const;

export const NewsletterItemSchema = z
  .object({
    kind: z.enum(NEWSLETTER_ITEM_KINDS),
    id: z.number().int(),
    title: z.string(),
    summary: z.string(),
    path: z.string(),
    meta: z.string(),
  })
  .meta({ id: 'NewsletterItem' });
export type NewsletterItemView = z.infer<typeof NewsletterItemSchema>;

const IsoDate = z.iso.date('Date attendue au format AAAA-MM-JJ');
const OneLine = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(3, `${label} trop court`)
    .max(max, `${label} trop long (${max} caractères au plus)`)
    .refine((v) => !hasControlCharacter(v), `${label} tient sur une ligne, sans caractère spécial`);

export const CreateNewsletterIssueInputSchema = z
  .object({
    title: OneLine(200, 'Titre'),
    period_from: IsoDate,
    period_to: IsoDate,
    departement: DepartementCodeSchema.nullable().optional().meta({ description: 'Édition d’un département ; absent : lettre nationale' }),
  })
  .refine((v) => v.period_to >= v.period_from, { path: ['period_to'], message: 'La fin de la période précède son début' })
  .meta({ id: 'CreateNewsletterIssueInput' });
export type CreateNewsletterIssueInput = z.infer<typeof CreateNewsletterIssueInputSchema>;

export const UpdateNewsletterIssueInputSchema = z
  .object({
    title: OneLine(200, 'Titre').optional(),
    intro_md: z.string().max(20_000, 'Introduction trop longue (20 000 caractères au plus)').optional(),
    items: z
      .array(z.object({ kind: z.enum(NEWSLETTER_ITEM_KINDS), id: z.number().int().positive() }))
      .max(200, '200 éléments au plus')
      .optional()
      .meta({ description: 'Les éléments retenus, dans leur ordre (pris parmi `candidates`)' }),
  })
  .meta({ id: 'UpdateNewsletterIssueInput' });
export type UpdateNewsletterIssueInput = z.infer<typeof UpdateNewsletterIssueInputSchema>;

export const NEWSLETTER_ISSUE_STATUSES = ['draft', 'sending', 'sent'] as const;

export const NewsletterIssueSummarySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    period_from: z.string(),
    period_to: z.string(),
    departement: z.string().nullable(),
    status: z.enum(NEWSLETTER_ISSUE_STATUSES),
    created_at: z.string(),
    sent_at: z.string().nullable(),
    queued: z.number().int().meta({ description: 'Lettres mises dans la file d’envoi' }),
  })
  .meta({ id: 'NewsletterIssueSummary' });

export const NewsletterIssueDetailSchema = NewsletterIssueSummarySchema.extend({
  intro_md: z.string(),
  items: z.array(NewsletterItemSchema),
  candidates: z.array(NewsletterItemSchema).meta({ description: 'Tout ce que la période offre (agenda, actualités, ressources)' }),
  pending: z.number().int().meta({ description: 'Lettres encore à mettre dans la file (envoi en cours)' }),
  recipients: z.number().int().meta({ description: 'Abonnés confirmés que l’édition toucherait maintenant' }),
}).meta({ id: 'NewsletterIssueDetail' });
export type NewsletterIssueDetail = z.infer<typeof NewsletterIssueDetailSchema>;

export const NewsletterIssueListSchema = z.object({ items: z.array(NewsletterIssueSummarySchema) }).meta({ id: 'NewsletterIssueList' });

export const NewsletterPreviewSchema = z
  .object({ subject: z.string(), html: z.string(), text: z.string() })
  .meta({ id: 'NewsletterPreview' });

export const NewsletterSubscriberSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    departements: z.array(z.string()),
    status: z.enum(['pending', 'confirmed']),
    created_at: z.string(),
    confirmed_at: z.string().nullable(),
  })
  .meta({ id: 'NewsletterSubscriber' });
export type NewsletterSubscriberView = z.infer<typeof NewsletterSubscriberSchema>;

export const NewsletterSubscriberListSchema = z
  .object({
    counts: z.object({ confirmed: z.number().int(), pending: z.number().int() }),
    items: z.array(NewsletterSubscriberSchema),
  })
  .meta({ id: 'NewsletterSubscriberList' });

export type NewsletterIssueList = z.infer<typeof NewsletterIssueListSchema>;
export type NewsletterPreview = z.infer<typeof NewsletterPreviewSchema>;
export type NewsletterSubscriberList = z.infer<typeof NewsletterSubscriberListSchema>;

/** A test of a letter queued: where it goes. */
export const TestSentSchema = z.object({ recipient: z.string() });
