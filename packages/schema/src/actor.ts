import { z } from 'zod';
import { ACTIONS, ACTOR_TYPES, CONTACT_KINDS, CONTACT_VISIBILITIES, GEO_PRECISIONS, PUBLICS, TERRITORY_SCOPES } from './codes.ts';
import { CommuneCodeSchema, DepartementCodeSchema, PostcodeSchema, RegionCodeSchema } from './territory.ts';
import { hasUnsafeLineCharacter, ONE_LINE_MESSAGE } from './text.ts';

export const PublicCodeSchema = z.enum(PUBLICS);
export const ActionCodeSchema = z.enum(ACTIONS);
export const ActorTypeSchema = z.enum(ACTOR_TYPES);

const isoDate = z.iso.date('Date attendue au format AAAA-MM-JJ');
/** Made once: building a zod schema costs more than checking a value with it. */
const email = z.email();
const httpUrl = z.url({ protocol: /^https?$/, message: 'Adresse web invalide (http:// ou https://)' });

// ---------------------------------------------------------------------------------------------
// Input: what a curator, an import or the seed file gives for an actor.
// ---------------------------------------------------------------------------------------------

export const TerritoryInputSchema = z
  .object({
    scope: z.enum(TERRITORY_SCOPES),
    regions: z.array(RegionCodeSchema).default([]),
    departements: z.array(DepartementCodeSchema).default([]),
    communes: z.array(CommuneCodeSchema).default([]),
  })
  .superRefine((t, ctx) => {
    const wanted = { regions: t.regions, departements: t.departements, communes: t.communes };
    if (t.scope !== 'national' && wanted[t.scope].length === 0) {
      ctx.addIssue({ code: 'custom', path: [t.scope], message: `Au moins un code est requis pour la portée « ${t.scope} »` });
    }
  });
export type TerritoryInput = z.infer<typeof TerritoryInputSchema>;

export const SiteInputSchema = z
  .object({
    label: z
      .string()
      .trim()
      .max(200)
      .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE)
      .nullish(),
    address: z.string().trim().max(300).nullish(),
    postcode: PostcodeSchema.nullish(),
    commune_code: CommuneCodeSchema.nullish(),
    lat: z.number().min(-90).max(90).nullish(),
    lng: z.number().min(-180).max(180).nullish(),
    confidential: z.boolean().default(false),
    opening_hours: z.string().trim().max(500).nullish(),
    accessibility: z.string().trim().max(500).nullish(),
  })
  .superRefine((s, ctx) => {
    if (!s.commune_code && !s.postcode) {
      ctx.addIssue({ code: 'custom', path: ['commune_code'], message: 'Indiquez la commune (code INSEE) ou le code postal du lieu' });
    }
    if ((s.lat == null) !== (s.lng == null)) {
      ctx.addIssue({ code: 'custom', path: ['lat'], message: 'Latitude et longitude vont ensemble' });
    }
  });
export type SiteInput = z.infer<typeof SiteInputSchema>;

