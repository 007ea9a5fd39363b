import { hoursPreview } from '@pare/db';
import { createRouter } from '../../lib/create-router.ts';
import { clockOf } from '../../services/actors.ts';
import { hoursPreviewRoute } from './admin-hours.routes.ts';

export const adminHoursRouter = createRouter().openapi(hoursPreviewRoute, (c) => {
  const body = c.req.valid('json');
  const closures = body.temporary_closures.map((x) => ({ ...x, ends_on: x.ends_on ?? null }));
  return c.json(hoursPreview(body.opening_hours, closures, { departement: body.departement ?? null }, clockOf(c.var)), 200);
});
