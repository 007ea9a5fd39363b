import { createRouter } from '../../lib/create-router.ts';
import { mapPointsRoute } from './map-data.routes.ts';
import { mapPoints } from './map-data.ts';

/** GET /map/points?bbox=&zoom= — mounted under /api by app.ts. */
export const mapDataRouter = createRouter().openapi(mapPointsRoute, (c) => {
  const { bbox, zoom } = c.req.valid('query');
  // Public data only, the same for every visitor: shared caches may keep it a minute.
  c.header('Cache-Control', 'public, max-age=60');
  return c.json(mapPoints(c.var.db, bbox, zoom), 200);
});
