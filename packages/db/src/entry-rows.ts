/**
 * The shapes every repository of curated entries (actors, resources, protocols, news, events)
 * writes the same way: a row from named values, an edit that stamps `updated_at`, a slug that
 * is the one asked for or the first free one made from the title.
 */
import { type Db, statementCache } from './database.ts';

/** A slug asked for is another entry's. */
export class SlugConflictError extends Error {
  constructor(readonly slug: string) {
    super(`Slug already used: ${slug}`);
  }
}

export type EntryTable = 'actors' | 'resources' | 'protocols' | 'news' | 'events';

/** Writes of one table's entries on one connection (statements prepared once per shape). */
export function entryRows(db: Db, table: EntryTable) {
  const stmt = statementCache(db);
  const ownerOf = (slug: string) => stmt(`SELECT id FROM ${table} WHERE slug = ?`).pluck().get(slug) as number | undefined;

  return {
    /** Inserts a row of the named values; returns its id. */
    insert(values: Record<string, unknown>): number {
      const keys = Object.keys(values);
      const info = stmt(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(',')})`).run(
        ...Object.values(values),
      );
      return Number(info.lastInsertRowid);
    },

    /** Sets the named values of row `id` and its `updated_at`. */
    update(id: number, values: Record<string, unknown>): void {
      const keys = Object.keys(values);
      stmt(
        `UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(', ')}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
      ).run(...Object.values(values), id);
    },

    /** The slug of entry `id`; throws when there is none. */
    currentSlug(id: number): string {
      const slug = stmt(`SELECT slug FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined;
      if (slug === undefined) throw new Error(`No ${table} row ${id}`);
      return slug;
    },

    /**
     * The slug an entry gets: `wanted` when given (SlugConflictError when another entry has it),
     * else the first of `base`, `base-2`, `base-3`… that no other entry has. `selfId`: the entry
     * itself, when it is being edited.
     */
    slugFor(wanted: string | null | undefined, base: string, selfId?: number): string {
      if (wanted) {
        const owner = ownerOf(wanted);
        if (owner !== undefined && owner !== selfId) throw new SlugConflictError(wanted);
        return wanted;
      }
      let slug = base;
      for (let i = 2; ; i++) {
        const owner = ownerOf(slug);
        if (owner === undefined || owner === selfId) return slug;
        slug = `${base}-${i}`;
      }
    },
  };
}
