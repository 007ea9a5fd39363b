import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBodySchema, PlaceRefSchema, TerritoryHitSchema } from '@pare/schema';

const errors = {
  400: { description: 'Paramètre invalide', content: { 'application/json': { schema: ErrorBodySchema } } },
};

export const searchTerritoriesRoute = createRoute({
  method: 'get',
  path: '/territories/search',
  tags: ['Territoires'],
  summary: 'Autocomplétion des communes, codes postaux, départements et régions',
  request: {
    query: z.object({
      q: z.string().trim().min(1, 'Tapez au moins un caractère').max(100, 'Recherche trop longue (100 caractères au plus)'),
      limit: z
        .string()
        .regex(/^\d+$/, 'limit doit être un nombre entier')
        .transform(Number)
        .pipe(z.number().int().min(1, 'limit doit valoir au moins 1').max(10, 'limit ne peut pas dépasser 10'))
        .optional(),
    }),
  },
  responses: {
    200: {
      description: 'Au plus 10 lieux, le plus probable d’abord',
      content: { 'application/json': { schema: z.object({ items: z.array(TerritoryHitSchema) }) } },
    },
    ...errors,
  },
});

const coordinate = (name: string, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,3}(\.\d+)?$/, `${name} doit être un nombre décimal`)
    .transform(Number)
    .pipe(z.number().min(-max, `${name} hors limites`).max(max, `${name} hors limites`));

export const locateRoute = createRoute({
  method: 'get',
  path: '/territories/at',
  tags: ['Territoires'],
  summary: 'Département et région contenant un point',
  request: { query: z.object({ lat: coordinate('lat', 90), lng: coordinate('lng', 180) }) },
  responses: {
    200: {
      description: 'Le département et sa région',
      content: { 'application/json': { schema: z.object({ departement: PlaceRefSchema, region: PlaceRefSchema }) } },
    },
    404: { description: 'Point hors de France (en mer ou à l’étranger)', content: { 'application/json': { schema: ErrorBodySchema } } },
    ...errors,
  },
});

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

/** Names of territories by code, for pickers and diffs that show names instead of INSEE codes. */
export const territoryNamesRoute = createRoute({
  method: 'get',
  path: '/territories/names',
  tags: ['Territoires'],
  summary: 'Noms des régions et départements (tous) et des communes demandées',
  request: { query: z.object({ communes: codeList(200) }) },
  responses: {
    200: {
      description: 'Toutes les régions, tous les départements, et les communes demandées qui existent',
      content: {
        'application/json': {
          schema: z.object({
            regions: z.array(PlaceRefSchema),
            departements: z.array(PlaceRefSchema.extend({ region: z.string() })),
            communes: z.array(PlaceRefSchema.extend({ departement: z.string() })),
          }),
        },
      },
    },
    ...errors,
  },
});

/** Communes around a point, as GeoJSON points, for the labels of the site editor's pin map. */
export const communesNearRoute = createRoute({
  method: 'get',
  path: '/territories/communes-near',
  tags: ['Territoires'],
  summary: 'Communes à moins de 20 km d’un point (GeoJSON, pour les noms sur la carte)',
  request: { query: z.object({ lat: coordinate('lat', 90), lng: coordinate('lng', 180) }) },
  responses: {
    200: {
      description: 'Les communes proches, les plus peuplées d’abord (400 au plus)',
      content: {
        'application/json': {
          schema: z.object({
            type: z.literal('FeatureCollection'),
            features: z.array(
              z.object({
                type: z.literal('Feature'),
                geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
                properties: z.object({ code: z.string(), name: z.string(), population: z.number() }),
              }),
            ),
          }),
        },
      },
    },
    ...errors,
  },
});
