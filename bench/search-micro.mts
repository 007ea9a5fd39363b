// The search alone (no views, no HTTP): CPU per distinct place search. `node --import tsx bench/search-micro.mts <db> [count]`

import { actorSearch, openDatabase } from '../packages/db/src/index.ts';
import { listCommunes } from '../packages/geo/src/index.ts';
import { ACTIONS, PUBLICS } from '../packages/schema/src/index.ts';
import { seeded } from './distinct.ts';

const [file, count = '4000'] = process.argv.slice(2);
const db = openDatabase(file as string);
const search = actorSearch(db);
const rnd = seeded(7);
const pick = <T,>(l: readonly T[]) => l[Math.floor(rnd() * l.length)] as T;
const communes = listCommunes();
const criteria = Array.from({ length: Number(count) + 500 }, () => {
  const c = pick(communes);
  const f = rnd();
  return {
    place: {
      lat: c.lat,
      lng: c.lng,
      radiusKm: pick([2, 5, 10, 15, 20, 30, 50]),
      strict: false,
      commune: c.code,
      departement: c.departement,
      region: c.region,
    },
    ...(f < 0.35 ? { actions: [pick(ACTIONS)] } : f < 0.6 ? { publics: [pick(PUBLICS)] } : {}),
    limit: 20,
    offset: 20 * pick([0, 0, 0, 1, 2]),
  };
});
for (const s of criteria.slice(0, 500)) {
  search.searchActors(s);
  search.facetCounts(s);
}
const cpu0 = process.cpuUsage();
for (const s of criteria.slice(500)) {
  search.searchActors(s);
  search.facetCounts(s);
}
const cpu = process.cpuUsage(cpu0);
console.log(`search + facets: ${((cpu.user + cpu.system) / Number(count)).toFixed(0)} µs CPU per distinct place search`);
// The search's text worker would keep the process alive.
process.exit(0);
