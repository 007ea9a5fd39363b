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
 * **Which actors another process changed.** Each transaction also records, under the counter's
 * new value, the ids of the actors it touched (`directory_changes`, migration 0023; at most
 * `MAX_RECORDED` a transaction, then one `-1` row meaning « too many »). A process that finds
 * the counter moved reads those rows and hands the ids to `onForeignChanges` listeners — the
 * search index, the kept views — which patch themselves for those actors as after a write of
 * their own. Only when the rows cannot say (too many actors, a transaction older than the 1,000
 * kept, a rolled-back bump) does the external count move, and what depends on it is rebuilt.
 *
 * One transaction pays one UPDATE of one row and one small INSERT per actor it touches (up to
 * `MAX_RECORDED`); each row written pays a call to a JavaScript function (~1 µs), as the
 * version's own triggers already do, and a statement journal (SQLite opens one for every write to
 * a table with a trigger): bulk writes set the triggers aside and record themselves (`writeInBulk`).
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
  /** Moves each time the counter is found moved by someone else in a way the feed cannot replay. */
  external: number;
  read: Database.Statement | undefined;
  changes: Database.Statement | undefined;
  /** Counter values moved by others, seen from inside one of this connection's transactions: read after it. */
  gaps: [from: number, to: number][];
  /** Actor ids already recorded in `directory_changes` by the transaction `recordedIn`. */
  recorded: Set<number>;
  recordedIn: number;
  /** Ids the trigger firing now must record (a JSON array), handed from its WHEN to its body. */
  pending: number[];
  listeners: Set<(ids: number[]) => void>;
  /** The row triggers' names and statements, to set them aside for a bulk write (`writeInBulk`). */
  triggers: { name: string; sql: string }[];
};

/** Beyond this many actors in one transaction, `directory_changes` records `-1` (« rebuild »). */
export const MAX_RECORDED = 2_000;
/** How many transactions `directory_changes` keeps (a process further behind rebuilds). */
const KEPT_TRANSACTIONS = 1_000;

const states = new WeakMap<Db, State>();

/**
 * Sets a connection up (called by `openDatabase`, after the migrations): IMMEDIATE transactions,
 * and the triggers that bump the shared directory version. Safe to call twice.
 */
