/**
 * The SQLite side of backups (apps/api/src/services/backup.ts): a consistent copy of a live
 * database, its integrity check, rows per table, and whether another process has it open.
 */
import Database from 'better-sqlite3';

/**
 * Writes a consistent copy of `dbFile` to `to` with `VACUUM INTO`, on a connection of its own:
 * one read transaction, so the copy is the database at one instant while other connections keep
 * writing (WAL readers never block writers; unlike the incremental backup API it never restarts
 * when another connection writes). Never a file copy: the WAL would be missed or torn.
 */
export function snapshotDatabase(dbFile: string, to: string): void {
  const source = new Database(dbFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 10000');
    source.prepare('VACUUM INTO ?').run(to);
  } finally {
    source.close();
  }
}

/** Rows per table (SQLite's own tables and the full-text index's shadow tables left out). */
export function countTableRows(db: Database.Database): Record<string, number> {
  const virtual = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'`)
    .pluck()
    .all() as string[];
  const names = (
    db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]
  ).filter((n) => !virtual.includes(n) && !virtual.some((v) => n.startsWith(`${v}_`)));
  return Object.fromEntries(
    names.map((n) => [
      n,
      db
        .prepare(`SELECT count(*) FROM "${n.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

export type IntegrityReport = { ok: boolean; messages: string[]; schemaVersion: number; tables: Record<string, number> };

/** `PRAGMA integrity_check` of a database file, its last migration and its rows per table. */
export function checkDatabaseFile(file: string): IntegrityReport {
  const db = new Database(file, { fileMustExist: true });
  try {
    const messages = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const ok = messages.length === 1 && messages[0] === 'ok';
    if (!ok) return { ok, messages, schemaVersion: 0, tables: {} };
    const hasMigrations = db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'schema_migrations'`).get() !== undefined;
    const schemaVersion = hasMigrations
      ? ((db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0)
      : 0;
    return { ok, messages, schemaVersion, tables: countTableRows(db) };
  } catch (err) {
    return { ok: false, messages: [err instanceof Error ? err.message : String(err)], schemaVersion: 0, tables: {} };
  } finally {
    db.close();
  }
}

/** Is another connection (a running server, a command) holding this database open? */
export function isDatabaseInUse(dbFile: string): boolean {
  let db: Database.Database;
  try {
    db = new Database(dbFile, { fileMustExist: true, timeout: 200 });
  } catch {
    return false;
  }
  try {
    // In exclusive locking mode BEGIN EXCLUSIVE needs every other connection gone: even idle, a
    // server holds a shared lock on the database (WAL index), so this fails while it runs.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

/** Folds the WAL into the database file (on a connection of its own); the file is then whole by itself. */
export function checkpointDatabaseFile(dbFile: string): void {
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * Records a backup made outside the server (`pnpm pare backup`) in `job_runs`, on a connection of
 * its own and without migrating anything (a backup is taken before an upgrade, on the old schema).
 */
export function recordRunInFile(dbFile: string, name: string, at: Date, result: unknown): void {
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    if (db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'job_runs'`).get() === undefined) return;
    db.prepare(
      'INSERT INTO job_runs (name, last_run_at, result) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET last_run_at = excluded.last_run_at, result = excluded.result',
    ).run(name, at.toISOString(), JSON.stringify(result));
  } finally {
    db.close();
  }
}
