/** The map's site table kept across writes: patched for the actors written, equal to a fresh read. */
import { describe, expect, it } from 'vitest';
import type { Db } from './database.ts';
import { type MapBbox, mapIndex } from './map-clusters.ts';
import { seededFileConnections } from './seeded-file.test-helpers.ts';

const VIEWS: [MapBbox, number][] = [
  [[-5.5, 41.2, 9.8, 51.2], 5],
  [[-5.5, 41.2, 9.8, 51.2], 7],
  [[1.5, 48.3, 3.3, 49.3], 9],
  [[5.2, 43.2, 5.6, 43.4], 13],
  [[4.7, 45.7, 4.95, 45.9], 13],
  [[6.0, 49.0, 6.4, 49.4], 11],
];

const conns = seededFileConnections((a) => {
  // Sixty more sites around Marseille, Lyon and Metz for the actors with a site, so that views hold clusters.
  const actors = a.prepare('SELECT DISTINCT actor_id FROM sites ORDER BY actor_id').pluck().all() as number[];
  const add = a.prepare(`INSERT INTO sites (actor_id, lat, lng, precision, public_lat, public_lng) VALUES (?, ?, ?, 'commune', ?, ?)`);
  const centres = [
    [43.3, 5.4],
    [45.76, 4.83],
    [49.12, 6.18],
  ] as const;
  for (let i = 0; i < 60; i++) {
    const [lat, lng] = centres[i % 3] as readonly [number, number];
    const at = [lat + ((i * 37) % 17) / 200, lng + ((i * 53) % 19) / 200];
    add.run(actors[i % actors.length], at[0], at[1], at[0], at[1]);
  }
});

/** Every view of every selection (all sites; the actors with an even id) as a map request gives it. */
function everything(index: ReturnType<typeof mapIndex>, db: Db) {
  const ids = db.prepare('SELECT id FROM actors WHERE id % 2 = 0 ORDER BY id').pluck().all() as number[];
  const sets = [
    ['all', () => ({ ids: null, total: 0 })],
    ['even', () => ({ ids: Int32Array.from(ids), total: ids.length })],
  ] as const;
  return sets.map(([key, matching]) => shown(index, key, matching));
}

/** A filter set's figures and its views, as map requests give them. */
function shown(index: ReturnType<typeof mapIndex>, key: string, matching: () => { ids: Int32Array | null; total: number }) {
  const views = VIEWS.map(([bbox, zoom]) => index.show(key, matching, bbox, zoom));
  const first = views[0];
  return { actors: first?.actors, bounds: first?.bounds, views: views.map((v) => v.features) };
}

const one = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;

describe('the map after a write', () => {
  it('shows what a fresh read shows, patched for the actors written here or by another process, never read whole again', async () => {
    const { a, b } = conns;
    const kept = mapIndex(a);
    const before = everything(kept, a);
    const features = before.flatMap((s) => s.views.flat());
    expect(features.some((f) => f.properties.cluster)).toBe(true);
    expect(features.some((f) => !f.properties.cluster)).toBe(true);
    const site = one(a, 'SELECT id FROM sites WHERE public_lat IS NOT NULL ORDER BY id LIMIT 1');
    const actor = one(a, `SELECT actor_id FROM sites WHERE id = ${site}`);
    const other = one(
      a,
      `SELECT id FROM actors WHERE status = 'published' AND territory_scope <> 'national' AND id <> ${actor} ORDER BY id DESC LIMIT 1`,
    );
    const writes: [Db, string][] = [
      [a, `UPDATE sites SET public_lat = public_lat + 0.7, public_lng = public_lng - 0.4 WHERE id = ${site}`],
      [a, `UPDATE actors SET status = 'archived' WHERE id = ${other}`],
      [b, `UPDATE actors SET status = 'published' WHERE id = ${other}`],
      [a, `INSERT INTO sites (actor_id, lat, lng, precision, public_lat, public_lng) VALUES (${actor}, 43.3, 5.4, 'commune', 43.3, 5.4)`],
      [b, `UPDATE actors SET territory_scope = 'national' WHERE id = ${actor}`],
      [a, `UPDATE actors SET territory_scope = 'departements' WHERE id = ${actor}`],
      [b, `DELETE FROM sites WHERE id = ${site}`],
      [
        b,
        `INSERT INTO actors (slug, name, name_sort, type, territory_scope) VALUES ('nouveau', 'Nouveau', 'nouveau', 'association', 'departements')`,
      ],
      [
        b,
        `INSERT INTO sites (actor_id, lat, lng, precision, public_lat, public_lng) VALUES ((SELECT max(id) FROM actors), 45.76, 4.83, 'commune', 45.76, 4.83)`,
      ],
    ];
    for (const [db, sql] of writes) {
      db.prepare(sql).run();
      // Another connection's commit is seen from the next turn of the event loop (search-version.ts).
      await new Promise((resolve) => setImmediate(resolve));
      expect(everything(kept, a), sql).toEqual(everything(mapIndex(a), a));
    }
    expect(everything(kept, a)).not.toEqual(before);
    expect(kept.builds()).toBe(1);
  });
});

