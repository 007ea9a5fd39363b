import type { UserRecord } from '@pare/db';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter } from '../../lib/create-router.ts';
import {
  changeContactRequestStatusFor,
  countContactRequestsFor,
  getContactRequestFor,
  listContactRequestsFor,
  listTransmitCandidatesFor,
  transmitContactRequestFor,
} from '../../services/contact-requests.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import {
  changeContactRequestStatusRoute,
  countContactRequestsRoute,
  getContactRequestRoute,
  listContactRequestsRoute,
  listOutboxRoute,
  listTransmitCandidatesRoute,
  retryOutboxRoute,
  transmitContactRequestRoute,
} from './inbox.routes.ts';

/** The signed-in user (requireRole ran before): personal data, never cached. */
function staff(c: Context<AppEnv>): UserRecord {
  c.header('Cache-Control', 'no-store');
  return currentEditor(c);
}

export const inboxRouter = createRouter()
  // Before `{reference}`: « counts » is not a reference.
  .openapi(countContactRequestsRoute, (c) => c.json(countContactRequestsFor(c.var, staff(c)), 200))
  .openapi(listContactRequestsRoute, (c) => c.json(listContactRequestsFor(c.var, staff(c), c.req.valid('query')), 200))
  .openapi(getContactRequestRoute, (c) => c.json(getContactRequestFor(c.var, staff(c), c.req.valid('param').reference), 200))
  .openapi(changeContactRequestStatusRoute, (c) =>
    c.json(changeContactRequestStatusFor(c.var, staff(c), c.req.valid('param').reference, c.req.valid('json')), 200),
  )
  .openapi(listTransmitCandidatesRoute, (c) =>
    c.json(listTransmitCandidatesFor(c.var, staff(c), c.req.valid('param').reference, c.req.valid('query').q), 200),
  )
  .openapi(transmitContactRequestRoute, (c) =>
    c.json(transmitContactRequestFor(c.var, staff(c), c.req.valid('param').reference, c.req.valid('json')), 200),
  )
  .openapi(listOutboxRoute, (c) => {
    staff(c);
    return c.json(c.var.services.outbox.list(c.req.valid('query')), 200);
  })
  .openapi(retryOutboxRoute, (c) => {
    const user = staff(c);
    const result = c.var.services.outbox.retry(c.req.valid('param').id);
    c.var.log.info('mail retry requested', { userId: user.id, outboxId: result.id });
    return c.json(result, 200);
  });
