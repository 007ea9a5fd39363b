/** The rights an import and its revert check, row by row: a relais writes only within their départements. */
import type { UserRecord } from '@pare/db';
import type { CreateActorInput } from '@pare/schema';
import { ApiError } from '../../lib/errors.ts';
import { assertMayWrite, inputDepartements } from '../curation.ts';

/** The form the rights check compares: national or not, and the départements. */
export const reachOf = (input: CreateActorInput) => ({
  national: input.territory.scope === 'national',
  departements: inputDepartements(input),
});

/** Administrators and curators reach every actor: their rows are not checked one by one. */
export const isUnrestricted = (user: UserRecord): boolean => user.role === 'admin' || user.role === 'curateur';

/**
 * Why `user` may not change an actor from `before` (null: a new actor) to `after`, or null when
 * they may: the refusal is reported on the row, it does not stop the import.
 */
export function writeRefusal(user: UserRecord, before: CreateActorInput | null, after: CreateActorInput): string | null {
  try {
    assertMayWrite(user, before ? reachOf(before) : null, reachOf(after));
    return null;
  } catch (err) {
    if (err instanceof ApiError) return err.message;
    throw err;
  }
}
