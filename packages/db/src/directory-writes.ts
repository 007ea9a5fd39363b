/**
 * What each connection does so that several processes can share one database file
 * (PARE_WORKERS: several server processes, and the commands and worker threads beside them).
 *
 * **Write transactions begin IMMEDIATE.** `db.transaction(fn)` takes SQLite's write lock when it
 * begins, not at its first write: two processes that read then write would otherwise fail with
 * SQLITE_BUSY at once (a read snapshot cannot be upgraded once another process committed), where
 * an IMMEDIATE transaction waits for the lock (`busy_timeout`). `.deferred(…)` stays available.
 *
 * **The shared directory version.** A process keeps answers, indexes and summaries built from the
 * directory (actors, their publics, actions, territories, sites, contacts) until it changes. A
 * write on its own connection is seen by its temporary triggers (`directoryVersion`); a write by
 * another process must be seen too, but `PRAGMA data_version` moves on every commit of another
 * connection — a session touched, a rate limit counted, a mail sent — and would make every
 * process rebuild everything at each back-office click elsewhere. So every connection opened by
 * `openDatabase` bumps the row of `directory_version` (migration 0022) once per transaction that
 * writes those tables, and a process reads that counter to learn what others changed:
 * `externalDirectoryVersion`. Its own bumps are recognised and not counted, so its own writes
 * stay local ones (indexes patched in place rather than rebuilt).
 *
 * One transaction pays one UPDATE of one row; each row written pays a call to a JavaScript
 * function (~1 µs), as the version's own triggers already do. A bulk load pays no per-row write.
 * A connection that does not come from `openDatabase` (the sqlite3 shell) does not bump it: its
 * writes to the directory are seen after `UPDATE directory_version SET n = n + 1` or a restart.
 */
import type Database from 'better-sqlite3';
import type { Db } from './database.ts';

/** The tables whose writes change the directory version. */
export const DIRECTORY_TABLES = ['actors', 'actor_publics', 'actor_actions', 'actor_territories', 'sites', 'contacts'] as const;

type State = {
  /** Outermost transactions begun through `db.transaction`, counted; and how deep we are in one. */
  serial: number;
  depth: number;
  /** The `serial` of the transaction that bumped the counter (once is enough). */
  bumpedIn: number;
  /** The counter as this connection last knew it: read, or written by its own bump (NaN: unknown). */
  known: number;
  /** Moves each time the counter is found moved by someone else. */
  external: number;
  read: Database.Statement | undefined;
};

const states = new WeakMap<Db, State>();

/**
 * Sets a connection up (called by `openDatabase`, after the migrations): IMMEDIATE transactions,
 * and the triggers that bump the shared directory version. Safe to call twice.
 */
export function shareDirectoryWrites(db: Db): void {
  if (states.has(db) || db.readonly) return;
  const state: State = { serial: 0, depth: 0, bumpedIn: -1, known: Number.NaN, external: 0, read: undefined };
  states.set(db, state);
  wrapTransactions(db, state);
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'directory_version'`).get() !== undefined;
  if (!hasTable) return;

  // Asked by the triggers for every row written: bump once per transaction. Outside a transaction
  // begun by `db.transaction` (a statement on its own, a raw BEGIN), every row bumps.
  db.function('pare_directory_bump_needed', { deterministic: false }, () => {
    if (state.depth === 0) return 1;
    if (state.bumpedIn === state.serial) return 0;
    state.bumpedIn = state.serial;
    return 1;
  });
  // Told the counter's value after this connection's bump, inside its transaction. A value other
  // than the one it knew, plus one, means another process wrote since this one last looked.
  // A bump outside `db.transaction` is not followed (a failing statement would undo it unseen):
  // the next read takes it for another's.
  db.function('pare_directory_bumped', { deterministic: false }, (n: unknown) => {
    if (state.depth === 0) return null;
    const after = Number(n);
    if (after - 1 !== state.known) state.external++;
    state.known = after;
    return null;
  });
  for (const table of DIRECTORY_TABLES) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS pare_bump_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table}
         WHEN pare_directory_bump_needed()
         BEGIN
           UPDATE main.directory_version SET n = n + 1 WHERE id = 1;
           SELECT pare_directory_bumped(n) FROM main.directory_version WHERE id = 1;
         END`,
      );
    }
  }
  state.read = db.prepare('SELECT n FROM main.directory_version WHERE id = 1').pluck();
  state.known = state.read.get() as number;
}

/**
 * `db.transaction(fn)` as better-sqlite3 makes it, but IMMEDIATE, and followed: which outermost
 * transaction a write belongs to (to bump once), and when one is rolled back (its bump with it).
 */
function wrapTransactions(db: Db, state: State): void {
  const original = db.transaction.bind(db);
  const wrapped = ((fn: (...args: unknown[]) => unknown) => {
    const followed = function (this: unknown, ...args: unknown[]) {
      if (state.depth === 0) state.serial++;
      state.depth++;
      try {
        return fn.apply(this, args);
      } catch (err) {
        // Rolled back (the whole transaction, or a savepoint): a bump made in it may be undone.
        if (state.bumpedIn === state.serial) {
          state.known = Number.NaN;
          state.serial++;
        }
        throw err;
      } finally {
        state.depth--;
      }
    };
    // The IMMEDIATE variant carries the others (`.deferred`, `.exclusive`…) as properties.
    return original(followed).immediate;
  }) as Db['transaction'];
  db.transaction = wrapped;
}

/**
 * How many times this connection found the directory changed by another connection: a number
 * that moves when, and only when, another process (or command, or worker thread) committed a
 * write to the directory. Reading it costs one indexed SELECT; callers read it once per turn of
 * the event loop. Undefined for a connection not set up by `openDatabase` (then only
 * `PRAGMA data_version` can tell, and it moves with every commit).
 */
export function externalDirectoryVersion(db: Db): (() => number) | undefined {
  const state = states.get(db);
  const read = state?.read;
  if (!state || !read) return undefined;
  return () => {
    const n = read.get() as number;
    if (n !== state.known) {
      state.external++;
      state.known = n;
    }
    return state.external;
  };
}
