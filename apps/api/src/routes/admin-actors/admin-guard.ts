/** What back-office handlers share: the signed-in user (the guard's error answers are lib/openapi.ts's `guardErrors`). */
import type { UserRecord } from '@pare/db';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { ApiError } from '../../lib/errors.ts';

/** The signed-in user (the guard already refused anonymous requests). */
export function currentEditor(c: Context<AppEnv>): UserRecord {
  const user = c.var.user;
  if (!user) throw new ApiError('unauthorized');
  return user;
}
