/** What every back-office route starts with: the role check, and answers no cache may keep. */
import type { UserRecord } from '@pare/db';
import { ErrorBodySchema, type Role } from '@pare/schema';
import type { Context, MiddlewareHandler } from 'hono';
import { requireRole } from '../../lib/auth.ts';
import type { AppEnv } from '../../lib/context.ts';
import { ApiError } from '../../lib/errors.ts';

/** Back-office answers hold private fields (referent e-mail, confidential addresses): never cached. */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async function privateAnswer(c, next) {
    await next();
    c.header('Cache-Control', 'private, no-store');
    c.header('Vary', 'Cookie');
  };
}

/** Middleware of a back-office route: 401 without a session, 403 for another role, no cache. */
export const guard = (...roles: Role[]): MiddlewareHandler<AppEnv>[] => [requireRole(...roles), noStore()];
export const EDITORS: Role[] = ['admin', 'curateur', 'relais'];

/** The signed-in user (the guard already refused anonymous requests). */
export function currentEditor(c: Context<AppEnv>): UserRecord {
  const user = c.var.user;
  if (!user) throw new ApiError('unauthorized');
  return user;
}

export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

/** The error answers every back-office route may give. */
export const guardErrors = {
  401: errorResponse('Connexion requise'),
  403: errorResponse('Rôle insuffisant, fiche hors de vos départements ou jeton CSRF manquant'),
};
