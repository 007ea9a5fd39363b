/** Two connections on one file, as two server processes: what each sees of the other's writes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from './database.ts';
import { externalDirectoryVersion, MAX_RECORDED, onForeignChanges, writeInBulk } from './directory-writes.ts';
import { actorSearch, directoryVersion } from './search.ts';

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

/**
 * What `db` is told of the directory's writes, watched from now: its external counter and its
 * version (with their values now), and the actor ids `onForeignChanges` hands it.
 */
function watch(db: Db) {
  const external = externalDirectoryVersion(db) as () => number;
  const version = directoryVersion(db) as () => string;
  const told: number[][] = [];
  onForeignChanges(db, (ids) => told.push(ids));
  return { external, version, told, before: external(), versionBefore: version() };
}

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
  it('tells the other connection which actors one wrote, and nothing when it writes elsewhere', () => {
    const { external: seenByB, version: versionOfB, told, before, versionBefore } = watch(b);
    const dataVersion = () => b.pragma('data_version', { simple: true }) as number;
    const dataBefore = dataVersion();
    // A write outside the directory (what a session, a rate limit or a mail does): B keeps its caches.
    a.prepare(`INSERT INTO leases (name, holder, expires_at) VALUES ('x', 'a', 0)`).run();
    expect(dataVersion()).not.toBe(dataBefore);
    expect(seenByB()).toBe(before);
    expect(told).toEqual([]);
    const id = addActor(a, 'un');
    // B learns which actor changed (it patches), so nothing makes it rebuild everything.
    expect(seenByB()).toBe(before);
    expect(told).toEqual([[id]]);
    expect(versionOfB()).not.toBe(versionBefore);
  });

  it('does not count a connection’s own writes as another’s (they are local ones)', () => {
    const { external: own, version, told, before, versionBefore } = watch(a);
    a.transaction(() => addActor(a, 'deux'))();
    expect(own()).toBe(before);
    expect(told).toEqual([]);
    const trois = addActor(b, 'trois'); // B's write: A is told its actor
    expect(own()).toBe(before);
    expect(told).toEqual([[trois]]);
    // A's next write, after B's, bumps past B's value: B's is still read for A, once.
    b.transaction(() => addActor(b, 'trois bis'))();
    const quatre = a.transaction(() => addActor(a, 'quatre'))();
    expect(own()).toBe(before);
    expect(told.flat()).not.toContain(quatre);
    expect(told).toHaveLength(2);
    expect(version()).not.toBe(versionBefore);
  });

  it('records each actor a transaction touched once, under the value it moved the counter to', () => {
    const ids = a.transaction(() => {
      const first = addActor(a, 'lot-a');
      const second = addActor(a, 'lot-b');
      for (const id of [first, second]) a.prepare(`INSERT INTO actor_publics (actor_id, public) VALUES (?, 'jeunes')`).run(id);
      a.prepare(`UPDATE actors SET name = 'lot a' WHERE id = ?`).run(first);
      return [first, second];
    })();
    const n = counter(a);
    expect(a.prepare('SELECT actor_id FROM directory_changes WHERE n = ? ORDER BY actor_id').pluck().all(n)).toEqual(ids);
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

describe('another process’s writes, replayed', () => {
  const publishedNational = (db: Db, slug: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO actors (slug, name, name_sort, type, territory_scope, status) VALUES (?, ?, ?, 'association', 'national', 'published')`,
        )
        .run(slug, slug, slug).lastInsertRowid,
    );
  const everything = { limit: 5, offset: 0 } as const;

  // What another process committed is looked for once per turn of the event loop.
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('patch a search index for the actors written elsewhere: the next search sees them without a rebuild', async () => {
    publishedNational(a, 'deja-la');
    const search = actorSearch(b);
    expect(search.searchActors(everything).total).toBe(1);
    expect(search.indexBuilds()).toBe(1);
    const added = publishedNational(a, 'ajoute-ailleurs');
    a.transaction(() => a.prepare(`UPDATE actors SET status = 'archived' WHERE slug = 'deja-la'`).run())();
    await nextTurn();
    const found = search.searchActors(everything);
    expect(found.hits.map((h) => h.id)).toEqual([added]);
    expect(search.indexBuilds()).toBe(1);
  });

  it('rebuild when one transaction touched more actors than are recorded', async () => {
    const search = actorSearch(b);
    expect(search.searchActors(everything).total).toBe(0);
    a.transaction(() => {
      for (let i = 0; i <= MAX_RECORDED; i++) publishedNational(a, `masse-${i}`);
    })();
    expect(a.prepare('SELECT count(*) FROM directory_changes WHERE actor_id = -1').pluck().get()).toBe(1);
    await nextTurn();
    expect(search.searchActors(everything).total).toBe(MAX_RECORDED + 1);
    expect(search.indexBuilds()).toBe(2);
  });

  it('rebuild after lagging behind more transactions than are kept', async () => {
    const search = actorSearch(b);
    expect(search.searchActors(everything).total).toBe(0);
    for (let i = 0; i < 1001; i++) a.transaction(() => publishedNational(a, `suite-${i}`))();
    expect(a.prepare('SELECT count(DISTINCT n) FROM directory_changes').pluck().get()).toBeLessThanOrEqual(1000);
    await nextTurn();
    expect(search.searchActors(everything).total).toBe(1001);
    expect(search.indexBuilds()).toBe(2);
  });
});

describe('a bulk write (the generator, an import’s batch)', () => {
  const rowTriggers = (db: Db) =>
    db.prepare(`SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'pare_bump_%'`).pluck().get() as number;

  it('tells another connection the actors it names, bumped once, as row by row would', () => {
    const { external: seenByB, told, before } = watch(b);
    const n = counter(a);
    const triggers = rowTriggers(a);
    expect(triggers).toBeGreaterThan(0);
    const ids = writeInBulk(a, () => {
      const written = ['vrac-a', 'vrac-b', 'vrac-c'].map((slug) => addActor(a, slug));
      for (const id of written) a.prepare(`INSERT INTO actor_publics (actor_id, public) VALUES (?, 'jeunes')`).run(id);
      return { result: written, touched: written };
    });
    expect(counter(b)).toBe(n + 1);
    expect(
      a
        .prepare('SELECT actor_id FROM directory_changes WHERE n = ? ORDER BY actor_id')
        .pluck()
        .all(n + 1),
    ).toEqual(ids);
    expect(seenByB()).toBe(before);
    expect(told).toEqual([ids]);
    // The row triggers are back: the next ordinary write is recorded by them.
    expect(rowTriggers(a)).toBe(triggers);
    const later = addActor(a, 'apres');
    expect(
      a
        .prepare('SELECT actor_id FROM directory_changes WHERE n = ?')
        .pluck()
        .all(n + 2),
    ).toEqual([later]);
  });

  it('records « too many » when it names more actors than are recorded, or cannot name them', async () => {
    const search = actorSearch(b);
    expect(search.searchActors({ limit: 5, offset: 0 }).total).toBe(0);
    writeInBulk(a, () => ({ result: null, touched: Array.from({ length: MAX_RECORDED + 1 }, (_, i) => i + 1) }));
    expect(a.prepare('SELECT actor_id FROM directory_changes WHERE n = ?').pluck().all(counter(a))).toEqual([-1]);
    await new Promise((resolve) => setImmediate(resolve));
    search.searchActors({ limit: 5, offset: 0 });
    expect(search.indexBuilds()).toBe(2);
    writeInBulk(a, () => ({ result: null, touched: 'all' }));
    expect(a.prepare('SELECT actor_id FROM directory_changes WHERE n = ?').pluck().all(counter(a))).toEqual([-1]);
  });

  it('leaves nothing behind when it fails: no bump, no record, its row triggers in place', () => {
    const n = counter(a);
    const triggers = rowTriggers(a);
    expect(() =>
      writeInBulk(a, () => {
        addActor(a, 'echoue');
        throw new Error('rollback');
      }),
    ).toThrow('rollback');
    expect(counter(b)).toBe(n);
    expect(a.prepare(`SELECT count(*) FROM actors WHERE slug = 'echoue'`).pluck().get()).toBe(0);
    expect(rowTriggers(a)).toBe(triggers);
    const id = addActor(a, 'ensuite');
    expect(a.prepare('SELECT actor_id FROM directory_changes WHERE n = ?').pluck().all(counter(a))).toEqual([id]);
  });

  it('inside a transaction that wrote already, records under that transaction’s one bump', () => {
    const n = counter(a);
    const [first, second] = a.transaction(() => {
      const one = addActor(a, 'avant-lot');
      const two = writeInBulk(a, () => {
        const id = addActor(a, 'dans-lot');
        return { result: id, touched: [id] };
      });
      return [one, two];
    })();
    expect(counter(b)).toBe(n + 1);
    expect(
      a
        .prepare('SELECT actor_id FROM directory_changes WHERE n = ? ORDER BY actor_id')
        .pluck()
        .all(n + 1),
    ).toEqual([first, second]);
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
