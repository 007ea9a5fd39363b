import { createRouter } from '../../lib/create-router.ts';
import { confirmSubscription, subscribe, unsubscribe } from '../../services/newsletter.ts';
import { adminNewsletterRouter } from '../admin-newsletter/admin-newsletter.index.ts';
import { confirmRoute, subscribeRoute, unsubscribeRoute } from './newsletter.routes.ts';

/** The public side of the letter: subscribe, confirm, unsubscribe (mounted under /api). */
export const newsletterRouter = createRouter()
  .openapi(subscribeRoute, (c) => c.json(subscribe(c.var, c.req.valid('json')), 202))
  .openapi(confirmRoute, (c) => c.json(confirmSubscription(c.var, c.req.valid('param').token), 200))
  .openapi(unsubscribeRoute, (c) => c.json(unsubscribe(c.var, c.req.valid('param').token), 200));

/** Both sides of the letter, mounted once by app.ts. */
export const newsletterRoutes = createRouter().route('/', newsletterRouter).route('/', adminNewsletterRouter);
