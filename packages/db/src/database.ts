import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { shareDirectoryWrites } from './directory-writes.ts';
import { normalizeOpeningHours } from './opening-hours.ts';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Great-circle distance in km; registered as the SQL function `distance_km`. */
/** The mean Earth radius of the distances (km). */
export const EARTH_RADIUS_KM = 6371.0088;

export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Opens (creating if needed) the SQLite file, sets the pragmas the app relies on and applies
 * pending migrations. `:memory:` works for unit tests. Write transactions begin IMMEDIATE and
 * writes to the directory bump its shared version (directory-writes.ts): several processes may
 * open the same file.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.function('distance_km', { deterministic: true }, (a, b, c, d) => haversineKm(Number(a), Number(b), Number(c), Number(d)));
  migrate(db);
  shareDirectoryWrites(db);
  return db;
}

/**
 * Runs `fn` with SQLite's page cache of this connection raised to `mb` megabytes, then puts it
 * back: bulk writes touch index pages all over the file, and the default cache (2 MB) would read
 * them again and again.
 */
export async function withPageCache<T>(db: Db, mb: number, fn: () => Promise<T> | T): Promise<T> {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${-Math.round(mb * 1024)}`);
  try {
    return await fn();
  } finally {
    if (db.open) db.pragma(`cache_size = ${before}`);
  }
}

export type MigrationFile = { version: number; name: string; sql: string };

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Applies, in order and each in its own transaction, the migrations not yet recorded. Returns their names. */
/**
 * What a migration needs done in JavaScript, in the same transaction, right after its SQL: a
 * conversion SQLite cannot do by itself.
 */
const MIGRATION_STEPS: Record<number, (db: Db) => void> = {
  // 0017: free-text hours go to the `opening_hours` library's written form when it can read them,
  // else to the site's notes, kept word for word.
  17: (db) => {
    const rows = db.prepare('SELECT id, opening_hours, accessibility FROM sites WHERE opening_hours IS NOT NULL').all() as {
      id: number;
      opening_hours: string;
      accessibility: string | null;
    }[];
    const move = db.prepare('UPDATE sites SET opening_hours = NULL, accessibility = ? WHERE id = ?');
    const rewrite = db.prepare('UPDATE sites SET opening_hours = ? WHERE id = ?');
    for (const r of rows) {
      const written = normalizeOpeningHours(r.opening_hours);
      if (written) {
        if (written !== r.opening_hours) rewrite.run(written, r.id);
        continue;
      }
      const note =
        r.opening_hours.trim() === ''
          ? r.accessibility
          : [`Horaires : ${r.opening_hours.trim()}`, r.accessibility].filter(Boolean).join('\n');
      move.run(note ? note.slice(0, 500) : null, r.id);
    }
  },
};

export function migrate(db: Db, dir = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`);
  const done = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const applied: string[] = [];
  for (const m of listMigrations(dir)) {
    if (done.has(m.version)) continue;
    // A migration that rebuilds a table (SQLite cannot alter a CHECK) starts with this marker:
    // foreign keys are off while it runs, so dropping the old table cascades nothing, and are
    // checked before it commits (https://sqlite.org/lang_altertable.html#otheralter).
    const rebuild = m.sql.startsWith('-- pare:rebuild');
    if (rebuild) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        MIGRATION_STEPS[m.version]?.(db);
        if (rebuild && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`${m.name}: foreign key check failed`);
        db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
      })();
    } finally {
      if (rebuild) db.pragma('foreign_keys = ON');
    }
    applied.push(m.name);
  }
  return applied;
}

/** A per-connection cache of prepared statements, for SQL built from a handful of shapes. */
export function statementCache(db: Db) {
  const cache = new Map<string, Database.Statement>();
  return (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
}
