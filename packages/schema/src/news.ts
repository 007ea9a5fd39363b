/**
 * The network's life (issue 21): news (actualités) and agenda (événements). Code lists, the
 * inputs curators give, the public and back-office views. The code lists are mirrored by the
 * CHECK constraints of `packages/db/src/migrations/0018_news_events.sql`.
 *
 * Times: an event's start and end are entered as Europe/Paris wall-clock times
 * (`AAAA-MM-JJTHH:MM`, what an `<input type="datetime-local">` gives) and stored as UTC instants.
 */
import { z } from 'zod';
import { SlugSchema } from './actor.ts';
import { codesOf, PUBLICS, readClock } from './codes.ts';
import { revisionFields } from './curation.ts';
import { adminSearchText, pageOf, pageParams, statusFilter } from './paging.ts';
import { CommuneCodeSchema, DepartementCodeSchema, PlaceRefSchema } from './territory.ts';
import { hasUnsafeLineCharacter, ONE_LINE_MESSAGE } from './text.ts';

// ---------------------------------------------------------------------------------------------
// Code lists
// ---------------------------------------------------------------------------------------------

export const CONTENT_STATUS_LABELS = { brouillon: 'Brouillon', publie: 'Publié', archive: 'Archivé' };
export const CONTENT_STATUSES = codesOf(CONTENT_STATUS_LABELS);
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

export const EVENT_KIND_LABELS = {
  webinaire: 'Webinaire',
  formation: 'Formation',
  rencontre: 'Rencontre',
  autre: 'Autre événement',
};
export const EVENT_KINDS = codesOf(EVENT_KIND_LABELS);
export type EventKind = (typeof EVENT_KINDS)[number];

export const NEWS_REVISION_ACTIONS = ['create', 'update', 'publish', 'archive', 'unpublish', 'revert'] as const;
export type NewsRevisionAction = (typeof NEWS_REVISION_ACTIONS)[number];

/** The time zone events are entered and shown in. */
export const AGENDA_TIME_ZONE = 'Europe/Paris';

// ---------------------------------------------------------------------------------------------
// Europe/Paris wall-clock time <-> UTC instant
// ---------------------------------------------------------------------------------------------

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
/** `AAAA-MM-JJTHH:MM` in Paris for a UTC instant. */
export function utcToParisLocal(iso: string): string {
  const { date, time } = readClock(iso, AGENDA_TIME_ZONE);
  return `${date}T${time}`;
}

/**
 * The UTC instant (ISO, `…Z`) of a Paris wall-clock time. A time skipped by the spring change
 * moves one hour later; a time that happens twice in autumn takes the first one.
 */
export function parisLocalToUtc(local: string): string {
  const m = LOCAL_RE.exec(local);
  if (!m) throw new Error(`Not a local date-time: ${local}`);
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const offsetAt = (t: number) => {
    const l = LOCAL_RE.exec(utcToParisLocal(new Date(t).toISOString())) as RegExpExecArray;
    return Date.UTC(Number(l[1]), Number(l[2]) - 1, Number(l[3]), Number(l[4]), Number(l[5])) - t;
  };
  // Paris is UTC+1 or UTC+2: try the offset valid an hour before, then the one at the guess.
  let t = asUtc - offsetAt(asUtc - 3 * 3600_000);
  if (utcToParisLocal(new Date(t).toISOString()) !== local) t = asUtc - offsetAt(t);
  return new Date(t).toISOString();
}

