import { createRouter } from '../lib/create-router.ts';
import { adminResourcesRouter } from './admin-resources/admin-resources.index.ts';
import { departementsRouter } from './departements/departements.index.ts';
import { resourcesRouter } from './resources/resources.index.ts';
import { statsRouter } from './stats/stats.index.ts';

/**
 * The resources routes, mounted under /api by app.ts. One mount file per area keeps app.ts stable
 * while areas grow in parallel.
 */
export const resourcesRoutes = createRouter()
  .route('/', resourcesRouter)
  .route('/', departementsRouter)
  .route('/', adminResourcesRouter)
  .route('/', statsRouter);
