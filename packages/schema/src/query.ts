import { z } from 'zod';
import { PublicActorSchema } from './actor.ts';
import { ACTIONS, ACTOR_TYPES, PUBLICS, SORTS } from './codes.ts';
import { pageOf, pageParams } from './paging.ts';
import { codeList, intParam } from './params.ts';
import { CommuneCodeSchema, DepartementCodeSchema, PostcodeSchema } from './territory.ts';

const LatLngSchema = z
  .string()
  .transform((raw, ctx) => {
    const m = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(raw);
    const lat = m ? Number(m[1]) : Number.NaN;
    const lng = m ? Number(m[2]) : Number.NaN;
    if (!m || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      ctx.addIssue({ code: 'custom', message: 'Position attendue sous la forme « latitude,longitude », par ex. 49.36,6.17' });
      return z.NEVER;
    }
    return { lat, lng };
  })
  .meta({ description: 'latitude,longitude en degrés décimaux (WGS 84)', example: '49.3579,6.1686' });

export const SearchActorsQuerySchema = z
  .object({
    q: z.string().trim().max(200, 'Recherche trop longue (200 caractères au plus)').optional(),
    publics: codeList(PUBLICS).optional(),
    actions: codeList(ACTIONS).optional(),
    types: codeList(ACTOR_TYPES).optional(),
    departement: DepartementCodeSchema.optional(),
    commune: CommuneCodeSchema.optional(),
    postcode: PostcodeSchema.optional(),
    near: LatLngSchema.optional(),
    radius_km: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'radius_km doit être un nombre positif')
      .transform(Number)
      .pipe(z.number().positive('radius_km doit être positif').max(1000, 'radius_km ne peut pas dépasser 1000'))
      .optional(),
    sort: z.enum(SORTS).optional(),
    open_at: z.iso
      .datetime({ offset: true, message: 'open_at : date et heure ISO 8601 attendues (ex. 2026-12-24T18:00:00+01:00)' })
      .optional()
      .meta({ description: 'Seulement les acteurs dont au moins un lieu public ou une ligne est ouvert à cet instant' }),
    ouvert: z
      .enum(['maintenant'], { message: 'ouvert accepte seulement « maintenant »' })
      .optional()
      .meta({ description: '`maintenant` : seulement les acteurs ouverts au moment de la recherche' }),
    ...pageParams(intParam, 100, 20),
  })
  .superRefine((q, ctx) => {
    const places = [q.near && 'near', q.commune && 'commune', q.postcode && 'postcode'].filter(Boolean);
    if (places.length > 1) {
      ctx.addIssue({ code: 'custom', path: [String(places[1])], message: 'Un seul lieu à la fois : near, commune ou postcode' });
    }
    if (q.sort === 'distance' && places.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['sort'], message: 'Le tri par distance demande un lieu (near, commune ou postcode)' });
    }
    if (q.open_at && q.ouvert) {
      ctx.addIssue({ code: 'custom', path: ['ouvert'], message: 'open_at ou ouvert=maintenant, pas les deux' });
    }
    if (q.radius_km !== undefined && places.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['radius_km'], message: 'radius_km demande un lieu (near, commune ou postcode)' });
    }
  });
export type SearchActorsQuery = z.output<typeof SearchActorsQuerySchema>;

/** Why an actor is in a place-based result: a site nearby, a territory covering the place, or national reach. */
export const MATCHES = ['proximite', 'territoire', 'national'] as const;

export const ActorListItemSchema = PublicActorSchema.extend({
  match: z.enum(MATCHES).optional(),
}).meta({ id: 'ActorListItem' });
export type ActorListItem = z.infer<typeof ActorListItemSchema>;

const counts = <T extends readonly string[]>(codes: T) =>
  z.object(Object.fromEntries(codes.map((c) => [c, z.number().int()])) as Record<T[number], z.ZodNumber>);

export const ActorFacetsSchema = z.object({
  publics: counts(PUBLICS),
  actions: counts(ACTIONS),
  types: counts(ACTOR_TYPES),
  open_now: z.number().int().meta({ description: 'Nombre de résultats ouverts au moment de la réponse (filtre « Ouvert maintenant »)' }),
});
export type ActorFacets = z.infer<typeof ActorFacetsSchema>;

export const SearchActorsResponseSchema = pageOf(ActorListItemSchema)
  .extend({
    facets: ActorFacetsSchema.meta({
      description: 'Pour chaque option d’un filtre, le nombre de résultats si on la choisissait (les autres filtres restant appliqués)',
    }),
    place: z
      .object({
        kind: z.enum(['point', 'commune', 'postcode']),
        name: z.string().nullable(),
        departement: z.string().nullable(),
        lat: z.number(),
        lng: z.number(),
        radius_km: z.number(),
      })
      .nullable(),
    at: z.string().meta({ description: 'L’instant pour lequel `open_now` et `next_change` sont donnés (ISO 8601)' }),
  })
  .meta({ id: 'ActorSearchResult' });
export type SearchActorsResponse = z.infer<typeof SearchActorsResponseSchema>;
