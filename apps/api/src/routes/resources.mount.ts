import { createRouter } from '../lib/create-router.ts';

/**
 * The resources routes, mounted under /api by app.ts. One mount file per area keeps app.ts stable
 * while areas grow in parallel.
 */
export const resourcesRoutes = createRouter();