export function shareDirectoryWrites(db: Db): void {
  if (states.has(db) || db.readonly) return;
  const state: State = {
    serial: 0,
    depth: 0,
    bumpedIn: -1,
    known: Number.NaN,
    external: 0,
    read: undefined,
    changes: undefined,
    gaps: [],
    recorded: new Set(),
    recordedIn: -1,
    pending: [],
    listeners: new Set(),
    triggers: [],
  };
  states.set(db, state);
  wrapTransactions(db, state);
  const tables = db
    .prepare(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('directory_version', 'directory_changes')`)
    .pluck()
    .get();
  if (tables !== 2) return;

  // Asked by the triggers for every row written (WHEN): whether the firing has work — the first
  // write of a transaction bumps the counter, an actor not yet recorded in this transaction is
  // recorded. Outside a transaction begun by `db.transaction` (a statement on its own, a raw
  // BEGIN), every row bumps and records.
  db.function('pare_directory_touch', { deterministic: false, varargs: true }, (...ids: unknown[]) => {
    state.pending = [];
    if (state.depth === 0) {
      for (const id of ids) if (typeof id === 'number' || typeof id === 'bigint') state.pending.push(Number(id));
      return 1;
    }
    if (state.recordedIn !== state.serial) {
      state.recordedIn = state.serial;
      state.recorded.clear();
    }
    for (const id of ids) {
      if (typeof id !== 'number' && typeof id !== 'bigint') continue;
      const n = Number(id);
      if (state.recorded.has(n) || state.recorded.has(-1)) continue;
      const tooMany = state.recorded.size >= MAX_RECORDED;
      state.recorded.add(tooMany ? -1 : n);
      state.pending.push(tooMany ? -1 : n);
    }
    return state.pending.length > 0 || state.bumpedIn !== state.serial ? 1 : 0;
  });
  db.function('pare_directory_bump_needed', { deterministic: false }, () => {
    if (state.depth === 0) return 1;
    if (state.bumpedIn === state.serial) return 0;
    state.bumpedIn = state.serial;
    return 1;
  });
  db.function('pare_directory_pending', { deterministic: false }, () => JSON.stringify(state.pending));
  // Told the counter's value inside this connection's transaction, after its bump. A value other
  // than the one it knew, plus one, means other processes wrote since it last looked: those
  // values are read from `directory_changes` after the transaction (no query can run from here).
  // A bump outside `db.transaction` is not followed (a failing statement would undo it unseen):
  // the next read takes it for another's.
  db.function('pare_directory_bumped', { deterministic: false }, (n: unknown) => {
    if (state.depth > 0) noteOwnBump(state, Number(n));
    return null;
  });
  for (const table of DIRECTORY_TABLES) {
    const column = table === 'actors' ? 'id' : 'actor_id';
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      const ids = op === 'INSERT' ? `NEW.${column}` : op === 'DELETE' ? `OLD.${column}` : `OLD.${column}, NEW.${column}`;
      const name = `pare_bump_${table}_${op.toLowerCase()}`;
      const sql = `CREATE TEMP TRIGGER IF NOT EXISTS ${name} AFTER ${op} ON main.${table}
         WHEN pare_directory_touch(${ids})
         BEGIN
           UPDATE main.directory_version SET n = n + 1 WHERE id = 1 AND pare_directory_bump_needed();
           SELECT pare_directory_bumped(n) FROM main.directory_version WHERE id = 1;
           INSERT OR IGNORE INTO main.directory_changes (n, actor_id)
             SELECT v.n, p.value FROM main.directory_version v, json_each(pare_directory_pending()) p WHERE v.id = 1;
           DELETE FROM main.directory_changes WHERE n <= (SELECT n FROM main.directory_version WHERE id = 1) - ${KEPT_TRANSACTIONS};
         END`;
      db.exec(sql);
      state.triggers.push({ name, sql });
    }
  }
  state.changes = db.prepare('SELECT n, actor_id FROM main.directory_changes WHERE n BETWEEN ? AND ?').raw();
  state.read = db.prepare('SELECT n FROM main.directory_version WHERE id = 1').pluck();
  state.known = state.read.get() as number;
}

/** This connection's own bump, seen inside its transaction: a gap before it is others' writes. */
function noteOwnBump(state: State, after: number): void {
  if (after === state.known) return;
  if (Number.isNaN(state.known)) state.external++;
  else if (after - 1 > state.known) state.gaps.push([state.known + 1, after - 1]);
  state.known = after;
}

/**
 * A bulk write — the generator's batches, an import's batches: `fn` runs in one IMMEDIATE
 * transaction with this connection's row triggers set aside, and returns what it wrote with the
 * ids of every actor whose rows it wrote (`'all'` when it cannot say); the transaction is then
 * recorded once, as the triggers would have: the counter bumped, those actors in
 * `directory_changes` (more than `MAX_RECORDED`: `-1`).
 *
 * Why: a table with a trigger makes SQLite open a statement journal for every INSERT inside a
 * transaction (the trigger could write), and copy there each page the INSERT changes — an actor
 * row touches eight indexes. The triggers did nothing else for most rows of a bulk load (their
 * WHEN asks a function that says no), yet 20,000 generated actors took 5.7 s with them and 2.7 s
 * without (docs/PERFORMANCE.md §23). Every directory write inside `fn` must be of an actor it names.
 */
export function writeInBulk<T>(db: Db, fn: () => { result: T; touched: Iterable<number> | 'all' }): T {
  const state = states.get(db);
  if (!state || state.triggers.length === 0) return db.transaction(() => fn().result)();
  return db.transaction(() => {
    for (const { name } of state.triggers) db.exec(`DROP TRIGGER IF EXISTS temp.${name}`);
    try {
      const { result, touched } = fn();
      recordBulk(db, state, touched === 'all' ? null : [...new Set(touched)]);
      return result;
    } finally {
      // Inside the transaction: a rollback undoes the DROP as well, and this is then a no-op.
      for (const { sql } of state.triggers) db.exec(sql);
    }
  })();
}

/** One bump and the actors touched (`null`: too many to say), from inside a transaction of this connection. */
function recordBulk(db: Db, state: State, ids: number[] | null): void {
  if (ids !== null && ids.length === 0) return;
  if (state.recordedIn !== state.serial) {
    state.recordedIn = state.serial;
    state.recorded.clear();
  }
  let n: number;
  if (state.bumpedIn === state.serial) n = db.prepare('SELECT n FROM main.directory_version WHERE id = 1').pluck().get() as number;
  else {
    n = db.prepare('UPDATE main.directory_version SET n = n + 1 WHERE id = 1 RETURNING n').pluck().get() as number;
    state.bumpedIn = state.serial;
    noteOwnBump(state, n);
  }
  const fresh = ids?.filter((id) => !state.recorded.has(id)) ?? null;
  const tooMany = fresh === null || state.recorded.has(-1) || state.recorded.size + fresh.length > MAX_RECORDED;
  const recorded = tooMany ? [-1] : fresh;
  for (const id of recorded) state.recorded.add(id);
  db.prepare('INSERT OR IGNORE INTO main.directory_changes (n, actor_id) SELECT ?, value FROM json_each(?)').run(
    n,
    JSON.stringify(recorded),
  );
  db.prepare('DELETE FROM main.directory_changes WHERE n <= ?').run(n - KEPT_TRANSACTIONS);
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
 * How many times this connection found the directory changed by another connection in a way it
 * could not replay actor by actor: a number that moves when another process (or command, or
 * worker thread) committed a write to the directory and `directory_changes` cannot say which
 * actors it touched. When it can, the ids go to the `onForeignChanges` listeners instead and the
 * number stays. Reading it costs one indexed SELECT (and, after others wrote, one range read of
 * `directory_changes`); callers read it once per turn of the event loop. Undefined for a
 * connection not set up by `openDatabase` (then only `PRAGMA data_version` can tell, and it moves
 * with every commit).
 */
export function externalDirectoryVersion(db: Db): (() => number) | undefined {
  const state = states.get(db);
  const read = state?.read;
  if (!state || !read) return undefined;
  return () => {
    const n = read.get() as number;
    const ranges = state.gaps;
    state.gaps = [];
    let known = true;
    if (n !== state.known) {
      if (Number.isNaN(state.known) || n < state.known) known = false;
      else ranges.push([state.known + 1, n]);
      state.known = n;
    }
    if (known && ranges.length === 0) return state.external;
    const ids = known ? foreignChanges(state, ranges) : null;
    if (ids === null) state.external++;
    else if (ids.length > 0) for (const listener of state.listeners) listener(ids);
    return state.external;
  };
}

/** The actors the transactions `ranges` of the counter touched, or null when the feed cannot say. */
function foreignChanges(state: State, ranges: [number, number][]): number[] | null {
  if (!state.changes) return null;
  const ids = new Set<number>();
  for (const [from, to] of ranges) {
    const seen = new Set<number>();
    for (const [n, id] of state.changes.all(from, to) as [number, number][]) {
      if (id < 0) return null;
      seen.add(n);
      ids.add(id);
    }
    // Every transaction records at least one actor: a value without rows was pruned (or rolled back).
    if (seen.size !== to - from + 1) return null;
  }
  return [...ids];
}

/**
 * Calls `listener` with the ids of the actors other connections changed, each time this
 * connection finds out (at a read of `externalDirectoryVersion`), when `directory_changes` can
 * say which; returns a function that removes it.
 */
export function onForeignChanges(db: Db, listener: (ids: number[]) => void): () => void {
  const state = states.get(db);
  state?.listeners.add(listener);
  return () => state?.listeners.delete(listener);
}
