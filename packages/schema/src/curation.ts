/**
 * The curators' back office: admin queries and answers, submissions (referencing and
 * correction requests sent without an account), duplicates, freshness, accounts.
 */
import { z } from 'zod';
import { CreateActorInputSchema, PublicActorSchema, SlugSchema } from './actor.ts';
import { AccountFieldsShape, DisplayNameSchema, ROLES } from './auth.ts';
import { ACTOR_TYPES, BULK_VERIFY_MAX, codesOf, TERRITORY_SCOPES } from './codes.ts';
import { adminSearchText, pageOf, pageParams, statusFilter } from './paging.ts';
import { CommuneCodeSchema, DepartementCodeSchema, PostcodeSchema } from './territory.ts';
import { hasUnsafeLineCharacter, ONE_LINE_MESSAGE } from './text.ts';

/** An entry not verified for this long is « à revérifier ». */
export const STALE_AFTER_DAYS = 365;

export const ACTOR_STATUS_LABELS = { published: 'Publiée', archived: 'Archivée' };
export const ACTOR_STATUSES = codesOf(ACTOR_STATUS_LABELS);
export type ActorStatus = (typeof ACTOR_STATUSES)[number];

export const SUBMISSION_KIND_LABELS = {
  referencement: 'Demande de référencement',
  correction: 'Signalement d’erreur',
};
export const SUBMISSION_KINDS = codesOf(SUBMISSION_KIND_LABELS);
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export const SUBMISSION_STATUS_LABELS = {
  nouvelle: 'Nouvelle',
  acceptee: 'Acceptée',
  rejetee: 'Rejetée',
};
export const SUBMISSION_STATUSES = codesOf(SUBMISSION_STATUS_LABELS);
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const REVISION_ACTION_LABELS = {
  create: 'Création',
  update: 'Modification',
  archive: 'Archivage',
  restore: 'Remise en ligne',
  revert: 'Retour à une version antérieure',
  import: 'Import',
  verify: 'Vérification',
};
export const REVISION_ACTIONS = codesOf(REVISION_ACTION_LABELS);

// ---------------------------------------------------------------------------------------------
// Partial actor inputs. `CreateActorInputSchema.partial()` would fill every default (an empty
// description, `sites: []`…) and so erase what the patch does not mention: the defaults are
// taken off first.
// ---------------------------------------------------------------------------------------------

const shape = CreateActorInputSchema.shape;
const opt = <T extends z.ZodType>(s: T | z.ZodDefault<T>) => (s instanceof z.ZodDefault ? (s.unwrap() as T) : s).optional();

/** A curator's partial edit: the fields given replace the entry's (`provenance` is merged field by field). */
export const UpdateActorInputSchema = z
  .object({
    slug: shape.slug,
    name: opt(shape.name),
    type: opt(shape.type),
    description: opt(shape.description),
    publics: opt(shape.publics),
    actions: opt(shape.actions),
    territory: opt(shape.territory),
    languages: opt(shape.languages),
    accepts_contact_requests: opt(shape.accepts_contact_requests),
    referent_email: shape.referent_email,
    siret: shape.siret,
    sites: opt(shape.sites),
    contacts: opt(shape.contacts),
    provenance: shape.provenance.unwrap().partial().optional(),
  })
  .meta({ id: 'UpdateActorInput' });
export type UpdateActorInput = z.infer<typeof UpdateActorInputSchema>;

/** What an actor may propose to change in its own entry (no slug, no provenance). */
export const ActorChangesSchema = UpdateActorInputSchema.omit({ slug: true, provenance: true }).extend({
  // A proposal may leave the lists empty: the curator completes them.
  publics: z.array(shape.publics.element).optional(),
  actions: z.array(shape.actions.element).optional(),
  sites: z.array(shape.sites.unwrap().element).max(10).optional(),
  contacts: z.array(shape.contacts.unwrap().element).max(20).optional(),
});
export type ActorChanges = z.infer<typeof ActorChangesSchema>;

