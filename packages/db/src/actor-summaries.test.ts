/** The back office's actor summaries kept across writes: patched for the actors written, equal to a fresh read. */
import { describe, expect, it } from 'vitest';
import { type Db, openDatabase } from './database.ts';
import { seededFileConnections } from './seeded-file.test-helpers.ts';
import { curationQueries } from './submissions.ts';

const conns = seededFileConnections();

/** The summaries as a connection opened now reads them. */
function freshRead(): unknown {
  const c = openDatabase(conns.file);
  try {
    return structuredClone(curationQueries(c).listActorSummaries());
  } finally {
    c.close();
  }
}

describe('the back office’s list of actors after a write', () => {
  it('is what a fresh read gives, patched for the actors written here or by another process, never read whole again', async () => {
    const { a, b } = conns;
    const queries = curationQueries(a);
    const before = structuredClone(queries.listActorSummaries());
    expect(before.length).toBeGreaterThanOrEqual(3);
    const [first, second, last] = before.map((s) => ({ id: s.id })) as [{ id: number }, { id: number }, { id: number }];
    const writes: [Db, string][] = [
      // Renamed to sort last, then first: the list keeps the actors' order.
      [a, `UPDATE actors SET name = 'Zz', name_sort = 'zz' WHERE id = ${first.id}`],
      [b, `UPDATE actors SET name = 'Aa', name_sort = 'aa' WHERE id = ${last.id}`],
      [
        a,
        `UPDATE actors SET status = 'archived', last_verified_at = '2026-01-02T00:00:00.000Z', verified_by = 'x' WHERE id = ${second.id}`,
      ],
      [
        b,
        `INSERT INTO sites (actor_id, lat, lng, precision, public_lat, public_lng, departement_code) VALUES (${second.id}, 43.3, 5.4, 'commune', 43.3, 5.4, '13')`,
      ],
      [a, `DELETE FROM sites WHERE actor_id = ${first.id}`],
      [b, `INSERT INTO actors (slug, name, name_sort, type, territory_scope) VALUES ('m', 'M', 'm', 'association', 'national')`],
      [a, `INSERT INTO actors (slug, name, name_sort, type, territory_scope) VALUES ('m2', 'M', 'm', 'association', 'national')`],
    ];
    for (const [db, sql] of writes) {
      db.prepare(sql).run();
      // Another connection's commit is seen from the next turn of the event loop (search-version.ts).
      await new Promise((resolve) => setImmediate(resolve));
      expect(structuredClone(queries.listActorSummaries()), sql).toEqual(freshRead());
    }
    expect(queries.listActorSummaries().map((s) => s.name)).toContain('Zz');
    expect(queries.summaryBuilds()).toBe(1);
  });
});
