/** The shapes of contact requests, public and in the team inbox. */
import { z } from 'zod';
import { SlugSchema } from './actor.ts';
import { CONTACT_REQUEST_RECIPIENTS, CONTACT_REQUEST_STATUSES, MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH, ORIENTATION_NEEDS } from './codes.ts';
import { OrientationNeedSchema, OrientationProfileSchema, UrgencySchema } from './orientation.ts';
import { pageOf } from './paging.ts';
import { wholeNumberParam } from './params.ts';
import { DepartementCodeSchema, PlaceRefSchema } from './territory.ts';

const PHONE = /^(0[1-9]\d{8}|\+[1-9]\d{7,14}|00[1-9]\d{7,14})$/;

/** French (10 digits) or international (+ and 8 to 15 digits); spaces, dots, dashes and brackets allowed. */
export function isPhoneNumber(value: string): boolean {
  return PHONE.test(value.replace(/[\s.\-()]/g, ''));
}

/** Made once: building a zod schema costs more than checking a value with it. */
const email = z.email();
const isEmail = (value: string) => email.safeParse(value).success;

/** Line breaks, tabs and other control characters (C0 and DEL). */
function hasControlCharacter(value: string): boolean {
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** An empty field in a form means "not given": '' and null are accepted and dropped by the service. */
const PhoneSchema = z
  .string({ error: 'Le téléphone doit être du texte' })
  .trim()
  .max(30, 'Numéro de téléphone trop long')
  .refine((v) => v === '' || isPhoneNumber(v), 'Numéro de téléphone invalide (ex. 06 12 34 56 78 ou +33 6 12 34 56 78)')
  .nullish()
  .meta({ description: 'Téléphone pour être rappelé (téléphone ou e-mail : au moins l’un des deux)', example: '06 12 34 56 78' });

const EmailSchema = z
  .string({ error: 'L’adresse e-mail doit être du texte' })
  .trim()
  .max(254, 'Adresse e-mail trop longue')
  .refine((v) => v === '' || isEmail(v), 'Adresse e-mail invalide (ex. prenom@exemple.fr)')
  .nullish()
  .meta({ description: 'Adresse e-mail pour être recontacté (téléphone ou e-mail : au moins l’un des deux)' });

/**
 * The public form's body. Whether a commune code exists is the API's to say (`isKnownCommune`, from
 * @pare/geo, whose referential files must not reach a browser): the API builds the schema once.
 */
export const createContactRequestInputSchema = (isKnownCommune: (code: string) => boolean) =>
  z
    .object({
      name: z
        .string({ error: 'Indiquez un prénom, un nom ou un pseudonyme' })
        .trim()
        .min(1, 'Indiquez un prénom, un nom ou un pseudonyme')
        .max(NAME_MAX_LENGTH, `${NAME_MAX_LENGTH} caractères au plus`)
        // One line: the name is written into the mail's text, where a line break could fake a field.
        .refine((v) => !hasControlCharacter(v), 'Le nom tient sur une ligne, sans caractère spécial')
        .meta({ description: 'Un prénom ou un pseudonyme suffit' }),
      phone: PhoneSchema,
      email: EmailSchema,
      profile: OrientationProfileSchema,
      commune: z
        .string({ error: 'Indiquez votre commune' })
        .trim()
        .toUpperCase()
        .regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE de commune invalide (ex. 57672)')
        .refine(isKnownCommune, 'Commune inconnue : choisissez-la dans la liste')
        .meta({ description: 'Code INSEE de la commune (ex. 57672 pour Thionville)' }),
      message: z
        .string({ error: 'Le message doit être du texte' })
        .trim()
        .max(MESSAGE_MAX_LENGTH, `Message trop long (${MESSAGE_MAX_LENGTH} caractères au plus)`)
        .optional()
        .meta({ description: `Ce que vous souhaitez dire (${MESSAGE_MAX_LENGTH} caractères au plus, facultatif)` }),
      consent: z.literal(true, { error: 'Cochez la case pour accepter que vos coordonnées soient transmises' }),
      actor: SlugSchema.nullish().meta({ description: 'L’acteur à contacter (son identifiant), s’il a été choisi' }),
      urgency: UrgencySchema.nullish().meta({
        description: 'La réponse à « Est-ce urgent ? » de l’orientation, si la demande en vient : l’équipe traite d’abord les urgentes',
      }),
      needs: z
        .array(OrientationNeedSchema, { error: 'Les besoins sont attendus sous forme de liste' })
        .max(ORIENTATION_NEEDS.length, 'Trop de besoins')
        .optional()
        .meta({ description: 'Les besoins choisis dans l’orientation, si la demande en vient (ex. ["hebergement"])' }),
      website: z
        .string()
        .max(500)
        .optional()
        .meta({ description: 'Champ piège pour les robots : ne pas remplir. Rempli, la demande est ignorée (réponse 201 sans effet).' }),
    })
    .superRefine(
      (input, ctx) => {
        const given = (v: unknown) => typeof v === 'string' && v.trim() !== '';
        if (!given(input.phone) && !given(input.email)) {
          const message = 'Indiquez un téléphone ou une adresse e-mail pour être recontacté';
          ctx.addIssue({ code: 'custom', path: ['phone'], message });
          ctx.addIssue({ code: 'custom', path: ['email'], message });
        }
      },
      // Also when other fields are wrong: the form shows every problem at once.
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .meta({ id: 'CreateContactRequestInput' });
export type CreateContactRequestInput = z.infer<ReturnType<typeof createContactRequestInputSchema>>;

export const ContactRequestStatusSchema = z.enum(CONTACT_REQUEST_STATUSES, {
  error: `Statut inconnu. Valeurs possibles : ${CONTACT_REQUEST_STATUSES.join(', ')}`,
});
export const ContactRequestRecipientSchema = z.enum(CONTACT_REQUEST_RECIPIENTS);

export const ContactRequestCreatedSchema = z
  .object({
    reference: z.string().meta({ description: 'À rappeler dans tout échange (ex. PARE-7K3MQ9TX)' }),
    status: ContactRequestStatusSchema,
    recipient: ContactRequestRecipientSchema.meta({ description: 'Qui reçoit la demande : la structure, ou l’équipe PARÉ' }),
    next_steps: z.string().meta({ description: 'Ce qui va se passer, en français simple' }),
    retention_days: z.number().int().meta({ description: 'Durée de conservation de la demande, en jours' }),
  })
  .meta({ id: 'ContactRequestCreated' });
export type ContactRequestCreated = z.infer<typeof ContactRequestCreatedSchema>;

export const ContactRequestSummarySchema = z
  .object({
    reference: z.string(),
    status: ContactRequestStatusSchema,
    recipient: ContactRequestRecipientSchema,
    actor: z.object({ slug: z.string(), name: z.string() }).nullable(),
    profile: OrientationProfileSchema,
    name: z.string(),
    commune: PlaceRefSchema,
    departement: PlaceRefSchema,
    created_at: z.string(),
    updated_at: z.string(),
    age_days: z.number().int().meta({ description: 'Jours écoulés depuis la demande' }),
    holder: z
      .object({ kind: z.enum(['structure', 'equipe']), name: z.string() })
      .meta({ description: 'Qui a la demande en main : la structure à qui elle a été transmise, ou l’équipe' }),
    last_event: z
      .object({ to: ContactRequestStatusSchema, by: z.string(), at: z.string() })
      .nullable()
      .meta({ description: 'Le dernier changement de statut' }),
    needs_attention: z.boolean().meta({ description: 'Revenue à l’équipe (« à réorienter » ou « sans réponse ») : à traiter en premier' }),
    urgent: z.boolean().meta({
      description:
        'Urgente : danger immédiat déclaré, ou un jeune qui cherche un endroit où dormir. En tête de la boîte tant qu’elle n’est pas close',
    }),
    urgency: UrgencySchema.nullable().meta({ description: 'La réponse à « Est-ce urgent ? », si la demande vient de l’orientation' }),
    needs: z.array(z.string()).meta({ description: 'Les besoins choisis dans l’orientation' }),
  })
  .meta({ id: 'ContactRequestSummary' });
export type ContactRequestSummary = z.infer<typeof ContactRequestSummarySchema>;

export const ContactRequestHistoryEntrySchema = z.object({
  from: ContactRequestStatusSchema.nullable(),
  to: ContactRequestStatusSchema,
  by: z.string().meta({ description: 'Qui : l’adresse du compte, ou l’étape automatique' }),
  note: z.string().nullable(),
  at: z.string(),
});

export const ContactRequestDetailSchema = ContactRequestSummarySchema.extend({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  message: z.string(),
  consent_at: z.string(),
  purge_after: z.string().meta({ description: 'Date après laquelle la demande et ses courriels sont supprimés' }),
  history: z.array(ContactRequestHistoryEntrySchema),
  mails: z.array(
    z.object({
      id: z.number().int(),
      status: z.enum(['pending', 'sent', 'failed']),
      attempts: z.number().int(),
      sent_at: z.string().nullable(),
      next_attempt_at: z.string(),
    }),
  ),
}).meta({ id: 'ContactRequestDetail' });
export type ContactRequestDetail = z.infer<typeof ContactRequestDetailSchema>;

export const ListContactRequestsQuerySchema = z.object({
  status: ContactRequestStatusSchema.optional(),
  departement: DepartementCodeSchema.optional(),
  actor: SlugSchema.optional(),
  urgent: z
    .enum(['true', 'false'], { error: 'urgent vaut true ou false' })
    .transform((v) => v === 'true')
    .optional(),
  profile: OrientationProfileSchema.optional(),
  older_than_hours: z
    .string()
    .regex(/^\d+$/, 'older_than_hours doit être un nombre entier')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1)
        .max(24 * 365, 'older_than_hours ne peut pas dépasser 8 760'),
    )
    .optional()
    .meta({ description: 'Seulement les demandes reçues il y a plus de ce nombre d’heures (ex. 48)' }),
  page: z
    .string()
    .regex(/^\d+$/, 'page doit être un nombre entier')
    .transform(Number)
    .pipe(z.number().int().min(1, 'page doit valoir au moins 1').max(10_000))
    .optional(),
  per_page: wholeNumberParam('per_page', 1, 100).optional(),
});
export type ListContactRequestsQuery = z.infer<typeof ListContactRequestsQuerySchema>;

