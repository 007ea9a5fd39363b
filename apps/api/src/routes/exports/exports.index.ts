import type { RouteConfig } from '@hono/zod-openapi';
import { CsvQuerySchema } from '@pare/schema';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter } from '../../lib/create-router.ts';
import { validationError, zodIssues } from '../../lib/errors.ts';
import { actorsCsvChunks } from '../../services/open-data/csv.ts';
import { dataInclusionServiceChunks, dataInclusionStructureChunks } from '../../services/open-data/data-inclusion.ts';
import { actorsGeoJsonChunks } from '../../services/open-data/geojson.ts';
import { textStream } from '../../services/open-data/stream.ts';
import { actorsCsvRoute, actorsGeoJsonRoute, dataInclusionServicesRoute, dataInclusionStructuresRoute } from './exports.routes.ts';
import { publicOrigin } from './public-origin.ts';

/**
 * A streamed file: the body is produced batch by batch as the client reads it. Headers are
 * sent before the first actor is read, so a failure mid-way can only break the transfer; it is
 * logged with the request id.
 */
function download(c: Context<AppEnv>, chunks: () => Iterator<string>, contentType: string, filename: string): Response {
  const body = textStream(chunks, (err) => {
    c.var.log.error('open-data export failed', {
      requestId: c.var.requestId,
      path: c.req.path,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
  });
  return c.body(body, 200, { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${filename}"` });
}

/**
 * File downloads are documented in the OpenAPI description with registerPath and served by
 * plain handlers: a streamed body is not one of the typed JSON responses `openapi()` expects.
 */
function documented<R extends RouteConfig>(router: ReturnType<typeof createRouter>, route: R): string {
  router.openAPIRegistry.registerPath(route);
  return route.path;
}

const router = createRouter();

router.get(documented(router, actorsCsvRoute), (c) => {
  const query = CsvQuerySchema.safeParse(c.req.query());
  if (!query.success) throw validationError(zodIssues(query.error));
  const delimiter = query.data.sep === ';' || query.data.separator === 'semicolon' ? ';' : ',';
  const deps = c.var;
  const origin = publicOrigin(c);
  return download(c, () => actorsCsvChunks(deps, { origin, delimiter }), 'text/csv; charset=utf-8', 'pare-acteurs.csv');
});

router.get(documented(router, actorsGeoJsonRoute), (c) => {
  const deps = c.var;
  const origin = publicOrigin(c);
  return download(c, () => actorsGeoJsonChunks(deps, { origin }), 'application/geo+json; charset=utf-8', 'pare-acteurs.geojson');
});

router.get(documented(router, dataInclusionStructuresRoute), (c) => {
  const deps = c.var;
  const origin = publicOrigin(c);
  return download(
    c,
    () => dataInclusionStructureChunks(deps, { origin }),
    'application/json; charset=utf-8',
    'pare-data-inclusion-structures.json',
  );
});

router.get(documented(router, dataInclusionServicesRoute), (c) => {
  const deps = c.var;
  const origin = publicOrigin(c);
  return download(
    c,
    () => dataInclusionServiceChunks(deps, { origin }),
    'application/json; charset=utf-8',
    'pare-data-inclusion-services.json',
  );
});

/** `/exports/*`: the directory as files, in CSV, GeoJSON and the data·inclusion schema. */
export const exportsRouter = router;
