/**
 * The resource centre and the territorial protocols: the inputs curators give, and the public
 * views. Their code lists, with their French labels, are in codes.ts (the web reads them there).
 */
import { z } from 'zod';
import { PublicActorSchema, SlugSchema } from './actor.ts';
import {
  ACTOR_TYPES,
  MEETING_FREQUENCIES,
  MEMBER_ROLES,
  PROTOCOL_KINDS,
  PUBLICS,
  RESOURCE_SCOPES,
  RESOURCE_STATUSES,
  RESOURCE_THEMES,
  RESOURCE_TYPES,
} from './codes.ts';
import { adminSearchText, pageOf, pageParams, statusFilter } from './paging.ts';
import { codeList, intParam } from './params.ts';
import { DepartementCodeSchema, PlaceRefSchema, RegionCodeSchema } from './territory.ts';
import { hasUnsafeLineCharacter, ONE_LINE_MESSAGE } from './text.ts';

// ---------------------------------------------------------------------------------------------
// Uploaded files
// ---------------------------------------------------------------------------------------------

/** The largest file a curator may upload. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The file types accepted, by the MIME type detected from the file's bytes, with the extensions
 * a file of that type may carry. Nothing executable, no HTML, no SVG (it can hold scripts).
 */
export const UPLOAD_TYPES = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
} as const satisfies Record<string, readonly string[]>;
export type UploadMimeType = keyof typeof UPLOAD_TYPES;
export const UPLOAD_EXTENSIONS: readonly string[] = Object.values(UPLOAD_TYPES).flat();

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const isoDate = z.iso.date('Date attendue au format AAAA-MM-JJ');
const httpsUrl = z.url({ protocol: /^https$/, message: 'Adresse web invalide : elle doit commencer par https://' }).max(2000);
const anyHttpUrl = z.url({ protocol: /^https?$/, message: 'Adresse web invalide (http:// ou https://)' }).max(2000);

export const ResourceTerritoryInputSchema = z
  .object({
    scope: z.enum(RESOURCE_SCOPES),
    regions: z.array(RegionCodeSchema).max(20).default([]),
    departements: z.array(DepartementCodeSchema).max(110).default([]),
  })
  .superRefine((t, ctx) => {
    if (t.scope === 'regions' && t.regions.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['regions'], message: 'Au moins une région est requise pour la portée « régions »' });
    }
    if (t.scope === 'departements' && t.departements.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['departements'],
        message: 'Au moins un département est requis pour la portée « départements »',
      });
    }
  });
export type ResourceTerritoryInput = z.infer<typeof ResourceTerritoryInputSchema>;

/** The fields of a resource, without defaults, so a partial edit does not erase what it omits. */
const resourceFields = {
  slug: SlugSchema,
  title: z
    .string()
    .trim()
    .min(3, 'Le titre est requis (3 caractères au moins)')
    .max(300, 'Titre trop long (300 caractères au plus)')
    .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE),
  summary: z.string().trim().max(5000, 'Résumé trop long (5 000 caractères au plus)'),
  type: z.enum(RESOURCE_TYPES),
  publics: z.array(z.enum(PUBLICS)).min(1, 'Au moins un public'),
  themes: z.array(z.enum(RESOURCE_THEMES)).max(RESOURCE_THEMES.length),
  territory: ResourceTerritoryInputSchema,
  date: isoDate.nullable().meta({ description: 'Date de publication, de signature ou d’adoption' }),
  reference: z.string().trim().max(300).nullable().meta({ description: 'Référence officielle (n° de loi, article de code…)' }),
  url: httpsUrl.nullable().meta({ description: 'Lien vers la ressource (https). Une ressource a un lien OU un fichier déposé.' }),
  producers: z.array(SlugSchema).max(20).meta({ description: 'Identifiants (slugs) des acteurs qui ont produit la ressource' }),
  source_url: anyHttpUrl.nullable().meta({ description: 'Page publique où les informations ont été vérifiées' }),
};

