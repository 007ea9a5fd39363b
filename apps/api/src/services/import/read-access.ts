/** Who may read an import's summary (and so revert it). */
import { actorToInput, type ImportSummaryRecord, importQueries, type UserRecord } from '@pare/db';
import type { ImportSummaryView } from '@pare/schema';
import { ApiError } from '../../lib/errors.ts';
import { mayHandle } from '../curation.ts';
import { IMPORT_BATCH_SIZE, type ImportDeps } from './options.ts';
import { isUnrestricted, reachOf } from './reach.ts';

/**
 * Who may read an import's summary: administrators and curators; a relais when they ran it, or
 * when every actor it wrote is within their départements (now). 404 when it wrote nothing.
 */
export function assertMayReadImport(deps: ImportDeps, user: UserRecord, importId: string): ImportSummaryRecord {
  const queries = importQueries(deps.db);
  const summary = queries.importSummary(importId);
  if (!summary) throw new ApiError('not_found', 'Cet import n’existe pas (ou n’a rien écrit).');
  if (isUnrestricted(user)) return summary;
  if (user.role === 'relais' && summary.authorId === user.id) return summary;
  let after = 0;
  for (;;) {
    const batch = queries.listImportRevisions(importId, after, IMPORT_BATCH_SIZE);
    if (batch.length === 0) return summary;
    for (const revision of batch) {
      const actor = deps.actors.findActorById(revision.entityId);
      if (!actor || !mayHandle(user, reachOf(actorToInput(actor)))) {
        throw new ApiError('forbidden', 'Cet import touche des fiches qui ne relèvent pas de vos départements.');
      }
    }
    after = (batch[batch.length - 1] as { id: number }).id;
  }
}

/** An import's summary as `GET /admin/import/{importId}` answers it, when this user may read it. */
export function importSummaryView(deps: ImportDeps, user: UserRecord, importId: string): ImportSummaryView {
  const summary = assertMayReadImport(deps, user, importId);
  return {
    import_id: summary.importId,
    created_at: summary.createdAt,
    author: summary.authorLabel,
    actors: summary.actors,
    created: summary.created,
    updated: summary.updated,
  };
}
