import { createRouter } from '../../lib/create-router.ts';
import { clockOf, previewHours } from '../../services/actors.ts';
import { hoursPreviewRoute } from './admin-hours.routes.ts';

export const adminHoursRouter = createRouter().openapi(hoursPreviewRoute, (c) => {
  return c.json(previewHours(c.req.valid('json'), clockOf(c.var)), 200);
});
