import type { Db } from './database.ts';
import { statementCache } from './database.ts';

export type RevisionEntity = 'actor' | 'resource' | 'protocol';
export type RevisionAction = 'create' | 'update' | 'archive' | 'restore' | 'revert' | 'import' | 'verify';
export type FieldChange = { path: string; before: unknown; after: unknown };

export type Revision = {
  id: number;
  entity: RevisionEntity;
  entityId: number;
  action: RevisionAction;
  snapshot: unknown;
  changes: FieldChange[];
  authorId: number | null;
  authorLabel: string | null;
  submissionId: number | null;
  importId: string | null;
  revertedTo: number | null;
  note: string | null;
  createdAt: string;
};

type Row = {
  id: number;
  entity: RevisionEntity;
  entity_id: number;
  action: RevisionAction;
  snapshot: string;
  changes: string;
  author_id: number | null;
  author_label: string | null;
  submission_id: number | null;
  import_id: string | null;
  reverted_to: number | null;
  note: string | null;
  created_at: string;
};

const toRevision = (r: Row): Revision => ({
  id: r.id,
  entity: r.entity,
  entityId: r.entity_id,
  action: r.action,
  snapshot: JSON.parse(r.snapshot),
  changes: JSON.parse(r.changes) as FieldChange[],
  authorId: r.author_id,
  authorLabel: r.author_label,
  submissionId: r.submission_id,
  importId: r.import_id,
  revertedTo: r.reverted_to,
  note: r.note,
  createdAt: r.created_at,
});

/**
 * The field-level differences between two input forms of an entry, as dotted paths
 * (`sites.0.address`). Arrays of scalars (publics, actions) compare as a whole.
 */
export function diffSnapshots(before: unknown, after: unknown, path = ''): FieldChange[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const scalarArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffSnapshots(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && !(scalarArray(before) && scalarArray(after))) {
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) => diffSnapshots(before[i], after[i], `${path}.${i}`)).flat();
  }
  const same = JSON.stringify(before ?? null) === JSON.stringify(after ?? null);
  return same ? [] : [{ path, before: before ?? null, after: after ?? null }];
}

/** Revisions of curated entries. Write them in the same transaction as the change they record. */
export function revisionRepository(db: Db) {
  const stmt = statementCache(db);
  return {
    recordRevision(r: {
      entity: RevisionEntity;
      entityId: number;
      action: RevisionAction;
      snapshot: unknown;
      previous?: unknown;
      authorId?: number | null;
      authorLabel?: string | null;
      submissionId?: number | null;
      importId?: string | null;
      revertedTo?: number | null;
      note?: string | null;
    }): number {
      const changes = r.previous === undefined ? [] : diffSnapshots(r.previous, r.snapshot);
      const info =
        stmt(`INSERT INTO revisions (entity, entity_id, action, snapshot, changes, author_id, author_label, submission_id, import_id, reverted_to, note)
        VALUES (?,?,?,?,?,?,?,?,?,?,?)`).run(
          r.entity,
          r.entityId,
          r.action,
          JSON.stringify(r.snapshot),
          JSON.stringify(changes),
          r.authorId ?? null,
          r.authorLabel ?? null,
          r.submissionId ?? null,
          r.importId ?? null,
          r.revertedTo ?? null,
          r.note ?? null,
        );
      return Number(info.lastInsertRowid);
    },
    listRevisions(entity: RevisionEntity, entityId: number): Revision[] {
      return (stmt('SELECT * FROM revisions WHERE entity = ? AND entity_id = ? ORDER BY id DESC').all(entity, entityId) as Row[]).map(
        toRevision,
      );
    },
    findRevision(id: number): Revision | undefined {
      const row = stmt('SELECT * FROM revisions WHERE id = ?').get(id) as Row | undefined;
      return row && toRevision(row);
    },
    latestRevision(entity: RevisionEntity, entityId: number): Revision | undefined {
      const row = stmt('SELECT * FROM revisions WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1').get(entity, entityId) as
        | Row
        | undefined;
      return row && toRevision(row);
    },
    listByImport(importId: string): Revision[] {
      return (stmt('SELECT * FROM revisions WHERE import_id = ? ORDER BY id').all(importId) as Row[]).map(toRevision);
    },
  };
}

export type RevisionRepository = ReturnType<typeof revisionRepository>;
