import { IdParamSchema } from '@pare/schema';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError, validationError, zodIssues } from '../../lib/errors.ts';
import { EDITORS, guard } from '../../lib/policy.ts';
import { sendStoredFile } from '../../lib/stored-file.ts';
import {
  adminNewsImage,
  createAdminEvent,
  createAdminNews,
  deleteAdminEvent,
  deleteAdminNews,
  deleteNewsImage,
  getAdminEvent,
  getAdminNews,
  listAdminEvents,
  listAdminNews,
  listEventRevisions,
  listNewsRevisions,
  revertAdminEvent,
  revertAdminNews,
  setAdminEventStatus,
  setAdminNewsStatus,
  updateAdminEvent,
  updateAdminNews,
  uploadNewsImage,
} from '../../services/admin-news.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import { serveFileUpload } from '../upload-form.ts';
import { deleteNewsImageRoute, eventAdminRoutes as e, newsAdminRoutes as n, uploadNewsImageDoc } from './admin-news.routes.ts';

/** The image upload: app.ts lets its body past the general 64 KiB limit (it has its own). */
export function isNewsImagePath(path: string): boolean {
  return /^\/api\/admin\/news\/\d{1,12}\/image$/.test(path);
}

const router = createRouter();
router.openAPIRegistry.registerPath(uploadNewsImageDoc);

const withImageUpload = serveFileUpload(router, '/admin/news/:id/image', 'l’image', ({ c, user, id, file }) =>
  uploadNewsImage(c.var, user, id, file),
);

// The image as the back office sees it (a draft's image too).
router.get('/admin/news/:id/image', ...guard(...EDITORS), (c) => {
  const params = IdParamSchema.safeParse({ id: c.req.param('id') });
  if (!params.success) throw validationError(zodIssues(params.error));
  const file = adminNewsImage(c.var, currentEditor(c), params.data.id);
  return sendImage(file, 'private, no-store');
});

/** Streams a stored image, shown in the page (`inline`). */
export function sendImage(file: { path: string; type: string }, cacheControl: string): Response {
  return sendStoredFile(
    file,
    { 'Content-Disposition': 'inline', 'Cache-Control': cacheControl },
    () => new ApiError('not_found', 'Image introuvable.'),
  );
}

export const adminNewsRouter = withImageUpload
  .openapi(n.list, (c) => c.json(listAdminNews(c.var, currentEditor(c), c.req.valid('query')), 200))
  .openapi(n.create, (c) => c.json(createAdminNews(c.var, currentEditor(c), c.req.valid('json')), 201))
  .openapi(n.get, (c) => c.json(getAdminNews(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(n.update, (c) => c.json(updateAdminNews(c.var, currentEditor(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(n.remove, (c) => c.json(deleteAdminNews(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(n.publish, (c) => c.json(setAdminNewsStatus(c.var, currentEditor(c), c.req.valid('param').id, 'publie'), 200))
  .openapi(n.archive, (c) => c.json(setAdminNewsStatus(c.var, currentEditor(c), c.req.valid('param').id, 'archive'), 200))
  .openapi(n.unpublish, (c) => c.json(setAdminNewsStatus(c.var, currentEditor(c), c.req.valid('param').id, 'brouillon'), 200))
  .openapi(n.revisions, (c) => c.json(listNewsRevisions(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(n.revert, (c) => {
    const { id, revisionId } = c.req.valid('param');
    return c.json(revertAdminNews(c.var, currentEditor(c), id, revisionId), 200);
  })
  .openapi(deleteNewsImageRoute, (c) => c.json(deleteNewsImage(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(e.list, (c) => c.json(listAdminEvents(c.var, currentEditor(c), c.req.valid('query')), 200))
  .openapi(e.create, (c) => c.json(createAdminEvent(c.var, currentEditor(c), c.req.valid('json')), 201))
  .openapi(e.get, (c) => c.json(getAdminEvent(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(e.update, (c) => c.json(updateAdminEvent(c.var, currentEditor(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(e.remove, (c) => c.json(deleteAdminEvent(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(e.publish, (c) => c.json(setAdminEventStatus(c.var, currentEditor(c), c.req.valid('param').id, 'publie'), 200))
  .openapi(e.archive, (c) => c.json(setAdminEventStatus(c.var, currentEditor(c), c.req.valid('param').id, 'archive'), 200))
  .openapi(e.unpublish, (c) => c.json(setAdminEventStatus(c.var, currentEditor(c), c.req.valid('param').id, 'brouillon'), 200))
  .openapi(e.revisions, (c) => c.json(listEventRevisions(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(e.revert, (c) => {
    const { id, revisionId } = c.req.valid('param');
    return c.json(revertAdminEvent(c.var, currentEditor(c), id, revisionId), 200);
  });
