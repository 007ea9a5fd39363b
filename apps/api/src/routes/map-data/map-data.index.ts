import { createRouter } from '../../lib/create-router.ts';
import { costlyTurns } from '../../lib/turns.ts';
import { clockOf } from '../../services/actors.ts';
import { mapPoints } from '../../services/map-points.ts';
import { mapPointsRoute } from './map-data.routes.ts';

/** GET /map/points?bbox=&zoom=&<the list's filters> — mounted under /api by app.ts. */
export const mapDataRouter = createRouter().openapi(mapPointsRoute, async (c) => {
  const q = c.req.valid('query');
  // Hono's `c.var` makes a new object of every variable at each read: read once.
  const v = c.var;
  // A few searches a pass of the event loop, so that new connections are accepted meanwhile (lib/turns.ts).
  await costlyTurns.take();
  // A text never read yet is read on the search's worker thread, not on this one.
  await v.search.prepareText(q.q);
  // Public data only, the same for every visitor: shared caches may keep it a minute.
  c.header('Cache-Control', 'public, max-age=60');
  // « Ouvert maintenant » is true for this minute at most.
  if (q.ouvert) c.set('cacheUntil', Math.floor(clockOf(v).getTime() / 60_000 + 1) * 60_000);
  return c.json(mapPoints(v, q), 200);
});
