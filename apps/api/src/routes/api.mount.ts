import { createRouter } from '../lib/create-router.ts';
import { accountRouter } from './account/account.index.ts';
import { actorsRouter } from './actors/actors.index.ts';
import { adminRoutes } from './admin.mount.ts';
import { adminNewsRouter } from './admin-news/admin-news.index.ts';
import { authRouter } from './auth/auth.index.ts';
import { followUpRoutes } from './follow-up.mount.ts';
import { healthRouter } from './health/health.index.ts';
import { mapDataRouter } from './map-data/map-data.index.ts';
import { newsRouter } from './news/news.index.ts';
import { newsletterRoutes } from './newsletter/newsletter.index.ts';
import { openDataRoutes } from './open-data.mount.ts';
import { orientationRoutes } from './orientation.mount.ts';
import { resourcesRoutes } from './resources.mount.ts';
import { territoriesRouter } from './territories/territories.index.ts';

/**
 * Every JSON route of the API, mounted under /api by app.ts. Its type is the wire contract the
 * web's typed client (`apps/web/src/lib/client.ts`, Hono's `hc`) is built from: a changed
 * request or response schema breaks the web's typecheck, not a page.
 */
export const apiRoutes = createRouter()
  .route('/', healthRouter)
  .route('/', authRouter)
  .route('/', accountRouter)
  .route('/', actorsRouter)
  .route('/', territoriesRouter)
  .route('/', mapDataRouter)
  .route('/', orientationRoutes)
  .route('/', resourcesRoutes)
  .route('/', openDataRoutes)
  .route('/', followUpRoutes)
  .route('/', newsRouter)
  .route('/', adminNewsRouter)
  .route('/', newsletterRoutes)
  .route('/', adminRoutes);

export type ApiRoutes = typeof apiRoutes;
