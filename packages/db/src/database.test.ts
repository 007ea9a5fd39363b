import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIONS, ACTOR_TYPES, CONTACT_KINDS, PUBLICS, TERRITORY_SCOPES } from '@pare/schema';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { haversineKm, listMigrations, migrate, openDatabase } from './database.ts';

/** The CHECK list of the column in the first migration's text, or in `sql` from `from` on. */
function checkList(sql: string, column: string, from = 0): string[] {
  const m = new RegExp(`${column}\\s+[^\\n]*CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(sql.slice(from));
  if (!m?.[1]) throw new Error(`no CHECK for ${column}`);
  return m[1].split(',').map((s) => s.trim().replace(/'/g, ''));
}

/**
 * A database file migrated as it stood before migration `version` (the later ones not yet
 * applied), in its own temporary directory; `remove()` closes it and deletes the directory.
 */
function databaseBefore(version: number, opts: { foreignKeys?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pare-db-'));
  const before = join(dir, 'before');
  mkdirSync(before);
  for (const m of listMigrations().filter((x) => x.version < version)) writeFileSync(join(before, m.name), m.sql);
  const db = new Database(join(dir, 'x.db'));
  if (opts.foreignKeys) db.pragma('foreign_keys = ON');
  migrate(db, before);
  return {
    db,
    remove: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('migrations', () => {
  it('keep the database code lists equal to the shared schema ones', () => {
    const sql = listMigrations()
      .map((m) => m.sql)
      .join('\n');
    // The actors table was last rebuilt by 0011 (new types).
    expect(checkList(sql, 'type', sql.indexOf('CREATE TABLE actors_new'))).toEqual([...ACTOR_TYPES]);
    expect(checkList(sql, 'public')).toEqual([...PUBLICS]);
    expect(checkList(sql, 'action')).toEqual([...ACTIONS]);
    expect(checkList(sql, 'territory_scope')).toEqual([...TERRITORY_SCOPES]);
    expect(sql).toContain(`CHECK (kind IN (${CONTACT_KINDS.map((k) => `'${k}'`).join(',')}))`);
  });

  it('are applied once, recorded, and a reopened file keeps its data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pare-db-'));
    const file = join(dir, 'x.db');
    const db = openDatabase(file);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(listMigrations().map((m) => m.version));
    db.prepare(`INSERT INTO actors (slug, name, name_sort, type, territory_scope) VALUES ('a', 'A', 'a', 'association', 'national')`).run();
    expect(migrate(db)).toEqual([]);
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT count(*) FROM actors').pluck().get()).toBe(1);
    again.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuild the actors table for the new types without losing an actor or its sites', () => {
    const { db, remove } = databaseBefore(11, { foreignKeys: true });
    const id = db
      .prepare(
        `INSERT INTO actors (slug, name, name_sort, type, territory_scope) VALUES ('u', 'Urgence 112', 'urgence 112', 'service-etat', 'national')`,
      )
      .run().lastInsertRowid;
    db.prepare(`INSERT INTO actor_publics (actor_id, public) VALUES (?, 'jeunes')`).run(id);
    expect(migrate(db)).toContain('0011_actor_types.sql');
    expect(db.prepare('SELECT count(*) FROM actor_publics WHERE actor_id = ?').pluck().get(id)).toBe(1);
    db.prepare(`UPDATE actors SET type = 'numero-urgence' WHERE id = ?`).run(id);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // Foreign keys still bind the children to the rebuilt table.
    db.prepare('DELETE FROM actors WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) FROM actor_publics').pluck().get()).toBe(0);
    remove();
  });

  it('refuse a code outside the lists', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db.prepare(`INSERT INTO actors (slug, name, name_sort, type, territory_scope) VALUES ('a', 'A', 'a', 'ong', 'national')`).run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 0017 (opening hours)', () => {
  it('rewrites free-text hours the library can read, and moves the others word for word to the site’s notes', () => {
    const { db, remove } = databaseBefore(17);
    db.prepare(
      `INSERT INTO actors (id, slug, name, name_sort, type, territory_scope) VALUES (1, 'a', 'A', 'a', 'association', 'national')`,
    ).run();
    const site = db.prepare(`INSERT INTO sites (actor_id, lat, lng, precision, public_lat, public_lng, opening_hours, accessibility)
      VALUES (1, 49, 6, 'commune', 49, 6, ?, ?)`);
    site.run('Mo-Fr 09:00-17:00', null);
    site.run('lundi 9h-12h', null);
    site.run('Sur rendez-vous', null);
    site.run('Permanence le mercredi après-midi', 'Accès de plain-pied');
    expect(migrate(db)).toEqual(
      listMigrations()
        .filter((x) => x.version >= 17)
        .map((m) => m.name),
    );
    expect(db.prepare('SELECT opening_hours, accessibility FROM sites ORDER BY id').all()).toEqual([
      { opening_hours: 'Mo-Fr 09:00-17:00', accessibility: null },
      { opening_hours: 'Mo 09:00-12:00', accessibility: null },
      // A comment alone is valid OSM: the hours are unknown, the comment is shown.
      { opening_hours: '"Sur rendez-vous"', accessibility: null },
      { opening_hours: null, accessibility: 'Horaires : Permanence le mercredi après-midi\nAccès de plain-pied' },
    ]);
    remove();
  });
});

describe('haversineKm', () => {
  it('measures Metz–Thionville at about 26 km and Paris–Marseille at about 660 km', () => {
    expect(haversineKm(49.1193, 6.1757, 49.3579, 6.1686)).toBeCloseTo(26.5, 0);
    expect(Math.round(haversineKm(48.8566, 2.3522, 43.2965, 5.3698) / 10) * 10).toBe(660);
  });
});
