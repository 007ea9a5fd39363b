import { createRouter } from '../../lib/create-router.ts';
import { listAccountRequests, refuseAccountRequest } from '../../services/accounts.ts';
import { createUser, endUserSessions, listUsers, resetUser, updateUser } from '../../services/users.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import {
  createUserRoute,
  endUserSessionsRoute,
  listAccountRequestsRoute,
  listUsersRoute,
  refuseAccountRequestRoute,
  resetUserRoute,
  updateUserRoute,
} from './admin-users.routes.ts';

export const adminUsersRouter = createRouter()
  .openapi(listUsersRoute, (c) => c.json(listUsers(c.var), 200))
  .openapi(createUserRoute, async (c) => c.json(await createUser(c.var, c.req.valid('json'), currentEditor(c)), 201))
  .openapi(updateUserRoute, async (c) =>
    c.json(await updateUser(c.var, currentEditor(c), Number(c.req.valid('param').id), c.req.valid('json')), 200),
  )
  .openapi(resetUserRoute, (c) => c.json(resetUser(c.var, currentEditor(c), Number(c.req.valid('param').id)), 200))
  .openapi(endUserSessionsRoute, (c) => c.json(endUserSessions(c.var, currentEditor(c), Number(c.req.valid('param').id)), 200))
  .openapi(listAccountRequestsRoute, (c) => c.json(listAccountRequests(c.var), 200))
  .openapi(refuseAccountRequestRoute, (c) => c.json(refuseAccountRequest(c.var, currentEditor(c), Number(c.req.valid('param').id)), 200));