export const CreateResourceInputSchema = z
  .object({
    ...resourceFields,
    slug: resourceFields.slug.optional(),
    summary: resourceFields.summary.default(''),
    themes: resourceFields.themes.default([]),
    date: resourceFields.date.optional(),
    reference: resourceFields.reference.optional(),
    url: resourceFields.url.optional(),
    producers: resourceFields.producers.default([]),
    source_url: resourceFields.source_url.optional(),
  })
  .meta({ id: 'CreateResourceInput' });
export type CreateResourceInput = z.output<typeof CreateResourceInputSchema>;
export type CreateResourceInputRaw = z.input<typeof CreateResourceInputSchema>;

/** A curator's partial edit: the fields given replace the resource's. */
export const UpdateResourceInputSchema = z.object(resourceFields).partial().meta({ id: 'UpdateResourceInput' });
export type UpdateResourceInput = z.infer<typeof UpdateResourceInputSchema>;

export const ProtocolMemberInputSchema = z.object({
  actor: SlugSchema.meta({ description: 'Identifiant (slug) de l’acteur' }),
  role: z.enum(MEMBER_ROLES),
  note: z.string().trim().max(300).nullish().meta({ description: 'Précision publique, par ex. « magistrats du siège et du parquet »' }),
});
export type ProtocolMemberInput = z.infer<typeof ProtocolMemberInputSchema>;

export const ProtocolMeetingInputSchema = z.object({
  date: isoDate,
  summary: z.string().trim().max(2000, 'Compte rendu trop long (2 000 caractères au plus)').default(''),
});
export type ProtocolMeetingInput = z.infer<typeof ProtocolMeetingInputSchema>;

const protocolFields = {
  slug: SlugSchema,
  kind: z.enum(PROTOCOL_KINDS),
  title: z
    .string()
    .trim()
    .min(3, 'Le titre est requis (3 caractères au moins)')
    .max(300)
    .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE),
  summary: z.string().trim().max(5000),
  departements: z.array(DepartementCodeSchema).min(1, 'Au moins un département').max(20),
  date: isoDate.nullable().meta({ description: 'Date de signature ou de création' }),
  frequency: z.enum(MEETING_FREQUENCIES).nullable(),
  parent: SlugSchema.nullable().meta({ description: 'L’instance (convention…) qui a créé celle-ci' }),
  members: z.array(ProtocolMemberInputSchema).max(100),
  meetings: z.array(ProtocolMeetingInputSchema).max(200),
  resources: z.array(SlugSchema).max(50).meta({ description: 'Identifiants (slugs) des ressources liées' }),
  source_url: anyHttpUrl.nullable(),
};

const uniqueMembers = (p: { members?: ProtocolMemberInput[] | undefined }, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  p.members?.forEach((m, i) => {
    if (seen.has(m.actor)) ctx.addIssue({ code: 'custom', path: ['members', i, 'actor'], message: `Acteur en double : ${m.actor}` });
    seen.add(m.actor);
  });
};

export const CreateProtocolInputSchema = z
  .object({
    ...protocolFields,
    slug: protocolFields.slug.optional(),
    summary: protocolFields.summary.default(''),
    date: protocolFields.date.optional(),
    frequency: protocolFields.frequency.optional(),
    parent: protocolFields.parent.optional(),
    members: protocolFields.members.default([]),
    meetings: protocolFields.meetings.default([]),
    resources: protocolFields.resources.default([]),
    source_url: protocolFields.source_url.optional(),
  })
  .superRefine(uniqueMembers)
  .meta({ id: 'CreateProtocolInput' });
export type CreateProtocolInput = z.output<typeof CreateProtocolInputSchema>;
export type CreateProtocolInputRaw = z.input<typeof CreateProtocolInputSchema>;

export const UpdateProtocolInputSchema = z.object(protocolFields).partial().superRefine(uniqueMembers).meta({ id: 'UpdateProtocolInput' });
export type UpdateProtocolInput = z.infer<typeof UpdateProtocolInputSchema>;

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

