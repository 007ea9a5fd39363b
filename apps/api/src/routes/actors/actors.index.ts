import { createRouter } from '../../lib/create-router.ts';
import { answerValidUntil, clockOf, getActor, searchActors } from '../../services/actors.ts';
import { getActorRoute, listActorsRoute } from './actors.routes.ts';

export const actorsRouter = createRouter()
  .openapi(listActorsRoute, (c) => {
    // A signed-in professional sees more: never let a shared cache keep that answer.
    c.header('Cache-Control', c.var.user ? 'private, no-store' : 'no-cache');
    c.header('Vary', 'Cookie');
    const answer = searchActors(c.var, c.req.valid('query'), c.var.viewer);
    // The facet « ouvert maintenant » counts the whole directory: true for this minute at most.
    const now = clockOf(c.var);
    c.set('cacheUntil', answerValidUntil(answer.items, now, Math.floor(now.getTime() / 60_000 + 1) * 60_000));
    return c.json(answer, 200);
  })
  .openapi(getActorRoute, (c) => {
    c.header('Cache-Control', c.var.user ? 'private, no-store' : 'no-cache');
    c.header('Vary', 'Cookie');
    const actor = getActor(c.var, c.req.valid('param').slug, c.var.viewer);
    c.set('cacheUntil', answerValidUntil([actor], clockOf(c.var)));
    return c.json(actor, 200);
  });
