import { createRouter } from '../../lib/create-router.ts';
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
import { uploadsDirOf } from '../../services/uploads.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import { serveFileUpload } from '../upload-form.ts';
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

const withFileUpload = serveFileUpload(router, '/admin/resources/:id/file', 'le fichier', ({ c, user, id, file }) =>
  uploadResourceFile(c.var, user, id, file, uploadsDirOf(c.var.config)),
);

export const adminResourcesRouter = withFileUpload
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
