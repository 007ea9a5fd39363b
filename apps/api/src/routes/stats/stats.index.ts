import { ActivityQuerySchema, FormatQuerySchema } from '@pare/schema';
import type { TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { createRouter, documentedPath } from '../../lib/create-router.ts';
import { validationError, zodIssues } from '../../lib/errors.ts';
import { EDITORS, guard } from '../../lib/policy.ts';
import { activityCsv, coverage } from '../../services/stats.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import { activityRoute, coverageRoute } from './stats.routes.ts';

const router = createRouter();
router.openAPIRegistry.registerPath(coverageRoute);

/**
 * `json`, the serialisation of `value` kept ready, answered as is: typed as that value's JSON for
 * the web's typed client, as `c.json(value)` would be.
 */
const servedAsJson = <T>(answer: Response, _value: T) => answer as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;

/** Public: built once per directory version and kept serialised (services/stats.ts). */
const coverageRouter = router.get(coverageRoute.path, (c) => {
  const query = FormatQuerySchema.safeParse(c.req.query());
  if (!query.success) throw validationError(zodIssues(query.error));
  const kept = coverage(c.var);
  const etag = query.data.format === 'csv' ? kept.etag.replace(/"$/, '-csv"') : kept.etag;
  c.header('ETag', etag);
  c.header('Vary', 'Accept-Encoding');
  if (
    c.req
      .header('if-none-match')
      ?.split(',')
      .some((t) => t.trim().replace(/^W\//, '') === etag.slice(2))
  )
    return c.body(null, 304);
  if (query.data.format === 'csv') {
    return c.body(kept.csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="pare-couverture.csv"',
      'Cache-Control': 'no-cache',
    });
  }
  return servedAsJson(
    c.body(kept.json, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }),
    kept.coverage,
  );
});

const activityPath = documentedPath(router, activityRoute);
for (const mw of guard(...EDITORS)) router.use(activityPath, mw);
router.get(activityPath, (c) => {
  const query = ActivityQuerySchema.safeParse(c.req.query());
  if (!query.success) throw validationError(zodIssues(query.error));
  const { format, from, to } = query.data;
  const activity = c.var.services.stats.computeActivity(currentEditor(c), { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  c.header('Cache-Control', 'private, no-store');
  if (format === 'csv') {
    return c.body(activityCsv(activity), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="pare-activite.csv"',
    });
  }
  return c.json(activity, 200);
});

export const statsRouter = coverageRouter;