export const ContactInputSchema = z
  .object({
    kind: z.enum(CONTACT_KINDS),
    value: z.string().trim().min(1).max(300),
    label: z
      .string()
      .trim()
      .max(200)
      .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE)
      .nullish(),
    visibility: z.enum(CONTACT_VISIBILITIES).default('public'),
    /** Index of the site (in `sites`) this contact belongs to; a confidential site's contacts are never public. */
    site: z.number().int().min(0).nullish(),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'email' && !email.safeParse(c.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Adresse e-mail invalide' });
    }
    if ((c.kind === 'website' || c.kind === 'chat') && !httpUrl.safeParse(c.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Adresse web invalide (http:// ou https://)' });
    }
    if ((c.kind === 'phone' || c.kind === 'sms') && !/^\+?[\d .-]{2,20}$/.test(c.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Numéro de téléphone invalide' });
    }
  });
export type ContactInput = z.infer<typeof ContactInputSchema>;

export const ProvenanceSchema = z.object({
  source_url: httpUrl.nullish(),
  last_verified_at: isoDate.nullish(),
  verified_by: z
    .string()
    .trim()
    .max(200)
    .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE)
    .nullish(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Identifiant invalide (minuscules, chiffres et tirets)')
  .max(120);

export const CreateActorInputSchema = z.object({
  slug: SlugSchema.optional(),
  name: z
    .string()
    .trim()
    .min(2, 'Le nom est requis')
    .max(200)
    .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE),
  type: ActorTypeSchema,
  description: z.string().trim().max(5000).default(''),
  publics: z.array(PublicCodeSchema).min(1, 'Au moins un public'),
  actions: z.array(ActionCodeSchema).min(1, 'Au moins une action'),
  territory: TerritoryInputSchema,
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'Code de langue ISO 639 (ex. fr, en)')).default(['fr']),
  accepts_contact_requests: z.boolean().default(false),
  referent_email: z.email('Adresse e-mail du référent invalide').nullish(),
  siret: z
    .string()
    .regex(/^\d{14}$/, 'SIRET : 14 chiffres')
    .nullish(),
  sites: z.array(SiteInputSchema).max(50).default([]),
  contacts: z.array(ContactInputSchema).max(50).default([]),
  provenance: ProvenanceSchema.default({}),
});
export type CreateActorInput = z.infer<typeof CreateActorInputSchema>;
export type CreateActorInputRaw = z.input<typeof CreateActorInputSchema>;

// ---------------------------------------------------------------------------------------------
// Output: the public view. Nothing else leaves the API for an anonymous client.
// ---------------------------------------------------------------------------------------------

export const PlaceRefSchema = z.object({ code: z.string(), name: z.string() });

export const PublicSiteSchema = z
  .object({
    id: z.number().int(),
    confidential: z.boolean(),
    label: z.string().nullable(),
    address: z.string().nullable().meta({ description: 'Toujours null pour un lieu confidentiel' }),
    postcode: z.string().nullable(),
    commune: PlaceRefSchema.nullable(),
    departement: PlaceRefSchema.nullable(),
    lat: z.number(),
    lng: z.number(),
    precision: z.enum(GEO_PRECISIONS).meta({
      description: 'Précision des coordonnées ; un lieu confidentiel n’est jamais plus précis que sa commune',
    }),
    opening_hours: z.string().nullable(),
    accessibility: z.string().nullable(),
  })
  .meta({ id: 'PublicSite' });
export type PublicSite = z.infer<typeof PublicSiteSchema>;

export const PublicContactSchema = z
  .object({ kind: z.enum(CONTACT_KINDS), value: z.string(), label: z.string().nullable(), professional_only: z.boolean() })
  .meta({ id: 'PublicContact' });
export type PublicContact = z.infer<typeof PublicContactSchema>;

export const TerritorySchema = z
  .object({
    scope: z.enum(TERRITORY_SCOPES),
    regions: z.array(PlaceRefSchema),
    departements: z.array(PlaceRefSchema),
    communes: z.array(PlaceRefSchema),
  })
  .meta({ id: 'Territory' });
export type Territory = z.infer<typeof TerritorySchema>;

export const PublicActorSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    type: ActorTypeSchema,
    description: z.string(),
    publics: z.array(PublicCodeSchema),
    actions: z.array(ActionCodeSchema),
    territory: TerritorySchema,
    languages: z.array(z.string()),
    accepts_contact_requests: z.boolean(),
    sites: z.array(PublicSiteSchema),
    contacts: z.array(PublicContactSchema),
    provenance: z.object({
      source_url: z.string().nullable(),
      last_verified_at: z.string().nullable(),
      verified_by: z.string().nullable(),
    }),
    updated_at: z.string(),
    distance_km: z
      .number()
      .optional()
      .meta({ description: 'Distance au lieu public le plus proche, si `near`/`commune`/`postcode` est donné' }),
  })
  .meta({ id: 'PublicActor' });
export type PublicActor = z.infer<typeof PublicActorSchema>;