export const SearchResourcesQuerySchema = z.object({
  q: z.string().trim().max(200, 'Recherche trop longue (200 caractères au plus)').optional(),
  types: codeList(RESOURCE_TYPES).optional(),
  publics: codeList(PUBLICS).optional(),
  themes: codeList(RESOURCE_THEMES).optional(),
  departement: DepartementCodeSchema.optional().meta({
    description: 'Ressources nationales et celles dont le territoire couvre ce département (directement ou par sa région)',
  }),
  actor: SlugSchema.optional().meta({ description: 'Ressources produites par cet acteur (slug)' }),
  ...pageParams(intParam, 100, 20),
});
export type SearchResourcesQuery = z.output<typeof SearchResourcesQuerySchema>;

export const ProtocolsQuerySchema = z.object({
  departement: DepartementCodeSchema.optional(),
  kinds: codeList(PROTOCOL_KINDS).optional(),
});
export type ProtocolsQuery = z.output<typeof ProtocolsQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Public views
// ---------------------------------------------------------------------------------------------

export const ActorLinkSchema = z
  .object({ slug: z.string(), name: z.string(), type: z.enum(ACTOR_TYPES) })
  .meta({ id: 'ActorLink', description: 'Un acteur publié, à ouvrir sur /api/actors/{slug}' });
export type ActorLink = z.infer<typeof ActorLinkSchema>;

export const ResourceFileSchema = z
  .object({
    name: z.string().meta({ description: 'Nom d’origine, nettoyé' }),
    content_type: z.string().meta({ description: 'Type détecté à partir du contenu du fichier' }),
    size: z.number().int(),
    url: z.string().meta({ description: 'Adresse de téléchargement (/api/resources/{slug}/file)' }),
  })
  .meta({ id: 'ResourceFile' });
export type ResourceFile = z.infer<typeof ResourceFileSchema>;

export const PublicResourceSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    type: z.enum(RESOURCE_TYPES),
    publics: z.array(z.enum(PUBLICS)),
    themes: z.array(z.enum(RESOURCE_THEMES)),
    territory: z.object({ scope: z.enum(RESOURCE_SCOPES), regions: z.array(PlaceRefSchema), departements: z.array(PlaceRefSchema) }),
    date: z.string().nullable(),
    reference: z.string().nullable(),
    url: z.string().nullable(),
    file: ResourceFileSchema.nullable(),
    producers: z.array(ActorLinkSchema),
    source_url: z.string().nullable(),
    updated_at: z.string(),
  })
  .meta({ id: 'PublicResource' });
export type PublicResource = z.infer<typeof PublicResourceSchema>;

export const SearchResourcesResponseSchema = pageOf(PublicResourceSchema).meta({ id: 'ResourceSearchResult' });
export type SearchResourcesResponse = z.infer<typeof SearchResourcesResponseSchema>;

export const ResourceLinkSchema = z
  .object({ slug: z.string(), title: z.string(), type: z.enum(RESOURCE_TYPES) })
  .meta({ id: 'ResourceLink' });
export type ResourceLink = z.infer<typeof ResourceLinkSchema>;

export const PublicProtocolSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    kind: z.enum(PROTOCOL_KINDS),
    title: z.string(),
    summary: z.string(),
    departements: z.array(PlaceRefSchema),
    date: z.string().nullable(),
    frequency: z.enum(MEETING_FREQUENCIES).nullable(),
    parent: z.object({ slug: z.string(), title: z.string() }).nullable(),
    members: z.array(z.object({ actor: ActorLinkSchema, role: z.enum(MEMBER_ROLES), note: z.string().nullable() })),
    meetings: z.array(z.object({ date: z.string(), summary: z.string() })),
    resources: z.array(ResourceLinkSchema),
    source_url: z.string().nullable(),
    updated_at: z.string(),
  })
  .meta({ id: 'PublicProtocol' });
export type PublicProtocol = z.infer<typeof PublicProtocolSchema>;