export const ListContactRequestsResponseSchema = pageOf(ContactRequestSummarySchema);

export const ChangeContactRequestStatusInputSchema = z
  .object({
    status: z.enum(['transmise', 'en-cours', 'cloturee'], {
      error: 'Statut inconnu : choisissez transmise, en-cours ou cloturee (une demande ne redevient pas nouvelle)',
    }),
    note: z.string().trim().max(1000, 'Note trop longue (1 000 caractères au plus)').optional(),
  })
  .meta({ id: 'ChangeContactRequestStatusInput' });
export type ChangeContactRequestStatusInput = z.infer<typeof ChangeContactRequestStatusInputSchema>;

export const ReferenceParamSchema = z.object({
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^PARE-[2-9A-HJ-NP-Z]{8}$/, 'Référence invalide (ex. PARE-7K3MQ9TX)')
    .meta({ param: { name: 'reference', in: 'path' }, example: 'PARE-7K3MQ9TX' }),
});

export const RequestStatusLookupInputSchema = z
  .object({
    reference: z
      .string({ error: 'Indiquez la référence reçue (ex. PARE-7K3MQ9TX)' })
      .trim()
      .toUpperCase()
      .regex(/^PARE-[2-9A-HJ-NP-Z]{8}$/, 'Référence invalide (ex. PARE-7K3MQ9TX)'),
    contact: z
      .string({ error: 'Indiquez l’e-mail ou le téléphone donné avec la demande' })
      .trim()
      .min(3, 'Indiquez l’e-mail ou le téléphone donné avec la demande')
      .max(254),
  })
  .meta({ id: 'RequestStatusLookupInput' });
