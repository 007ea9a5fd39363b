import { createRouter } from '../../lib/create-router.ts';
import { orient } from '../../services/orientation.ts';
import { orientRoute } from './orientation.routes.ts';

export const orientationRouter = createRouter().openapi(orientRoute, (c) => {
  // The answer depends on who is signed in (professionals see more contacts) and on a personal question.
  c.header('Cache-Control', 'no-store');
  return c.json(orient(c.var, c.req.valid('json'), c.var.viewer), 200);
});