/** A referencing request: a new actor, every field optional but its name, type and place. */
export const ReferencingProposalSchema = ActorChangesSchema.extend({
  name: shape.name,
  type: z.enum(ACTOR_TYPES, { error: 'Choisissez le type de structure' }),
}).superRefine((p, ctx) => {
  if ((p.sites?.length ?? 0) === 0 && !p.territory) {
    ctx.addIssue({ code: 'custom', path: ['sites'], message: 'Indiquez au moins la commune d’un lieu d’accueil ou le territoire couvert' });
  }
});
export type ReferencingProposal = z.infer<typeof ReferencingProposalSchema>;

const SubmitterSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, 'Indiquez votre nom')
    .max(200)
    .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE),
  email: z.email('Adresse e-mail invalide').max(254),
});

const consent = z.literal(true, { error: 'Votre accord est nécessaire pour que nous traitions votre demande' });
/** Hidden from people; a robot filling every field fills it too. */
const honeypot = z.string().max(500).optional().meta({ description: 'Laisser vide (champ piège pour les robots)' });

export const SubmissionInputSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('referencement'),
      proposal: ReferencingProposalSchema,
      message: z.string().trim().max(5000).optional(),
      submitter: SubmitterSchema,
      consent,
      homepage: honeypot,
    }),
    z
      .object({
        kind: z.literal('correction'),
        actor_slug: SlugSchema,
        changes: ActorChangesSchema.optional(),
        message: z.string().trim().max(5000).optional(),
        submitter: SubmitterSchema,
        consent,
        homepage: honeypot,
      })
      .superRefine((s, ctx) => {
        const changed = s.changes && Object.values(s.changes).some((v) => v !== undefined);
        if (!changed && !s.message) {
          ctx.addIssue({ code: 'custom', path: ['message'], message: 'Décrivez l’erreur ou proposez une correction' });
        }
      }),
  ])
  .meta({ id: 'SubmissionInput' });
export type SubmissionInput = z.infer<typeof SubmissionInputSchema>;
export type SubmissionInputRaw = z.input<typeof SubmissionInputSchema>;

export const SubmissionReceiptSchema = z.object({ reference: z.string(), message: z.string() });

// ---------------------------------------------------------------------------------------------
// Admin queries and answers.
// ---------------------------------------------------------------------------------------------

