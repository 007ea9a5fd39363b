import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Role } from '@pare/schema';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

export const SESSION_COOKIE = 'pare_session';
export const CSRF_HEADER = 'X-CSRF-Token';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The client's address, for throttling. Only trusts X-Forwarded-For when told to. */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/**
 * Reads the session cookie and sets `user`, `csrfToken` and the `viewer` used by publicView().
 * An unknown or expired cookie is dropped, and the request goes on anonymously.
 */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async function session(c, next) {
    c.set('user', null);
    c.set('csrfToken', null);
    c.set('sessionToken', null);
    c.set('viewer', { seesProfessionalContacts: false });
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = /^[A-Za-z0-9_-]{43}$/.test(token) ? c.var.users.findSession(token, new Date(), c.var.config.sessionIdleMs) : undefined;
      if (found) {
        c.set('user', found.user);
        c.set('csrfToken', found.csrfToken);
        c.set('sessionToken', token);
        c.set('viewer', { seesProfessionalContacts: true });
      } else {
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
      }
    }
    await next();
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The origins a session's own pages post from: the one the request came to, and the configured public address. */
function ownOrigins(c: Context<AppEnv>): string[] {
  const own = [new URL(c.req.url).origin];
  const configured = c.var.config?.publicUrl;
  if (configured) {
    try {
      own.push(new URL(configured).origin);
    } catch {
      // env.ts checks the address at start; a test may pass anything.
    }
  }
  return own;
}

/**
 * On every mutating request made with a session: the X-CSRF-Token header must carry the
 * session's token, and the request must say it comes from our own pages: a same-origin `Origin`
 * (browsers send it on every POST, PUT, PATCH and DELETE), or, when a client leaves `Origin`
 * out, `Sec-Fetch-Site: same-origin`. A request with neither, or a cross-site one, is refused.
 * SameSite=Strict already keeps the cookie off cross-site requests; these are the second lock.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async function csrf(c, next) {
    if (MUTATING.has(c.req.method) && c.var.csrfToken) {
      const origin = c.req.header('origin');
      const fetchSite = c.req.header('sec-fetch-site');
      const sameOrigin = origin ? ownOrigins(c).includes(origin) : fetchSite === 'same-origin';
      if (!sameOrigin || (fetchSite !== undefined && fetchSite !== 'same-origin'))
        throw new ApiError('forbidden', 'Requête refusée : origine inconnue.');
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameToken(sent, c.var.csrfToken))
        throw new ApiError('forbidden', 'Jeton CSRF manquant ou invalide : rechargez la page.');
    }
    await next();
  };
}

/** 401 without a session, 403 when the signed-in role is not among `roles`. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async function roleGuard(c, next) {
    const user = c.var.user;
    if (!user) throw new ApiError('unauthorized');
    if (!roles.includes(user.role)) throw new ApiError('forbidden');
    await next();
  };
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: string) {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: c.var.config.secureCookies,
    sameSite: 'Strict',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.config.secureCookies, httpOnly: true, sameSite: 'Strict' });
}
