// In-process distinct searches (no HTTP): `node --import tsx bench/prof-inproc.mts <db> [count] [profile.cpuprofile]`
// With a third argument, a CPU profile of the measured searches only (after the warm-up) is written there.
// SAVE_EVERY=N: a curator's save (bench/saves.ts) every N searches, as the server's own write;
// with FOREIGN=1, through a second connection (another process's write, learnt from `directory_changes`).

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createApp } from '../apps/api/src/app.ts';
import { createLogger } from '../apps/api/src/lib/logger.ts';
import { actorRepository, openDatabase, warmAnonymousListViews } from '../packages/db/src/index.ts';
import { warmUpSearch } from '../packages/geo/src/index.ts';
import { distinctSearchPaths } from './distinct.ts';
import { saveNow } from './saves.ts';

const [file, count = '3000', profileTo] = process.argv.slice(2);
const db = openDatabase(file as string);
warmUpSearch();
const app = createApp({ db, log: createLogger('silent') });
const headers = { 'accept-encoding': process.env.ENCODING ?? 'br, gzip' };
if (process.env.WARM) {
  const w0 = performance.now();
  const made = await warmAnonymousListViews(db, actorRepository(db).loadActors);
  console.log(`warmed ${made} views in ${Math.round(performance.now() - w0)} ms`);
}
for (const p of distinctSearchPaths(5001, 300)) await (await app.request(p, { headers })).arrayBuffer();
const paths = distinctSearchPaths(1, Number(count));
const session = profileTo ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const times: number[] = [];
/** Time of each search by how many searches after the last save it came (SAVE_EVERY). */
const afterSave = new Map<number, number[]>();
const slow: [number, string][] = [];
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const saveEvery = Number(process.env.SAVE_EVERY ?? 0);
const saver = process.env.FOREIGN ? openDatabase(file as string) : db;
let n = 0;
for (const p of paths) {
  if (saveEvery && ++n % saveEvery === 0) saveNow(saver);
  const t = performance.now();
  const r = await app.request(p, { headers });
  await r.arrayBuffer();
  times.push(performance.now() - t);
  if (saveEvery) {
    const since = (n - 1) % saveEvery;
    const bucket = since < 1 ? 0 : since < 5 ? 1 : since < 20 ? 5 : since < 50 ? 20 : 50;
    afterSave.set(bucket, [...(afterSave.get(bucket) ?? []), performance.now() - t]);
  }
  slow.push([performance.now() - t, p]);
}
const total = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
if (session && profileTo) writeFileSync(profileTo, JSON.stringify((await session.post('Profiler.stop')).profile));
console.log(`CPU ${((cpu.user + cpu.system) / 1000 / paths.length).toFixed(3)} ms per search`);
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.floor(q * times.length)]?.toFixed(2);
console.log(
  `${paths.length} searches: ${(total / paths.length).toFixed(3)} ms each, p50 ${at(0.5)} p90 ${at(0.9)} p99 ${at(0.99)} max ${at(0.999)}; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
);
for (const [bucket, ms] of [...afterSave].sort((a, b) => a[0] - b[0]))
  console.log(
    `searches from the ${bucket}th after a save: mean ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(2)} ms (${ms.length})`,
  );
slow.sort((a, b) => b[0] - a[0]);
for (const [t, p] of slow.slice(0, 12)) console.log(t.toFixed(1), p);
