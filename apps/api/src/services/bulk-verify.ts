/**
 * « Marquer vérifiées » on a selection of the actor list: one call, each entry checked on its own
 * (the same role and département rule as verifying one entry), one `verify` revision each. An
 * entry the user may not touch is refused with its reason and never stops the others.
 */
import type { UserRecord } from '@pare/db';
import type { AppDeps } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { verifyAdminActor } from './curation.ts';

export type BulkVerifyResult = {
  verified: { id: number; name: string; last_verified_at: string | null }[];
  refused: { id: number; message: string }[];
};

export function verifyAdminActors(deps: AppDeps, user: UserRecord, ids: readonly number[], now = new Date()): BulkVerifyResult {
  const out: BulkVerifyResult = { verified: [], refused: [] };
  for (const id of [...new Set(ids)]) {
    try {
      const a = verifyAdminActor(deps, user, id, now);
      out.verified.push({ id: a.id, name: a.name, last_verified_at: a.last_verified_at });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      out.refused.push({ id, message: err.code === 'not_found' ? 'Cette fiche n’existe pas.' : err.message });
    }
  }
  if (out.verified.length > 0) deps.log.info('actors verified in bulk', { userId: user.id, count: out.verified.length });
  return out;
}
