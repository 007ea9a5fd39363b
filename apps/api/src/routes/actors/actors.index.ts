import type { SearchActorsResponse } from '@pare/schema';
import type { Context, TypedResponse } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter } from '../../lib/create-router.ts';
import { type JsonParts, joinJsonParts } from '../../lib/json-parts.ts';
import { costlyTurns } from '../../lib/turns.ts';
import { answerValidUntil, clockOf, getActor, searchActors, searchActorsJson } from '../../services/actors.ts';
import { getActorRoute, listActorsRoute } from './actors.routes.ts';

/**
 * A JSON answer made by hand from JSON kept ready (`searchActorsJson`), typed as `c.json` types
 * its object: the same bytes and headers `c.json` would give. When the public cache takes the
 * answer (`takeAnswer`: it hashes and compresses the parts itself, lib/public-cache.ts), the
 * response carries no body of its own; otherwise the parts are joined into it.
 */
function jsonParts<T>(c: Context<AppEnv>, parts: JsonParts): TypedResponse<T, 200, 'json'> {
  const take = c.get('takeAnswer');
  take?.(parts);
  const headers = { 'Content-Type': 'application/json' };
  const res = take ? c.body(null, 200, headers) : c.body(joinJsonParts(parts), 200, headers);
  return res as unknown as TypedResponse<T, 200, 'json'>;
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
      const { parts, until } = searchActorsJson(v, query, minute);
      c.set('cacheUntil', until);
      return jsonParts<SearchActorsResponse>(c, parts);
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
