/**
 * Territory autocomplete: every prefix of every commune name, as a person typing would, timed
 * one call at a time (the logic of packages/geo/scripts/bench-autocomplete.ts). Run as a child
 * of bench/run.ts; prints one JSON line.
 */
import { listCommunes, searchTerritories, warmUpSearch } from '../packages/geo/src/index.ts';

const started = process.hrtime.bigint();
warmUpSearch();
const buildMs = Number(process.hrtime.bigint() - started) / 1e6;

const prefixes: string[] = [];
for (const commune of listCommunes()) {
  for (let length = 1; length <= commune.name.length; length++) prefixes.push(commune.name.slice(0, length));
}
for (const prefix of prefixes.slice(0, 20_000)) searchTerritories(prefix);

const timings = new Float64Array(prefixes.length);
let sink = 0;
prefixes.forEach((prefix, i) => {
  const t = process.hrtime.bigint();
  sink += searchTerritories(prefix).length;
  timings[i] = Number(process.hrtime.bigint() - t) / 1e3;
});
timings.sort();
const at = (p: number) => timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))] ?? 0;
console.log(
  JSON.stringify({
    prefixes: prefixes.length,
    communes: listCommunes().length,
    indexBuildMs: Math.round(buildMs),
    p50Us: at(50),
    p99Us: at(99),
    maxUs: at(100),
    sink: sink > 0,
  }),
);
