import { clearSessionCookie, clientAddress, setSessionCookie } from '../../lib/auth.ts';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import { currentUser, login, logout, sessionView } from '../../services/auth.ts';
import { loginRoute, logoutRoute, meRoute } from './auth.routes.ts';

export const authRouter = createRouter()
  .openapi(loginRoute, async (c) => {
    const session = await login(c.var, c.req.valid('json'), clientAddress(c), new Date(), c.req.header('user-agent') ?? null);
    setSessionCookie(c, session.token, session.expiresAt);
    c.header('Cache-Control', 'no-store');
    return c.json({ user: currentUser(session.user), csrf_token: session.csrfToken, expires_at: session.expiresAt }, 200);
  })
  .openapi(logoutRoute, (c) => {
    logout(c.var, c.var.sessionToken);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(meRoute, (c) => {
    const session = sessionView(c.var, c.var);
    if (!session) throw new ApiError('unauthorized');
    c.header('Cache-Control', 'no-store');
    return c.json({ ...session, expires_at: session.expires_at ?? '' }, 200);
  });
