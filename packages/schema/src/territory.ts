import { z } from 'zod';
import { wholeNumberParam } from './params.ts';

/** INSEE codes. Corsica uses 2A/2B; overseas départements have three digits (971…976). */
export const DepartementCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-8]|98[4-9])$/, 'Code de département invalide (ex. 57, 2A, 971)');
/** The `{code}` of a département's page. */
export const DepartementCodeParamSchema = z.object({ code: DepartementCodeSchema });
export const RegionCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{2}$/, 'Code de région invalide (ex. 44)');
export const CommuneCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE de commune invalide (ex. 57672)');
export const PostcodeSchema = z
  .string()
  .trim()
  .regex(/^\d{5}$/, 'Code postal invalide (5 chiffres)');

export const TerritoryKindSchema = z.enum(['commune', 'departement', 'region']);
export type TerritoryKind = z.infer<typeof TerritoryKindSchema>;

export const PlaceRefSchema = z.object({ code: z.string(), name: z.string() });

export const TerritoryHitSchema = z
  .object({
    kind: z.enum(['commune', 'postcode', 'departement', 'region']),
    code: z.string().meta({ description: 'Code INSEE (commune, département, région) ou code postal' }),
    name: z.string(),
    departement: PlaceRefSchema.nullable(),
    region: PlaceRefSchema.nullable(),
    postcodes: z.array(z.string()),
    lat: z.number(),
    lng: z.number(),
    population: z.number().optional(),
  })
  .meta({ id: 'TerritoryHit' });
export type TerritoryHit = z.infer<typeof TerritoryHitSchema>;

/** `/territories/search`: what a person typed, and how many places to suggest. */
export const TerritorySearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'Tapez au moins un caractère').max(100, 'Recherche trop longue (100 caractères au plus)'),
  limit: wholeNumberParam('limit', 1, 10).optional(),
});
export const TerritoryHitListSchema = z.object({ items: z.array(TerritoryHitSchema) });

const coordinate = (name: string, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,3}(\.\d+)?$/, `${name} doit être un nombre décimal`)
    .transform(Number)
    .pipe(z.number().min(-max, `${name} hors limites`).max(max, `${name} hors limites`));

/** A point given in the query (`lat`, `lng`). */
export const PointQuerySchema = z.object({ lat: coordinate('lat', 90), lng: coordinate('lng', 180) });

/** The département and région holding a point. */
export const PointPlacesSchema = z.object({ departement: PlaceRefSchema, region: PlaceRefSchema });

const codeList = (max: number) =>
  z
    .string()
    .max(max * 7, 'Trop de codes')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[0-9AB]{2,5}$/, 'Code INSEE invalide')).max(max, `${max} codes au plus`))
    .optional();

export const TerritoryNamesQuerySchema = z.object({ communes: codeList(200) });
export const TerritoryNamesSchema = z.object({
  regions: z.array(PlaceRefSchema),
  departements: z.array(PlaceRefSchema.extend({ region: z.string() })),
  communes: z.array(PlaceRefSchema.extend({ departement: z.string() })),
});

/** Communes around a point, as GeoJSON points. */
export const CommunesNearSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
      properties: z.object({ code: z.string(), name: z.string(), population: z.number() }),
    }),
  ),
});
