import type { Context } from 'hono';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import { sendStoredFile } from '../../lib/stored-file.ts';
import { getProtocol, getResource, listProtocols, resourceFile, searchResources } from '../../services/resources.ts';
import { contentDisposition, uploadsDirOf } from '../../services/uploads.ts';
import { getProtocolRoute, getResourceFileRoute, getResourceRoute, listProtocolsRoute, listResourcesRoute } from './resources.routes.ts';

/**
 * The resource centre's answers are revalidated each time (an editor's change shows at once), its
 * refusals too: the header is set on the context before the handler reads anything
 * (`revalidated(c).json(read())` sets it, then reads).
 */
function revalidated<C extends Context>(c: C): C {
  c.header('Cache-Control', 'no-cache');
  return c;
}

export const resourcesRouter = createRouter()
  .openapi(listResourcesRoute, (c) => revalidated(c).json(searchResources(c.var, c.req.valid('query')), 200))
  .openapi(getResourceRoute, (c) => revalidated(c).json(getResource(c.var, c.req.valid('param').slug), 200))
  .openapi(getResourceFileRoute, (c) => {
    const { slug } = c.req.valid('param');
    const file = resourceFile(c.var, slug, uploadsDirOf(c.var.config));
    return sendStoredFile(file, { 'Content-Disposition': contentDisposition(file.name), 'Cache-Control': 'no-cache' }, () => {
      // The database names a file the disk no longer has: say so without the path.
      c.var.log.error('resource file missing', { requestId: c.var.requestId, slug });
      return new ApiError('not_found', 'Le fichier de cette ressource est introuvable.');
    });
  })
  .openapi(listProtocolsRoute, (c) => revalidated(c).json(listProtocols(c.var, c.req.valid('query')), 200))
  .openapi(getProtocolRoute, (c) => revalidated(c).json(getProtocol(c.var, c.req.valid('param').slug), 200));
