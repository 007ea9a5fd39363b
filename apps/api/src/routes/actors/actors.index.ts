import type { SearchActorsResponse } from '@pare/schema';
import type { Context, TypedResponse } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter } from '../../lib/create-router.ts';
import { costlyTurns } from '../../lib/turns.ts';
import { answerValidUntil, clockOf, getActor, searchActors, searchActorsJson } from '../../services/actors.ts';
import { getActorRoute, listActorsRoute } from './actors.routes.ts';

/**
 * A JSON answer whose bytes were made by hand from JSON kept ready (`searchActorsJson`), typed as
 * `c.json` types its object: the same bytes and headers `c.json` would give. The bytes are handed
 * to the public cache too (`answerBytes`), which then need not read the response back.
 */
function jsonBytes<T>(c: Context<AppEnv>, body: Buffer<ArrayBuffer>): TypedResponse<T, 200, 'json'> {
  c.set('answerBytes', body);
  return c.body(body, 200, { 'Content-Type': 'application/json' }) as unknown as TypedResponse<T, 200, 'json'>;
}

export const actorsRouter = createRouter()
  .openapi(listActorsRoute, async (c) => {
    // Hono's `c.var` makes a new object of every variable at each read: read once.
    const v = c.var;
    // A few searches a pass of the event loop, so that new connections are accepted meanwhile (lib/turns.ts).
    await costlyTurns.take();
    const query = c.req.valid('query');
    // A text never read yet is read on the search's worker thread, not on this one.
    await v.search.prepareText(query.q);
    // A signed-in professional sees more: never let a shared cache keep that answer.
    c.header('Cache-Control', v.user ? 'private, no-store' : 'no-cache');
    c.header('Vary', 'Cookie');
    // The facet « ouvert maintenant » counts the whole directory: true for this minute at most.
    const now = clockOf(v);
    const minute = Math.floor(now.getTime() / 60_000 + 1) * 60_000;
    if (!v.viewer.seesProfessionalContacts) {
      const { body, until } = searchActorsJson(v, query, minute);
      c.set('cacheUntil', until);
      return jsonBytes<SearchActorsResponse>(c, body);
    }
    const answer = searchActors(v, query, v.viewer);
    c.set('cacheUntil', answerValidUntil(answer.items, now, minute));
    return c.json(answer, 200);
  })
  .openapi(getActorRoute, (c) => {
    c.header('Cache-Control', c.var.user ? 'private, no-store' : 'no-cache');
    c.header('Vary', 'Cookie');
    const actor = getActor(c.var, c.req.valid('param').slug, c.var.viewer);
    c.set('cacheUntil', answerValidUntil([actor], clockOf(c.var)));
    return c.json(actor, 200);
  });
