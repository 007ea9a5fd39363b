import { z } from 'zod';

/** INSEE codes. Corsica uses 2A/2B; overseas départements have three digits (971…976). */
export const DepartementCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-8]|98[4-9])$/, 'Code de département invalide (ex. 57, 2A, 971)');
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
