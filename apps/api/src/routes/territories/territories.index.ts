import { locate, searchTerritories } from '@pare/geo';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import { locateRoute, searchTerritoriesRoute } from './territories.routes.ts';

export const territoriesRouter = createRouter()
  .openapi(searchTerritoriesRoute, (c) => {
    const { q, limit } = c.req.valid('query');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json({ items: searchTerritories(q, limit ?? 10) }, 200);
  })
  .openapi(locateRoute, (c) => {
    const { lat, lng } = c.req.valid('query');
    const found = locate(lat, lng);
    if (!found) throw new ApiError('not_found', 'Ce point n’est dans aucun département français (en mer ou à l’étranger).');
    return c.json({ departement: found.departement, region: found.region }, 200);
  });
