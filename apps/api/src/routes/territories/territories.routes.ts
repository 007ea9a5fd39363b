import {
  CommunesNearSchema,
  PointPlacesSchema,
  PointQuerySchema,
  TerritoryHitListSchema,
  TerritoryNamesQuerySchema,
  TerritoryNamesSchema,
  TerritorySearchQuerySchema,
} from '@pare/schema';
import { answers, errorResponse, routeGroup } from '../../lib/openapi.ts';

const territoryRoute = routeGroup({ tags: ['Territoires'], errors: { 400: errorResponse('Paramètre invalide') } });

export const searchTerritoriesRoute = territoryRoute(
  'get',
  '/territories/search',
  'Autocomplétion des communes, codes postaux, départements et régions',
  {
    request: { query: TerritorySearchQuerySchema },
    responses: answers(TerritoryHitListSchema, 'Au plus 10 lieux, le plus probable d’abord'),
  },
);

export const locateRoute = territoryRoute('get', '/territories/at', 'Département et région contenant un point', {
  request: { query: PointQuerySchema },
  responses: answers(PointPlacesSchema, 'Le département et sa région', { 404: 'Point hors de France (en mer ou à l’étranger)' }),
});

/** Names of territories by code, for pickers and diffs that show names instead of INSEE codes. */
export const territoryNamesRoute = territoryRoute(
  'get',
  '/territories/names',
  'Noms des régions et départements (tous) et des communes demandées',
  {
    request: { query: TerritoryNamesQuerySchema },
    responses: answers(TerritoryNamesSchema, 'Toutes les régions, tous les départements, et les communes demandées qui existent'),
  },
);

/** Communes around a point, as GeoJSON points, for the labels of the site editor's pin map. */
export const communesNearRoute = territoryRoute(
  'get',
  '/territories/communes-near',
  'Communes à moins de 20 km d’un point (GeoJSON, pour les noms sur la carte)',
  {
    request: { query: PointQuerySchema },
    responses: answers(CommunesNearSchema, 'Les communes proches, les plus peuplées d’abord (400 au plus)'),
  },
);
