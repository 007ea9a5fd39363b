import { createRouter } from '../../lib/create-router.ts';
import { getActor, searchActors } from '../../services/actors.ts';
import { getActorRoute, listActorsRoute } from './actors.routes.ts';

export const actorsRouter = createRouter()
  .openapi(listActorsRoute, (c) => c.json(searchActors(c.var, c.req.valid('query')), 200))
  .openapi(getActorRoute, (c) => c.json(getActor(c.var, c.req.valid('param').slug), 200));
