import { createRouter } from '../lib/create-router.ts';
import { contactRequestsRouter } from './contact-requests/contact-requests.index.ts';
import { inboxRouter } from './inbox/inbox.index.ts';
import { orientationRouter } from './orientation/orientation.index.ts';

/**
 * The orientation routes, mounted under /api by app.ts. One mount file per area keeps app.ts stable
 * while areas grow in parallel. This area: POST /orientation, POST /contact-requests, and the team
 * inbox and outbox under /admin/contact-requests and /admin/outbox.
 */
export const orientationRoutes = createRouter().route('/', orientationRouter).route('/', contactRequestsRouter).route('/', inboxRouter);