export const ProtocolListSchema = z.object({ total: z.number().int(), items: z.array(PublicProtocolSchema) }).meta({ id: 'ProtocolList' });
export type ProtocolList = z.infer<typeof ProtocolListSchema>;

// ---------------------------------------------------------------------------------------------
// Départements
// ---------------------------------------------------------------------------------------------

export const DepartementSummarySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    region: PlaceRefSchema,
    actors: z.number().int().meta({ description: 'Acteurs publiés ayant un lieu dans le département ou le couvrant (nationaux exclus)' }),
    protocols: z.number().int(),
    has_protocol: z.boolean(),
    bbox: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .nullable()
      .meta({ description: 'ouest,sud,est,nord autour du contour du département (WGS 84), pour cadrer une carte' }),
  })
  .meta({ id: 'DepartementSummary' });
export type DepartementSummary = z.infer<typeof DepartementSummarySchema>;

export const DepartementListSchema = z.object({ items: z.array(DepartementSummarySchema) }).meta({ id: 'DepartementList' });
export type DepartementList = z.infer<typeof DepartementListSchema>;

export const DepartementPageSchema = z
  .object({
    departement: PlaceRefSchema.extend({ region: PlaceRefSchema }),
    reporting: z.array(PublicActorSchema).meta({
      description: 'Services départementaux qui le couvrent : la CRIP (recueil des informations préoccupantes) d’abord, puis l’ASE',
    }),
    actors: z
      .array(PublicActorSchema)
      .meta({ description: 'Autres acteurs ayant un lieu dans le département ou le couvrant (nationaux exclus)' }),
    protocols: z.array(PublicProtocolSchema),
    resources: z
      .array(PublicResourceSchema)
      .meta({ description: 'Ressources dont le territoire couvre le département (nationales exclues)' }),
  })
  .meta({ id: 'DepartementPage' });
export type DepartementPage = z.infer<typeof DepartementPageSchema>;

// ---------------------------------------------------------------------------------------------
// Curators
// ---------------------------------------------------------------------------------------------

export const AdminListQuerySchema = z.object({
  q: adminSearchText(),
  status: statusFilter(RESOURCE_STATUSES).meta({ description: 'Par défaut : toutes' }),
  departement: DepartementCodeSchema.optional(),
  ...pageParams(intParam, 200, 50),
});
export type AdminListQuery = z.output<typeof AdminListQuerySchema>;

export const AdminResourceSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    type: z.enum(RESOURCE_TYPES),
    status: z.enum(RESOURCE_STATUSES),
    scope: z.enum(RESOURCE_SCOPES),
    departements: z.array(z.string()),
    file: ResourceFileSchema.nullable(),
    updated_at: z.string(),
    editable: z.boolean().meta({ description: 'Le compte connecté peut-il la modifier (un relais : seulement ses départements)' }),
    input: CreateResourceInputSchema,
    unknown_producers: z.array(z.string()).meta({ description: 'Producteurs du formulaire qui ne sont plus publiés' }),
  })
  .meta({ id: 'AdminResource' });
export type AdminResource = z.infer<typeof AdminResourceSchema>;

export const AdminProtocolSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    kind: z.enum(PROTOCOL_KINDS),
    status: z.enum(RESOURCE_STATUSES),
    departements: z.array(z.string()),
    updated_at: z.string(),
    editable: z.boolean(),
    input: CreateProtocolInputSchema,
  })
  .meta({ id: 'AdminProtocol' });
export type AdminProtocol = z.infer<typeof AdminProtocolSchema>;

export const AdminResourceListSchema = pageOf(AdminResourceSchema).meta({ id: 'AdminResourceList' });
export type AdminResourceList = z.infer<typeof AdminResourceListSchema>;
export const AdminProtocolListSchema = pageOf(AdminProtocolSchema).meta({ id: 'AdminProtocolList' });
export type AdminProtocolList = z.infer<typeof AdminProtocolListSchema>;
