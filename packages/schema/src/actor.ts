import { z } from 'zod';
import { ACTIONS, ACTOR_TYPES, CONTACT_KINDS, CONTACT_VISIBILITIES, GEO_PRECISIONS, PUBLICS, TERRITORY_SCOPES } from './codes.ts';
import { CommuneCodeSchema, DepartementCodeSchema, PlaceRefSchema, PostcodeSchema, RegionCodeSchema } from './territory.ts';
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

/**
 * How opening hours are checked. The check needs the `opening_hours` library (1 MB), which the
 * server installs here when `@pare/db` loads (`setOpeningHoursCheck`); the web's bundle leaves
 * it out and the server's answer names the problem. Returns null when valid, else a French message.
 */
let openingHoursCheck: ((value: string) => string | null) | undefined;
export function setOpeningHoursCheck(check: (value: string) => string | null): void {
  openingHoursCheck = check;
}

/** Hours in the OpenStreetMap `opening_hours` syntax, e.g. `Mo-Fr 09:00-12:00,14:00-17:30; PH off`; empty: none. */
export const OpeningHoursInputSchema = z
  .string()
  .trim()
  .max(500)
  .superRefine((value, ctx) => {
    const problem = value === '' ? null : openingHoursCheck?.(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const TemporaryClosureInputSchema = z
  .object({
    starts_on: isoDate,
    ends_on: isoDate.nullish(),
    message: z
      .string()
      .trim()
      .min(1, 'Indiquez un message (« Fermé pour travaux », « Permanence déplacée à … »)')
      .max(300)
      .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE),
    /** true: the site is closed those days; false: a change to read (it stays open). */
    closed: z.boolean().default(true),
  })
  .superRefine((c, ctx) => {
    if (c.ends_on && c.ends_on < c.starts_on) {
      ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'La date de fin précède la date de début' });
    }
  });
export type TemporaryClosureInput = z.infer<typeof TemporaryClosureInputSchema>;

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
    opening_hours: OpeningHoursInputSchema.nullish(),
    accessibility: z.string().trim().max(500).nullish(),
    temporary_closures: z.array(TemporaryClosureInputSchema).max(20).optional(),
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
    /** The line's own hours (the 119: `24/7`). */
    opening_hours: OpeningHoursInputSchema.nullish(),
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

export const TemporaryClosureSchema = z
  .object({ starts_on: z.string(), ends_on: z.string().nullable(), message: z.string(), closed: z.boolean() })
  .meta({ id: 'TemporaryClosure' });

export const DayHoursSchema = z
  .object({
    date: z.string().meta({ description: 'AAAA-MM-JJ, heure du lieu' }),
    weekday: z.number().int().min(0).max(6).meta({ description: '0 = lundi … 6 = dimanche' }),
    intervals: z.array(z.object({ from: z.string(), to: z.string(), comment: z.string().nullable(), unknown: z.boolean() })),
    holiday: z.string().nullable(),
    closure: z.object({ message: z.string(), closed: z.boolean() }).nullable(),
  })
  .meta({ id: 'DayHours' });
export type DayHours = z.infer<typeof DayHoursSchema>;

/** What the hours say at the time of the answer: present in `/api/actors` and `/api/actors/{slug}` answers. */
const HoursNowShape = {
  open_now: z
    .boolean()
    .nullable()
    .optional()
    .meta({ description: 'Ouvert au moment de la réponse ; null si inconnu (pas d’horaires, ou horaires sur rendez-vous)' }),
  next_change: z.string().nullable().optional().meta({ description: 'Prochain changement d’état (instant ISO 8601)' }),
  week: z.array(DayHoursSchema).optional().meta({ description: 'Les 7 jours à venir, jours fériés et fermetures compris' }),
};

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
    opening_hours: z.string().nullable().meta({
      description:
        'Horaires au format OpenStreetMap `opening_hours` (https://wiki.openstreetmap.org/wiki/Key:opening_hours) ; null pour un lieu confidentiel',
    }),
    accessibility: z.string().nullable(),
    temporary_closures: z
      .array(TemporaryClosureSchema)
      .meta({ description: 'Fermetures et changements en cours ou à venir ; vide pour un lieu confidentiel' }),
    ...HoursNowShape,
  })
  .meta({ id: 'PublicSite' });
export type PublicSite = z.infer<typeof PublicSiteSchema>;

export const PublicContactSchema = z
  .object({
    kind: z.enum(CONTACT_KINDS),
    value: z.string(),
    label: z.string().nullable(),
    professional_only: z.boolean(),
    opening_hours: z.string().nullable().meta({ description: 'Horaires propres à cette ligne (format OpenStreetMap), ex. `24/7`' }),
    ...HoursNowShape,
  })
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

/** The `{slug}` of a public page's path (an actor, a resource, a news item…). */
export const SlugParamSchema = z.object({ slug: SlugSchema });
