import { IdParamSchema } from '@pare/schema';
import { bodyLimit } from 'hono/body-limit';
import { createRouter } from '../../lib/create-router.ts';
import { validationError, zodIssues } from '../../lib/errors.ts';
import { EDITORS, guard } from '../../lib/policy.ts';
import {
  createAdminProtocol,
  createAdminResource,
  deleteResourceFile,
  getAdminProtocol,
  getAdminResource,
  listAdminProtocols,
  listAdminResources,
  listProtocolRevisions,
  listResourceRevisions,
  revertAdminProtocol,
  revertAdminResource,
  setAdminProtocolStatus,
  setAdminResourceStatus,
  updateAdminProtocol,
  updateAdminResource,
  uploadResourceFile,
} from '../../services/resources.ts';
import { tooLarge, UPLOAD_BODY_LIMIT, uploadsDirOf } from '../../services/uploads.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import {
  archiveAdminProtocolRoute,
  archiveAdminResourceRoute,
  createAdminProtocolRoute,
  createAdminResourceRoute,
  deleteAdminResourceFileRoute,
  getAdminProtocolRoute,
  getAdminResourceRoute,
  listAdminProtocolsRoute,
  listAdminResourcesRoute,
  protocolRevisionsRoute,
  resourceRevisionsRoute,
  restoreAdminProtocolRoute,
  restoreAdminResourceRoute,
  revertProtocolRoute,
  revertResourceRoute,
  updateAdminProtocolRoute,
  updateAdminResourceRoute,
  uploadAdminResourceFileDoc,
} from './admin-resources.routes.ts';

const router = createRouter();
router.openAPIRegistry.registerPath(uploadAdminResourceFileDoc);

// The role check comes first, so an anonymous upload is refused before its body is read; then
// the size limit is enforced while the body is read (never an unbounded buffer).
router.put(
  '/admin/resources/:id/file',
  ...guard(...EDITORS),
  bodyLimit({
    maxSize: UPLOAD_BODY_LIMIT,
    onError: () => {
      throw tooLarge();
    },
  }),
  async (c) => {
    const params = IdParamSchema.safeParse({ id: c.req.param('id') });
    if (!params.success) throw validationError(zodIssues(params.error));
    if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? '')) {
      throw validationError([{ path: 'file', message: 'Envoyez le fichier en multipart/form-data, dans le champ « file ».' }]);
    }
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      throw validationError([
        { path: 'file', message: 'Formulaire illisible : envoyez le fichier en multipart/form-data, dans le champ « file ».' },
      ]);
    }
    const user = currentEditor(c);
    return c.json(await uploadResourceFile(c.var, user, params.data.id, form.file, uploadsDirOf(c.var.config)), 200);
  },
);

export const adminResourcesRouter = router
  .openapi(listAdminResourcesRoute, (c) => c.json(listAdminResources(c.var, currentEditor(c), c.req.valid('query')), 200))
  .openapi(createAdminResourceRoute, (c) => c.json(createAdminResource(c.var, currentEditor(c), c.req.valid('json')), 201))
  .openapi(getAdminResourceRoute, (c) => c.json(getAdminResource(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(updateAdminResourceRoute, (c) =>
    c.json(updateAdminResource(c.var, currentEditor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(archiveAdminResourceRoute, (c) =>
    c.json(setAdminResourceStatus(c.var, currentEditor(c), c.req.valid('param').id, 'archived'), 200),
  )
  .openapi(restoreAdminResourceRoute, (c) =>
    c.json(setAdminResourceStatus(c.var, currentEditor(c), c.req.valid('param').id, 'published'), 200),
  )
  .openapi(deleteAdminResourceFileRoute, (c) =>
    c.json(deleteResourceFile(c.var, currentEditor(c), c.req.valid('param').id, uploadsDirOf(c.var.config)), 200),
  )
  .openapi(resourceRevisionsRoute, (c) => c.json(listResourceRevisions(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(listAdminProtocolsRoute, (c) => c.json(listAdminProtocols(c.var, currentEditor(c), c.req.valid('query')), 200))
  .openapi(createAdminProtocolRoute, (c) => c.json(createAdminProtocol(c.var, currentEditor(c), c.req.valid('json')), 201))
  .openapi(getAdminProtocolRoute, (c) => c.json(getAdminProtocol(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(updateAdminProtocolRoute, (c) =>
    c.json(updateAdminProtocol(c.var, currentEditor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(archiveAdminProtocolRoute, (c) =>
    c.json(setAdminProtocolStatus(c.var, currentEditor(c), c.req.valid('param').id, 'archived'), 200),
  )
  .openapi(restoreAdminProtocolRoute, (c) =>
    c.json(setAdminProtocolStatus(c.var, currentEditor(c), c.req.valid('param').id, 'published'), 200),
  )
  .openapi(protocolRevisionsRoute, (c) => c.json(listProtocolRevisions(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(revertResourceRoute, (c) => {
    const { id, revisionId } = c.req.valid('param');
    return c.json(revertAdminResource(c.var, currentEditor(c), id, revisionId), 200);
  })
  .openapi(revertProtocolRoute, (c) => {
    const { id, revisionId } = c.req.valid('param');
    return c.json(revertAdminProtocol(c.var, currentEditor(c), id, revisionId), 200);
  });
