/**
 * EXPLAIN QUERY PLAN of the main searches, with their time, on a generated database:
 *
 *   node --import tsx bench/explain.ts bench/results/pare-100000-….db
 *
 * Prints, for each search, the statements the SQL definition (actorSearchSql) runs and those the
 * app's search (actorSearch) runs, as markdown (docs/PERFORMANCE.md quotes it).
 */
import type { Db } from '../packages/db/src/database.ts';
import { type ActorSearch, actorSearch, actorSearchSql, openDatabase } from '../packages/db/src/index.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: bench/explain.ts <database>');
const db = openDatabase(file);

/** Wraps db.prepare so every statement run prints its plan and its time. */
function traced(target: Db, out: string[]): Db {
  const prepare = target.prepare.bind(target);
  const wrapped = Object.create(target) as Db;
  wrapped.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    const plan = (params: unknown[]) =>
      (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as [])) as { id: number; parent: number; detail: string }[]).reduce(
        (acc, r) => {
          const depth = (acc.depth.get(r.parent) ?? -1) + 1;
          acc.depth.set(r.id, depth);
          acc.lines.push(`${'  '.repeat(depth)}${r.detail}`);
          return acc;
        },
        { depth: new Map<number, number>([[0, -1]]), lines: [] as string[] },
      ).lines;
    for (const method of ['all', 'get'] as const) {
      const original = stmt[method].bind(stmt) as (...a: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        const t = performance.now();
        const result = original(...params);
        const ms = performance.now() - t;
        if (!/directory_version|max\(id\)/.test(sql)) {
          out.push(
            '```',
            sql.replace(/\s+/g, ' ').trim(),
            ...plan(params).map((l) => `  ${l}`),
            `  -- ${ms.toFixed(1)} ms, ${Array.isArray(result) ? result.length : 1} row(s)`,
            '```',
          );
        }
        return result;
      };
    }
    for (const method of ['pluck', 'raw'] as const) {
      const original = stmt[method].bind(stmt);
      (stmt as unknown as Record<string, unknown>)[method] = (...a: unknown[]) => {
        original(...(a as []));
        return stmt;
      };
    }
    return stmt;
  }) as Db['prepare'];
  return wrapped;
}

const searches: [string, ActorSearch][] = [
  ['text `q=enfance`', { text: 'enfance', limit: 20, offset: 0 }],
  [
    'radius `near=48.8566,2.3522&radius_km=10&actions=ecoute`',
    {
      actions: ['ecoute'],
      place: { lat: 48.8566, lng: 2.3522, radiusKm: 10, strict: true, commune: null, departement: '75', region: '11' },
      limit: 20,
      offset: 0,
    },
  ],
  ['département `departement=13`', { departement: { code: '13', region: '93' }, limit: 20, offset: 0 }],
  ['whole directory, name order (no filter)', { limit: 20, offset: 0 }],
];

{
  const out: string[] = [];
  const t = performance.now();
  actorSearch(traced(db, out)).searchActors({ limit: 1, offset: 0 });
  console.log(`#### in-memory index, built once per directory version: ${(performance.now() - t).toFixed(0)} ms\n`);
  console.log(out.join('\n'), '\n');
}

for (const [label, s] of searches) {
  for (const [kind, make] of [
    ['SQL definition (actorSearchSql, the search before this work)', actorSearchSql],
    ['in-memory search (actorSearch), first time this query is asked, index built', actorSearch],
  ] as const) {
    const out: string[] = [];
    const search = make(traced(db, out));
    if (make === actorSearch) {
      search.searchActors({ limit: 1, offset: 0 });
      out.splice(0);
    }
    const t = performance.now();
    search.searchActors(s);
    search.facetCounts(s);
    const ms = performance.now() - t;
    console.log(`#### ${label} — ${kind}: ${ms.toFixed(0)} ms (page + facets)\n`);
    console.log(out.join('\n'), '\n');
  }
}