const localDateTime = z
  .string()
  .trim()
  .regex(LOCAL_RE, 'Date et heure attendues au format AAAA-MM-JJTHH:MM (heure de Paris)')
  // A day the month does not have (30 février) is refused, not rolled over into the next month.
  .refine((v) => {
    const t = Date.parse(`${v}:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 16) === v;
  }, 'Date invalide')
  .meta({ description: 'Heure de Paris, AAAA-MM-JJTHH:MM', example: '2026-03-12T14:00' });

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const oneLine = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .min(min, `${what} est requis (${min} caractères au moins)`)
    .max(max, `${what} : ${max} caractères au plus`)
    .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE);

const httpsUrl = z.url({ protocol: /^https$/, message: 'Adresse web invalide : elle doit commencer par https://' }).max(2000);

const contentFields = {
  slug: SlugSchema.optional(),
  title: oneLine(3, 200, 'Le titre'),
  summary: z.string().trim().max(1000, 'Résumé : 1 000 caractères au plus').default(''),
  body: z
    .string()
    .max(50_000, 'Texte : 50 000 caractères au plus')
    .default('')
    .meta({ description: 'Texte en Markdown. Le HTML brut est ignoré ; les liens http, https et mailto seulement.' }),
  departements: z
    .array(DepartementCodeSchema)
    .max(110)
    .default([])
    .transform((d) => [...new Set(d)])
    .meta({ description: 'Codes des départements concernés ; vide = national' }),
  audiences: z
    .array(z.enum(PUBLICS))
    .default([])
    .transform((a) => [...new Set(a)]),
};

export const NewsInputSchema = z
  .object({
    ...contentFields,
    actors: z.array(SlugSchema).max(20).default([]).meta({ description: 'Acteurs liés (slugs)' }),
    resources: z.array(SlugSchema).max(20).default([]).meta({ description: 'Ressources liées (slugs)' }),
    image_alt: z
      .string()
      .trim()
      .max(300)
      .default('')
      .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE)
      .meta({ description: 'Texte de remplacement de l’image (vide si elle est décorative)' }),
  })
  .meta({ id: 'NewsInput' });
export type NewsInput = z.output<typeof NewsInputSchema>;
export type NewsInputRaw = z.input<typeof NewsInputSchema>;

export const EventInputSchema = z
  .object({
    ...contentFields,
    kind: z.enum(EVENT_KINDS),
    starts_at: localDateTime,
    ends_at: localDateTime,
    commune_code: CommuneCodeSchema.nullish().transform((v) => v ?? null),
    place_name: z
      .string()
      .trim()
      .max(200)
      .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE)
      .nullish()
      .transform((v) => v || null),
    online_url: httpsUrl.nullish().transform((v) => v ?? null),
    organiser: SlugSchema.nullish()
      .transform((v) => v ?? null)
      .meta({ description: 'Acteur organisateur (slug)' }),
    registration_url: httpsUrl.nullish().transform((v) => v ?? null),
    replay_url: httpsUrl
      .nullish()
      .transform((v) => v ?? null)
      .meta({ description: 'Lien vers le replay, montré une fois l’événement passé' }),
  })
  .superRefine((e, ctx) => {
    if (LOCAL_RE.test(e.starts_at) && LOCAL_RE.test(e.ends_at) && e.ends_at < e.starts_at) {
      ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'La fin doit venir après le début' });
    }
    if (!e.commune_code && !e.online_url) {
      ctx.addIssue({ code: 'custom', path: ['commune_code'], message: 'Indiquez une commune ou un lien en ligne' });
    }
  })
  .meta({ id: 'EventInput' });
export type EventInput = z.output<typeof EventInputSchema>;
export type EventInputRaw = z.input<typeof EventInputSchema>;

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

const intParam = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `${name} : nombre entier attendu`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} : entre ${min} et ${max}`)
    .optional()
    .transform((n) => n ?? fallback);

export const NewsQuerySchema = z.object({
  departement: DepartementCodeSchema.optional().meta({ description: 'Actualités de ce département et actualités nationales' }),
  page: intParam('page', 1, 1000, 1),
  per_page: intParam('per_page', 1, 50, 12),
});
export type NewsQuery = z.output<typeof NewsQuerySchema>;

export const EventsQuerySchema = NewsQuerySchema.extend({
  departement: DepartementCodeSchema.optional().meta({ description: 'Événements de ce département et événements nationaux' }),
  passes: z
    .enum(['0', '1'])
    .optional()
    .meta({ description: '1 : les événements passés, du plus récent au plus ancien ; sinon à venir, le plus proche d’abord' }),
});
export type EventsQuery = z.output<typeof EventsQuerySchema>;

export const FeedQuerySchema = z.object({
  departement: DepartementCodeSchema.optional().meta({ description: 'Ce département et le national' }),
});

export const AdminContentQuerySchema = z.object({
  q: adminSearchText(),
  status: statusFilter(CONTENT_STATUSES),
  ...pageParams(intParam, 200, 50),
});
export type AdminContentQuery = z.output<typeof AdminContentQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Public views
// ---------------------------------------------------------------------------------------------

const LinkedActorSchema = z.object({ slug: z.string(), name: z.string() });
const LinkedResourceSchema = z.object({ slug: z.string(), title: z.string() });

export const PublicNewsSummarySchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    image_url: z.string().nullable(),
    image_alt: z.string(),
    published_at: z.string(),
    departements: z.array(PlaceRefSchema).meta({ description: 'Vide : actualité nationale' }),
    audiences: z.array(z.enum(PUBLICS)),
  })
  .meta({ id: 'PublicNewsSummary' });
