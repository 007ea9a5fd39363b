import { createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import {
  createAccountRequest,
  getPasswordLink,
  listMySessions,
  revokeMyOtherSessions,
  revokeMySession,
  setPasswordWithLink,
} from '../../services/accounts.ts';
import { sessionView } from '../../services/auth.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import {
  accountSessionRoute,
  createAccountRequestRoute,
  getPasswordLinkRoute,
  mySessionsRoute,
  revokeMySessionRoute,
  revokeOtherSessionsRoute,
  setPasswordRoute,
} from './account.routes.ts';

export const accountRouter = createRouter()
  .openapi(accountSessionRoute, (c) => {
    c.header('Cache-Control', 'private, no-store');
    c.header('Vary', 'Cookie');
    const session = c.var.sessionToken ? sessionView(c.var, c.var) : null;
    return c.json(session ?? { user: null, csrf_token: null, expires_at: null }, 200);
  })
  .openapi(mySessionsRoute, (c) => c.json(listMySessions(c.var, currentEditor(c), c.var.sessionToken), 200))
  .openapi(revokeMySessionRoute, (c) => {
    revokeMySession(c.var, currentEditor(c), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(revokeOtherSessionsRoute, (c) => {
    if (!c.var.sessionToken) throw new ApiError('unauthorized');
    return c.json(revokeMyOtherSessions(c.var, currentEditor(c), c.var.sessionToken), 200);
  })
  .openapi(getPasswordLinkRoute, (c) => c.json(getPasswordLink(c.var, c.req.valid('param').token), 200))
  .openapi(setPasswordRoute, async (c) =>
    c.json(await setPasswordWithLink(c.var, c.req.valid('param').token, c.req.valid('json').password), 200),
  )
  .openapi(createAccountRequestRoute, (c) => c.json(createAccountRequest(c.var, c.req.valid('json')), 201));
