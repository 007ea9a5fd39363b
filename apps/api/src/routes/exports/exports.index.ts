import { CsvQuerySchema } from '@pare/schema';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter, documentedPath } from '../../lib/create-router.ts';
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

const router = createRouter();

router.get(documentedPath(router, actorsCsvRoute), (c) => {
  const query = CsvQuerySchema.safeParse(c.req.query());
  if (!query.success) throw validationError(zodIssues(query.error));
  const delimiter = query.data.sep === ';' || query.data.separator === 'semicolon' ? ';' : ',';
  const deps = c.var;
  const origin = publicOrigin(c);
  return download(c, () => actorsCsvChunks(deps, { origin, delimiter }), 'text/csv; charset=utf-8', 'pare-acteurs.csv');
});

router.get(documentedPath(router, actorsGeoJsonRoute), (c) => {
  const deps = c.var;
  const origin = publicOrigin(c);
  return download(c, () => actorsGeoJsonChunks(deps, { origin }), 'application/geo+json; charset=utf-8', 'pare-acteurs.geojson');
});

// The two files of the data·inclusion schema: structures, and their services.
for (const [route, chunks, filename] of [
  [dataInclusionStructuresRoute, dataInclusionStructureChunks, 'pare-data-inclusion-structures.json'],
  [dataInclusionServicesRoute, dataInclusionServiceChunks, 'pare-data-inclusion-services.json'],
] as const) {
  router.get(documentedPath(router, route), (c) => {
    const deps = c.var;
    const origin = publicOrigin(c);
    return download(c, () => chunks(deps, { origin }), 'application/json; charset=utf-8', filename);
  });
}

/** `/exports/*`: the directory as files, in CSV, GeoJSON and the data·inclusion schema. */
export const exportsRouter = router;
