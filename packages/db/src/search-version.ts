import type { Db } from './database.ts';
import { externalDirectoryVersion, onForeignChanges } from './directory-writes.ts';

/**
 * The directory version: a value that changes whenever what a search or an actor page reads may
 * have changed (the actors, their publics, actions, territories, sites or contacts), and the
 * actors a write on this connection touched, for the indexes that update themselves in place.
 *
 * Writes on this connection are counted by temporary triggers calling a JavaScript function with
 * the actor's id (no write of their own, so a bulk load pays about a microsecond a row, and a
 * rolled-back write still counts: nothing kept can outlive it). Commits from another connection
 * or process are learnt from the shared counter of directory-writes.ts, with the actors they
 * touched (`directory_changes`): those are handed to the feeds as if written here, so indexes
 * patch themselves for them too; only when the counter cannot say which actors changed (or for a
 * connection not opened by `openDatabase`, where `PRAGMA data_version` is all there is) does the
 * external part of the version move, and everything kept is rebuilt.
 */
type Tracker = {
  version: () => string;
  /** The part of the version that only commits from other connections move. */
  external: () => number;
  feeds: Set<Feed>;
};

type Feed = { ids: Set<number>; overflow: boolean };

/**
 * What a write on this connection touched, for one reader: `take()` hands over the actor ids
 * changed since the last call, or `null` when more changed than is worth replaying one by one.
 */
export type ChangeFeed = { take: () => number[] | null; close: () => void };

/** Beyond this many actors changed between two reads, an index is rebuilt rather than patched. */
const MAX_REPLAYED = 2_000;

const trackers = new WeakMap<Db, Tracker>();
const TRACKED: [table: string, actorId: string][] = [
  ['actors', 'id'],
  ['actor_publics', 'actor_id'],
  ['actor_actions', 'actor_id'],
  ['actor_territories', 'actor_id'],
  ['sites', 'actor_id'],
  ['contacts', 'actor_id'],
];

function tracker(db: Db): Tracker | undefined {
  const known = trackers.get(db);
  if (known) return known;
  if (db.inTransaction || !db.open) return undefined;
  let local = 0;
  const feeds = new Set<Feed>();
  const changed = (ids: readonly unknown[]) => {
    local++;
    for (const feed of feeds) {
      if (feed.overflow) continue;
      for (const id of ids) if (typeof id === 'number' || typeof id === 'bigint') feed.ids.add(Number(id));
      if (feed.ids.size > MAX_REPLAYED) {
        feed.overflow = true;
        feed.ids.clear();
      }
    }
  };
  try {
    db.function('pare_directory_changed', { deterministic: false, varargs: true }, (...ids: unknown[]) => {
      changed(ids);
      return null;
    });
    for (const [table, column] of TRACKED) {
      for (const op of ['insert', 'update', 'delete']) {
        const args = op === 'insert' ? `NEW.${column}` : op === 'delete' ? `OLD.${column}` : `OLD.${column}, NEW.${column}`;
        db.exec(
          `CREATE TEMP TRIGGER IF NOT EXISTS pare_changed_${table}_${op} AFTER ${op.toUpperCase()} ON main.${table} BEGIN SELECT pare_directory_changed(${args}); END`,
        );
      }
    }
  } catch {
    return undefined; // a connection that cannot hold temporary triggers: nothing is kept
  }
  // `PRAGMA data_version` costs a few microseconds under load, and a cached search asks for the
  // version once or twice: it is read once per turn of the event loop. A commit from another
  // connection is thus seen from the next turn on (writes on this connection, at once).
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  // Commits by other processes: the shared counter of directory-writes.ts (only directory writes
  // move it); `PRAGMA data_version` for a connection not opened by `openDatabase`.
  const shared = externalDirectoryVersion(db);
  // What other processes changed, when the shared counter can say which actors: as a local write.
  onForeignChanges(db, changed);
  let externalNow: number | undefined;
  const forget = () => {
    externalNow = undefined;
  };
  const external = () => {
    if (externalNow === undefined) {
      externalNow = shared ? shared() : (dataVersion.get() as number);
      setImmediate(forget);
    }
    return externalNow;
  };
  const t: Tracker = { version: () => `${external()}:${local}`, external, feeds };
  trackers.set(db, t);
  return t;
}

/**
 * The directory version of a connection, as a function to call at each read. Set up once per
 * connection, outside a transaction; undefined until then (and then nothing may be kept).
 */
export function directoryVersion(db: Db): (() => string) | undefined {
  return tracker(db)?.version;
}

/**
 * The version split in two, and the feed of actors written on this connection: what an index
 * needs to update itself in place after a local write, and to know it must be rebuilt after a
 * commit from elsewhere. Undefined where `directoryVersion` is.
 */
export function directoryChanges(db: Db): { version: () => string; external: () => number; feed: () => ChangeFeed } | undefined {
  const t = tracker(db);
  if (!t) return undefined;
  return {
    version: t.version,
    external: t.external,
    feed: () => {
      const f: Feed = { ids: new Set(), overflow: false };
      t.feeds.add(f);
      return {
        take: () => {
          if (f.overflow) {
            f.overflow = false;
            return null;
          }
          const ids = [...f.ids];
          f.ids.clear();
          return ids;
        },
        close: () => {
          t.feeds.delete(f);
        },
      };
    },
  };
}

/**
 * A value built from the directory and kept across reads (the map's site table, the back office's
 * summaries): `read()` gives it as the directory is now — patched for the actors written since
 * the last read (on this connection, or by another process when `directory_changes` can say
 * which), built whole when they cannot be told. Inside a transaction it is built afresh and not
 * kept (a rollback would leave it ahead of the data). `builds()` counts the whole builds.
 */
export function keptAcrossWrites<T>(db: Db, build: () => T, patch: (kept: T, written: number[]) => T) {
  let value: T | undefined;
  let version: string | undefined;
  let external: number | undefined;
  let feed: ChangeFeed | undefined;
  let builds = 0;
  const whole = () => {
    builds++;
    return build();
  };
  return {
    read(): T {
      const changes = db.inTransaction ? undefined : directoryChanges(db);
      if (!changes) return whole();
      const v = changes.version();
      if (value !== undefined && v === version) return value;
      const ext = changes.external();
      feed ??= changes.feed();
      const written = feed.take();
      value = value !== undefined && ext === external && written ? patch(value, written) : whole();
      version = v;
      external = ext;
      return value;
    },
    builds: () => builds,
  };
}
