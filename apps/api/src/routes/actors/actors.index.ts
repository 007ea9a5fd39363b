import { createRouter } from '../../lib/create-router.ts';
import { getActor, searchActors } from '../../services/actors.ts';
import { getActorRoute, listActorsRoute } from './actors.routes.ts';

export const actorsRouter = createRouter()
  .openapi(listActorsRoute, (c) => {
    // A signed-in professional sees more: never let a shared cache keep that answer.
    c.header('Cache-Control', c.var.user ? 'private, no-store' : 'no-cache');
    c.header('Vary', 'Cookie');
    return c.json(searchActors(c.var, c.req.valid('query'), c.var.viewer), 200);
  })
  .openapi(getActorRoute, (c) => {
    c.header('Cache-Control', c.var.user ? 'private, no-store' : 'no-cache');
    c.header('Vary', 'Cookie');
    return c.json(getActor(c.var, c.req.valid('param').slug, c.var.viewer), 200);
  });
