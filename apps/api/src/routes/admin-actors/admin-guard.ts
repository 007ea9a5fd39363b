/** What back-office handlers share: the signed-in user and the error answers of the guard (lib/policy.ts). */
import type { UserRecord } from '@pare/db';
import { ErrorBodySchema } from '@pare/schema';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { ApiError } from '../../lib/errors.ts';

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
