/** Two connections on one file, as two server processes: what each sees of the other's writes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from './database.ts';
import { externalDirectoryVersion } from './directory-writes.ts';
import { directoryVersion } from './search.ts';

let dir: string;
let a: Db;
let b: Db;
const counter = (db: Db) => db.prepare('SELECT n FROM directory_version').pluck().get() as number;
const addActor = (db: Db, slug: string) =>
  Number(
    db
      .prepare(`INSERT INTO actors (slug, name, name_sort, type, territory_scope) VALUES (?, ?, ?, 'association', 'national')`)
      .run(slug, slug, slug).lastInsertRowid,
  );

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pare-dirwrites-'));
  a = openDatabase(join(dir, 'pare.db'));
  b = openDatabase(join(dir, 'pare.db'));
});
afterEach(() => {
  a.close();
  b.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the shared directory version', () => {
  it('moves for the other connection when one writes the directory, and not when it writes elsewhere', () => {
    const seenByB = externalDirectoryVersion(b) as () => number;
    const before = seenByB();
    const dataVersion = () => b.pragma('data_version', { simple: true }) as number;
    const dataBefore = dataVersion();
    // A write outside the directory (what a session, a rate limit or a mail does): B keeps its caches.
    a.prepare(`INSERT INTO leases (name, holder, expires_at) VALUES ('x', 'a', 0)`).run();
    expect(dataVersion()).not.toBe(dataBefore);
    expect(seenByB()).toBe(before);
    addActor(a, 'un');
    const after = seenByB();
    expect(after).not.toBe(before);
    expect(seenByB()).toBe(after);
  });

  it('does not count a connection’s own writes as another’s (they are local ones)', () => {
    const own = externalDirectoryVersion(a) as () => number;
    const version = directoryVersion(a) as () => string;
    const before = own();
    const versionBefore = version();
    a.transaction(() => addActor(a, 'deux'))();
    addActor(b, 'trois'); // B's own write, outside a transaction: counted as another's by A
    const afterB = own();
    expect(afterB).not.toBe(before);
    a.transaction(() => addActor(a, 'quatre'))();
    expect(own()).toBe(afterB);
    expect(version()).not.toBe(versionBefore);
  });

  it('is bumped once per transaction, however many rows it writes', () => {
    const n = counter(a);
    a.transaction(() => {
      for (let i = 0; i < 50; i++) {
        const id = addActor(a, `lot-${i}`);
        a.prepare(`INSERT INTO actor_publics (actor_id, public) VALUES (?, 'jeunes')`).run(id);
      }
    })();
    expect(counter(b)).toBe(n + 1);
    a.transaction(() => a.prepare(`UPDATE actors SET name = name || ' bis'`).run())();
    expect(counter(b)).toBe(n + 2);
  });

  it('sees another’s write after one of its own transactions was rolled back (no value seen twice)', () => {
    const own = externalDirectoryVersion(a) as () => number;
    const before = own();
    expect(() =>
      a.transaction(() => {
        addActor(a, 'annulé');
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    // The rolled-back bump put the counter back where it was; B's commit brings it to the value A
    // had written in the rolled-back transaction: A must still see a change.
    b.transaction(() => addActor(b, 'cinq'))();
    expect(own()).not.toBe(before);
  });
});

describe('write transactions', () => {
  it('take the write lock when they begin: a read-then-write cannot be overtaken by another connection', () => {
    b.pragma('busy_timeout = 0');
    const id = addActor(a, 'six');
    a.transaction(() => {
      a.prepare('SELECT name FROM actors WHERE id = ?').get(id);
      // Another process trying to write now waits (here: fails at once, busy_timeout 0)…
      expect(() => b.prepare(`UPDATE actors SET name = 'B' WHERE id = ?`).run(id)).toThrow(/locked|busy/i);
      // …and this transaction's write goes through.
      a.prepare(`UPDATE actors SET name = 'A' WHERE id = ?`).run(id);
    })();
    expect(b.prepare('SELECT name FROM actors WHERE id = ?').pluck().get(id)).toBe('A');
  });

  it('deferred (better-sqlite3’s default, still available) would fail instead', () => {
    b.pragma('busy_timeout = 0');
    const id = addActor(a, 'sept');
    expect(() =>
      a
        .transaction(() => {
          a.prepare('SELECT name FROM actors WHERE id = ?').get(id);
          b.prepare(`UPDATE actors SET name = 'B' WHERE id = ?`).run(id);
          a.prepare(`UPDATE actors SET name = 'A' WHERE id = ?`).run(id);
        })
        .deferred(),
    ).toThrow(/busy|locked/i);
  });
});
