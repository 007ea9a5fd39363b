/**
 * What the bulk import (apps/api/src/services/import/) asks of the database: finding the entry a
 * row describes, and undoing an import from the revisions it wrote.
 */
import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import type { FieldChange } from './revisions.ts';

/** One `import` revision, as the revert walks them. */
export type ImportRevisionRow = { id: number; entityId: number; snapshot: unknown; changes: FieldChange[]; createdAt: string };

export type ImportSummaryRecord = {
  importId: string;
  createdAt: string;
  authorLabel: string | null;
  /** The account that ran it (null when run from the command line or when the account is gone). */
  authorId: number | null;
  actors: number;
  created: number;
  updated: number;
};

/** Queries of the import, on one connection (prepared once). */
export function importQueries(db: Db) {
  const stmt = statementCache(db);
  let sirets: Map<string, number[]> | undefined;

  return {
    findActorIdBySlug(slug: string): number | undefined {
      return stmt('SELECT id FROM actors WHERE slug = ?').pluck().get(slug) as number | undefined;
    },

    /** The name and slug of an actor, to confirm that an id found in a file means the same entry. */
    findActorIdentity(id: number): { id: number; slug: string; name: string } | undefined {
      return stmt('SELECT id, slug, name FROM actors WHERE id = ?').get(id) as { id: number; slug: string; name: string } | undefined;
    },

    /**
     * Actors with this sort key of their name (see `sortKey`) having a site or a territory in this
     * commune; with `commune` null, those with no site at all. Archived ones included.
     * `status IN (…)` lets SQLite use the (status, name_sort) index for both statuses.
     */
    findActorIdsByNameAndCommune(nameSort: string, commune: string | null): number[] {
      if (commune === null) {
        return stmt(`SELECT a.id FROM actors a WHERE a.status IN ('published','archived') AND a.name_sort = ?
          AND NOT EXISTS (SELECT 1 FROM sites s WHERE s.actor_id = a.id) ORDER BY a.id`)
          .pluck()
          .all(nameSort) as number[];
      }
      return stmt(`SELECT a.id FROM actors a WHERE a.status IN ('published','archived') AND a.name_sort = ?
        AND (EXISTS (SELECT 1 FROM sites s WHERE s.actor_id = a.id AND s.commune_code = ?)
          OR EXISTS (SELECT 1 FROM actor_territories t WHERE t.actor_id = a.id AND t.kind = 'commune' AND t.code = ?)) ORDER BY a.id`)
        .pluck()
        .all(nameSort, commune, commune) as number[];
    },

    /**
     * Actors with this SIRET. The column has no index (few entries have one): the ids are read
     * once per import into a map, then kept up to date with `rememberSiret` as rows are written.
     */
    findActorIdsBySiret(siret: string): number[] {
      sirets ??= (() => {
        const map = new Map<string, number[]>();
        for (const r of stmt('SELECT siret, id FROM actors WHERE siret IS NOT NULL ORDER BY id').all() as { siret: string; id: number }[]) {
          map.set(r.siret, [...(map.get(r.siret) ?? []), r.id]);
        }
        return map;
      })();
      return sirets.get(siret) ?? [];
    },

    rememberSiret(siret: string | null | undefined, id: number): void {
      if (!siret || !sirets) return;
      const ids = sirets.get(siret) ?? [];
      if (!ids.includes(id)) sirets.set(siret, [...ids, id]);
    },

    /** The `import` revisions of one import, `limit` at a time after revision `after` (keyset paging). */
    listImportRevisions(importId: string, after: number, limit: number): ImportRevisionRow[] {
      const rows = stmt(`SELECT id, entity_id, snapshot, changes, created_at FROM revisions
        WHERE import_id = ? AND entity = 'actor' AND action = 'import' AND id > ? ORDER BY id LIMIT ?`).all(importId, after, limit) as {
        id: number;
        entity_id: number;
        snapshot: string;
        changes: string;
        created_at: string;
      }[];
      return rows.map((r) => ({
        id: r.id,
        entityId: r.entity_id,
        snapshot: JSON.parse(r.snapshot),
        changes: JSON.parse(r.changes) as FieldChange[],
        createdAt: r.created_at,
      }));
    },

    /** The revision of an actor just before `revisionId`, if any (what a revert points back to). */
    previousRevisionId(entityId: number, revisionId: number): number | null {
      return (
        (stmt(`SELECT id FROM revisions WHERE entity = 'actor' AND entity_id = ? AND id < ? ORDER BY id DESC LIMIT 1`)
          .pluck()
          .get(entityId, revisionId) as number | undefined) ?? null
      );
    },

    /** Who ran an import, when, and what it wrote; undefined when no revision carries this id. */
    importSummary(importId: string): ImportSummaryRecord | undefined {
      const row =
        stmt(`SELECT min(created_at) AS created_at, min(author_label) AS author_label, min(author_id) AS author_id, count(*) AS actors,
          sum(CASE WHEN changes = '[]' THEN 1 ELSE 0 END) AS created
        FROM revisions WHERE import_id = ? AND entity = 'actor' AND action = 'import'`).get(importId) as {
          created_at: string | null;
          author_label: string | null;
          author_id: number | null;
          actors: number;
          created: number | null;
        };
      if (!row.created_at || row.actors === 0) return undefined;
      const created = row.created ?? 0;
      return {
        importId,
        createdAt: row.created_at,
        authorLabel: row.author_label,
        authorId: row.author_id,
        actors: row.actors,
        created,
        updated: row.actors - created,
      };
    },
  };
}

export type ImportQueries = ReturnType<typeof importQueries>;

/**
 * The input form an entry had before a revision, rebuilt from the revision's snapshot (after) and
 * its field changes (each with its `before`). Used to undo an import: the revision alone says what
 * to put back, even for an entry whose earlier history was never recorded (the seed, say).
 */
export function snapshotBefore(snapshot: unknown, changes: readonly FieldChange[]): unknown {
  const root = structuredClone(snapshot) as Record<string, unknown>;
  const touchedArrays = new Set<unknown[]>();
  for (const change of changes) {
    const segments = change.path.split('.');
    let parent: Record<string, unknown> | unknown[] = root;
    for (const segment of segments.slice(0, -1)) {
      const next = (parent as Record<string, unknown>)[segment];
      if (typeof next !== 'object' || next === null) {
        const created: Record<string, unknown> = {};
        (parent as Record<string, unknown>)[segment] = created;
        parent = created;
      } else parent = next as Record<string, unknown> | unknown[];
    }
    const last = segments[segments.length - 1] as string;
    (parent as Record<string, unknown>)[last] = change.before;
    if (Array.isArray(parent)) touchedArrays.add(parent);
  }
  // An element the revision added had no `before`: it comes back as null and is dropped.
  for (const array of touchedArrays) {
    for (let i = array.length - 1; i >= 0; i--) if (array[i] === null || array[i] === undefined) array.splice(i, 1);
  }
  return root;
}