const intParam = (name: string, min: number, max: number, def: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} doit être un nombre entier`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? def);

const boolParam = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

/** A numeric identifier in a path, read as a number. */
const numericId = () =>
  z
    .string()
    .regex(/^\d{1,12}$/, 'Identifiant numérique attendu')
    .transform(Number);

export const IdParamSchema = z.object({ id: numericId() });

/** `{id}/revisions/{revisionId}/revert` of an edited entry. */
export const RevertParamSchema = IdParamSchema.extend({ revisionId: numericId() });

export const AdminActorsQuerySchema = z.object({
  q: adminSearchText(),
  departement: DepartementCodeSchema.optional(),
  status: statusFilter(ACTOR_STATUSES).meta({ description: 'Par défaut : toutes' }),
  stale: boolParam,
  ...pageParams(intParam, 200, 50),
});
export type AdminActorsQuery = z.output<typeof AdminActorsQuerySchema>;

export const AdminActorSummarySchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    type: z.enum(ACTOR_TYPES),
    status: z.enum(ACTOR_STATUSES),
    scope: z.enum(TERRITORY_SCOPES),
    departements: z.array(z.string()),
    last_verified_at: z.string().nullable(),
    verified_by: z.string().nullable(),
    updated_at: z.string(),
    stale: z.boolean().meta({ description: 'Non vérifiée depuis 12 mois : « à revérifier »' }),
  })
  .meta({ id: 'AdminActorSummary' });
export type AdminActorSummary = z.infer<typeof AdminActorSummarySchema>;

export const AdminActorListSchema = pageOf(AdminActorSummarySchema);
export type AdminActorList = z.infer<typeof AdminActorListSchema>;

export const AdminSiteGeoSchema = z.object({
  id: z.number().int(),
  lat: z.number(),
  lng: z.number(),
  precision: z.string(),
  commune: z.string().nullable(),
  departement: z.string().nullable(),
});

/** The full record for curators: the input form (what PATCH takes) plus what the database derived. */
export const AdminActorSchema = AdminActorSummarySchema.extend({
  generated: z.boolean(),
  created_at: z.string(),
  input: CreateActorInputSchema,
  sites_geo: z.array(AdminSiteGeoSchema).meta({ description: 'Coordonnées réelles de chaque lieu, confidentiels compris' }),
}).meta({ id: 'AdminActor' });
export type AdminActor = z.infer<typeof AdminActorSchema>;

export const FieldChangeSchema = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChangeOut = z.infer<typeof FieldChangeSchema>;

/** What every revision says, whatever was edited: which, what was done, when, by whom, the changes. */
export const revisionFields = <const A extends readonly [string, ...string[]]>(actions: A) => ({
  id: z.number().int(),
  action: z.enum(actions),
  created_at: z.string(),
  author: z.string().nullable(),
  changes: z.array(FieldChangeSchema),
});

export const RevisionSchema = z
  .object({
    ...revisionFields(REVISION_ACTIONS),
    submission_id: z.number().int().nullable(),
    reverted_to: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Revision' });
export type RevisionOut = z.infer<typeof RevisionSchema>;

export const RevisionListSchema = z.object({ items: z.array(RevisionSchema) });

export const DuplicateReasonSchema = z.enum(['siret', 'website', 'phone', 'name']);
export type DuplicateReason = z.infer<typeof DuplicateReasonSchema>;
export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, string> = {
  siret: 'même SIRET',
  website: 'même site web',
  phone: 'même numéro de téléphone',
  name: 'nom très proche au même endroit',
};

export const DuplicateSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    status: z.enum(ACTOR_STATUSES),
    reasons: z.array(DuplicateReasonSchema),
    similarity: z.number().nullable(),
  })
  .meta({ id: 'Duplicate' });
export type Duplicate = z.infer<typeof DuplicateSchema>;

export const DuplicatesQuerySchema = z.object({
  name: z.string().trim().max(200).optional(),
  commune: CommuneCodeSchema.optional(),
  postcode: PostcodeSchema.optional(),
  departement: DepartementCodeSchema.optional(),
  siret: z.string().trim().max(20).optional(),
  website: z.string().trim().max(300).optional(),
  phone: z.string().trim().max(40).optional(),
  exclude: z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number)
    .optional()
    .meta({ description: 'Identifiant de la fiche en cours de modification' }),
});
export type DuplicatesQuery = z.output<typeof DuplicatesQuerySchema>;
export const DuplicateListSchema = z.object({ items: z.array(DuplicateSchema) });

export const ForceQuerySchema = z.object({ force: boolParam });

/** POST /api/admin/actors: the input, plus `confirm_duplicates` to save despite likely duplicates. */
export const CreateAdminActorInputSchema = CreateActorInputSchema.extend({
  confirm_duplicates: z.boolean().optional(),
});

export const GeocodeQuerySchema = z
  .object({
    commune: CommuneCodeSchema.optional(),
    postcode: PostcodeSchema.optional(),
    address: z.string().trim().min(3).max(300).optional().meta({
      description: 'Adresse (numéro et voie) : géocodée à l’adresse si un géocodeur en ligne est configuré (PARE_GEOCODER_URL)',
    }),
  })
  .refine((q) => q.commune || q.postcode, { message: 'Indiquez une commune (code INSEE) ou un code postal', path: ['commune'] });
export const GeocodeResultSchema = z.object({
  commune: z.object({ code: z.string(), name: z.string(), departement: z.string(), postcodes: z.array(z.string()) }),
  lat: z.number(),
  lng: z.number(),
  precision: z
    .enum(['address', 'commune'])
    .meta({ description: '`address` : point trouvé par le géocodeur d’adresses ; sinon le centre de la commune' }),
  label: z.string().nullable().meta({ description: 'L’adresse reconnue par le géocodeur, à vérifier' }),
});
export type GeocodeResult = z.infer<typeof GeocodeResultSchema>;

// --- submissions, curator side --------------------------------------------------------------

export const SubmissionsQuerySchema = z.object({
  status: statusFilter(SUBMISSION_STATUSES).meta({ description: 'Par défaut : nouvelle' }),
  kind: z.enum(SUBMISSION_KINDS).optional(),
  ...pageParams(intParam, 200, 50),
});
export type SubmissionsQuery = z.output<typeof SubmissionsQuerySchema>;

export const SubmissionSummarySchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(SUBMISSION_KINDS),
    status: z.enum(SUBMISSION_STATUSES),
    title: z.string().meta({ description: 'Le nom proposé, ou celui de la fiche à corriger' }),
    actor_id: z.number().int().nullable(),
    departements: z.array(z.string()),
    submitter_name: z.string(),
    created_at: z.string(),
    decided_at: z.string().nullable(),
  })
  .meta({ id: 'SubmissionSummary' });
export type SubmissionSummary = z.infer<typeof SubmissionSummarySchema>;

export const SubmissionListSchema = pageOf(SubmissionSummarySchema);
export type SubmissionList = z.infer<typeof SubmissionListSchema>;

export const SubmissionDetailSchema = SubmissionSummarySchema.extend({
  submitter_email: z.string(),
  message: z.string().nullable(),
  proposal: z.record(z.string(), z.unknown()),
  decided_by: z.string().nullable(),
  decision_reason: z.string().nullable(),
  accepted_fields: z.array(z.string()).nullable(),
  revision_id: z.number().int().nullable(),
  actor: z.object({ id: z.number().int(), slug: z.string(), name: z.string(), status: z.enum(ACTOR_STATUSES) }).nullable(),
  current: z
    .record(z.string(), z.unknown())
    .nullable()
    .meta({ description: 'La fiche actuelle (forme de saisie), null pour un référencement' }),
  proposed: z.record(z.string(), z.unknown()).meta({ description: 'La proposition appliquée sur la fiche actuelle' }),
  changes: z.array(FieldChangeSchema).meta({ description: 'Différences champ par champ, à accepter une à une' }),
  duplicates: z.array(DuplicateSchema),
}).meta({ id: 'SubmissionDetail' });
export type SubmissionDetail = z.infer<typeof SubmissionDetailSchema>;

/** The longest list of an entry (sites, contacts: 50): a path's index never goes past it. */
export const MAX_FIELD_PATH_INDEX = 50;
const FIELD_PATH = /^[a-z_]{1,40}(?:\.(?:0|[1-9]\d{0,2}|[a-z_]{1,40})){0,3}$/;

/**
 * A field of an entry by its dotted path (`description`, `sites.0.postcode`): at most four
 * parts, lower-case names, indexes up to MAX_FIELD_PATH_INDEX. Checked before any work, so a
 * path like `sites.1000000000.label` costs nothing.
 */
export const FieldPathSchema = z
  .string()
  .max(200)
  .regex(FIELD_PATH, 'Chemin de champ invalide')
  .refine(
    (p) => p.split('.').every((k) => !/^\d+$/.test(k) || Number(k) <= MAX_FIELD_PATH_INDEX),
    `Chemin de champ invalide : une liste compte ${MAX_FIELD_PATH_INDEX} éléments au plus`,
  );

export const AcceptSubmissionInputSchema = z.object({
  fields: z
    .array(FieldPathSchema)
    .max(500)
    .optional()
    .meta({ description: 'Chemins acceptés (`description`, `sites.0.postcode`, `contacts`…) ; tous si absent' }),
  overrides: z
    .record(FieldPathSchema, z.unknown())
    .refine((o) => Object.keys(o).length <= 500, '500 corrections au plus')
    .optional()
    .meta({ description: 'Corrections du curateur, par chemin : `{"sites.0.postcode": "57100"}`' }),
  confirm_duplicates: z.boolean().optional(),
});
export type AcceptSubmissionInput = z.infer<typeof AcceptSubmissionInputSchema>;

export const RejectSubmissionInputSchema = z.object({
  reason: z.string().trim().min(3, 'Indiquez le motif du refus : il est envoyé à la personne').max(2000),
});

// --- freshness ------------------------------------------------------------------------------

export const FreshnessSchema = z
  .object({
    stale_after_days: z.number().int(),
    stale_before: z.string().meta({ description: 'Vérifiée avant cette date (ou jamais) : à revérifier' }),
    total: z.object({ actors: z.number().int(), stale: z.number().int() }),
    national: z.object({ actors: z.number().int(), stale: z.number().int() }),
    departements: z.array(z.object({ code: z.string(), name: z.string(), actors: z.number().int(), stale: z.number().int() })),
    gaps: z.array(z.object({ code: z.string(), name: z.string() })).meta({ description: 'Départements sans aucun acteur publié' }),
    pending_submissions: z.number().int(),
  })
  .meta({ id: 'Freshness' });
export type Freshness = z.infer<typeof FreshnessSchema>;

// --- accounts -------------------------------------------------------------------------------

export const AdminUserSchema = z
  .object({
    ...AccountFieldsShape,
    active: z.boolean(),
    setup_pending: z.boolean().meta({ description: 'Vrai tant que la personne n’a pas suivi son lien « choisir un mot de passe »' }),
    sessions: z.number().int().meta({ description: 'Sessions ouvertes' }),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof AdminUserSchema>;
export const AdminUserListSchema = z.object({ items: z.array(AdminUserSchema) });

export const UpdateUserInputSchema = z.object({
  role: z.enum(ROLES).optional(),
  departements: z.array(DepartementCodeSchema).optional(),
  active: z.boolean().optional(),
  display_name: DisplayNameSchema.nullish(),
  password: z.string().min(12, 'Le mot de passe doit faire au moins 12 caractères').max(1024).optional(),
  unlock: z
    .literal(true)
    .optional()
    .meta({ description: 'Lève le blocage après 5 échecs de connexion (sinon levé au bout de 15 minutes)' }),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInputSchema>;

export const BulkVerifyInputSchema = z
  .object({
    ids: z
      .array(z.number().int().positive(), { error: 'ids : la liste des fiches à marquer vérifiées' })
      .min(1, 'Choisissez au moins une fiche')
      .max(BULK_VERIFY_MAX, `${BULK_VERIFY_MAX} fiches au plus à la fois`),
  })
  .meta({ id: 'BulkVerifyInput' });

/** The bulk « marquer vérifiées »: each entry verified, or refused with the reason. */
export const BulkVerifyResultSchema = z.object({
  verified: z.array(z.object({ id: z.number().int(), name: z.string(), last_verified_at: z.string().nullable() })),
  refused: z.array(z.object({ id: z.number().int(), message: z.string() })),
});

/** An entry as a relais reads it without editing it. */
export const ReadOnlyActorSchema = z.object({
  id: z.number().int(),
  status: z.enum(['published', 'archived']),
  editable: z.boolean(),
  reason: z.string().nullable().meta({ description: 'Pourquoi la fiche est en lecture seule pour ce compte' }),
  actor: PublicActorSchema,
});

/** The regional and national entries covering a relais's départements. */
export const CoveringEntriesSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      type: z.string(),
      scope: z.enum(['national', 'regional']),
      regions: z.array(z.string()),
    }),
  ),
});

/** A submission accepted: the entry it created or changed, and the fields taken. */
export const AcceptedSubmissionSchema = z.object({
  submission: SubmissionSummarySchema,
  actor_id: z.number().int().nullable(),
  revision_id: z.number().int().nullable(),
  accepted_fields: z.array(z.string()),
});