export type PublicNewsSummary = z.infer<typeof PublicNewsSummarySchema>;

export const PublicNewsSchema = PublicNewsSummarySchema.extend({
  body_html: z.string().meta({ description: 'Le texte en HTML, nettoyé sur le serveur (liste blanche de balises)' }),
  actors: z.array(LinkedActorSchema),
  resources: z.array(LinkedResourceSchema),
}).meta({ id: 'PublicNews' });
export type PublicNews = z.infer<typeof PublicNewsSchema>;

export const PublicNewsListSchema = pageOf(PublicNewsSummarySchema).meta({ id: 'PublicNewsList' });
export type PublicNewsList = z.infer<typeof PublicNewsListSchema>;

export const PublicEventSummarySchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    kind: z.enum(EVENT_KINDS),
    starts_at: z.string().meta({ description: 'Instant UTC (ISO 8601)' }),
    ends_at: z.string().meta({ description: 'Instant UTC (ISO 8601)' }),
    commune: PlaceRefSchema.nullable(),
    place_name: z.string().nullable(),
    online: z.boolean(),
    departements: z.array(PlaceRefSchema).meta({ description: 'Vide : événement national' }),
    audiences: z.array(z.enum(PUBLICS)),
    past: z.boolean(),
  })
  .meta({ id: 'PublicEventSummary' });
export type PublicEventSummary = z.infer<typeof PublicEventSummarySchema>;

export const PublicEventSchema = PublicEventSummarySchema.extend({
  body_html: z.string(),
  online_url: z.string().nullable(),
  registration_url: z.string().nullable().meta({ description: 'Null une fois l’événement passé' }),
  replay_url: z.string().nullable().meta({ description: 'Seulement une fois l’événement passé' }),
  organiser: LinkedActorSchema.nullable(),
  published_at: z.string(),
  ics_url: z.string(),
}).meta({ id: 'PublicEvent' });
export type PublicEvent = z.infer<typeof PublicEventSchema>;

export const PublicEventListSchema = pageOf(PublicEventSummarySchema).meta({ id: 'PublicEventList' });
export type PublicEventList = z.infer<typeof PublicEventListSchema>;

// ---------------------------------------------------------------------------------------------
// Back-office views
// ---------------------------------------------------------------------------------------------

const adminCommon = {
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(CONTENT_STATUSES),
  published_at: z.string().nullable(),
  departements: z.array(z.string()),
  updated_at: z.string(),
  editable: z.boolean().meta({ description: 'Ce compte peut-il la modifier (un relais : ses départements seulement)' }),
  body_html: z.string(),
};

export const AdminNewsSchema = z
  .object({ ...adminCommon, image_url: z.string().nullable(), input: NewsInputSchema })
  .meta({ id: 'AdminNews' });
export type AdminNews = z.infer<typeof AdminNewsSchema>;
export const AdminNewsListSchema = pageOf(AdminNewsSchema);
export type AdminNewsList = z.infer<typeof AdminNewsListSchema>;

export const AdminEventSchema = z
  .object({ ...adminCommon, starts_at: z.string(), ends_at: z.string(), input: EventInputSchema })
  .meta({ id: 'AdminEvent' });
export type AdminEvent = z.infer<typeof AdminEventSchema>;
export const AdminEventListSchema = pageOf(AdminEventSchema);
export type AdminEventList = z.infer<typeof AdminEventListSchema>;

export const ContentRevisionSchema = z
  .object({
    ...revisionFields(NEWS_REVISION_ACTIONS),
    reverted_to: z.number().int().nullable(),
  })
  .meta({ id: 'ContentRevision' });
export type ContentRevision = z.infer<typeof ContentRevisionSchema>;
export const ContentRevisionListSchema = z.object({ items: z.array(ContentRevisionSchema) });
