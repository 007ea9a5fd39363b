import { createRouter } from '../../lib/create-router.ts';
import { createUser, listUsers, updateUser } from '../../services/users.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import { createUserRoute, listUsersRoute, updateUserRoute } from './admin-users.routes.ts';

export const adminUsersRouter = createRouter()
  .openapi(listUsersRoute, (c) => c.json(listUsers(c.var), 200))
  .openapi(createUserRoute, async (c) => c.json(await createUser(c.var, c.req.valid('json')), 201))
  .openapi(updateUserRoute, async (c) =>
    c.json(await updateUser(c.var, currentEditor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