export type RequestStatusLookupInput = z.infer<typeof RequestStatusLookupInputSchema>;

export const RequestStatusSchema = z
  .object({
    reference: z.string(),
    status: ContactRequestStatusSchema,
    label: z.string().meta({ description: 'Le statut en français simple' }),
    updated_at: z.string(),
  })
  .meta({ id: 'RequestStatus' });
export type RequestStatus = z.infer<typeof RequestStatusSchema>;

export const ContactRequestCountsSchema = z
  .object({
    by_status: z.record(ContactRequestStatusSchema, z.number().int()),
    older_than_48h: z
      .record(ContactRequestStatusSchema, z.number().int())
      .meta({ description: 'Par statut, celles reçues il y a plus de 48 h' }),
    urgent_open: z.number().int().meta({ description: 'Urgentes et pas encore closes' }),
  })
  .meta({ id: 'ContactRequestCounts' });
export type ContactRequestCounts = z.infer<typeof ContactRequestCountsSchema>;

export const TransmitContactRequestInputSchema = z
  .object({
    actor_id: z
      .number({ error: 'Choisissez la structure à qui transmettre la demande' })
      .int('Choisissez la structure à qui transmettre la demande')
      .positive('Choisissez la structure à qui transmettre la demande'),
    note: z.string().trim().max(1000, 'Note trop longue (1 000 caractères au plus)').optional(),
  })
  .meta({ id: 'TransmitContactRequestInput' });
export type TransmitContactRequestInput = z.infer<typeof TransmitContactRequestInputSchema>;

export const TransmitCandidatesQuerySchema = z.object({
  q: z.string().trim().max(100, '100 caractères au plus').optional(),
});

export const TransmitCandidateSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    type: z.string(),
    scope: z.string(),
    departements: z.array(z.string()),
    covers: z.boolean().meta({ description: 'Intervient dans le département de la demande (ou au niveau national)' }),
    confidential: z.boolean().meta({ description: 'A un lieu confidentiel : ses coordonnées ne sont jamais données à la personne' }),
  })
  .meta({ id: 'TransmitCandidate' });
export type TransmitCandidate = z.infer<typeof TransmitCandidateSchema>;
export const TransmitCandidateListSchema = z.object({ items: z.array(TransmitCandidateSchema) });
