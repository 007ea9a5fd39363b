/**
 * What another process's save costs the searches of a server process: the app warmed as the
 * server warms it, then 60 rounds of « a save through a second connection (bench/saves.ts), then a
 * batch of 25 distinct searches at once (as 25 connections' requests come in one turn of the event
 * loop), then 21 batches more ». Prints the batches' median and p90 right after a save, the next
 * one and the others, and the CPU a batch after a save takes more than another, by function (the
 * save's own statements included: here it runs on the same thread). docs/PERFORMANCE.md §20.
 *
 *   node --max-semi-space-size=64 --import tsx bench/after-save.mts <copy of a bench db>
 *
 * It writes to the database: give it a copy.
 */

import { Session } from 'node:inspector/promises';
import { createApp } from '../apps/api/src/app.ts';
import { createLogger } from '../apps/api/src/lib/logger.ts';
import { createServices } from '../apps/api/src/services/index.ts';
import { startViewWarmer } from '../apps/api/src/services/view-warmer.ts';
import { openDatabase } from '../packages/db/src/index.ts';
import { warmUpSearch } from '../packages/geo/src/index.ts';
import { distinctSearchPaths } from './distinct.ts';
import { saveNow } from './saves.ts';

const file = process.argv[2] as string;
const db = openDatabase(file);
warmUpSearch();
const log = createLogger('silent');
const deps = createServices({ db, log });
const app = createApp({ db, log, deps });
const w = startViewWarmer(deps, { fetch: app.fetch });
await w.ready;
await w.stop?.();
const saver = openDatabase(file);
const headers = { 'accept-encoding': 'br, gzip' };
const paths = distinctSearchPaths(11, 40000);
let next = 0;
const batch = async () => {
  const t = performance.now();
  await Promise.all(
    Array.from({ length: 25 }, () => app.request(paths[next++ % paths.length] as string, { headers }).then((r) => r.arrayBuffer())),
  );
  return performance.now() - t;
};
for (let i = 0; i < 100; i++) await batch();
const after: number[] = [];
const second: number[] = [];
const other: number[] = [];
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
type Node = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
const selfAfter = new Map<string, number>();
const selfOther = new Map<string, number>();
const addProfile = (profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] }, into: Map<string, number>) => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const f = (byId.get(id) as Node).callFrame;
    const k = `${f.functionName || '(anon)'} ${f.url.replace(/.*\/(apps|packages|node_modules)\//, '$1/')}`;
    into.set(k, (into.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
};
for (let round = 0; round < 60; round++) {
  await session.post('Profiler.start');
  saveNow(saver);
  after.push(await batch());
  addProfile((await session.post('Profiler.stop')).profile as never, selfAfter);
  second.push(await batch());
  for (let i = 0; i < 20; i++) {
    if (i === 10) await session.post('Profiler.start');
    other.push(await batch());
    if (i === 10) addProfile((await session.post('Profiler.stop')).profile as never, selfOther);
  }
}
const keys = new Set([...selfAfter.keys(), ...selfOther.keys()]);
const diff = [...keys]
  .map((k) => [k, ((selfAfter.get(k) ?? 0) - (selfOther.get(k) ?? 0)) / 60 / 1000] as const)
  .sort((a, b) => b[1] - a[1]);
console.log('ms more a round after a save than in another batch, by function (self):');
for (const [k, ms] of diff.slice(0, 30)) console.log(ms.toFixed(2).padStart(7), k);
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]?.toFixed(1);
const p90 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.9)]?.toFixed(1);
console.log(
  `batch of 25 right after a foreign save: median ${med(after)} p90 ${p90(after)} ms; the next: ${med(second)} ${p90(second)}; others: ${med(other)} ${p90(other)}`,
);
process.exit(0);