describe('a filter set’s selection', () => {
  it('is the same whichever selections were made before it (their marks are cleared after each)', () => {
    const { a } = conns;
    const ids = (sql: string) => Int32Array.from(a.prepare(sql).pluck().all() as number[]);
    const sets = {
      even: ids('SELECT id FROM actors WHERE id % 2 = 0 ORDER BY id'),
      odd: ids('SELECT id FROM actors WHERE id % 2 = 1 ORDER BY id'),
      few: ids('SELECT DISTINCT actor_id FROM sites ORDER BY actor_id LIMIT 2'),
    };
    const show = (index: ReturnType<typeof mapIndex>, key: keyof typeof sets) =>
      shown(index, key, () => ({ ids: sets[key], total: sets[key].length }));
    const alone = Object.fromEntries((['even', 'odd', 'few'] as const).map((key) => [key, show(mapIndex(a), key)]));
    expect(alone.even?.actors).toBeGreaterThan(0);
    expect(alone.odd?.actors).toBeGreaterThan(0);
    // One index, the sets one after another, broad and narrow alternating.
    const index = mapIndex(a);
    for (const key of ['odd', 'few', 'even'] as const) expect(show(index, key)).toEqual(alone[key]);
  });

  it('is the same made from its actors’ sites (a narrow search) as from a pass over every site (a broad one)', () => {
    const { a } = conns;
    const few = Int32Array.from(
      a
        .prepare(
          `SELECT DISTINCT s.actor_id FROM sites s JOIN actors x ON x.id = s.actor_id
           WHERE x.status = 'published' AND x.territory_scope <> 'national' AND s.public_lat IS NOT NULL ORDER BY s.actor_id DESC LIMIT 5`,
        )
        .pluck()
        .all() as number[],
    );
    // The same actors among ids no site has, more than an eighth of the sites: the broad pass.
    const sites = one(a, 'SELECT count(*) FROM sites');
    const padded = Int32Array.from([...few, ...Array.from({ length: sites }, (_, i) => 1_000_000 + i)]);
    const show = (key: string, ids: Int32Array) => shown(mapIndex(a), key, () => ({ ids, total: few.length }));
    const narrow = show('narrow', few);
    expect(narrow.actors).toBe(few.length);
    expect(few.length).toBeGreaterThan(1);
    expect(narrow.views.flat().length).toBeGreaterThan(0);
    expect(show('broad', padded)).toEqual(narrow);
  });

  it('is kept from its second request only, and shows the same made for one request or kept', () => {
    const { a } = conns;
    const ids = (sql: string) => Int32Array.from(a.prepare(sql).pluck().all() as number[]);
    const even = () => ({ ids: ids('SELECT id FROM actors WHERE id % 2 = 0'), total: 0 });
    const odd = () => ({ ids: ids('SELECT id FROM actors WHERE id % 2 = 1'), total: 0 });
    const index = mapIndex(a);
    const [bbox, zoom] = VIEWS[0] as [MapBbox, number];
    const once = index.show('even', even, bbox, zoom);
    expect(once.features.length).toBeGreaterThan(0);
    expect(index.kept()).toBe(0);
    // Another filter set made in the same scratch columns in between: the first answer is whole.
    const other = index.show('odd', odd, bbox, zoom);
    expect(other).not.toEqual(once);
    expect(index.show('even', even, bbox, zoom)).toEqual(once);
    expect(index.kept()).toBe(1);
    index.show('odd', odd, bbox, zoom);
    index.show('all', () => ({ ids: null, total: 0 }), bbox, zoom);
    expect(index.kept()).toBe(2);
    expect(index.show('even', even, bbox, zoom)).toEqual(once);
    // After a write, a filter set that was kept is kept again from its first request.
    a.prepare('UPDATE sites SET public_lat = public_lat + 0.01 WHERE id = (SELECT min(id) FROM sites)').run();
    index.show('even', even, bbox, zoom);
    expect(index.kept()).toBe(1);
  });
});
