import { clearSessionCookie, clientAddress, setSessionCookie } from '../../lib/auth.ts';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import { currentUser, login } from '../../services/auth.ts';
import { loginRoute, logoutRoute, meRoute } from './auth.routes.ts';

export const authRouter = createRouter()
  .openapi(loginRoute, async (c) => {
    const session = await login(c.var, c.req.valid('json'), clientAddress(c), new Date(), c.req.header('user-agent') ?? null);
    setSessionCookie(c, session.token, session.expiresAt);
    c.header('Cache-Control', 'no-store');
    return c.json({ user: currentUser(session.user), csrf_token: session.csrfToken, expires_at: session.expiresAt }, 200);
  })
  .openapi(logoutRoute, (c) => {
    if (!c.var.sessionToken) throw new ApiError('unauthorized');
    c.var.users.deleteSession(c.var.sessionToken);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(meRoute, (c) => {
    const user = c.var.user;
    if (!user || !c.var.csrfToken) throw new ApiError('unauthorized');
    c.header('Cache-Control', 'no-store');
    const expires = c.var.users.findSession(c.var.sessionToken ?? '', new Date(), c.var.config.sessionIdleMs)?.expiresAt ?? '';
    return c.json({ user: currentUser(user), csrf_token: c.var.csrfToken, expires_at: expires }, 200);
  });
