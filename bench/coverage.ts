/**
 * Issue 19: the coverage statistics at scale. Times `GET /api/stats/coverage` on a generated
 * directory (through the real app, in process): the first build, answers from the kept copy
 * (JSON and CSV), and the rebuild after a change to one actor. Targets: served under 100 ms from
 * cache, rebuilt under 5 s.
 *
 *   pnpm pare generate --actors 100000 --db bench/results/pare-100000.db
 *   npx tsx bench/coverage.ts --db bench/results/pare-100000.db [--runs 200]
 *
 * The database is written to (a change is made, gap episodes are recorded): use a generated one.
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string' } }, strict: true });
if (!values.db) {
  console.error('--db <fichier généré> attendu');
  process.exit(2);
}
const runs = Number(values.runs ?? '200');
const { openDatabase } = await import('../packages/db/src/index.ts');
const { createApp } = await import('../apps/api/src/app.ts');
const { createLogger } = await import('../apps/api/src/lib/logger.ts');
const db = openDatabase(values.db);
const app = createApp({ db, log: createLogger('silent') });
const actors = db.prepare(`SELECT count(*) FROM actors WHERE status = 'published'`).pluck().get() as number;

async function timed(path: string): Promise<{ ms: number; bytes: number; status: number }> {
  const t0 = performance.now();
  const res = await app.request(path);
  const body = await res.arrayBuffer();
  return { ms: performance.now() - t0, bytes: body.byteLength, status: res.status };
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;

const first = await timed('/api/stats/coverage');
const cached: number[] = [];
const csv: number[] = [];
for (let i = 0; i < runs; i++) {
  cached.push((await timed('/api/stats/coverage')).ms);
  csv.push((await timed('/api/stats/coverage?format=csv')).ms);
}
// A change to one actor moves the directory version: the next answer is rebuilt.
const rebuilds: number[] = [];
for (let i = 0; i < 3; i++) {
  db.prepare(`UPDATE actors SET updated_at = ? WHERE id = (SELECT min(id) FROM actors WHERE status = 'published')`).run(
    new Date().toISOString(),
  );
  rebuilds.push((await timed('/api/stats/coverage')).ms);
}
const f = (n: number) => `${n.toFixed(1)} ms`;
const rebuildMax = Math.max(...rebuilds);
const cachedP99 = pct(cached, 99);
console.log(`coverage at ${actors} published actors (${first.bytes} bytes JSON, status ${first.status})`);
console.log(`  first build          ${f(first.ms)}`);
console.log(`  from cache JSON      p50 ${f(pct(cached, 50))}  p99 ${f(cachedP99)}  (${runs} requests)`);
console.log(`  from cache CSV       p50 ${f(pct(csv, 50))}  p99 ${f(pct(csv, 99))}`);
console.log(`  rebuild after change ${rebuilds.map(f).join(', ')}`);
console.log(`  targets: cache < 100 ms ${cachedP99 < 100 ? 'PASS' : 'FAIL'}, rebuild < 5 s ${rebuildMax < 5000 ? 'PASS' : 'FAIL'}`);
db.close();
process.exitCode = cachedP99 < 100 && rebuildMax < 5000 ? 0 : 1;
