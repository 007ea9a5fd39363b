import { createRouter } from '../../lib/create-router.ts';
import { listCoveringEntriesFor, readActorFor } from '../../services/actor-reading.ts';
import { verifyAdminActors } from '../../services/bulk-verify.ts';
import {
  adminView,
  createAdminActor,
  findHandledActor,
  geocode,
  listActorRevisions,
  listAdminActors,
  mayHandle,
  revertAdminActor,
  setAdminActorStatus,
  updateAdminActor,
  verifyAdminActor,
} from '../../services/curation.ts';
import { findDuplicates, probeFromQuery } from '../../services/duplicates.ts';
import { bulkVerifyRoute, coveringEntriesRoute, readActorRoute } from './admin-actors.reading.routes.ts';
import {
  archiveRoute,
  createAdminActorRoute,
  duplicatesRoute,
  geocodeRoute,
  getAdminActorRoute,
  listAdminActorsRoute,
  restoreRoute,
  revertRoute,
  revisionsRoute,
  updateAdminActorRoute,
  verifyRoute,
} from './admin-actors.routes.ts';
import { currentEditor } from './admin-guard.ts';

// `duplicates` is registered before `{id}`, which would otherwise take it.
export const adminActorsRouter = createRouter()
  .openapi(listAdminActorsRoute, (c) => c.json(listAdminActors(c.var, currentEditor(c), c.req.valid('query')), 200))
  .openapi(duplicatesRoute, (c) => {
    const user = currentEditor(c);
    // A relais learns nothing of the actors outside their départements, not even that one has this SIRET.
    return c.json({ items: findDuplicates(c.var, probeFromQuery(c.req.valid('query')), (a) => mayHandle(user, a)) }, 200);
  })
  .openapi(coveringEntriesRoute, (c) => c.json(listCoveringEntriesFor(c.var, currentEditor(c)), 200))
  .openapi(bulkVerifyRoute, (c) => c.json(verifyAdminActors(c.var, currentEditor(c), c.req.valid('json').ids), 200))
  .openapi(readActorRoute, (c) => c.json(readActorFor(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(geocodeRoute, async (c) => c.json(await geocode(c.req.valid('query'), c.var.config.geocoderUrl), 200))
  .openapi(createAdminActorRoute, (c) => {
    const { confirm_duplicates, ...input } = c.req.valid('json');
    const force = confirm_duplicates === true || c.req.valid('query').force === true;
    return c.json(createAdminActor(c.var, currentEditor(c), input, { force }), 201);
  })
  .openapi(getAdminActorRoute, (c) => c.json(adminView(findHandledActor(c.var, currentEditor(c), c.req.valid('param').id)), 200))
  .openapi(updateAdminActorRoute, (c) =>
    c.json(updateAdminActor(c.var, currentEditor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(archiveRoute, (c) => c.json(setAdminActorStatus(c.var, currentEditor(c), c.req.valid('param').id, 'archived'), 200))
  .openapi(restoreRoute, (c) => c.json(setAdminActorStatus(c.var, currentEditor(c), c.req.valid('param').id, 'published'), 200))
  .openapi(verifyRoute, (c) => c.json(verifyAdminActor(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(revisionsRoute, (c) => c.json(listActorRevisions(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(revertRoute, (c) => {
    const { id, revisionId } = c.req.valid('param');
    return c.json(revertAdminActor(c.var, currentEditor(c), id, revisionId), 200);
  });
