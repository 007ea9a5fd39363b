import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import { getProtocol, getResource, listProtocols, resourceFile, searchResources } from '../../services/resources.ts';
import { contentDisposition, uploadsDirOf } from '../../services/uploads.ts';
import { getProtocolRoute, getResourceFileRoute, getResourceRoute, listProtocolsRoute, listResourcesRoute } from './resources.routes.ts';

export const resourcesRouter = createRouter()
  .openapi(listResourcesRoute, (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(searchResources(c.var, c.req.valid('query')), 200);
  })
  .openapi(getResourceRoute, (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(getResource(c.var, c.req.valid('param').slug), 200);
  })
  .openapi(getResourceFileRoute, (c) => {
    const file = resourceFile(c.var, c.req.valid('param').slug, uploadsDirOf(c.var.config));
    let size: number;
    try {
      size = statSync(file.path).size;
    } catch {
      // The database names a file the disk no longer has: say so without the path.
      c.var.log.error('resource file missing', { requestId: c.var.requestId, slug: c.req.valid('param').slug });
      throw new ApiError('not_found', 'Le fichier de cette ressource est introuvable.');
    }
    const stream = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
    return new Response(stream, {
      status: 200,
      headers: {
        'Content-Type': file.type,
        'Content-Length': String(size),
        'Content-Disposition': contentDisposition(file.name),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  })
  .openapi(listProtocolsRoute, (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(listProtocols(c.var, c.req.valid('query')), 200);
  })
  .openapi(getProtocolRoute, (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(getProtocol(c.var, c.req.valid('param').slug), 200);
  });
