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

/** The columns a history table may have besides those every one has, in the order records list them. */
type OptionalColumn = 'submission_id' | 'import_id' | 'reverted_to' | 'note';
const CAMEL: Record<OptionalColumn, string> = {
  submission_id: 'submissionId',
  import_id: 'importId',
  reverted_to: 'revertedTo',
  note: 'note',
};
const OPTIONAL_ORDER: readonly OptionalColumn[] = ['submission_id', 'import_id', 'reverted_to', 'note'];

/** What a revision records: the entry's input form after the change, the one before (for the changes), who and why. */
export type RevisionWrite<E extends string, A extends string> = {
  entity: E;
  entityId: number;
  action: A;
  snapshot: unknown;
  previous?: unknown;
  authorId?: number | null;
  authorLabel?: string | null;
  submissionId?: number | null;
  importId?: string | null;
  revertedTo?: number | null;
  note?: string | null;
};

/**
 * The one writer and reader of a history table (`revisions` for the directory's entries,
 * `news_revisions` for news and events): a row holds the entry's input form after each change and
 * the field-level changes from the one before, so any revision can be shown and restored.
 * `optional`: the columns of this table beyond those every history table has.
 */
export function revisionLog<Rec, E extends string, A extends string>(db: Db, table: string, optional: readonly OptionalColumn[]) {
  const stmt = statementCache(db);
  const own = OPTIONAL_ORDER.filter((c) => optional.includes(c));
  const columns = ['entity', 'entity_id', 'action', 'snapshot', 'changes', 'author_id', 'author_label', ...own];
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(',')})`;
  const toRecord = (r: Record<string, unknown>): Rec => {
    const out: Record<string, unknown> = {
      id: r.id,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      snapshot: JSON.parse(r.snapshot as string),
      changes: JSON.parse(r.changes as string) as FieldChange[],
      authorId: r.author_id,
      authorLabel: r.author_label,
    };
    for (const c of own) out[CAMEL[c]] = r[c];
    out.createdAt = r.created_at;
    return out as Rec;
  };
  const many = (rows: unknown[]) => (rows as Record<string, unknown>[]).map(toRecord);
  const one = (row: unknown) => (row === undefined ? undefined : toRecord(row as Record<string, unknown>));
  return {
    /** Writes a revision, in the caller's transaction (the one of the change it records); returns its id. */
    record(r: RevisionWrite<E, A>): number {
      const changes = r.previous === undefined ? [] : diffSnapshots(r.previous, r.snapshot);
      const values: unknown[] = [
        r.entity,
        r.entityId,
        r.action,
        JSON.stringify(r.snapshot),
        JSON.stringify(changes),
        r.authorId ?? null,
        r.authorLabel ?? null,
      ];
      for (const c of own) values.push((r as Record<string, unknown>)[CAMEL[c]] ?? null);
      return Number(stmt(insert).run(...values).lastInsertRowid);
    },
    /** An entry's revisions, latest first. */
    list(entity: E, entityId: number): Rec[] {
      return many(stmt(`SELECT * FROM ${table} WHERE entity = ? AND entity_id = ? ORDER BY id DESC`).all(entity, entityId));
    },
    find(id: number): Rec | undefined {
      return one(stmt(`SELECT * FROM ${table} WHERE id = ?`).get(id));
    },
    latest(entity: E, entityId: number): Rec | undefined {
      return one(stmt(`SELECT * FROM ${table} WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`).get(entity, entityId));
    },
    /** What one import wrote (directory only: `import_id`). */
    byImport(importId: string): Rec[] {
      return many(stmt(`SELECT * FROM ${table} WHERE import_id = ? ORDER BY id`).all(importId));
    },
  };
}

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
  const log = revisionLog<Revision, RevisionEntity, RevisionAction>(db, 'revisions', OPTIONAL_ORDER);
  return {
    recordRevision: log.record,
    listRevisions: log.list,
    findRevision: log.find,
    latestRevision: log.latest,
    listByImport: log.byImport,
  };
}

export type RevisionRepository = ReturnType<typeof revisionRepository>;
