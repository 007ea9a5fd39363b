import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBodySchema, SearchActorsQuerySchema } from '@pare/schema';

const BboxSchema = z
  .string()
  .transform((raw, ctx) => {
    const parts = raw.split(',').map((p) => Number(p.trim()));
    const [west, south, east, north] = parts;
    if (
      parts.length !== 4 ||
      parts.some((n) => !Number.isFinite(n)) ||
      (west as number) < -180 ||
      (east as number) > 180 ||
      (south as number) < -90 ||
      (north as number) > 90 ||
      (south as number) > (north as number)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'bbox attendu sous la forme « ouest,sud,est,nord » en degrés (WGS 84), par ex. 2.33,48.84,2.37,48.86',
      });
      return z.NEVER;
    }
    return [west, south, east, north] as [number, number, number, number];
  })
  .meta({ description: 'ouest,sud,est,nord en degrés décimaux (WGS 84)', example: '2.335,48.848,2.370,48.863' });

const ZoomSchema = z
  .string()
  .regex(/^\d{1,2}$/, 'zoom doit être un nombre entier')
  .transform(Number)
  .pipe(z.number().int().min(0, 'zoom doit valoir au moins 0').max(22, 'zoom ne peut pas dépasser 22'));

/** The list's filters (same names, same checks; no paging nor order: the map shows them all) and the view. */
export const MapPointsQuerySchema = SearchActorsQuerySchema.extend({ bbox: BboxSchema, zoom: ZoomSchema }).transform(
  ({ page: _page, per_page: _perPage, sort: _sort, ...filters }) => filters,
);
export type MapPointsQuery = z.output<typeof MapPointsQuerySchema>;

const Point = z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) });

export const MapPointsResponseSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number().optional(),
        geometry: Point,
        properties: z.union([
          z.object({
            cluster: z.literal(true),
            count: z.number().int(),
            confidential: z.boolean(),
            expansion_zoom: z.number().int(),
          }),
          z.object({
            cluster: z.literal(false),
            confidential: z.boolean(),
            site_id: z.number().int(),
            actor: z.string().meta({ description: 'slug de l’acteur' }),
            name: z.string(),
          }),
        ]),
      }),
    ),
    total: z.number().int().meta({ description: 'Acteurs trouvés par la recherche, comme le `total` de /actors (nationaux compris)' }),
    actors: z.number().int().meta({ description: 'Parmi eux, les acteurs ayant au moins un lieu sur la carte' }),
    bounds: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .nullable()
      .meta({ description: 'ouest,sud,est,nord autour de tous les lieux trouvés (pas seulement ceux de la vue), pour cadrer la carte' }),
  })
  .meta({ id: 'MapPoints' });

export const mapPointsRoute = createRoute({
  method: 'get',
  path: '/map/points',
  tags: ['Carte'],
  summary: 'Lieux des acteurs trouvés dans une vue de carte, regroupés selon le zoom',
  description:
    'Tous les lieux publics des acteurs publiés que trouve la recherche (mêmes filtres que /actors : q, publics, actions, types, département, lieu et rayon, ouvert ; ' +
    'hors acteurs nationaux, présents partout), groupés côté serveur pour la vue demandée : la liste pagine, la carte montre tout. ' +
    'Un lieu confidentiel n’apparaît qu’au centre de sa commune, sans adresse, et n’est jamais groupé avec des lieux publics.',
  request: { query: MapPointsQuerySchema },
  responses: {
    200: { description: 'Points et groupes de la vue', content: { 'application/json': { schema: MapPointsResponseSchema } } },
    400: { description: 'Paramètre invalide', content: { 'application/json': { schema: ErrorBodySchema } } },
  },
});
