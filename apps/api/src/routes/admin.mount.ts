import { createRouter } from '../lib/create-router.ts';
import { adminActorsRouter } from './admin-actors/admin-actors.index.ts';
import { adminHoursRouter } from './admin-hours/admin-hours.index.ts';
import { adminImportRouter } from './admin-import/admin-import.index.ts';
import { adminUsersRouter } from './admin-users/admin-users.index.ts';
import { freshnessRouter } from './freshness/freshness.index.ts';
import { submissionsRouter } from './submissions/submissions.index.ts';

/**
 * The admin routes, mounted under /api by app.ts. One mount file per area keeps app.ts stable
 * while areas grow in parallel.
 */
export const adminRoutes = createRouter()
  .route('/', adminActorsRouter)
  .route('/', submissionsRouter)
  .route('/', freshnessRouter)
  .route('/', adminUsersRouter)
  .route('/', adminImportRouter)
  .route('/', adminHoursRouter);
