import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/create-router.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Service'],
  summary: 'État du service',
  responses: {
    200: { description: 'La base est prête', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
  },
});

export const healthRouter = createRouter().openapi(healthRoute, (c) => {
  // A trivial query proves the database file is open and readable.
  c.var.db.prepare('SELECT 1').get();
  return c.json({ status: 'ok' as const }, 200);
});
