// Types every commune name one character at a time and times searchTerritories on each
// prefix, as a person filling the place field would. Not part of the test run:
//
//   npx -y pnpm@10 --filter @pare/geo bench:geo
//
// A baseline (indexOf on a 20-item array) is timed in the same run, so the figures can be
// compared across machines as ratios.
import { listCommunes, searchTerritories, warmUpSearch } from '../src/index.ts';

function percentile(sorted: BigInt64Array, p: number): bigint {
  const index = Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length));
  return sorted[index] ?? 0n;
}

const micro = (ns: bigint): string => (Number(ns) / 1000).toFixed(2);

function measure(prefixes: string[], run: (prefix: string) => unknown): { median: bigint; p99: bigint; max: bigint } {
  const timings = new BigInt64Array(prefixes.length);
  let sink = 0;
  prefixes.forEach((prefix, i) => {
    const start = process.hrtime.bigint();
    const result = run(prefix);
    timings[i] = process.hrtime.bigint() - start;
    if (result !== undefined) sink++;
  });
  if (sink < 0) console.log(sink); // keeps the calls observable so they are not optimised away
  timings.sort();
  return { median: percentile(timings, 50), p99: percentile(timings, 99), max: timings[timings.length - 1] ?? 0n };
}

const loadStart = process.hrtime.bigint();
warmUpSearch();
const loadNs = process.hrtime.bigint() - loadStart;

const prefixes: string[] = [];
for (const commune of listCommunes()) {
  for (let length = 1; length <= commune.name.length; length++) prefixes.push(commune.name.slice(0, length));
}

const small = [
  'ain',
  'aisne',
  'allier',
  'ardennes',
  'aube',
  'aude',
  'cher',
  'creuse',
  'doubs',
  'drome',
  'eure',
  'gard',
  'gers',
  'indre',
  'isere',
  'jura',
  'loire',
  'lot',
  'manche',
  'marne',
];
// Warm both paths up so the JIT has compiled them before timing.
for (const prefix of prefixes.slice(0, 20_000)) searchTerritories(prefix);
const baseline = measure(prefixes, (prefix) => small.indexOf(prefix));
const search = measure(prefixes, (prefix) => searchTerritories(prefix));

console.log(`index build (first use): ${(Number(loadNs) / 1e6).toFixed(0)} ms`);
console.log(`${prefixes.length} prefixes of ${listCommunes().length} commune names`);
console.log(`searchTerritories: median ${micro(search.median)} µs, p99 ${micro(search.p99)} µs, max ${micro(search.max)} µs`);
console.log(`baseline indexOf:  median ${micro(baseline.median)} µs, p99 ${micro(baseline.p99)} µs`);
console.log(
  `ratio to baseline: median ×${(Number(search.median) / Number(baseline.median || 1n)).toFixed(0)}, p99 ×${(Number(search.p99) / Number(baseline.p99 || 1n)).toFixed(0)}`,
);
