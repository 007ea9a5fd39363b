/**
 * Who may see and change what: the roles of the back office, the reach of each (« admin or
 * curateur sees all », a relais its départements), and the one guard every back-office route
 * starts with. Services ask these; no role rule is written out anywhere else.
 */
import type { Role } from '@pare/schema';
import type { MiddlewareHandler } from 'hono';
import { requireRole } from './auth.ts';
import type { AppEnv } from './context.ts';

/** The national team: every département, every entry, the outbox, the newsletter. */
export const CURATORS: Role[] = ['admin', 'curateur'];
/** Who edits entries: the national team, and territorial relays within their départements. */
export const EDITORS: Role[] = ['admin', 'curateur', 'relais'];

type Holder = { role: Role; departements: string[] };

/** Admins and curators see and act on every département; a relais only on theirs. */
export function seesAll(user: { role: Role }): boolean {
  return CURATORS.includes(user.role);
}

/** Does this user answer for this département? Admins and curators answer for all. */
export function coversDepartement(user: Holder, departement: string | null | undefined): boolean {
  if (seesAll(user)) return true;
  if (user.role !== 'relais' || !departement) return false;
  return user.departements.includes(departement);
}

/** The départements a user's lists are limited to: `undefined` when they see all. */
export function departementsReached(user: Holder): string[] | undefined {
  return seesAll(user) ? undefined : user.departements;
}

/** Back-office answers hold private fields (referent e-mail, confidential addresses): never cached. */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async function privateAnswer(c, next) {
    await next();
    // A handler's own stricter `no-store` (the team inbox's) stands as it was.
    if (c.res.headers.get('Cache-Control') !== 'no-store') c.header('Cache-Control', 'private, no-store');
    c.header('Vary', 'Cookie');
  };
}

/** The guard of every back-office route: 401 without a session, 403 for another role, no cache. */
export const guard = (...roles: Role[]): [MiddlewareHandler<AppEnv>, MiddlewareHandler<AppEnv>] => [requireRole(...roles), noStore()];
