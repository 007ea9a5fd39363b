import { createRouter } from '../../lib/create-router.ts';
import { getDepartementPage, listDepartementSummaries } from '../../services/departements.ts';
import { getDepartementRoute, listDepartementsRoute } from './departements.routes.ts';

export const departementsRouter = createRouter()
  .openapi(listDepartementsRoute, (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(listDepartementSummaries(c.var), 200);
  })
  .openapi(getDepartementRoute, (c) => {
    // A signed-in professional sees more contacts: never let a shared cache keep that answer.
    c.header('Cache-Control', c.var.user ? 'private, no-store' : 'no-cache');
    c.header('Vary', 'Cookie');
    return c.json(getDepartementPage(c.var, c.req.valid('param').code, c.var.viewer), 200);
  });
