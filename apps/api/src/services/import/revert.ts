/**
 * Undoing an import: every actor it created is archived, every actor it updated goes back to its
 * content before the import.
 */
import {
  ActorValidationError,
  actorToInput,
  diffSnapshots,
  importQueries,
  revisionRepository,
  SlugConflictError,
  snapshotBefore,
} from '@pare/db';
import { CreateActorInputSchema } from '@pare/schema';
import { ApiError } from '../../lib/errors.ts';
import { IMPORT_BATCH_SIZE, type ImportAuthor, type ImportDeps } from './options.ts';
import { storedForm } from './patch.ts';
import { isUnrestricted, writeRefusal } from './reach.ts';
import { ReportRows, type RevertItem, type RevertReport } from './report.ts';

/**
 * Undoes an import: every actor it created is archived, every actor it updated goes back to its
 * content before the import (a `revert` revision; the history keeps everything). An actor changed
 * since the import is left alone and reported, unless `force`. Running it twice changes nothing.
 */
export function revertImport(
  deps: ImportDeps,
  importId: string,
  author: ImportAuthor,
  options: { force?: boolean; details?: 'all' | 'auto' } = {},
): RevertReport {
  const queries = importQueries(deps.db);
  if (!queries.importSummary(importId)) throw new ApiError('not_found', 'Cet import n’existe pas (ou n’a rien écrit).');
  const revisions = revisionRepository(deps.db);
  const unrestricted = isUnrestricted(author.user);
  const note = `Annulation de l’import ${importId}`;
  const report = new ReportRows<RevertItem, RevertItem['action']>(
    { reverted: 0, archived: 0, skipped: 0 },
    'skipped',
    options.details ?? 'auto',
  );
  const add = (item: RevertItem) => report.add(item);
  const modified = 'Modifiée depuis l’import : voyez son historique, ou relancez avec force=true';

  const revertOne = (revision: {
    id: number;
    entityId: number;
    snapshot: unknown;
    changes: { path: string; before: unknown; after: unknown }[];
  }) => {
    const actor = deps.actors.findActorById(revision.entityId);
    if (!actor) return add({ id: revision.entityId, slug: '', action: 'skipped', reason: 'Fiche introuvable' });
    const skip = (reason: string) => add({ id: actor.id, slug: actor.slug, action: 'skipped', reason });
    const current = actorToInput(actor);
    const refusal = unrestricted ? null : writeRefusal(author.user, current, current);
    if (refusal) return skip(refusal);
    const untouched = diffSnapshots(current, revision.snapshot).length === 0;
    const signature = { authorId: author.authorId, authorLabel: author.label, note };
    if (revision.changes.length === 0) {
      // Created by the import: archived (never deleted: the history stays readable).
      if (actor.status === 'archived') return skip('Déjà archivée');
      if (!untouched && !options.force) return skip(modified);
      deps.actors.setActorStatus(actor.id, 'archived');
      revisions.recordRevision({ entity: 'actor', entityId: actor.id, action: 'archive', snapshot: current, ...signature });
      return add({ id: actor.id, slug: actor.slug, action: 'archived' });
    }
    const before = CreateActorInputSchema.safeParse(snapshotBefore(revision.snapshot, revision.changes));
    if (!before.success) return skip('La version d’avant l’import est illisible');
    // The version put back must stay within the relais's départements too (the import may have moved it in).
    const putBack = unrestricted ? null : writeRefusal(author.user, current, before.data);
    if (putBack) return skip(putBack);
    if (diffSnapshots(current, storedForm(before.data, before.data.slug ?? actor.slug)).length === 0)
      return skip('Déjà revenue à sa version d’avant l’import');
    if (!untouched && !options.force) return skip(modified);
    try {
      const saved = deps.db.transaction(() => {
        const restored = deps.actors.replaceActor(actor.id, before.data);
        revisions.recordRevision({
          entity: 'actor',
          entityId: actor.id,
          action: 'revert',
          snapshot: actorToInput(restored),
          previous: current,
          revertedTo: queries.previousRevisionId(actor.id, revision.id),
          ...signature,
        });
        return restored;
      })();
      return add({ id: saved.id, slug: saved.slug, action: 'reverted' });
    } catch (err) {
      if (err instanceof SlugConflictError) return skip(`L’identifiant d’avant l’import, « ${err.slug} », est repris par une autre fiche`);
      if (err instanceof ActorValidationError) return skip('La version d’avant l’import n’est plus valide (code de territoire inconnu)');
      throw err;
    }
  };

  let after = 0;
  for (;;) {
    const batch = queries.listImportRevisions(importId, after, IMPORT_BATCH_SIZE);
    if (batch.length === 0) break;
    deps.db.transaction(() => {
      for (const revision of batch) revertOne(revision);
    })();
    after = (batch[batch.length - 1] as { id: number }).id;
  }
  return {
    import_id: importId,
    summary: report.summary,
    details: report.summarised ? 'skipped' : 'all',
    actors: report.items,
    actors_omitted: report.omitted,
  };
}
