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
  const selections = [
    index.selection('all', () => ({ ids: null, total: 0 })),
    index.selection('even', () => ({ ids: Int32Array.from(ids), total: ids.length })),
  ];
  return selections.map((sel) => ({
    actors: sel.actors,
    bounds: sel.bounds,
    views: VIEWS.map(([bbox, zoom]) => index.view(sel, bbox, zoom)),
  }));
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
    const shown = (index: ReturnType<typeof mapIndex>, key: keyof typeof sets) => {
      const sel = index.selection(key, () => ({ ids: sets[key], total: sets[key].length }));
      return { actors: sel.actors, bounds: sel.bounds, views: VIEWS.map(([bbox, zoom]) => index.view(sel, bbox, zoom)) };
    };
    const alone = Object.fromEntries((['even', 'odd', 'few'] as const).map((key) => [key, shown(mapIndex(a), key)]));
    expect(alone.even?.actors).toBeGreaterThan(0);
    expect(alone.odd?.actors).toBeGreaterThan(0);
    // One index, the sets one after another, broad and narrow alternating.
    const index = mapIndex(a);
    for (const key of ['odd', 'few', 'even'] as const) expect(shown(index, key)).toEqual(alone[key]);
  });
});
